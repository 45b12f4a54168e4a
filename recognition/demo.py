"""Demo: cultural titles for 2025 across Thái Nguyên's residential areas (a few communes have not entered them
yet), a dozen communes "tiêu biểu", nominations at every stage, and exemplary people with their stories."""

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.db import transaction

from units.models import Level, MemberOrganisation, Unit

from .models import AreaTitle, CommuneTitle, ExemplaryPerson, Nomination

ORDER = 85
YEAR = 2025
NOMINATIONS = [
    # (commune code or None for the province, type, name, detail, achievement, linked, status)
    ("01933", "collective", "Thôn Nà Hai", "Xã Đồng Phúc",
     "Hoàn thành 100% tiêu chí khu dân cư văn hóa; Nhân dân hiến 1.200 m² đất mở rộng đường liên thôn.",
     "Mô hình “Đường hoa nông thôn mới”", "decided"),
    ("01933", "individual", "Hà Văn Tuấn", "Trưởng Ban Công tác Mặt trận thôn Nà Hai",
     "Vận động 46 hộ hiến đất, đóng góp ngày công làm 1,2 km đường bê tông.", "Công trình đường bê tông Nà Hai",
     "decided"),
    ("01933", "individual", "Ma Thị Hoa", "Chi hội trưởng Phụ nữ thôn Nà Làn",
     "Duy trì mô hình tiết kiệm giúp 12 hộ thoát nghèo.", "Mô hình “Tổ tiết kiệm vì phụ nữ nghèo”", "approved"),
    ("01933", "collective", "Hội Nông dân xã Đồng Phúc", "",
     "Xây dựng 3 tổ hợp tác trồng chè an toàn, hỗ trợ sinh kế cho 35 hộ.", "", "proposed"),
    ("01933", "individual", "Nông Văn Phúc", "Hội viên Hội CCB thôn Khuổi Bó",
     "Tích cực tham gia nhưng chưa đủ thời gian tiêu biểu.", "", "rejected"),
    ("01864", "individual", "Triệu Thị Mai", "Người có uy tín bản Bằng",
     "Vận động đồng bào bỏ hủ tục trong việc cưới, việc tang.", "Quy ước bản Bằng", "proposed"),
    ("01864", "collective", "Bản Bằng", "Xã Bằng Thành", "Giữ vững danh hiệu bản văn hóa 5 năm liền.", "",
     "approved"),
    (None, "collective", "Ủy ban MTTQ Xã Đồng Phúc", "",
     "Dẫn đầu cụm thi đua về thực hiện Cuộc vận động năm 2025.", "", "decided"),
    (None, "individual", "Lường Văn Sáng", "Doanh nhân, Phường Phan Đình Phùng",
     "Ủng hộ Quỹ “Vì người nghèo” 500 triệu đồng xây 10 nhà Đại đoàn kết.", "Chương trình nhà Đại đoàn kết 2025",
     "approved"),
    (None, "individual", "Hoàng Thị Lan", "Giáo viên, Xã Phú Lương",
     "Mở lớp học tình thương cho 30 trẻ em có hoàn cảnh khó khăn.", "", "proposed"),
]
STORIES = [
    ("Hà Văn Tuấn", "Trưởng Ban Công tác Mặt trận thôn Nà Hai, Xã Đồng Phúc",
     "Ông Tuấn đi từng nhà vận động bà con hiến đất làm đường. Từ con đường đất lầy lội mùa mưa, nay thôn Nà Hai "
     "có 1,2 km đường bê tông, xe chở chè vào tận đồi. Ông nói: “Đường là của dân, dân làm thì dân giữ.”"),
    ("Ma Thị Hoa", "Chi hội trưởng Phụ nữ thôn Nà Làn, Xã Đồng Phúc",
     "Chị Hoa lập tổ tiết kiệm, mỗi tháng chị em góp 50.000 đồng cho hộ khó khăn vay không lãi mua giống. "
     "Sau 3 năm, 12 hộ đã thoát nghèo."),
    ("Triệu Thị Mai", "Người có uy tín bản Bằng, Xã Bằng Thành",
     "Bà Mai cùng Ban Công tác Mặt trận đưa vào quy ước bản việc tổ chức cưới, tang gọn nhẹ, tiết kiệm; "
     "cả bản thực hiện nghiêm từ năm 2024."),
    ("Lường Văn Sáng", "Doanh nhân, Phường Phan Đình Phùng",
     "Ông Sáng lớn lên trong một gia đình nghèo. Hơn mười năm nay, ông ủng hộ Quỹ “Vì người nghèo”, góp phần xây "
     "dựng 10 ngôi nhà Đại đoàn kết cho các hộ khó khăn."),
]


def _portrait(name, seed):
    """A plain placeholder portrait (initials on a colour) so the demo page shows how photos look."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (480, 320), (rng.randint(60, 160), rng.randint(90, 170), rng.randint(110, 190)))
    draw = ImageDraw.Draw(image)
    initials = "".join(w[0] for w in name.split()[-2:]).upper()
    draw.ellipse((170, 90, 310, 230), fill=(245, 240, 230))
    draw.text((222, 150), initials, fill=(40, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@transaction.atomic
def load(log):
    province = Unit.objects.get(level=Level.PROVINCE, code="19")
    communes = list(province.children.filter(level=Level.COMMUNE).order_by("code"))
    rng = random.Random(YEAR)
    skipped = {c.pk for c in communes[5::17]} - {c.pk for c in communes if c.code in ("01933", "01864")}
    have = set(AreaTitle.objects.filter(year=YEAR, unit__parent__in=communes).values_list("unit_id", flat=True))
    titles = []
    for area in Unit.objects.filter(parent__in=communes, level=Level.AREA).order_by("pk"):
        if area.parent_id in skipped or area.pk in have:
            continue
        total = area.households or rng.randint(60, 300)
        share = rng.uniform(0.72, 0.97)
        cultural = round(total * share)
        titles.append(AreaTitle(unit=area, year=YEAR, total_families=total, cultural_families=cultural,
                                area_recognised=share >= 0.85 and rng.random() < 0.8))
    AreaTitle.objects.bulk_create(titles)
    exemplary = [c for c in communes if c.pk not in skipped][::8]
    have_c = set(CommuneTitle.objects.filter(year=YEAR).values_list("unit_id", flat=True))
    new_c = CommuneTitle.objects.bulk_create([CommuneTitle(unit=c, year=YEAR, decision="Quyết định của UBND tỉnh")
                                              for c in exemplary if c.pk not in have_c])

    by_code = {c.code: c for c in communes}
    created = 0
    if not Nomination.objects.filter(unit__in=[province, *communes], year=YEAR).exists():
        rows = []
        for code, kind, name, detail, achievement, linked, status in NOMINATIONS:
            unit = by_code[code] if code else province
            n = Nomination(unit=unit, year=YEAR, nominee_type=kind, nominee_name=name, nominee_detail=detail,
                           achievement=achievement, linked_text=linked, status=status,
                           award_form="Giấy khen của UB MTTQ xã" if code else "Bằng khen của UB MTTQ tỉnh")
            if kind == "collective":
                n.nominee_unit = unit.children.filter(name=name).first() if code else None
                n.nominee_organisation = MemberOrganisation.objects.filter(unit=unit, name=name).first()
            if status != "proposed":
                n.reviewed_on = datetime.date(YEAR, 11, 20)
                n.review_note = "Chưa đủ tiêu chuẩn" if status == "rejected" else ""
            if status == "decided":
                n.decision_number = f"{rng.randint(20, 180)}/QĐ-MTTQ-BTT"
                n.decision_date = datetime.date(YEAR, 12, rng.randint(2, 20))
                n.decision_level = Nomination.Level.COMMUNE if code else Nomination.Level.PROVINCE
            rows.append(n)
        Nomination.objects.bulk_create(rows)
        created = len(rows)
    stories = 0
    if not ExemplaryPerson.objects.filter(unit__in=[province, *communes]).exists():
        nominations = {n.nominee_name: n for n in Nomination.objects.filter(year=YEAR, nominee_type="individual")}
        for i, (name, description, story) in enumerate(STORIES):
            n = nominations.get(name)
            person = ExemplaryPerson(unit=n.unit if n else province, year=YEAR, name=name, description=description,
                                     story=story, nomination=n)
            person.photo.save(f"guong-{i + 1}.png", ContentFile(_portrait(name, i)), save=False)
            person.save()
            stories += 1
    if titles or new_c or created:
        from campaign.periods import get_period
        from indicators.services import derive_all

        get_period(str(YEAR))
        derive_all(["recognition"])
    log(f"Danh hiệu văn hóa {YEAR}: {len(titles)} khu dân cư, {len(new_c)} xã tiêu biểu; "
        f"{created} đề nghị khen thưởng; {stories} gương điển hình.")
