"""Demo: a year of supervision and social critique in Thái Nguyên (the province and 24 communes), with the
recommendations they produced (some answered on time, some late, some overdue) and quarterly summaries of the
people's opinions from most communes. Dates are relative to today so that "overdue" always means something."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from units.models import Level, Unit

from .models import Agency, OpinionSummary, Recommendation, RecommendationEvent, Supervision

ORDER = 80
PROVINCE_AGENCIES = ["UBND tỉnh Thái Nguyên", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Y tế",
                     "Sở Giáo dục và Đào tạo", "Bảo hiểm xã hội tỉnh"]
SUBJECTS = [
    (Supervision.Kind.THEMATIC, Supervision.SubjectKind.PROGRAMME, "Thực hiện chính sách hỗ trợ hộ nghèo, cận nghèo"),
    (Supervision.Kind.THEMATIC, Supervision.SubjectKind.PROGRAMME,
     "Sử dụng nguồn vốn Chương trình mục tiêu quốc gia xây dựng nông thôn mới"),
    (Supervision.Kind.REGULAR, Supervision.SubjectKind.AGENCY, "Giải quyết đơn thư, kiến nghị của công dân"),
    (Supervision.Kind.INVESTMENT_BOARD, Supervision.SubjectKind.WORK, "Công trình đường bê tông liên thôn"),
    (Supervision.Kind.INVESTMENT_BOARD, Supervision.SubjectKind.WORK, "Công trình nhà văn hóa thôn"),
    (Supervision.Kind.INSPECTION_BOARD, Supervision.SubjectKind.AGENCY, "Thực hiện Quy chế dân chủ ở cơ sở"),
    (Supervision.Kind.CRITIQUE, Supervision.SubjectKind.PROGRAMME,
     "Dự thảo Đề án xây dựng xã nông thôn mới nâng cao giai đoạn 2026–2030"),
    (Supervision.Kind.CRITIQUE, Supervision.SubjectKind.PROGRAMME, "Dự thảo quy hoạch chung xây dựng xã"),
    (Supervision.Kind.REGULAR, Supervision.SubjectKind.AGENCY, "Thu, chi các khoản đóng góp tự nguyện của Nhân dân"),
]
FINDINGS = [
    "Cơ bản thực hiện đúng quy định; hồ sơ lưu trữ đầy đủ. Còn chậm công khai danh sách đối tượng thụ hưởng.",
    "Công trình thi công đúng tiến độ; một số đoạn rãnh thoát nước chưa bảo đảm kỹ thuật, cần khắc phục.",
    "Nhân dân đồng thuận cao; đề nghị làm rõ mức đóng góp của hộ nghèo, hộ cận nghèo.",
    "Việc tiếp nhận, giải quyết kiến nghị còn chậm so với thời hạn; chưa trả lời bằng văn bản một số trường hợp.",
]
RECOMMENDATIONS = [
    "Đề nghị công khai danh sách hộ được hỗ trợ tại nhà văn hóa thôn và trên hệ thống truyền thanh.",
    "Đề nghị chỉ đạo đơn vị thi công khắc phục đoạn rãnh thoát nước bị nứt trước mùa mưa.",
    "Đề nghị xem xét miễn, giảm mức đóng góp xây dựng đường cho hộ nghèo, hộ có hoàn cảnh khó khăn.",
    "Đề nghị trả lời bằng văn bản các kiến nghị của cử tri tồn đọng từ kỳ trước.",
    "Đề nghị bố trí kinh phí sửa chữa nhà văn hóa thôn xuống cấp.",
    "Đề nghị kiểm tra, xử lý tình trạng đổ rác thải không đúng nơi quy định ven suối.",
    "Đề nghị hướng dẫn thủ tục cấp thẻ bảo hiểm y tế cho người cao tuổi chưa có thẻ.",
]
ANSWERS = [
    "Đã chỉ đạo bộ phận chuyên môn thực hiện; kết quả sẽ được thông báo tại kỳ họp tới.",
    "Tiếp thu; đã giao đơn vị thi công khắc phục xong trong tháng.",
    "Đã rà soát, điều chỉnh mức đóng góp theo đề nghị của Ủy ban MTTQ.",
    "Nội dung kiến nghị vượt thẩm quyền, đã chuyển cơ quan cấp trên xem xét.",
]
SITUATIONS = [
    "Tình hình tư tưởng Nhân dân ổn định, tin tưởng vào sự lãnh đạo của Đảng, quản lý của chính quyền. Nhân dân "
    "phấn khởi trước kết quả xây dựng nông thôn mới, nhất là đường giao thông và điện chiếu sáng.",
    "Nhân dân quan tâm đến giá vật tư nông nghiệp tăng cao, giá chè búp tươi giảm; một bộ phận lo lắng về việc làm "
    "của lao động trẻ sau khi các cơ sở sản xuất thu hẹp.",
    "Dư luận đồng tình với việc sắp xếp đơn vị hành chính; một số ý kiến mong sớm ổn định bộ phận một cửa để giải "
    "quyết thủ tục hành chính thuận tiện.",
]
CONCERNS = [
    "Đề nghị sớm sửa chữa tuyến đường liên thôn bị sạt lở sau mưa lớn.",
    "Đề nghị tăng cường kiểm tra an toàn thực phẩm tại chợ phiên.",
    "",
    "Đề nghị có chính sách hỗ trợ giống cây trồng cho hộ bị thiệt hại do thiên tai.",
]


def _communes(province, n=24):
    communes = list(province.children.filter(level=Level.COMMUNE).order_by("code"))
    chosen = [c for c in communes if c.code in ("01933", "01864")]
    rng = random.Random(80)
    rest = [c for c in communes if c not in chosen]
    return chosen + rng.sample(rest, min(n - len(chosen), len(rest)))


@transaction.atomic
def load(log):
    province = Unit.objects.get(level=Level.PROVINCE, code="19")
    today = timezone.localdate()
    communes = _communes(province)
    units = [province, *communes]
    have = set(Agency.objects.filter(unit__in=units).values_list("unit_id", "name"))
    agencies = [Agency(unit=province, name=n) for n in PROVINCE_AGENCIES if (province.pk, n) not in have]
    for c in communes:
        for name in (f"UBND {c.name}", f"Công an {c.name}", f"Trạm Y tế {c.name}"):
            if (c.pk, name) not in have:
                agencies.append(Agency(unit=c, name=name))
    Agency.objects.bulk_create(agencies)
    by_unit = {}
    for a in Agency.objects.filter(unit__in=units).order_by("pk"):
        by_unit.setdefault(a.unit_id, []).append(a)

    done = set(Supervision.objects.filter(unit__in=units).values_list("unit_id", flat=True).distinct())
    rng = random.Random(2026)
    supervisions, recs_spec = [], []
    for unit in units:
        if unit.pk in done:
            continue
        for i in range(rng.randint(4, 7) if unit is not province else 8):
            kind, subject_kind, subject = rng.choice(SUBJECTS)
            start = today - datetime.timedelta(days=rng.randint(20, 340))
            sup = Supervision(unit=unit, kind=kind, subject_kind=subject_kind,
                              subject=subject + ("" if unit is province else f" tại {unit.name}"),
                              team="Ủy ban MTTQ chủ trì; đại diện Hội Nông dân, Hội LHPN, Hội CCB, Ban Công tác Mặt trận",
                              start=start, end=start + datetime.timedelta(days=rng.randint(0, 3)),
                              findings=rng.choice(FINDINGS))
            supervisions.append(sup)
            recs_spec.append([(rng.random(), rng.choice(RECOMMENDATIONS), rng.choice(ANSWERS))
                              for _ in range(rng.randint(0, 3))])
    Supervision.objects.bulk_create(supervisions)

    recs, fates = [], []
    for sup, spec in zip(supervisions, recs_spec):
        pool = by_unit[sup.unit_id] + (by_unit.get(province.pk, []) if sup.unit_id != province.pk else [])
        for fate, content, answer in spec:
            sent = sup.end + datetime.timedelta(days=rng.randint(1, 10))
            if sent > today:
                continue
            due = sent + datetime.timedelta(days=30)
            rec = Recommendation(unit_id=sup.unit_id, supervision=sup, agency=rng.choice(pool), content=content,
                                 sent_on=sent, due_on=due)
            answered_on = sent + datetime.timedelta(days=rng.randint(5, 28) if fate < 0.55 else rng.randint(31, 70))
            if fate < 0.8 and answered_on <= today:  # answered (on time for most, late for some)
                rec.status, rec.answer, rec.answered_on = Recommendation.Status.ANSWERED, answer, answered_on
                closed = answered_on + datetime.timedelta(days=rng.randint(10, 40))
                if closed <= today and fate < 0.7:
                    rec.status = (Recommendation.Status.RESOLVED if fate < 0.6
                                  else Recommendation.Status.UNRESOLVED)
                    rec.closed_on = closed
            recs.append(rec)
    Recommendation.objects.bulk_create(recs)
    events = []
    for rec in recs:
        events.append(RecommendationEvent(recommendation=rec, from_status="", to_status="sent", on=rec.sent_on))
        if rec.answered_on:
            events.append(RecommendationEvent(recommendation=rec, from_status="sent", to_status="answered",
                                              on=rec.answered_on))
        if rec.closed_on:
            events.append(RecommendationEvent(recommendation=rec, from_status="answered", to_status=rec.status,
                                              on=rec.closed_on))
    RecommendationEvent.objects.bulk_create(events)

    summaries = _opinions(communes, today)
    if supervisions:
        from indicators.services import derive_all

        derive_all(["oversight"])
    overdue = sum(1 for r in recs if r.is_overdue(today))
    log(f"Giám sát: {len(agencies)} cơ quan, {len(supervisions)} cuộc giám sát, phản biện, {len(recs)} kiến nghị "
        f"({overdue} quá hạn), {summaries} báo cáo tình hình Nhân dân.")


def _opinions(communes, today):
    from campaign.periods import get_period

    quarters = []
    y, q = today.year, (today.month - 1) // 3 + 1
    for _ in range(3):  # the three quarters before the current one
        y, q = (y, q - 1) if q > 1 else (y - 1, 4)
        quarters.append(get_period(f"{y}-q{q}"))
    have = set(OpinionSummary.objects.filter(unit__in=communes, period__in=quarters).values_list("unit_id",
                                                                                                  "period_id"))
    rng = random.Random(86)
    rows = []
    for period in quarters:
        for i, c in enumerate(communes):
            late = i % 7 == 6 and period == quarters[0]  # a few communes have not sent the last quarter
            if (c.pk, period.pk) in have or late:
                continue
            submitted = timezone.make_aware(datetime.datetime.combine(period.end + datetime.timedelta(days=
                                            rng.randint(1, 12)), datetime.time(9, 30)))
            rows.append(OpinionSummary(unit=c, period=period, situation=rng.choice(SITUATIONS) + "\n" +
                                       rng.choice(SITUATIONS), concerns=rng.choice(CONCERNS),
                                       submitted_at=submitted))
    OpinionSummary.objects.bulk_create(rows)
    return len(rows)
