"""Kinds of covenant rules; the first three are the civilised-lifestyle rules of the Thái Nguyên 2026 target."""

from django.db import migrations

RULES = [
    ("viec-cuoi", "Việc cưới văn minh", True),
    ("viec-tang", "Việc tang văn minh", True),
    ("moi-truong", "Bảo vệ môi trường, vệ sinh", True),
    ("le-hoi", "Lễ hội, mừng thọ, tân gia", False),
    ("an-ninh-trat-tu", "An ninh trật tự", False),
    ("phong-chong-ma-tuy", "Phòng chống ma túy, tệ nạn xã hội", False),
    ("khuyen-hoc", "Khuyến học, khuyến tài", False),
    ("hoa-giai", "Hòa giải ở cơ sở", False),
]


def forwards(apps, schema_editor):
    CovenantRule = apps.get_model("activities", "CovenantRule")
    for order, (code, name, civilised) in enumerate(RULES, start=1):
        CovenantRule.objects.update_or_create(code=code, defaults={
            "name": name, "is_civilised_lifestyle": civilised, "order": order})


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
