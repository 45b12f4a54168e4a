"""The propaganda channels and training topics of the plans (Cư Jút §II.1–2, Bình Định §II.1): data, editable."""

from django.db import migrations

CHANNELS = [
    ("hoi-nghi", "Hội nghị, tọa đàm"),
    ("hop-thon", "Họp thôn, tổ dân phố, sinh hoạt khu dân cư"),
    ("mang-xa-hoi", "Mạng xã hội (Zalo, Facebook)"),
    ("trang-thong-tin", "Trang thông tin điện tử"),
    ("pano-ap-phich", "Pa nô, áp phích, băng rôn, khẩu hiệu"),
    ("to-roi", "Tờ rơi, tài liệu"),
    ("san-khau-hoa", "Sân khấu hóa, văn nghệ"),
    ("bao-dai", "Chuyên mục trên báo, đài, loa truyền thanh"),
]
TOPICS = [
    ("nghiep-vu-mat-tran", "Nghiệp vụ công tác Mặt trận ở khu dân cư"),
    ("cuoc-van-dong", "Nội dung Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”"),
    ("giam-sat-phan-bien", "Giám sát, phản biện xã hội"),
    ("lay-y-kien-hai-long", "Lấy ý kiến sự hài lòng của người dân"),
    ("chuyen-doi-so", "Chuyển đổi số, kỹ năng số"),
    ("sinh-ke-giam-ngheo", "Sinh kế, giảm nghèo bền vững"),
    ("moi-truong", "Bảo vệ môi trường, phân loại rác tại nguồn"),
    ("an-ninh-trat-tu", "An ninh trật tự, phòng chống tội phạm, ma túy"),
]


def forwards(apps, schema_editor):
    for model, rows in (("PropagandaChannel", CHANNELS), ("TrainingTopic", TOPICS)):
        Model = apps.get_model("activities", model)
        for order, (code, name) in enumerate(rows, start=1):
            Model.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("activities", "0004_kinds_channels_topics")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
