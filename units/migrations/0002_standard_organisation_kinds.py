from django.db import migrations

STANDARD = [
    ("hoi-nong-dan", "Hội Nông dân", "Hội ND"),
    ("hoi-lhpn", "Hội Liên hiệp Phụ nữ", "Hội LHPN"),
    ("doan-tncs", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn TN"),
    ("hoi-ccb", "Hội Cựu chiến binh", "Hội CCB"),
    ("cong-doan", "Công đoàn (Liên đoàn Lao động)", "Công đoàn"),
    ("hoi-nct", "Hội Người cao tuổi", "Hội NCT"),
    ("hoi-khuyen-hoc", "Hội Khuyến học", "Hội KH"),
    ("lien-minh-htx", "Liên minh Hợp tác xã", "LM HTX"),
    ("lien-hiep-hoi-khkt", "Liên hiệp các Hội Khoa học và Kỹ thuật", "LH Hội KH-KT"),
    ("hoi-chu-thap-do", "Hội Chữ thập đỏ", "Hội CTĐ"),
]


def forwards(apps, schema_editor):
    OrganisationKind = apps.get_model("units", "OrganisationKind")
    for order, (code, name, short) in enumerate(STANDARD, start=1):
        OrganisationKind.objects.update_or_create(
            code=code, defaults={"name": name, "short_name": short, "is_standard": True, "order": order})


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
