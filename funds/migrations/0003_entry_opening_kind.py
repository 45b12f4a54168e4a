"""Entry kind `opening` (the balance a book starts with), and the carry-over the demo and early books wrote as a
receipt ("Số dư năm 2025 chuyển sang") turned into that kind: carry-over is not a receipt."""

import re

from django.db import migrations, models

CARRY_OVER = re.compile(r"^\s*Số dư (năm \d{4} )?chuyển sang\s*$", re.IGNORECASE)


def carry_over_receipts_to_opening(apps, schema_editor):
    Entry = apps.get_model("funds", "Entry")
    ids = [e.pk for e in Entry.objects.filter(kind="receipt", reverses__isnull=True, amount__gt=0,
                                              donor_type="other").only("pk", "donor_name")
           if CARRY_OVER.match(e.donor_name)]
    Entry.objects.filter(pk__in=ids).update(kind="opening", donor_type="")


class Migration(migrations.Migration):

    dependencies = [
        ("funds", "0002_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="entry",
            name="kind",
            field=models.CharField(choices=[("opening", "Số dư chuyển sang"), ("receipt", "Thu"),
                                            ("disbursement", "Chi"), ("transfer_in", "Nhận chuyển từ cấp khác"),
                                            ("transfer_out", "Chuyển cho cấp khác")],
                                   max_length=12, verbose_name="loại"),
        ),
        migrations.RunPython(carry_over_receipts_to_opening, migrations.RunPython.noop),
    ]
