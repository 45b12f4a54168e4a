"""Every write of the oversight register: scoped, audited, in a transaction. And the follow-up of
recommendations: overdue first, the per-agency table, the quarterly consolidation of the people's opinions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from accounts import audit, scope
from indicators.services import changed
from core import uploads
from core.concurrency import claim_version, create_once
from units.models import Level, Unit

from .models import Agency, OpinionSummary, Recommendation, RecommendationEvent, Supervision

Status = Recommendation.Status
# Allowed transitions: a recommendation is answered once, then concluded once.
TRANSITIONS = {
    Status.SENT: {Status.ANSWERED},
    Status.ANSWERED: {Status.RESOLVED, Status.UNRESOLVED},
    Status.RESOLVED: set(),
    Status.UNRESOLVED: set(),
}
MINUTES_MAX_BYTES = 10 * 1024 * 1024


def today():
    """Today, or the day the spine's daily job derives for (indicators.registers.as_of)."""
    from indicators.registers import today as spine_today

    return spine_today()


# --- agencies ---------------------------------------------------------------------------------------

def agencies_for(unit):
    """Agencies a unit may address: its own list and the lists of the units above it."""
    return Agency.objects.filter(unit_id__in=[*unit.ancestor_ids, unit.pk], is_active=True).select_related("unit")


@transaction.atomic
def add_agency(user, unit, name) -> Agency:
    scope.require_write(user, unit)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Nhập tên cơ quan."})
    if Agency.objects.filter(unit=unit, name__iexact=name).exists():
        raise ValidationError({"name": f"“{name}” đã có trong danh sách cơ quan của {unit.name}."})
    agency = Agency.objects.create(unit=unit, name=name)
    audit.created(user, agency)
    return agency


# --- supervisions ------------------------------------------------------------------------------------

def check_minutes(upload):
    """A minutes file: PDF, DOCX or an image (re-encoded), at most 10 MB, judged by its bytes (core.uploads).
    Returns the file to store, under a random name; None when none was sent."""
    if upload is None:
        return None
    return uploads.check_attachment(upload, kinds=(uploads.PDF, uploads.DOCX, uploads.IMAGE),
                                    max_bytes=MINUTES_MAX_BYTES, field="minutes", label="Biên bản").file


MINUTES_TYPES = {".pdf": "application/pdf", ".docx": uploads.DOCX_TYPE, ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                 ".png": "image/png"}


SUPERVISION_FIELDS = ["kind", "subject_kind", "subject", "team", "start", "end", "findings"]


@transaction.atomic
def save_supervision(user, unit, data, instance=None, minutes=None) -> Supervision:
    if instance is None and data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(user, data["once"], lambda: save_supervision(user, unit, rest, None, minutes))
    scope.require_write(user, unit)
    if instance is not None:
        claim_version(instance, data.get("version"))
    if unit.level == Level.AREA:
        raise ValidationError("Giám sát, phản biện được ghi ở cấp xã trở lên.")
    if data["end"] < data["start"]:
        raise ValidationError({"end": "Ngày kết thúc trước ngày bắt đầu."})
    minutes = check_minutes(minutes)
    before = audit.snapshot(instance) if instance else None
    old_start = instance.start if instance else None
    obj = instance or Supervision(unit=unit, created_by=user)
    for field in SUPERVISION_FIELDS:
        setattr(obj, field, data[field])
    if minutes is not None:
        if obj.minutes:
            obj.minutes.delete(save=False)
        obj.minutes.save(minutes.name, minutes, save=False)
    obj.save()
    audit.updated(user, obj, before) if before else audit.created(user, obj)
    changed("oversight", unit, min(obj.start, old_start or obj.start), max(obj.start, old_start or obj.start),
            models=[Supervision])
    return obj


# --- recommendations --------------------------------------------------------------------------------

def with_overdue(queryset, on):
    """Annotate `overdue` (1/0) as at `on` and order overdue first, then by due date."""
    return queryset.annotate(overdue=Case(
        When(status=Status.SENT, due_on__lt=on, then=Value(1)), default=Value(0), output_field=IntegerField(),
    )).order_by("-overdue", "due_on", "id")


@transaction.atomic
def add_recommendation(user, unit, data) -> Recommendation:
    if data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(user, data["once"], lambda: add_recommendation(user, unit, rest))
    scope.require_write(user, unit)
    if unit.level == Level.AREA:
        raise ValidationError("Kiến nghị được ghi ở cấp xã trở lên.")
    agency = data["agency"]
    if not agencies_for(unit).filter(pk=agency.pk).exists():
        raise ValidationError({"agency": "Cơ quan này không thuộc danh sách của đơn vị."})
    if data["due_on"] < data["sent_on"]:
        raise ValidationError({"due_on": "Hạn trả lời trước ngày gửi."})
    supervision = data.get("supervision")
    if supervision is not None and supervision.unit_id != unit.pk:
        raise ValidationError({"supervision": "Cuộc giám sát không thuộc đơn vị này."})
    opinion = data.get("opinion_summary")
    if opinion is not None and not opinion.unit.is_within(unit):
        raise ValidationError({"opinion_summary": "Tình hình Nhân dân không thuộc đơn vị này."})
    rec = Recommendation.objects.create(
        unit=unit, agency=agency, content=data["content"].strip(), sent_on=data["sent_on"], due_on=data["due_on"],
        supervision=supervision, opinion_summary=opinion,
        source=Recommendation.Source.OPINION if opinion and not supervision else Recommendation.Source.SUPERVISION)
    RecommendationEvent.objects.create(recommendation=rec, from_status="", to_status=Status.SENT, on=rec.sent_on,
                                       by=user)
    audit.created(user, rec)
    changed("oversight", unit, rec.sent_on)  # open-ended: it is overdue in later periods until answered
    return rec


@transaction.atomic
def change_status(user, rec, to_status, on, answer="", note="") -> Recommendation:
    """Move a recommendation one step: sent → answered (with the answer and its date) → resolved/unresolved."""
    rec = Recommendation.objects.select_for_update().get(pk=rec.pk)
    scope.require_write(user, rec.unit)
    if to_status not in TRANSITIONS[rec.status]:
        raise ValidationError(f"Không thể chuyển kiến nghị từ “{Status(rec.status).label}” sang "
                              f"“{Status(to_status).label}”.")
    if on is None:
        raise ValidationError({"on": "Nhập ngày."})
    if on > today():
        raise ValidationError({"on": "Ngày không được sau hôm nay."})
    before = audit.snapshot(rec)
    if to_status == Status.ANSWERED:
        if not answer.strip():
            raise ValidationError({"answer": "Nhập nội dung trả lời của cơ quan."})
        if on < rec.sent_on:
            raise ValidationError({"on": "Ngày trả lời trước ngày gửi kiến nghị."})
        rec.answer, rec.answered_on = answer.strip(), on
    else:
        if on < rec.answered_on:
            raise ValidationError({"on": "Ngày kết luận trước ngày trả lời."})
        rec.closed_on = on
    from_status, rec.status = rec.status, to_status
    rec.save()
    RecommendationEvent.objects.create(recommendation=rec, from_status=from_status, to_status=to_status, on=on,
                                       note=note.strip(), by=user)
    audit.updated(user, rec, before, verb=f"Chuyển kiến nghị sang “{Status(to_status).label}”")
    # counted in the periods of its sending (answered on time) and of the answer (no longer overdue)
    changed("oversight", rec.unit, min(rec.sent_on, on))
    return rec


def followup_rows(recommendations, on):
    """Per agency: sent, answered on time, answered late, overdue (unanswered past due as at `on`), waiting
    (unanswered, not yet due), resolved, unresolved. One aggregate query."""
    answered = Q(answered_on__isnull=False)
    rows = (recommendations.values("agency_id", "agency__name", "agency__unit__name")
            .annotate(sent=Count("id"),
                      on_time=Count("id", filter=answered & Q(answered_on__lte=F("due_on"))),
                      late=Count("id", filter=answered & Q(answered_on__gt=F("due_on"))),
                      overdue=Count("id", filter=Q(status=Status.SENT, due_on__lt=on)),
                      waiting=Count("id", filter=Q(status=Status.SENT, due_on__gte=on)),
                      resolved=Count("id", filter=Q(status=Status.RESOLVED)),
                      unresolved=Count("id", filter=Q(status=Status.UNRESOLVED)))
            .order_by("-overdue", "agency__name"))
    return list(rows)


def followup_table(unit, recommendations, on, year=None):
    from documents.tables import Column, Table

    rows = [{"no": i, "agency": r["agency__name"], "sent": r["sent"], "on_time": r["on_time"], "late": r["late"],
             "overdue": r["overdue"], "waiting": r["waiting"], "resolved": r["resolved"],
             "unresolved": r["unresolved"]}
            for i, r in enumerate(followup_rows(recommendations, on), start=1)]
    from core.formatting import format_date

    subtitle = [f"Đơn vị: {unit.name}" + (f" · Kiến nghị gửi năm {year}" if year else ""),
                f"Tình trạng đến ngày {format_date(on)}"]
    return Table(
        title="Theo dõi trả lời kiến nghị theo cơ quan", subtitle=subtitle,
        columns=[Column("no", "STT", "integer", summable=False), Column("agency", "Cơ quan tiếp nhận", width=40),
                 Column("sent", "Đã gửi", "integer"), Column("on_time", "Trả lời đúng hạn", "integer"),
                 Column("late", "Trả lời muộn", "integer"), Column("overdue", "Quá hạn, chưa trả lời", "integer"),
                 Column("waiting", "Chưa đến hạn", "integer"), Column("resolved", "Đã giải quyết", "integer"),
                 Column("unresolved", "Chưa giải quyết", "integer")],
        rows=rows,
    ).with_totals()


# --- people's opinions ------------------------------------------------------------------------------

@transaction.atomic
def save_opinion_summary(user, unit, period, data, submit=False) -> OpinionSummary:
    scope.require_write(user, unit)
    if unit.level != Level.COMMUNE:
        raise ValidationError("Tình hình Nhân dân hằng quý do xã, phường, đặc khu gửi.")
    if period.kind != period.Kind.QUARTER:
        raise ValidationError("Tình hình Nhân dân được tổng hợp theo quý.")
    obj = OpinionSummary.objects.filter(unit=unit, period=period).first()
    before = audit.snapshot(obj) if obj else None
    obj = obj or OpinionSummary(unit=unit, period=period)
    obj.situation, obj.concerns = data["situation"].strip(), data.get("concerns", "").strip()
    if not obj.situation:
        raise ValidationError({"situation": "Nhập tình hình tư tưởng, dư luận Nhân dân."})
    if submit and not obj.submitted_at:
        obj.submitted_at, obj.submitted_by = timezone.now(), user
    obj.save()
    if before:
        audit.updated(user, obj, before, verb="Gửi tình hình Nhân dân" if submit else "")
    else:
        audit.created(user, obj, verb="Gửi tình hình Nhân dân" if submit else "")
    changed("oversight", unit, period.start, period.end)  # opinion_summaries_submitted of the quarter
    return obj


def communes_under(unit):
    return Unit.objects.subtree(unit).filter(level=Level.COMMUNE, is_active=True).ordered()


def consolidation(unit, period):
    """[(commune, summary or None)] for every commune under `unit`; only submitted summaries count."""
    summaries = {s.unit_id: s for s in OpinionSummary.objects.filter(
        unit__in=communes_under(unit), period=period, submitted_at__isnull=False).select_related("submitted_by")}
    return [(c, summaries.get(c.pk)) for c in communes_under(unit)]


def consolidated_document(unit, period, rows):
    """The consolidated "tình hình Nhân dân" report of `unit` for a quarter, each part attributed to its commune."""
    from documents.nd30 import Heading, OfficialDocument, Paragraph, Recipients, Signer

    submitted = [(c, s) for c, s in rows if s]
    missing = [c.name for c, s in rows if not s]
    blocks = [Paragraph(f"Ban Thường trực Ủy ban MTTQ {unit.name} tổng hợp tình hình tư tưởng, dư luận và ý kiến, "
                        f"kiến nghị của Nhân dân {period.name.lower()} từ báo cáo của {len(submitted)}/{len(rows)} "
                        f"xã, phường, đặc khu như sau:")]
    blocks.append(Heading("I.", "TÌNH HÌNH TƯ TƯỞNG, DƯ LUẬN NHÂN DÂN"))
    for i, (commune, summary) in enumerate(submitted, start=1):
        blocks.append(Heading(f"{i}.", commune.name))
        blocks += [Paragraph(p) for p in _paragraphs(summary.situation)]
    blocks.append(Heading("II.", "Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN"))
    n = 0
    for commune, summary in submitted:
        if summary.concerns.strip():
            n += 1
            blocks.append(Heading(f"{n}.", commune.name))
            blocks += [Paragraph(p) for p in _paragraphs(summary.concerns)]
    if not n:
        blocks.append(Paragraph("Không có ý kiến, kiến nghị."))
    if missing:
        blocks.append(Heading("III.", "ĐƠN VỊ CHƯA GỬI BÁO CÁO"))
        blocks.append(Paragraph(", ".join(missing) + "."))
    place = unit.short_name
    return OfficialDocument(
        parent_body=f"ỦY BAN MTTQ VIỆT NAM\n{unit.name.upper()}", issuing_body="BAN THƯỜNG TRỰC",
        symbol="BC-MTTQ-BTT", place=place, type_name="BÁO CÁO",
        title=f"Tình hình Nhân dân {period.name.lower()}", blocks=blocks,
        signer=Signer("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", ""),
        recipients=Recipients(["Ban Thường trực UB MTTQ Việt Nam cấp trên", "Thường trực cấp ủy cùng cấp"],
                              archive="VT"),
    )


def _paragraphs(text):
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
