"""Seed the spending items (nội dung chi of Thông tư 121/2017/TT-BTC, summarised) and the funding sources.
Administrators keep both lists afterwards (/kinh-phi/danh-muc/); this migration only adds rows that are missing."""

from django.db import migrations

TT121 = "Thông tư 121/2017/TT-BTC"
ITEMS = [
    ("tuyen-truyen", "Tuyên truyền, phổ biến nội dung Cuộc vận động (tài liệu, tờ rơi, pano, áp phích, tin bài)"),
    ("hoi-nghi", "Hội nghị triển khai, sơ kết, tổng kết Cuộc vận động"),
    ("tap-huan", "Tập huấn, bồi dưỡng nghiệp vụ cho cán bộ Mặt trận, Ban Công tác Mặt trận"),
    ("kiem-tra-giam-sat", "Kiểm tra, giám sát, đánh giá kết quả thực hiện Cuộc vận động"),
    ("ngay-hoi", "Hỗ trợ tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư"),
    ("mo-hinh", "Xây dựng, nhân rộng mô hình điểm ở khu dân cư"),
    ("lay-y-kien", "Lấy ý kiến sự hài lòng của Nhân dân về kết quả xây dựng nông thôn mới, đô thị văn minh"),
    ("hoi-thao", "Hội thảo, tọa đàm, học tập kinh nghiệm"),
    ("khen-thuong", "Khen thưởng tập thể, cá nhân có thành tích trong Cuộc vận động"),
    ("chi-khac", "Chi khác phục vụ trực tiếp Cuộc vận động (văn phòng phẩm, thông tin liên lạc)"),
]
SOURCES = [
    ("nsnn-tinh", "Ngân sách nhà nước cấp tỉnh", "state"),
    ("nsnn-xa", "Ngân sách nhà nước cấp xã", "state"),
    ("xhh-doanh-nghiep", "Xã hội hóa: doanh nghiệp, tổ chức, cá nhân hảo tâm", "socialised"),
    ("xhh-nhan-dan", "Xã hội hóa: đóng góp tự nguyện của Nhân dân", "socialised"),
    ("nguon-khac", "Nguồn khác", "other"),
]


def seed(apps, schema_editor):
    SpendingItem = apps.get_model("budget", "SpendingItem")
    FundingSource = apps.get_model("budget", "FundingSource")
    for order, (code, name) in enumerate(ITEMS, start=1):
        SpendingItem.objects.get_or_create(code=code, defaults={"name": name, "basis": TT121, "order": order * 10})
    for order, (code, name, kind) in enumerate(SOURCES, start=1):
        FundingSource.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
