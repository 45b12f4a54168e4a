"""The topics named in the plans (Thái Nguyên 2026, Bắc Kạn 2017); more can be added in the admin."""

from django.db import migrations

TOPICS = [
    ("an-sinh-cong-dong", "An sinh cộng đồng"),
    ("sang-xanh-sach-dep", "Sáng – Xanh – Sạch – Đẹp"),
    ("phong-chong-ma-tuy", "Phòng chống ma túy"),
    ("an-ninh-trat-tu", "An ninh trật tự"),
    ("nep-song-van-minh", "Nếp sống văn minh"),
    ("bao-ve-moi-truong", "Bảo vệ môi trường"),
    ("kdc-doan-ket-am-no", "Khu dân cư đoàn kết, ấm no, hạnh phúc"),
    ("giam-ngheo", "Giúp nhau giảm nghèo, phát triển kinh tế"),
    ("hoc-tap-cong-dong", "Khuyến học, cộng đồng học tập"),
    ("giao-thong-nong-thon", "Giao thông nông thôn"),
]


def forwards(apps, schema_editor):
    Topic = apps.get_model("initiatives", "Topic")
    for order, (code, name) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
