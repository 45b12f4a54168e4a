from django.db import migrations

TAGS = [
    ("thieu-dat-san-xuat", "Thiếu đất sản xuất", False),
    ("thieu-von", "Thiếu vốn sản xuất", False),
    ("thieu-lao-dong", "Thiếu lao động", False),
    ("nha-tam-bo", "Nhà ở tạm bợ, dột nát", False),
    ("nguoi-cao-tuoi-neo-don", "Người cao tuổi neo đơn", False),
    ("phu-nu-don-than", "Phụ nữ đơn thân nuôi con nhỏ", False),
    ("tre-mo-coi", "Có trẻ mồ côi", False),
    ("gia-dinh-chinh-sach", "Gia đình chính sách", False),
    ("benh-hiem-ngheo", "Có người mắc bệnh hiểm nghèo", True),
    ("khuyet-tat-nang", "Có người khuyết tật nặng", True),
]


def seed(apps, schema_editor):
    Tag = apps.get_model("welfare", "CircumstanceTag")
    for order, (code, name, sensitive) in enumerate(TAGS, start=1):
        Tag.objects.get_or_create(code=code, defaults={"name": name, "is_sensitive": sensitive, "order": order})


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
