"""The topic the Bắc Kạn 2017 plan names for the cooperative alliance's commitment (§II.9: "mỗi xã nông thôn mới
có 01 Hợp tác xã kiểu mới hoạt động có hiệu quả")."""

from django.db import migrations


def forwards(apps, schema_editor):
    Topic = apps.get_model("initiatives", "Topic")
    Topic.objects.update_or_create(code="hop-tac-xa-kieu-moi", defaults={"name": "Hợp tác xã kiểu mới", "order": 11})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_initiative_version")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
