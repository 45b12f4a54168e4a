"""The campaign's five contents and the criteria sets in force (DESIGN §4), as data."""

import datetime

from django.db import migrations

CONTENTS = [
    (1, "Đoàn kết tham gia phát triển kinh tế, giúp nhau giảm nghèo bền vững, nâng cao đời sống, khuyến khích làm giàu chính đáng.", "Phát triển kinh tế, giảm nghèo bền vững"),
    (2, "Đoàn kết xây dựng đời sống văn hóa, chăm lo giáo dục, sức khỏe Nhân dân, xây dựng gia đình văn hóa, đền ơn đáp nghĩa, tương thân tương ái.", "Đời sống văn hóa, giáo dục, sức khỏe"),
    (3, "Đoàn kết tham gia bảo vệ môi trường, ứng phó biến đổi khí hậu, xây dựng cảnh quan sáng – xanh – sạch – đẹp.", "Môi trường, cảnh quan sáng – xanh – sạch – đẹp"),
    (4, "Đoàn kết chấp hành pháp luật, bảo đảm trật tự an toàn xã hội.", "Chấp hành pháp luật, trật tự an toàn xã hội"),
    (5, "Đoàn kết phát huy dân chủ, tham gia giám sát và phản biện xã hội, xây dựng hệ thống chính trị cơ sở trong sạch vững mạnh.", "Dân chủ, giám sát, phản biện xã hội"),
]

SETS = [
    ("ntm-xa-2021-2025", "ntm", "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025", "QĐ 318/QĐ-TTg",
     datetime.date(2021, 1, 1), datetime.date(2025, 12, 31),
     ["Quy hoạch", "Giao thông", "Thủy lợi và phòng chống thiên tai", "Điện", "Trường học", "Cơ sở vật chất văn hóa",
      "Hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư", "Thu nhập", "Nghèo đa chiều",
      "Lao động", "Tổ chức sản xuất", "Giáo dục và Đào tạo", "Y tế", "Văn hóa", "Môi trường và an toàn thực phẩm",
      "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh"]),
    ("ntm-xa-2026-2030", "ntm", "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030", "QĐ 51/2025/QĐ-TTg",
     datetime.date(2026, 1, 1), datetime.date(2030, 12, 31),
     ["Quy hoạch", "Hạ tầng kinh tế – xã hội", "Phát triển kinh tế nông thôn", "Đào tạo nguồn nhân lực",
      "Văn hóa, giáo dục, y tế", "Giảm nghèo và an sinh xã hội", "Khoa học, công nghệ và chuyển đổi số",
      "Môi trường và cảnh quan", "Hệ thống chính trị và hành chính công", "Tiếp cận pháp luật và an ninh, quốc phòng"]),
    ("dtvm-2022", "dtvm", "Tiêu chí phường, thị trấn đạt chuẩn đô thị văn minh", "QĐ 04/2022/QĐ-TTg",
     datetime.date(2022, 1, 1), None,
     ["Quy hoạch", "Giao thông", "Môi trường và an toàn thực phẩm", "An ninh trật tự", "Thông tin truyền thông",
      "Việc làm, thu nhập, hộ nghèo", "Văn hóa, thể thao", "Y tế, giáo dục", "Hệ thống chính trị"]),
]


def forwards(apps, schema_editor):
    Content = apps.get_model("campaign", "Content")
    CriteriaSet = apps.get_model("campaign", "CriteriaSet")
    Criterion = apps.get_model("campaign", "Criterion")
    for number, name, short in CONTENTS:
        Content.objects.update_or_create(number=number, defaults={"name": name, "short_name": short})
    for code, kind, name, decision, start, end, criteria in SETS:
        cs, _ = CriteriaSet.objects.update_or_create(code=code, defaults={
            "kind": kind, "name": name, "decision": decision, "valid_from": start, "valid_to": end})
        for number, title in enumerate(criteria, start=1):
            Criterion.objects.update_or_create(criteria_set=cs, number=number, defaults={"name": title})


class Migration(migrations.Migration):
    dependencies = [("campaign", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
