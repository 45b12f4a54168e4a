"""Demo: a finished, published survey in a Thái Nguyên ward (civilised urban, passing) and one in progress in
Xã Đồng Phúc (new rural 2026–2030: some areas done, some under way, some not started). Idempotent."""

import datetime
import random

from django.db import transaction

from accounts.models import User
from campaign.models import CriteriaSet
from units.models import Kind, Level, Unit

from .models import Answer, Ballot, Question, Receipt, Respondent, Survey, new_code
from .services import question_rows

ORDER = 70
DONG_PHUC_CODE = "01933"
WARD_NAME = "Phường Phan Đình Phùng"

COMPLETED_TITLE = "Lấy ý kiến sự hài lòng của người dân về kết quả xây dựng phường đạt chuẩn đô thị văn minh năm 2026"
OPEN_TITLE = "Lấy ý kiến sự hài lòng của người dân về kết quả xây dựng xã nông thôn mới giai đoạn 2026–2030"
_HEADS = ["Nguyễn Văn", "Hoàng Thị", "Nông Văn", "Ma Thị", "Triệu Văn", "Lương Thị", "Hà Văn", "Đàm Thị", "Lý Văn"]
_GIVEN = ["An", "Bình", "Cường", "Dung", "Hạnh", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quân", "Sơn", "Thắng",
          "Tuấn", "Vân", "Xuân", "Yến", "Hùng", "Đức", "Giang"]
_COMMENTS = ["Đề nghị tiếp tục nâng cấp đường vào khu dân cư.", "Cần thêm điểm thu gom rác.",
             "Mong có thêm lớp tập huấn chuyển đổi số cho người cao tuổi.", "Đèn chiếu sáng ngõ xóm còn thiếu.",
             "Hài lòng với công tác an ninh trật tự.", "Đề nghị sửa nhà văn hóa."]


def _ward():
    province = Unit.objects.get(level=Level.PROVINCE, code="19")
    wards = Unit.objects.subtree(province).filter(level=Level.COMMUNE, kind=Kind.WARD)
    return wards.filter(name=WARD_NAME).first() or wards.order_by("code").first()


def _survey(unit, title, subject, set_code, starts, ends, status, officer):
    survey = Survey.objects.filter(unit=unit, title=title).first()
    if survey is not None:
        return survey, False
    survey = Survey.objects.create(
        unit=unit, title=title, subject=subject, criteria_set=CriteriaSet.objects.get(code=set_code),
        starts_on=starts, ends_on=ends, threshold=90, min_coverage=70, status=status, created_by=officer,
        intro="Ủy ban MTTQ trân trọng đề nghị mỗi hộ cử một người đại diện cho biết mức độ hài lòng.")
    Question.objects.bulk_create(question_rows(survey))
    return survey, True


def _roll(survey, areas, rng, named=True):
    rows = []
    for area in areas:
        for i in range(1, (area.households or 0) + 1):
            head = f"{rng.choice(_HEADS)} {rng.choice(_GIVEN)}" if named else ""
            rows.append(Respondent(survey=survey, area=area, code=f"{i:03d}", head_name=head, card_code=new_code()))
    Respondent.objects.bulk_create(rows, batch_size=2000)
    return list(Respondent.objects.filter(survey=survey).order_by("area__code", "code"))


def _answer(survey, respondents, rng, satisfaction, days, entered_by, online_share=0.25):
    """Receipts and ballots for these households, as the services would write them (bulk, for speed)."""
    questions = list(survey.questions.order_by("number"))
    receipts, ballots, answers = [], [], []
    for r in respondents:
        online = rng.random() < online_share
        receipts.append(Receipt(respondent=r, survey=survey, area_id=r.area_id, on=rng.choice(days),
                                channel=Receipt.Channel.ONLINE if online else Receipt.Channel.PAPER,
                                entered_by=None if online else entered_by))
        ballot = Ballot(survey=survey, area_id=r.area_id,
                        comment=rng.choice(_COMMENTS) if rng.random() < 0.04 else "")
        ballots.append(ballot)
        p = 0.985 if rng.random() < satisfaction else 0.45  # the household's general mood
        for q in questions:
            answers.append((ballot, q.pk, rng.random() < p))
    rng.shuffle(ballots)  # rows are not written in the receipts' order
    Receipt.objects.bulk_create(receipts, batch_size=2000)
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    _insert_answers(answers)
    return len(receipts)


def _insert_answers(answers):
    """Tens of thousands of answers in one executemany: the rows bulk_create would write (a new UUID each), without
    building a model instance and compiling SQL for every row."""
    import uuid

    from django.db import connection

    key, to_ballot = Answer._meta.pk, Answer._meta.get_field("ballot")
    table = connection.ops.quote_name(Answer._meta.db_table)
    rows = [(key.get_db_prep_value(uuid.uuid4(), connection), to_ballot.get_db_prep_value(ballot.pk, connection),
             question_id, satisfied) for ballot, question_id, satisfied in answers]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (id, ballot_id, question_id, satisfied) VALUES (%s, %s, %s, %s)",
                           rows)


def _days(start, n):
    return [start + datetime.timedelta(days=i) for i in range(n)]


@transaction.atomic
def load(log):
    ward = _ward()
    dong_phuc = Unit.objects.get(level=Level.COMMUNE, code=DONG_PHUC_CODE)
    province_officer = User.objects.filter(username="tinh.thainguyen").first()
    dong_phuc_officer = User.objects.filter(username="xa.dongphuc").first()
    derived = []  # end days of the surveys just made: their periods get the spine's values in one bulk pass

    if ward is not None:
        survey, created = _survey(ward, COMPLETED_TITLE, Survey.Subject.CIVILISED_URBAN, "dtvm-2022",
                                  datetime.date(2026, 9, 1), datetime.date(2026, 9, 30), Survey.Status.CLOSED,
                                  province_officer)
        if created:
            rng = random.Random(2026)
            areas = list(ward.children.filter(level=Level.AREA, is_active=True).order_by("sort_key"))
            respondents = _roll(survey, areas, rng, named=False)
            chosen = [r for r in respondents if rng.random() < 0.78]
            n = _answer(survey, chosen, rng, 0.955, _days(datetime.date(2026, 9, 3), 25), province_officer)
            survey.published = True
            survey.save(update_fields=["published"])
            derived.append(survey.ends_on)
            log(f"Lấy ý kiến (đã kết thúc, công khai): {ward.name}, {len(respondents)} hộ, {n} phiếu.")

    survey, created = _survey(dong_phuc, OPEN_TITLE, Survey.Subject.NEW_RURAL, "ntm-xa-2026-2030",
                              datetime.date(2026, 11, 10), datetime.date(2026, 12, 10), Survey.Status.OPEN,
                              dong_phuc_officer)
    if created:
        rng = random.Random(1933)
        areas = list(dong_phuc.children.filter(level=Level.AREA, is_active=True).order_by("sort_key"))
        respondents = _roll(survey, areas, rng)
        by_area = {}
        for r in respondents:
            by_area.setdefault(r.area_id, []).append(r)
        chosen = []
        for i, area in enumerate(areas):
            # a third done, a third under way (Nà Hai among them, so the paper entry has households), a third not begun
            share = 0.6 if area.name == "Thôn Nà Hai" else (0.85, 0.4, 0.0)[i % 3]
            chosen += [r for r in by_area.get(area.pk, []) if rng.random() < share]
        n = _answer(survey, chosen, rng, 0.92, _days(datetime.date(2026, 11, 10), 14), dong_phuc_officer)
        derived.append(survey.ends_on)
        log(f"Lấy ý kiến (đang thu phiếu): {dong_phuc.name}, {len(respondents)} hộ, {n} phiếu.")
    if derived:
        from django.db.models import Q

        from campaign.models import Period
        from indicators.services import derive_all

        periods = Period.objects.filter(Q(*[Q(start__lte=d, end__gte=d) for d in derived], _connector=Q.OR))
        derive_all(["surveys"], list(periods))
