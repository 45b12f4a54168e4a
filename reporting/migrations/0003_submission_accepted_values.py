"""A submission no longer keeps a live copy of its values (they are typed into the spine): the field becomes the
frozen snapshot of the report as accepted. Reports not accepted lose the old copy (their values are in the spine)."""

from django.db import migrations, models


def keep_only_accepted_snapshots(apps, schema_editor):
    Submission = apps.get_model("reporting", "Submission")
    Submission.objects.exclude(state__in=["accepted", "locked"]).update(accepted_values={})


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0002_reportinground_requirement"),
    ]

    operations = [
        migrations.RenameField(model_name="submission", old_name="values", new_name="accepted_values"),
        migrations.AlterField(
            model_name="submission",
            name="accepted_values",
            field=models.JSONField(blank=True, default=dict, verbose_name="số liệu khi tiếp nhận"),
        ),
        migrations.RunPython(keep_only_accepted_snapshots, migrations.RunPython.noop),
    ]
