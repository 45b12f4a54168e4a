"""Every write to a survey: scoped, audited, in a transaction. Ballots are never audited with their answers."""

import datetime
import secrets
import unicodedata
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts import audit, scope
from campaign.models import CriteriaSet
from core.concurrency import claim_version, create_once
from core.uploads import UploadError, read_table
from units.models import Level, Unit

from . import access
from .models import Answer, Ballot, PendingBallot, Question, Receipt, Respondent, Survey

OVERALL_TEXT = {
    Survey.Subject.NEW_RURAL: "Nhìn chung, ông/bà có hài lòng với kết quả xây dựng nông thôn mới của xã không?",
    Survey.Subject.NEW_RURAL_ADVANCED: "Nhìn chung, ông/bà có hài lòng với kết quả xây dựng xã nông thôn mới "
                                       "nâng cao không?",
    Survey.Subject.NEW_RURAL_MODEL: "Nhìn chung, ông/bà có hài lòng với kết quả xây dựng xã nông thôn mới "
                                    "kiểu mẫu không?",
    Survey.Subject.CIVILISED_URBAN: "Nhìn chung, ông/bà có hài lòng với kết quả xây dựng phường đạt chuẩn "
                                    "đô thị văn minh không?",
    Survey.Subject.CUSTOM: "Nhìn chung, ông/bà có hài lòng không?",
}
SUBJECT_SET_KIND = {
    Survey.Subject.NEW_RURAL: CriteriaSet.Kind.NEW_RURAL,
    Survey.Subject.NEW_RURAL_ADVANCED: CriteriaSet.Kind.NEW_RURAL,
    Survey.Subject.NEW_RURAL_MODEL: CriteriaSet.Kind.NEW_RURAL,
    Survey.Subject.CIVILISED_URBAN: CriteriaSet.Kind.CIVILISED_URBAN,
}
ROSTER_COLUMNS = ["Mã khu dân cư", "Mã hộ", "Chủ hộ (người đại diện)"]


def refresh_spine(survey: Survey, areas=None, on=None) -> None:
    """Re-derive the survey's measures (surveys/measures.py) for these areas (default: all of the commune) in the
    periods that contain the survey's last day. Called inside the transaction of the write."""
    from indicators.services import changed, deferred

    on = on or survey.ends_on
    with deferred():
        if areas is None:
            areas = Unit.objects.filter(parent_id=survey.unit_id, level=Level.AREA)
            changed("surveys", survey.unit, on, on)  # commune-level measures, once
        for area in areas:
            changed("surveys", area, on, on)


class SurveyError(Exception):
    """A rule was broken; the message is Vietnamese and meant for the user. Nothing was written."""


def default_criteria_set(subject, on: datetime.date):
    kind = SUBJECT_SET_KIND.get(subject)
    return CriteriaSet.current(kind, on) if kind else None


def question_rows(survey: Survey) -> list[Question]:
    """One question per criterion of the set, then the overall question (not saved)."""
    rows = []
    if survey.criteria_set_id:
        for criterion in survey.criteria_set.criteria.order_by("number"):
            rows.append(Question(survey=survey, number=len(rows) + 1, criterion=criterion,
                                 text=f"Ông/bà có hài lòng với kết quả thực hiện tiêu chí {criterion.number} "
                                      f"“{criterion.name}” không?"))
    rows.append(Question(survey=survey, number=len(rows) + 1, is_overall=True, text=OVERALL_TEXT[survey.subject]))
    return rows


def _check_settings(data, unit=None):
    from campaign import fit

    if data["ends_on"] < data["starts_on"]:
        raise SurveyError("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
    if unit is not None:
        for kind in (data.get("subject"), getattr(data.get("criteria_set"), "kind", None)):
            if kind and not fit.fits(unit, kind):
                raise SurveyError(fit.refusal(unit, kind))


@transaction.atomic
def create_survey(actor, unit: Unit, data: dict) -> Survey:
    """`once` in data (the form's one-time key): a double submit makes one survey (AlreadySubmitted)."""
    if "once" in data:
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(actor, data["once"], lambda: create_survey(actor, unit, rest))
    scope.require_write(actor, unit)
    if unit.level != Level.COMMUNE:
        raise SurveyError("Đợt lấy ý kiến do Ủy ban MTTQ xã, phường, đặc khu tổ chức: hãy chọn một xã/phường.")
    _check_settings(data, unit)
    survey = Survey(unit=unit, created_by=actor, **data)
    if survey.criteria_set is None and survey.subject != Survey.Subject.CUSTOM:
        survey.criteria_set = default_criteria_set(survey.subject, survey.starts_on)
    access.require_manage(actor, survey)
    survey.save()
    Question.objects.bulk_create(question_rows(survey))
    audit.created(actor, survey, unit=unit)
    return survey


def _require_no_ballots(survey):
    if survey.receipts.exists():
        raise SurveyError("Đã có hộ trả lời: không thể đổi bộ câu hỏi nữa.")


@transaction.atomic
def update_survey(actor, survey: Survey, data: dict) -> Survey:
    """`version` in data: the version the form saw; a stale form is refused (StaleEdit) and writes nothing."""
    access.require_manage(actor, survey)
    data = dict(data)
    claim_version(survey, data.pop("version", None))
    _check_settings(data, survey.unit)
    before = audit.snapshot(survey)
    old_end = survey.ends_on
    set_changed = data.get("criteria_set") != survey.criteria_set or data.get("subject") != survey.subject
    if set_changed:
        _require_no_ballots(survey)
    for name, value in data.items():
        setattr(survey, name, value)
    survey.save()
    if set_changed:
        survey.questions.all().delete()
        Question.objects.bulk_create(question_rows(survey))
    audit.updated(actor, survey, before)
    if old_end != survey.ends_on and survey.status != Survey.Status.DRAFT:
        refresh_spine(survey, on=old_end)
        refresh_spine(survey)
    return survey


@transaction.atomic
def save_questions(actor, survey: Survey, texts: dict[int, str], remove: set[int], new_text: str = "",
                   version=None) -> None:
    """Edit question texts, remove questions, add one; numbers are kept in order 1..n. Not once answered.
    The page is saved as a whole only from the survey's version it was opened with (StaleEdit)."""
    access.require_manage(actor, survey)
    claim_version(survey, version)
    _require_no_ballots(survey)
    questions = list(survey.questions.order_by("number"))
    for q in questions:
        if q.pk in texts and not texts[q.pk].strip() and q.pk not in remove:
            raise SurveyError(f"Câu {q.number}: nội dung câu hỏi không được để trống.")
    if any(q.is_overall for q in questions if q.pk in remove):
        raise SurveyError("Không xóa câu hỏi chung: kết quả chung của đợt lấy ý kiến tính theo câu này.")
    kept = [q for q in questions if q.pk not in remove]
    Question.objects.filter(pk__in=remove, survey=survey).delete()
    if new_text.strip():
        overall = [q for q in kept if q.is_overall]
        others = [q for q in kept if not q.is_overall]
        kept = others + [Question(survey=survey, text=new_text.strip(), number=0)] + overall
    # renumber without tripping the unique (survey, number) constraint: move out of the way first
    offset = (survey.questions.aggregate(m=Max("number"))["m"] or 0) + len(kept) + 1
    for i, q in enumerate(kept):
        if q.pk:
            Question.objects.filter(pk=q.pk).update(number=offset + i)
    for i, q in enumerate(kept, start=1):
        q.number = i
        if q.pk in texts:
            q.text = texts[q.pk].strip()
        q.save()
    audit.record(actor, audit.Action.UPDATE, survey, verb="Sửa câu hỏi",
                 note=f"{len(kept)} câu hỏi" + (f", xóa {len(remove)}" if remove else ""))


STATUS_VERBS = {Survey.Status.OPEN: "Bắt đầu lấy ý kiến", Survey.Status.CLOSED: "Kết thúc lấy ý kiến",
                Survey.Status.DRAFT: "Trở lại chuẩn bị"}


@transaction.atomic
def set_status(actor, survey: Survey, status: str) -> Survey:
    access.require_manage(actor, survey)
    allowed = {Survey.Status.DRAFT: {Survey.Status.OPEN}, Survey.Status.OPEN: {Survey.Status.CLOSED},
               Survey.Status.CLOSED: set()}
    # No reopening: figures seen at the close, compared with figures after one more ballot, would reveal it.
    if status not in allowed[survey.status]:
        raise SurveyError("Đợt lấy ý kiến đã kết thúc thì không mở lại được (để giữ bí mật ý kiến của từng hộ)."
                          if survey.status == Survey.Status.CLOSED else "Không chuyển được trạng thái này.")
    if status == Survey.Status.OPEN and not survey.respondents.exists():
        raise SurveyError("Chưa có danh sách hộ: hãy nhập hoặc tạo danh sách hộ trước khi bắt đầu.")
    if status == Survey.Status.CLOSED:
        flush_ballots(survey, everything=True)  # every ballot counted before any figure is shown
    before = audit.snapshot(survey)
    survey.status = status
    if status != Survey.Status.CLOSED:
        survey.published = False
    survey.save(update_fields=["status", "published"])
    audit.updated(actor, survey, before, verb=STATUS_VERBS[status])
    refresh_spine(survey)
    return survey


@transaction.atomic
def set_published(actor, survey: Survey, published: bool) -> Survey:
    access.require_manage(actor, survey)
    if published and survey.status != Survey.Status.CLOSED:
        raise SurveyError("Chỉ công khai kết quả khi đã kết thúc lấy ý kiến.")
    before = audit.snapshot(survey)
    survey.published = published
    survey.save(update_fields=["published"])
    audit.updated(actor, survey, before, verb="Công khai kết quả" if published else "Thôi công khai kết quả")
    return survey


# --- the roll of households -------------------------------------------------------------------------------

@transaction.atomic
def generate_respondents(actor, survey: Survey, area_ids=None, counts=None, reason: str = "") -> dict:
    """Numbered households 001..N per area, N = the area's number of households (Unit.households), which
    doanket already knows: nobody types it again. `counts` ({area pk: N}) overrides it for this survey only,
    and only with a `reason` (audited); the unit's own count is not changed. Existing codes are kept; areas
    without a household count are reported."""
    access.require_manage(actor, survey)
    areas = list(access.areas(actor, survey))
    if area_ids is not None:
        areas = [a for a in areas if a.pk in set(area_ids)]
    counts = counts or {}
    overridden = [(a, counts[a.pk]) for a in areas if counts.get(a.pk) is not None and counts[a.pk] != a.households]
    reason = (reason or "").strip()
    if overridden and not reason:
        names = "; ".join(f"{a.name}: {n} (đơn vị đang ghi {a.households if a.households is not None else 'chưa có'})"
                          for a, n in overridden)
        raise SurveyError(f"Số hộ khác số của khu dân cư ({names}): ghi lý do sửa, hoặc để nguyên số đã có.")
    existing = set(survey.respondents.values_list("area_id", "code"))
    rows, missing = [], []
    for area in areas:
        total = counts.get(area.pk) if counts.get(area.pk) is not None else area.households
        if not total:
            missing.append(area.name)
            continue
        width = max(3, len(str(total)))
        for i in range(1, total + 1):
            code = f"{i:0{width}d}"
            if (area.pk, code) not in existing:
                rows.append(Respondent(survey=survey, area=area, code=code))
    Respondent.objects.bulk_create(rows, batch_size=1000)
    note = f"{len(rows)} hộ"
    if overridden:
        note += "; sửa số hộ: " + "; ".join(f"{a.name} {a.households} → {n}" for a, n in overridden)
        note += f"; lý do: {reason}"
    audit.record(actor, audit.Action.ACTION, survey, verb="Tạo danh sách hộ theo số hộ của khu dân cư", note=note)
    if rows and survey.status != Survey.Status.DRAFT:
        refresh_spine(survey, {r.area for r in rows})
    return {"created": len(rows), "missing": missing}


def roster_template_rows(survey):
    first = survey.unit.children.filter(level=Level.AREA).order_by("code").first()
    code = first.code if first else "01"
    return [ROSTER_COLUMNS, [code, "001", "Nguyễn Văn An"], [code, "002", "Hoàng Thị Bình"]]


@transaction.atomic
def import_respondents(actor, survey: Survey, filename: str, content: bytes) -> dict:
    """Households from XLSX/CSV: area code, household code, household head. All rows or none."""
    access.require_manage(actor, survey)
    rows = read_table(filename, content)
    start = next((i for i, r in enumerate(rows) if r and r[0].lower().startswith("mã")), None)
    if start is None:
        raise UploadError(["Không thấy dòng tiêu đề: cột A phải là “Mã khu dân cư” như tệp mẫu."])
    areas = {a.code: a for a in access.areas(actor, survey)}
    existing = {(r.area_id, r.code): r for r in survey.respondents.all()}
    errors, seen, parsed = [], {}, []
    for line, raw in enumerate(rows[start + 1:], start=start + 2):
        area_code, code, head = (raw + ["", "", ""])[:3]
        if not any((area_code, code, head)):
            continue
        area = areas.get(area_code)
        if not area_code:
            errors.append(f"Dòng {line}, cột A (Mã khu dân cư): thiếu mã khu dân cư.")
        elif area is None:
            errors.append(f"Dòng {line}, cột A (Mã khu dân cư): {survey.unit.name} không có khu dân cư mã "
                          f"“{area_code}”.")
        if not code:
            errors.append(f"Dòng {line}, cột B (Mã hộ): thiếu mã hộ.")
        elif len(code) > 30:
            errors.append(f"Dòng {line}, cột B (Mã hộ): mã dài quá 30 ký tự.")
        elif (area_code, code) in seen:
            errors.append(f"Dòng {line}, cột B (Mã hộ): hộ “{code}” trùng với dòng {seen[(area_code, code)]}.")
        else:
            seen[(area_code, code)] = line
        if len(head) > 150:
            errors.append(f"Dòng {line}, cột C (Chủ hộ): tên dài quá 150 ký tự.")
        if area is not None and code:
            parsed.append((area, code, head))
    if not parsed and not errors:
        errors.append("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    if errors:
        raise UploadError(errors)
    created, updated = [], []
    for area, code, head in parsed:
        current = existing.get((area.pk, code))
        if current is None:
            created.append(Respondent(survey=survey, area=area, code=code, head_name=head))
        elif current.head_name != head and head:
            current.head_name = head
            updated.append(current)
    Respondent.objects.bulk_create(created, batch_size=1000)
    Respondent.objects.bulk_update(updated, ["head_name"], batch_size=1000)
    audit.record(actor, audit.Action.IMPORT, survey, verb="Nhập danh sách hộ",
                 note=f"{filename}: {len(created)} thêm mới, {len(updated)} cập nhật")
    if created and survey.status != Survey.Status.DRAFT:
        refresh_spine(survey, {r.area for r in created})
    return {"created": len(created), "updated": len(updated), "rows": len(parsed)}


# --- ballots ----------------------------------------------------------------------------------------------

def _answers(survey, answers: dict) -> list[tuple[Question, bool]]:
    questions = list(survey.questions.order_by("number"))
    missing = [q.number for q in questions if answers.get(q.pk) is None]
    if missing:
        raise SurveyError("Chưa trả lời câu " + ", ".join(str(n) for n in missing) + ".")
    return [(q, bool(answers[q.pk])) for q in questions]


FLUSH_BATCH = 10  # ballots wait until this many are pending in a survey, then are written in shuffled order


def _record(actor, survey, respondent, answers, comment, channel) -> None:
    """The receipt (who) and the ballot (what) are never written together: the receipt commits first; the
    ballot then waits, in its own transaction, among the survey's pending ballots; once FLUSH_BATCH of them wait
    (and at the close, all) they are written together in a random order with new random ids. Neither a join,
    nor the order of rows, nor a transaction id (xmin) ties a ballot to a receipt beyond "one of the batch"."""
    if not survey.is_open:
        raise SurveyError("Đợt lấy ý kiến không mở: không nhận phiếu.")
    pairs = _answers(survey, answers)
    comment = unicodedata.normalize("NFC", (comment or "").strip())[:2000]
    try:
        with transaction.atomic():
            receipt = Receipt.objects.create(respondent=respondent, survey=survey, area_id=respondent.area_id,
                                             channel=channel, on=timezone.localdate(),
                                             entered_by=actor if getattr(actor, "is_authenticated", False) else None)
            # The audit names the household and the channel, never the ballot or its answers.
            audit.record(actor, audit.Action.CREATE, receipt,
                         verb=f"Nhận phiếu ({receipt.get_channel_display().lower()})",
                         unit=respondent.area, object_repr=f"{respondent} – {respondent.area.name}")
    except IntegrityError:
        raise SurveyError(f"{respondent} đã trả lời rồi: mỗi hộ chỉ một phiếu.")
    try:
        with transaction.atomic():
            PendingBallot.objects.create(survey=survey, area_id=respondent.area_id, comment=comment,
                                         answers={str(q.pk): s for q, s in pairs})
    except Exception:
        Receipt.objects.filter(pk=receipt.pk).delete()  # nothing half-written: no receipt without its ballot
        raise
    flush_ballots(survey)
    refresh_spine(survey, [respondent.area])  # coverage only: satisfaction waits for the end of collection


def flush_ballots(survey, everything=False) -> int:
    """Write the survey's pending ballots as real ballots, shuffled, when FLUSH_BATCH wait (or all of them when
    `everything`, at the close). Returns how many were written."""
    with transaction.atomic():
        pending = list(PendingBallot.objects.select_for_update(skip_locked=True).filter(survey=survey))
        if not pending or (len(pending) < FLUSH_BATCH and not everything):
            return 0
        shuffle = secrets.SystemRandom().shuffle
        shuffle(pending)
        ballots = [Ballot(id=uuid.uuid4(), survey_id=p.survey_id, area_id=p.area_id, comment=p.comment)
                   for p in pending]
        Ballot.objects.bulk_create(ballots)
        answers = [Answer(id=uuid.uuid4(), ballot=b, question_id=int(q), satisfied=bool(v))
                   for b, p in zip(ballots, pending) for q, v in p.answers.items()]
        shuffle(answers)
        Answer.objects.bulk_create(answers)
        PendingBallot.objects.filter(pk__in=[p.pk for p in pending]).delete()
        return len(ballots)


def enter_paper_ballot(actor, survey: Survey, area: Unit, respondent_id, answers: dict, comment="") -> Respondent:
    access.require_enter(actor, survey, area)
    respondent = survey.respondents.select_related("area").filter(pk=respondent_id, area=area).first()
    if respondent is None:
        raise SurveyError("Chọn hộ trong danh sách của khu dân cư này.")
    _record(actor, survey, respondent, answers, comment, Receipt.Channel.PAPER)
    return respondent


def find_by_code(code: str) -> Respondent | None:
    code = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(code) != 8:
        return None
    return Respondent.objects.select_related("survey", "area", "survey__unit").filter(card_code=code).first()


def submit_online(code: str, answers: dict, comment="") -> Respondent:
    respondent = find_by_code(code)
    if respondent is None:
        raise SurveyError("Mã phiếu không đúng.")
    _record(None, respondent.survey, respondent, answers, comment, Receipt.Channel.ONLINE)
    return respondent
