"""Every write to plans: scoped (plans.access), audited (accounts.audit), in one transaction each.

Rows that belong to a plan (sections, references, recipients, contents, tasks, report requirements)
are saved as a whole list ("replace_*"): the edit forms show the full list and the officer saves it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import audit
from campaign.models import Content, Criterion
from core.concurrency import claim_version, create_once
from core.text import clip
from indicators import generation

from .access import require_editable, require_plan_writer
from .models import (Allocation, Plan, PlanContent, Recipient, Reference, ReportRequirement, Section, Target, Task,
                     TargetScope, label_depth)

HEADER_FIELDS = ["parent_body", "issuing_body", "issuer_in_text", "doc_type", "number", "symbol", "place",
                 "issued_on", "title", "period", "parent_plan", "intro", "funding", "signer_authority", "signer_title",
                 "signer_name", "archive", "contact_name", "contact_phone", "contact_email", "registration_deadline",
                 "registration_recurring"]


def _assign(plan, data):
    for name in HEADER_FIELDS:
        if name in data:
            value = data[name]
            setattr(plan, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def create_plan(user, unit, data: dict) -> Plan:
    require_plan_writer(user, unit)
    plan = Plan(unit=unit)
    _assign(plan, data)
    for name in ("source_name", "source_text", "import_warnings"):
        if name in data:
            setattr(plan, name, data[name])
    if not plan.title:
        raise ValidationError("Kế hoạch cần có trích yếu (tiêu đề).")
    plan.save()
    audit.created(user, plan)
    return plan


@transaction.atomic
def update_plan(user, plan: Plan, data: dict) -> Plan:
    require_editable(user, plan)
    before = audit.snapshot(plan)
    _assign(plan, data)
    if not plan.title:
        raise ValidationError("Kế hoạch cần có trích yếu (tiêu đề).")
    plan.save()
    audit.updated(user, plan, before)
    return plan


@transaction.atomic
def new_plan(user, unit, data: dict, recipients: list[str], once=None) -> Plan:
    """The create form: header and recipients in one transaction, at most once per form key (a double submit
    makes one plan; the second answer is core.concurrency.AlreadySubmitted)."""
    def create():
        plan = create_plan(user, unit, data)
        replace_recipients(user, plan, recipients)
        return plan

    return create_once(user, once, create)


@transaction.atomic
def save_header(user, plan: Plan, data: dict, recipients: list[str], version=None) -> Plan:
    """The header form: refused as a whole (StaleEdit) when the plan was saved by someone else since the form
    was opened (`version` is the one the form saw)."""
    require_editable(user, plan)
    claim_version(plan, version)
    replace_recipients(user, plan, recipients)
    update_plan(user, plan, data)  # last, so that a stale form is told the header's changes first
    return plan


@transaction.atomic
def save_part(user, plan: Plan, save, rows: list[dict], version=None):
    """One list page of the plan (sections, targets, tasks …), saved as a whole only if the plan is still at
    the version the page was opened with."""
    require_editable(user, plan)
    claim_version(plan, version)
    return save(user, plan, rows)


def _list_changed(user, plan, what, before, after):
    if before != after:
        audit.record(user, audit.Action.UPDATE, plan, verb=f"Sửa {what}", changes={what: [before, after]})


@transaction.atomic
def replace_sections(user, plan: Plan, rows: list[dict]) -> list[Section]:
    """rows: [{"label", "title", "body"}] in reading order; the tree is rebuilt from the labels
    (I. → 1. → 1.1. → -), each node under the nearest earlier node of a smaller depth."""
    require_editable(user, plan)
    before = [f"{s.label} {s.title[:80]}" for s in plan.sections.all()]
    plan.sections.all().delete()
    stack: list[Section] = []
    made = []
    for order, row in enumerate(rows, start=1):
        label, title = (row.get("label") or "").strip(), (row.get("title") or "").strip()
        if not label and not title:
            continue
        depth = label_depth(label)
        while stack and stack[-1].depth >= depth:
            stack.pop()
        section = Section.objects.create(plan=plan, parent=stack[-1] if stack else None, label=label,
                                         title=title, body=(row.get("body") or "").strip(), order=order, depth=depth)
        stack.append(section)
        made.append(section)
    _list_changed(user, plan, "các mục", before, [f"{s.label} {s.title[:80]}" for s in made])
    return made


@transaction.atomic
def replace_recipients(user, plan: Plan, lines: list[str]) -> None:
    require_editable(user, plan)
    before = list(plan.recipients.values_list("text", flat=True))
    plan.recipients.all().delete()
    clean = [line.strip().lstrip("-–").strip().rstrip(";.,").strip() for line in lines]
    clean = [line for line in clean if line and not line.lower().startswith("lưu:")]
    Recipient.objects.bulk_create([Recipient(plan=plan, text=t, order=i) for i, t in enumerate(clean, start=1)])
    _list_changed(user, plan, "nơi nhận", before, clean)


@transaction.atomic
def replace_references(user, plan: Plan, rows: list[dict]) -> None:
    """rows: [{"kind", "number", "date", "text", "linked_plan"}]; a row naming a plan number that is in
    doanket (same number and symbol, visible above or in the unit) is linked to it."""
    require_editable(user, plan)
    before = [r.text[:80] for r in plan.references.all()]
    plan.references.all().delete()
    made = []
    for i, row in enumerate(rows, start=1):
        text = (row.get("text") or "").strip()
        if not text:
            continue
        made.append(Reference(plan=plan, kind=row.get("kind") or Reference.Kind.BASIS, number=row.get("number") or "",
                              date=row.get("date"), text=text, linked_plan=row.get("linked_plan")
                              or find_plan_by_number(plan, row.get("number"), row.get("date")), order=i))
    Reference.objects.bulk_create(made)
    _list_changed(user, plan, "văn bản căn cứ", before, [r.text[:80] for r in made])


def find_plan_by_number(plan: Plan, number: str | None, date=None) -> Plan | None:
    """A plan in doanket with this 'number/symbol', issued by the plan's unit or a unit above it."""
    if not number or "/" not in number:
        return None
    num, _, symbol = number.partition("/")
    candidates = Plan.objects.filter(number=num.strip(), symbol__iexact=symbol.replace(" ", "").strip(),
                                     unit_id__in=[*plan.unit.ancestor_ids, plan.unit_id]).exclude(pk=plan.pk)
    if date:
        candidates = candidates.filter(issued_on=date)
    return candidates.order_by("-issued_on").first()


@transaction.atomic
def replace_contents(user, plan: Plan, rows: list[dict]) -> None:
    """rows: [{"content": Content or number, "text", "criteria": [Criterion…]}]."""
    require_editable(user, plan)
    before = [str(c.content.number) for c in plan.contents.select_related("content")]
    plan.contents.all().delete()
    by_number = {c.number: c for c in Content.objects.all()}
    seen = set()
    for row in rows:
        content = row["content"] if isinstance(row["content"], Content) else by_number.get(int(row["content"]))
        if content is None or content.pk in seen:
            continue
        seen.add(content.pk)
        pc = PlanContent.objects.create(plan=plan, content=content, text=(row.get("text") or "").strip())
        pc.criteria.set(row.get("criteria") or [])
    _list_changed(user, plan, "nội dung", before, [str(by_number[n].number) for n in sorted(
        c.number for c in by_number.values() if c.pk in seen)])


def criteria_from_extraction(criteria: dict, on: datetime.date | None) -> list[Criterion]:
    """{"ntm": [10, 11], "dtvm": [6]} → the criteria of the sets valid on that date."""
    from campaign.models import CriteriaSet

    found = []
    for kind, numbers in (criteria or {}).items():
        cs = CriteriaSet.current(kind, on or datetime.date.today())
        if cs:
            found += list(cs.criteria.filter(number__in=numbers))
    return found


@transaction.atomic
def replace_tasks(user, plan: Plan, rows: list[dict]) -> None:
    """rows: [{"text", "assignee", "organisation_kinds", "unit_level", "deadline", "content"}]."""
    require_editable(user, plan)
    before = [t.text[:80] for t in plan.tasks.all()]
    plan.tasks.all().delete()
    made = []
    for i, row in enumerate(rows, start=1):
        text = (row.get("text") or "").strip()
        if not text:
            continue
        task = Task.objects.create(plan=plan, text=text, assignee=clip(row.get("assignee") or "", 300),
                                   unit_level=row.get("unit_level") or "", deadline=row.get("deadline"),
                                   content=row.get("content"), order=i)
        task.organisation_kinds.set(row.get("organisation_kinds") or [])
        made.append(task)
    _list_changed(user, plan, "nhiệm vụ", before, [t.text[:80] for t in made])


@transaction.atomic
def replace_report_requirements(user, plan: Plan, rows: list[dict]) -> None:
    """rows: [{"name", "period", "cutoff_date", "due_date", "reporter_level", "reporter_organisation_kinds"}]."""
    require_editable(user, plan)
    before = [str(r) for r in plan.report_requirements.select_related("period")]
    plan.report_requirements.all().delete()
    made = []
    for i, row in enumerate(rows, start=1):
        if not (row.get("name") or "").strip():
            continue
        if not row.get("period") or not row.get("due_date"):
            raise ValidationError(f"Báo cáo “{row['name']}”: cần chọn kỳ và hạn gửi.")
        if row.get("cutoff_date") and row["cutoff_date"] > row["due_date"]:
            raise ValidationError(f"Báo cáo “{row['name']}”: ngày chốt số liệu sau hạn gửi.")
        req = ReportRequirement.objects.create(plan=plan, name=row["name"].strip(), period=row["period"],
                                               cutoff_date=row.get("cutoff_date"), due_date=row["due_date"],
                                               reporter_level=row.get("reporter_level") or "", order=i)
        req.reporter_organisation_kinds.set(row.get("reporter_organisation_kinds") or [])
        made.append(req)
    _list_changed(user, plan, "chế độ báo cáo", before, [str(r) for r in made])


def issue_problems(plan: Plan) -> list[str]:
    """What must be filled in before a plan can be issued (Vietnamese, one sentence per problem)."""
    problems = []
    if not plan.number:
        problems.append("Chưa có số văn bản.")
    if not plan.symbol:
        problems.append("Chưa có ký hiệu văn bản (ví dụ KH-MTTQ-BTT).")
    if not plan.issued_on:
        problems.append("Chưa có ngày ban hành.")
    if not plan.place:
        problems.append("Chưa có địa danh.")
    if not plan.signer_name or not plan.signer_title:
        problems.append("Chưa có chức vụ và họ tên người ký.")
    if not plan.sections.exists():
        problems.append("Kế hoạch chưa có mục nào.")
    if plan.number and plan.symbol and Plan.objects.filter(
            unit=plan.unit, number=plan.number, symbol=plan.symbol, status=Plan.Status.ISSUED,
            issued_on__year=plan.issued_on.year if plan.issued_on else None).exclude(pk=plan.pk).exists():
        problems.append(f"Đơn vị đã ban hành văn bản số {plan.number_symbol} trong năm này.")
    return problems


@transaction.atomic
def issued_twins(plan: Plan):
    """Other issued plans of the same unit, type and year (or phase) as `plan`: issuing a second one is allowed
    (a plan may be replaced) but the officer is asked first."""
    twins = Plan.objects.filter(unit=plan.unit_id, doc_type=plan.doc_type, status=Plan.Status.ISSUED).exclude(pk=plan.pk)
    if plan.period_id:
        return twins.filter(period=plan.period_id)
    if plan.issued_on:
        return twins.filter(period__isnull=True, issued_on__year=plan.issued_on.year)
    return twins.none()


def issue_plan(user, plan: Plan) -> Plan:
    """Draft → issued. Afterwards the plan is read-only; derived measures are refreshed."""
    require_editable(user, plan)
    problems = issue_problems(plan)
    if problems:
        raise ValidationError(problems)
    before = audit.snapshot(plan)
    plan.status = Plan.Status.ISSUED
    plan.issued_at = timezone.now()
    plan.issued_by = user
    plan.save(update_fields=["status", "issued_at", "issued_by", "updated_at"])
    audit.updated(user, plan, before, verb="Ban hành kế hoạch")
    _after_issue(plan)
    return plan


def _after_issue(plan: Plan) -> None:
    """Derived measures (plans.measures: which communes have issued their plan)."""
    from . import measures

    measures.plan_issued(plan)


@transaction.atomic
def delete_draft(user, plan: Plan) -> None:
    require_editable(user, plan)
    if plan.children.exists():
        raise ValidationError("Kế hoạch này đang là căn cứ của kế hoạch khác nên không xóa được.")
    audit.deleted(user, plan)
    plan.references.all().delete()
    plan.delete()


def _date_or_none(value):
    if not value or isinstance(value, datetime.date):
        return value or None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@transaction.atomic
def create_imported_plan(user, unit, header: dict, *, sections, references, contents, tasks, reports, targets,
                         source_name="", source_text="", warnings=()) -> Plan:
    """Save a corrected import as one draft plan: all of it or nothing."""
    from units.models import OrganisationKind

    data = dict(header)
    recipients = (data.pop("recipients", "") or "").splitlines()
    data.update(source_name=source_name[:255], source_text=source_text, import_warnings=list(warnings))
    plan = create_plan(user, unit, data)
    replace_references(user, plan, [dict(r, date=_date_or_none(r.get("date"))) for r in references])
    replace_sections(user, plan, sections)
    replace_recipients(user, plan, recipients)
    replace_contents(user, plan, [{"content": c["content"], "text": c.get("text", ""),
                                   "criteria": criteria_from_extraction(c.get("criteria"), plan.issued_on)
                                   if isinstance(c.get("criteria"), dict) else c.get("criteria") or []}
                                  for c in contents])
    kinds = {k.code: k for k in OrganisationKind.objects.all()}
    replace_tasks(user, plan, [dict(t, deadline=_date_or_none(t.get("deadline")),
                                    organisation_kinds=[kinds[c] if isinstance(c, str) else c
                                                        for c in t.get("organisation_kinds") or []
                                                        if not isinstance(c, str) or c in kinds])
                               for t in tasks])
    replace_report_requirements(user, plan, reports)
    replace_targets(user, plan, targets)
    audit.record(user, audit.Action.IMPORT, plan, verb="Nhập kế hoạch từ tệp", note=source_name)
    return plan


def _decimal(value):
    from decimal import Decimal

    if value is None or value == "":
        return None
    return Decimal(str(value))


@transaction.atomic
def replace_targets(user, plan: Plan, rows: list[dict]) -> list[Target]:
    """rows: [{"group", "text", "measure" (code or Measure), "scope", "level", "comparator", "threshold",
    "unit_comparator", "unit_threshold", "org_kind" (code or kind), "phase" (period code) or "period",
    "content", "allocated_from"}]. Allocations of targets that disappear go with them."""
    from campaign.periods import get_period
    from indicators.models import Measure
    from units.models import OrganisationKind

    require_editable(user, plan)
    before = [f"{t.text[:60]} [{t.rule_label}]" for t in plan.targets.select_related("org_kind")]
    codes = {r.get("measure") for r in rows if isinstance(r.get("measure"), str) and r.get("measure")}
    measures = {m.code: m for m in Measure.objects.filter(code__in=codes).select_related("content")}
    kinds = {k.code: k for k in OrganisationKind.objects.all()}
    made = []
    for i, row in enumerate(rows, start=1):
        text = (row.get("text") or "").strip()
        if not text:
            continue
        measure = row.get("measure")
        if isinstance(measure, str):
            if measure and measure not in measures:
                raise ValidationError(f"Chỉ tiêu {i}: không có chỉ số mã “{measure}”.")
            measure = measures.get(measure)
        org = row.get("org_kind")
        org = kinds.get(org) if isinstance(org, str) else org
        period = row.get("period") or (get_period(row["phase"]) if row.get("phase") else plan.period)
        scope = row.get("scope") or TargetScope.TOTAL
        level = row.get("level") or ""
        if scope != TargetScope.TOTAL and not level:
            raise ValidationError(f"Chỉ tiêu {i} (“{text[:50]}”): cần chọn cấp đơn vị cho phạm vi từng đơn vị/tỷ lệ.")
        unit_comparator, unit_threshold = row.get("unit_comparator") or "", _decimal(row.get("unit_threshold"))
        if scope == TargetScope.SHARE_OF_UNITS:
            unit_comparator = unit_comparator or ">="
            unit_threshold = unit_threshold if unit_threshold is not None else _decimal(1)
        else:
            unit_comparator, unit_threshold = "", None
        made.append(Target(
            plan=plan, group=(row.get("group") or "").strip(), text=text, measure=measure,
            content=row.get("content") or (measure.content if measure else None), scope=scope, level=level,
            comparator=row.get("comparator") or ">=", threshold=_decimal(row.get("threshold")),
            unit_comparator=unit_comparator, unit_threshold=unit_threshold, period=period, org_kind=org,
            allocated_from=row.get("allocated_from"), order=i))
    plan.targets.all().delete()
    Target.objects.bulk_create(made)
    generation.bump(targets=True)  # a bulk create sends no post_save: cached dashboards read the new targets
    _list_changed(user, plan, "chỉ tiêu", before, [f"{t.text[:60]} [{t.rule_label}]" for t in made])
    return made


def allocation_problems(target: Target, values: dict) -> list[str]:
    """Warnings (not errors) about an allocation: the communes' numbers should add up to the target."""
    from core.formatting import format_number

    total = sum(v for v in values.values() if v is not None)
    if target.threshold is not None and total < target.threshold:
        return [f"Tổng phân bổ cho các xã ({format_number(total)}) thấp hơn chỉ tiêu ({format_number(target.threshold)})."]
    return []


@transaction.atomic
def save_allocations(user, target: Target, values: dict, version=None) -> None:
    """values: {commune Unit: Decimal or None}. Only total targets of a plan can be allocated, to units
    directly under or inside the plan's unit. An issued plan's allocations stay editable (they are how
    the province hands the plan down), but every change is audited."""
    plan = target.plan
    require_plan_writer(user, plan.unit)
    if target.scope != TargetScope.TOTAL:
        raise ValidationError("Chỉ phân bổ được chỉ tiêu tính tổng (ví dụ “ít nhất 200 hộ”).")
    for unit, value in values.items():
        if not unit.is_within(plan.unit) or unit == plan.unit:
            raise ValidationError(f"{unit} không thuộc {plan.unit}.")
        if value is not None and value < 0:
            raise ValidationError(f"{unit}: số giao không được âm.")
    # the whole page is one edit: a stale page writes no commune's share (the change is audited on the plan)
    claim_version(target, version, trail=plan)
    before = {a.unit.name: str(a.value) for a in target.allocations.select_related("unit")}
    target.allocations.filter(unit__in=list(values)).delete()
    Allocation.objects.bulk_create([Allocation(target=target, unit=u, value=v) for u, v in values.items()
                                    if v is not None])
    generation.bump(targets=True)  # a bulk create sends no post_save
    after = {a.unit.name: str(a.value) for a in target.allocations.select_related("unit")}
    if before != after:
        audit.record(user, audit.Action.UPDATE, plan, verb="Phân bổ chỉ tiêu", note=target.text[:200],
                     changes={k: [before.get(k), after.get(k)] for k in {*before, *after}
                              if before.get(k) != after.get(k)})
