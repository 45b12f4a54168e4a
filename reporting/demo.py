"""Demo: Thái Nguyên's 6-month report 2026 (due 10/6/2026) as it stands in the autumn: most communes sent
(some late), Xã Đồng Phúc returned for correction with a comment, several accepted, the rest missing; the
province's own report to the centre drafted from the consolidation; Đồng Phúc's residential areas reporting
the year to their commune."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from campaign.periods import get_period
from units.models import Level, Unit

from . import consolidation, figures
from .models import ReporterKind, ReportingRound, State, Submission, Transition

ORDER = 90
NEEDS_DERIVED = True  # snapshots the accepted reports' figures: runs after the spine derived the registers
PROVINCE_CODE, DONG_PHUC_CODE, BANG_THANH_CODE = "19", "01933", "01864"
ROUND_NAME = "Báo cáo 6 tháng đầu năm 2026 kết quả thực hiện Cuộc vận động"
CENTRAL_NAME = "Báo cáo 6 tháng đầu năm 2026 của các tỉnh, thành phố về Cuộc vận động"
AREA_ROUND_NAME = "Báo cáo năm 2026 của Ban Công tác Mặt trận các khu dân cư"
RETURN_COMMENT = ("Đề nghị bổ sung số hộ nghèo được hỗ trợ sinh kế và nêu rõ nguyên nhân hạn chế ở nội dung 1; "
                  "đính kèm bản chụp báo cáo có chữ ký, đóng dấu.")

RESULTS = {
    1: ["Vận động Nhân dân hiến {n} m² đất làm đường giao thông nông thôn; hỗ trợ {k} hộ nghèo phát triển sinh kế "
        "bằng giống cây, con.",
        "Phối hợp tổ chức {k} lớp tập huấn chuyển giao kỹ thuật trồng chè, nuôi gà đồi cho {n} lượt hội viên."],
    2: ["{k} khu dân cư tổ chức hoạt động văn hóa, thể thao; thăm, tặng {n} suất quà gia đình chính sách.",
        "Vận động {n} hộ đăng ký gia đình văn hóa; {k} khu dân cư cập nhật hương ước, quy ước."],
    3: ["Duy trì {k} mô hình tổ tự quản vệ sinh môi trường; ra quân dọn vệ sinh {n} km đường làng.",
        "Trồng {n} cây xanh, xây dựng {k} tuyến đường hoa “Sáng – Xanh – Sạch – Đẹp”."],
    4: ["{k} mô hình “Khu dân cư an toàn về an ninh trật tự” hoạt động hiệu quả; hòa giải thành {n} vụ việc.",
        "Tuyên truyền pháp luật cho {n} lượt người dân tại {k} buổi sinh hoạt khu dân cư."],
    5: ["Ban Thanh tra nhân dân giám sát {k} công trình; tổng hợp {n} ý kiến, kiến nghị của cử tri.",
        "Tổ chức {k} hội nghị đối thoại giữa chính quyền và Nhân dân với {n} lượt người tham dự."],
}
LIMITS = ["Một số khu dân cư triển khai chậm, chất lượng mô hình chưa đồng đều.",
          "Việc cập nhật số liệu còn chậm, chưa đầy đủ."]
CAUSES = ["Địa bàn rộng, giao thông đi lại khó khăn; một số cán bộ mới, chưa có kinh nghiệm.",
          "Nguồn lực hỗ trợ còn hạn chế; ý thức một bộ phận người dân chưa cao."]
GENERAL = ["Cuộc vận động được triển khai gắn với phong trào thi đua của địa phương, đạt nhiều kết quả tích cực.",
           "Cấp ủy, chính quyền quan tâm chỉ đạo; các tổ chức thành viên phối hợp chặt chẽ.",
           "Nhân dân đồng thuận, tích cực tham gia đóng góp ngày công, hiến đất làm đường."]
PROPOSALS = ["Đề nghị Ban Thường trực Ủy ban MTTQ tỉnh tăng cường tập huấn nghiệp vụ cho cán bộ cơ sở.",
             "Đề nghị hỗ trợ kinh phí xây dựng mô hình điểm khu dân cư tự quản."]


def narrative(rng: random.Random, name: str) -> dict:
    out = {}
    for n in range(1, 6):
        sections = {"ket_qua": rng.choice(RESULTS[n]).format(n=rng.randint(12, 480), k=rng.randint(2, 18))}
        if n in (1, 3) or rng.random() < 0.3:
            sections["han_che"] = rng.choice(LIMITS)
            sections["nguyen_nhan"] = rng.choice(CAUSES)
        if n == 1 or rng.random() < 0.2:
            sections["de_xuat"] = rng.choice(PROPOSALS)
        out[str(n)] = sections
    return out


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))


def _round(issuer, period, name, **fields) -> tuple[ReportingRound, bool]:
    return ReportingRound.objects.get_or_create(issuer=issuer, period=period, name=name, defaults=fields)


def _assign(rnd):
    from .services import expected_reporters

    existing = set(rnd.submissions.values_list("unit_id", "organisation_id"))
    Submission.objects.bulk_create([Submission(round=rnd, unit=u, organisation=o) for u, o in expected_reporters(rnd)
                                    if (u.pk, o.pk if o else None) not in existing], batch_size=500)


@transaction.atomic
def load(log):
    province = Unit.objects.get(level=Level.PROVINCE, code=PROVINCE_CODE)
    nation = province.parent
    dong_phuc = Unit.objects.get(level=Level.COMMUNE, code=DONG_PHUC_CODE)
    officer = User.objects.filter(username="tinh.thainguyen").first()
    h1 = get_period("2026-h1")
    get_period("2025-h1")
    codes = [m.code for m in figures.demo_measures()]

    central, _ = _round(nation, h1, CENTRAL_NAME, cut_off=datetime.date(2026, 6, 14),
                        due_date=datetime.date(2026, 6, 20), reporters=ReporterKind.PROVINCE, measure_codes=codes)
    _assign(central)
    rnd, created = _round(province, h1, ROUND_NAME, cut_off=datetime.date(2026, 5, 31),
                          due_date=datetime.date(2026, 6, 10), lock_on=datetime.date(2026, 12, 31),
                          reporters=ReporterKind.COMMUNE, include_organisations=True, measure_codes=codes,
                          created_by=officer)
    _assign(rnd)
    if rnd.requirement_id is None:
        from plans.models import ReportRequirement

        rnd.requirement = ReportRequirement.objects.filter(plan__unit=province, period=h1, rounds__isnull=True).first()
        if rnd.requirement:
            rnd.save(update_fields=["requirement"])
    upward = central.submissions.get(unit=province)
    if rnd.parent_submission_id is None:
        rnd.parent_submission = upward
        rnd.save(update_fields=["parent_submission"])
    area_round, _ = _round(dong_phuc, get_period("2026"), AREA_ROUND_NAME, cut_off=datetime.date(2026, 11, 30),
                           due_date=datetime.date(2026, 12, 5), reporters=ReporterKind.AREA, measure_codes=codes,
                           created_by=User.objects.filter(username="xa.dongphuc").first())
    _assign(area_round)

    load_review(log, province, officer)
    if Transition.objects.filter(submission__round=rnd).exists():
        log(f"Báo cáo định kỳ: “{rnd.name}” đã có, giữ nguyên.")
        return
    _fill(rnd, officer, dong_phuc)
    if upward.state == State.DRAFT:
        c = consolidation.build(rnd)
        upward.narratives = consolidation.compiled_narratives(c)
        upward.general = (f"Tổng hợp từ báo cáo của {c.state.received}/{c.state.expected} đơn vị "
                          f"({c.state.accepted} báo cáo đã tiếp nhận).")
        upward.version += 1
        upward.save(update_fields=["narratives", "general", "version"])
    counts = {s: rnd.submissions.filter(state=s).count() for s in State.values}
    log(f"Báo cáo định kỳ: “{rnd.name}” – {sum(counts.values())} đơn vị phải báo cáo, "
        f"{counts['submitted']} chờ xem xét, {counts['accepted']} đã tiếp nhận, {counts['returned']} trả lại, "
        f"{counts['draft']} chưa gửi.")


def _fill(rnd, officer, dong_phuc):
    """Bulk: narratives, timestamps, states and transitions (the workflow's own history)."""
    rng = random.Random(2026)
    subs = list(rnd.submissions.select_related("unit", "organisation").order_by("unit__code", "organisation_id"))
    reporters = {u.unit_id: u for u in User.objects.filter(unit__in=[s.unit for s in subs], role="officer")}
    transitions = []
    for i, sub in enumerate(subs):
        r = rng.random()
        if sub.unit_id == dong_phuc.pk and sub.organisation_id is None:
            fate = "returned"
        elif sub.unit.code == BANG_THANH_CODE and sub.organisation_id is None:
            fate = "submitted"
        elif r < 0.16:
            fate = "missing"
        elif r < 0.45:
            fate = "accepted"
        else:
            fate = "submitted"
        if fate == "missing":
            if rng.random() < 0.5:
                sub.narratives = {"1": {"ket_qua": "Đang tổng hợp số liệu từ các khu dân cư."}}
            continue
        late = rng.random() < 0.18
        day = rnd.due_date + datetime.timedelta(days=rng.randint(1, 9)) if late else \
            rnd.due_date - datetime.timedelta(days=rng.randint(0, 12))
        sub.narratives = narrative(rng, sub.reporter_name)
        sub.general = rng.choice(GENERAL) if rng.random() < 0.25 else ""
        sub.first_submitted_at = sub.submitted_at = _at(day, 8 + i % 9)
        actor = reporters.get(sub.unit_id)
        transitions.append(Transition(submission=sub, from_state=State.DRAFT, to_state=State.SUBMITTED,
                                      verb="Gửi báo cáo", actor=actor, at=sub.submitted_at))
        sub.state = State.SUBMITTED
        sub.version = 2
        if fate == "accepted":
            sub.accepted_at = _at(day + datetime.timedelta(days=2), 15)
            transitions.append(Transition(submission=sub, from_state=State.SUBMITTED, to_state=State.ACCEPTED,
                                          verb="Tiếp nhận báo cáo", actor=officer, at=sub.accepted_at))
            sub.state, sub.version = State.ACCEPTED, 3
        elif fate == "returned":
            transitions.append(Transition(submission=sub, from_state=State.SUBMITTED, to_state=State.RETURNED,
                                          verb="Trả lại để sửa", actor=officer, comment=RETURN_COMMENT,
                                          target="content:1:han_che", at=_at(day + datetime.timedelta(days=1), 14)))
            sub.state, sub.version = State.RETURNED, 3
    Submission.objects.bulk_update(subs, ["narratives", "general", "first_submitted_at", "submitted_at", "state",
                                          "version", "accepted_at"], batch_size=500)
    Transition.objects.bulk_create(transitions, batch_size=500)
    figures.demo_values(rnd, [s for s in subs if s.first_submitted_at], rng)


# --- the 5-year review (tổng kết) of the campaign, 2021–2025 ---------------------------------------------------

REVIEW_NAME = "Báo cáo tổng kết 5 năm thực hiện Cuộc vận động giai đoạn 2021–2025"
REVIEW_TEXTS = {
    "I.": ["Ban hành kế hoạch thực hiện Cuộc vận động hằng năm; kiện toàn Ban Chỉ đạo, phân công thành viên phụ trách "
           "từng khu dân cư.", "Phối hợp với Ủy ban nhân dân xã ban hành quy chế phối hợp; giao ban hằng quý."],
    "II.": ["Tuyên truyền qua {k} hội nghị, {n} buổi họp khu dân cư, nhóm Zalo của các thôn và loa truyền thanh.",
            "Sân khấu hóa tại Ngày hội Đại đoàn kết; pano, áp phích tại {k} khu dân cư."],
    "1.": ["Vận động xây mới, sửa chữa {k} nhà Đại đoàn kết; hỗ trợ sinh kế cho {n} lượt hộ nghèo, cận nghèo."],
    "2.": ["100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc hằng năm; tỷ lệ gia đình văn hóa duy trì trên "
           "85%."],
    "3.": ["Nhân dân hiến {n} m² đất, đóng góp hàng nghìn ngày công làm đường giao thông nông thôn."],
    "4.": ["{k} khu dân cư đưa nếp sống văn minh vào hương ước; duy trì mô hình “Khu dân cư an toàn về an ninh trật "
           "tự”."],
    "5.": ["Giám sát {k} công trình xây dựng nông thôn mới; tổ chức lấy ý kiến sự hài lòng của người dân."],
    "IV.": ["Đề nghị khen thưởng {k} tập thể, {n} cá nhân tiêu biểu trong 5 năm thực hiện Cuộc vận động."],
    "V.": ["Cuộc vận động đi vào chiều sâu; hạn chế: một số mô hình chưa bền vững do thiếu nguồn lực duy trì."],
    "VI.": ["Phát huy vai trò chủ thể của Nhân dân; công khai, minh bạch trong vận động, sử dụng nguồn lực."],
    "VII.": ["Tiếp tục thực hiện Cuộc vận động giai đoạn 2026–2030 gắn với Chương trình “Sáng – Xanh – Sạch – Đẹp”."],
    "VIII.": ["Đề nghị tỉnh hỗ trợ kinh phí duy trì mô hình điểm khu dân cư tự quản."],
}


def load_review(log, province, officer):
    """The province's 5-year review round 2021–2025 from the default outline (due 15/01/2026): most communes
    sent their review, some accepted, the rest missing; the review conference recorded as an activity and linked."""
    from activities.models import Activity
    from activities.services import save_activity

    from . import reviews
    from .models import ReviewOutline
    from .outlines import DEFAULT_NAME

    from .models import OutlineSection
    from .outlines import load_default

    load_default(ReviewOutline, OutlineSection)  # idempotent: refreshes the shared outline's description
    outline = ReviewOutline.objects.filter(name=DEFAULT_NAME, unit__isnull=True).first()
    if outline is None or officer is None:
        return
    period = get_period("2021-2025")
    rnd = ReportingRound.objects.filter(issuer=province, period=period, name=REVIEW_NAME).first()
    if rnd is None:
        rnd = ReportingRound.objects.create(
            issuer=province, period=period, name=REVIEW_NAME, cut_off=datetime.date(2025, 12, 15),
            due_date=datetime.date(2026, 1, 15), reporters=ReporterKind.COMMUNE, remind_days_before=5,
            created_by=officer, **reviews.round_data(outline, "tong_ket"))
        _assign(rnd)
    if Transition.objects.filter(submission__round=rnd).exists():
        log(f"Tổng kết: “{rnd.name}” đã có, giữ nguyên.")
        return
    rng = random.Random(2025)
    subs = list(rnd.submissions.select_related("unit").order_by("unit__code"))
    reporters = {u.unit_id: u for u in User.objects.filter(unit__in=[s.unit for s in subs], role="officer")}
    transitions = []
    for i, sub in enumerate(subs):
        fate = "submitted" if sub.unit.code == DONG_PHUC_CODE else (
            "missing" if rng.random() < 0.2 else "accepted" if rng.random() < 0.5 else "submitted")
        if fate == "missing":
            continue
        texts = {}
        for section in rnd.review_sections:
            choices = REVIEW_TEXTS.get(section["label"])
            if choices:
                texts[section["key"]] = rng.choice(choices).format(n=rng.randint(20, 900), k=rng.randint(3, 30))
        sub.narratives = {"review": texts}
        day = rnd.due_date - datetime.timedelta(days=rng.randint(-5, 20))
        sub.first_submitted_at = sub.submitted_at = _at(day, 8 + i % 9)
        transitions.append(Transition(submission=sub, from_state=State.DRAFT, to_state=State.SUBMITTED,
                                      verb="Gửi báo cáo", actor=reporters.get(sub.unit_id), at=sub.submitted_at))
        sub.state, sub.version = State.SUBMITTED, 2
        if fate == "accepted":
            sub.accepted_at = _at(day + datetime.timedelta(days=3), 15)
            transitions.append(Transition(submission=sub, from_state=State.SUBMITTED, to_state=State.ACCEPTED,
                                          verb="Tiếp nhận báo cáo", actor=officer, at=sub.accepted_at))
            sub.state, sub.version = State.ACCEPTED, 3
    Submission.objects.bulk_update(subs, ["narratives", "first_submitted_at", "submitted_at", "state", "version",
                                          "accepted_at"], batch_size=500)
    Transition.objects.bulk_create(transitions, batch_size=500)
    if rnd.conference_id is None:
        conference = Activity.objects.filter(unit=province, kind=Activity.Kind.REVIEW_CONFERENCE,
                                             held_on=datetime.date(2026, 1, 22)).first() or save_activity(
            officer, Activity.Kind.REVIEW_CONFERENCE, {
                "unit": province, "held_on": datetime.date(2026, 1, 22),
                "title": "Hội nghị tổng kết 5 năm thực hiện Cuộc vận động giai đoạn 2021–2025",
                "participants": 180, "commended": 45,
                "highlights": "Biểu dương 30 tập thể, 15 cá nhân tiêu biểu; ký kết chương trình phối hợp giai đoạn "
                              "2026–2030."})
        reviews.link_conference(officer, rnd, conference)
    sent = sum(1 for s in subs if s.first_submitted_at)
    log(f"Tổng kết: “{rnd.name}” – {sent}/{len(subs)} xã, phường đã gửi; hội nghị tổng kết đã gắn.")
