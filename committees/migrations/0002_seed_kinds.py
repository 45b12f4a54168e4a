"""Seed the committee kinds the plans name (Cư Jút §II.5, Bình Định §II.4, III.1); administrators keep the list
afterwards (/ban/loai-ban/). Only missing rows are added."""

from django.db import migrations

KINDS = [
    ("ban-van-dong-quy-vnn", "Ban vận động Quỹ “Vì người nghèo”",
     "{name} có nhiệm vụ tuyên truyền, vận động các cơ quan, đơn vị, doanh nghiệp, tổ chức, cá nhân ủng hộ Quỹ "
     "“Vì người nghèo” {unit}; xét duyệt, quyết định hỗ trợ người nghèo đúng đối tượng, công khai thu, chi theo "
     "Quyết định số 1198/QĐ-MTTW-ĐCT."),
    ("ban-van-dong-cuu-tro", "Ban vận động cứu trợ",
     "{name} có nhiệm vụ kêu gọi, vận động, tiếp nhận và phân bổ tiền, hàng cứu trợ {unit} theo Nghị định số "
     "93/2021/NĐ-CP; công khai kết quả vận động, phân bổ."),
    ("ban-chi-dao-cvd", "Ban Chỉ đạo Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
     "{name} có nhiệm vụ chỉ đạo, hướng dẫn, kiểm tra việc thực hiện Cuộc vận động {unit}; định kỳ sơ kết, tổng "
     "kết, đề xuất khen thưởng."),
    ("ban-thanh-tra-nhan-dan", "Ban Thanh tra nhân dân", ""),
    ("ban-giam-sat-dau-tu", "Ban Giám sát đầu tư của cộng đồng", ""),
]


def seed(apps, schema_editor):
    CommitteeKind = apps.get_model("committees", "CommitteeKind")
    for order, (code, name, duties) in enumerate(KINDS, start=1):
        CommitteeKind.objects.get_or_create(code=code, defaults={"name": name, "duties": duties, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
