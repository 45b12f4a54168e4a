"""Reviews (sơ kết, tổng kết): a reporting round over a year or a phase (2016–2020, the 20-year Great Unity Day
review 2003–2023) whose report follows an outline (đề cương). Each unit writes text under each section; the
figures a section shows are read from the spine (indicators.queries.readings), never typed again. Submission,
return, acceptance, reminders and completeness are the reporting round's own; the review conference is an
activity of the activities register, linked to the round (not a second record of it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import audit, scope
from indicators.models import Measure
from indicators.queries import readings

from .models import REVIEW_KINDS, ReportingRound, ReviewOutline, Submission


def outlines_for(unit):
    """Outlines a unit may use: the shared ones and those of its own unit or the units above it."""
    ids = list(unit.ancestor_ids) + [unit.pk]
    from django.db.models import Q

    return ReviewOutline.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=ids), is_active=True).order_by("name")


def round_data(outline: ReviewOutline, kind: str) -> dict:
    """The review fields of a round opened from `outline`: its sections (a snapshot) and their measures."""
    if kind not in REVIEW_KINDS:
        raise ValidationError("Loại đợt phải là sơ kết hoặc tổng kết.")
    sections = outline.snapshot()
    if not sections:
        raise ValidationError(f"Đề cương “{outline.name}” chưa có mục nào.")
    codes = []
    for s in sections:
        codes += [c for c in s["measures"] if c not in codes]
    known = set(Measure.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationError(f"Đề cương có chỉ số không có trong danh mục: {', '.join(unknown)}.")
    return {"kind": kind, "outline": outline, "review_sections": sections, "measure_codes": codes}


def clean_review(raw: dict, sections: list[dict]) -> dict:
    """Only the outline's sections, trimmed; empty ones dropped."""
    keys = [s["key"] for s in sections]
    return {k: str(raw.get(k, "")).strip() for k in keys if str(raw.get(k, "")).strip()}


@dataclass
class SectionFigure:
    code: str
    name: str
    unit_label: str
    value_type: str
    value: object  # None: not reported

    @property
    def text(self) -> str:
        from .consolidation import _show

        return _show(self.value, self.value_type, self.unit_label, own_level=False)


def section_figures(rnd: ReportingRound, unit, org_kind_id=None, frozen: dict | None = None) -> dict[str, list]:
    """{section key: [SectionFigure]} for one reporter: the spine's readings for the round's period (or the values
    frozen when the report was accepted)."""
    codes = list(rnd.measure_codes or [])
    measures = {m.code: m for m in Measure.objects.filter(code__in=codes)}
    values = {}
    for code, m in measures.items():
        if frozen is not None and code in frozen:
            values[code] = frozen[code]
            continue
        reading = readings(m, [unit], rnd.period, org_kind_id if m.by_organisation else None).get(unit.pk)
        value = reading.value if reading is not None else None
        if value is not None and m.value_type == "bool" and m.level == unit.level:
            value = bool(value)
        values[code] = value
    out = {}
    for s in rnd.review_sections:
        out[s["key"]] = [SectionFigure(c, measures[c].name, measures[c].unit_label, measures[c].value_type,
                                       values.get(c)) for c in s["measures"] if c in measures]
    return out


def sections_for(sub: Submission, narratives: dict | None = None, comments: dict | None = None) -> list[dict]:
    """What the review form shows: each section with guidance, pre-filled figures and the text written."""
    rnd = sub.round
    frozen = sub.accepted_values if sub.accepted_values and sub.state in ("accepted", "locked") else None
    figures = section_figures(rnd, sub.unit, sub.organisation.kind_id if sub.organisation_id else None, frozen)
    texts = (narratives if narratives is not None else sub.narratives).get("review") or {}
    comments = comments or {}
    return [dict(s, name=f"r-{s['key']}", text=texts.get(s["key"], ""), figures=figures.get(s["key"], []),
                 comment=comments.get(f"review:{s['key']}")) for s in rnd.review_sections]


# --- the review conference ------------------------------------------------------------------------------

def conference_choices(rnd: ReportingRound):
    """The issuer's review conferences held from the period's start on, not yet linked to another round."""
    from activities.models import Activity

    return (Activity.objects.filter(unit=rnd.issuer, kind=Activity.Kind.REVIEW_CONFERENCE,
                                    held_on__gte=rnd.period.start)
            .exclude(review_rounds__isnull=False).exclude(pk=rnd.conference_id).order_by("-held_on"))


@transaction.atomic
def link_conference(actor, rnd: ReportingRound, activity) -> ReportingRound:
    from .services import _require_receiver

    _require_receiver(actor, rnd)
    if not rnd.is_review:
        raise ValidationError("Chỉ đợt sơ kết, tổng kết mới gắn hội nghị.")
    if activity is not None:
        if not scope.in_scope(actor, activity.unit) or activity.unit_id != rnd.issuer_id:
            raise ValidationError("Hội nghị phải do chính đơn vị mở đợt tổ chức.")
        if activity.kind != "tong_ket":
            raise ValidationError("Hoạt động được gắn phải là hội nghị sơ kết, tổng kết.")
        if activity.held_on < rnd.period.start:
            raise ValidationError(f"Hội nghị ngày {activity.held_on:%d/%m/%Y} trước khi bắt đầu kỳ {rnd.period}.")
    before = audit.snapshot(rnd)
    rnd.conference = activity
    rnd.save(update_fields=["conference"])
    audit.updated(actor, rnd, before, verb="Gắn hội nghị sơ kết, tổng kết" if activity else "Bỏ gắn hội nghị")
    return rnd


# --- outlines (đề cương) as data a unit edits ------------------------------------------------------------

def is_front_officer(user, unit) -> bool:
    from .services import is_front_officer_of

    return is_front_officer_of(user, unit)


def can_edit_outline(user, outline: ReviewOutline) -> bool:
    """A unit's own outline, by its Front officers; the shared (seeded) outlines are copied, not edited."""
    from .services import is_front_officer_of

    return outline.unit_id is not None and is_front_officer_of(user, outline.unit)


@transaction.atomic
def copy_outline(actor, outline: ReviewOutline, unit) -> ReviewOutline:
    from .models import OutlineSection
    from .services import is_front_officer_of

    if not is_front_officer_of(actor, unit):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Chỉ cán bộ Mặt trận của đơn vị mới soạn đề cương.")
    name = f"{outline.name} ({unit.name})"[:250]
    if ReviewOutline.objects.filter(unit=unit, name=name).exists():
        raise ValidationError(f"{unit.name} đã có đề cương “{name}”.")
    copy = ReviewOutline.objects.create(name=name, kind=outline.kind, unit=unit, source=outline.source)
    OutlineSection.objects.bulk_create([
        OutlineSection(outline=copy, label=s.label, title=s.title, guidance=s.guidance,
                       measure_codes=list(s.measure_codes), order=s.order) for s in outline.sections.all()])
    audit.created(actor, copy, verb="Sao chép đề cương", note=f"từ “{outline.name}”")
    return copy


@transaction.atomic
def save_outline(actor, outline: ReviewOutline, name: str, rows: list[dict]) -> ReviewOutline:
    """Replace the outline's sections with `rows` ({label, title, guidance, measure_codes}); all or nothing."""
    from django.core.exceptions import PermissionDenied

    from .models import OutlineSection

    if not can_edit_outline(actor, outline):
        raise PermissionDenied("Đề cương dùng chung không sửa được; hãy sao chép thành đề cương của đơn vị.")
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Đề cương cần có tên.")
    known = set(Measure.objects.values_list("code", flat=True))
    sections, errors = [], []
    for i, row in enumerate(rows, start=1):
        title = " ".join((row.get("title") or "").split())
        if not title:
            if row.get("guidance") or row.get("measure_codes"):
                errors.append(f"Mục {i}: cần có tiêu đề.")
            continue
        unknown = [c for c in row.get("measure_codes") or [] if c not in known]
        if unknown:
            errors.append(f"Mục {i} (“{title[:40]}”): không có chỉ số {', '.join(unknown)}.")
        sections.append(OutlineSection(outline=outline, label=(row.get("label") or "").strip()[:12], title=title[:300],
                                       guidance=(row.get("guidance") or "").strip(),
                                       measure_codes=list(row.get("measure_codes") or []), order=len(sections) + 1))
    if not sections and not errors:
        errors.append("Đề cương cần ít nhất một mục.")
    if errors:
        raise ValidationError(errors)
    before = [str(s) for s in outline.sections.all()]
    outline.name = name[:250]
    outline.save(update_fields=["name"])
    outline.sections.all().delete()
    OutlineSection.objects.bulk_create(sections)
    audit.record(actor, audit.Action.UPDATE, outline, verb="Sửa đề cương",
                 changes={"mục": [before, [str(s) for s in sections]]})
    return outline
