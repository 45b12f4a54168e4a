"""From an issued plan of the level above to a unit's own plan, in one step (see cascade_plan)."""

from units.models import Level

LEVEL_WORD = {Level.PROVINCE: "tỉnh", Level.DISTRICT: "huyện", Level.COMMUNE: "xã"}


def level_word(unit) -> str:
    """'tỉnh', 'thành phố', 'xã', 'phường', 'đặc khu' … as the unit calls itself."""
    name = unit.name
    for word in ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu", "Thị trấn", "Huyện", "Quận", "Thị xã"):
        if name.startswith(word + " "):
            return word.lower()
    return LEVEL_WORD.get(unit.level, "")


def bodies_for(unit) -> tuple[str, str, str]:
    """(parent body for the header, issuer as written in a sentence, place) for the unit's MTTQ."""
    word = level_word(unit)
    short = unit.short_name
    parent_body = f"ỦY BAN MTTQ VIỆT NAM {word.upper()} {short.upper()}".replace("  ", " ")
    if unit.level == Level.PROVINCE:
        issuer = f"Ban Thường trực Ủy ban MTTQ {word}"
    else:
        issuer = f"Ban Thường trực Ủy ban MTTQ {word} {short}"
    return parent_body, issuer, short


# --- the cascade ---------------------------------------------------------------------------------------

import datetime  # noqa: E402
import re  # noqa: E402

from django.core.exceptions import ValidationError  # noqa: E402
from django.db import transaction  # noqa: E402

from accounts import audit  # noqa: E402

from .models import Allocation, Plan, TargetScope  # noqa: E402

# Province wording → commune wording, applied to targets, sections and tasks (the officer edits the rest).
_REWRITES = [
    (r"\b100%\s+(?:Ủy ban\s+|UB\s+)?MTTQ(?: Việt Nam)?\s+(?:cấp xã|các xã, phường|các xã)", "MTTQ {self}"),
    (r"\bMTTQ(?: Việt Nam)? mỗi xã, phường", "MTTQ {self}"),
    (r"\bMTTQ(?: Việt Nam)? mỗi xã", "MTTQ {self}"),
    (r"\bMTTQ(?: Việt Nam)? các cấp", "MTTQ {self}"),
    (r"\bMTTQ(?: Việt Nam)? tỉnh\b", "MTTQ {upper}"),
    (r"\btoàn tỉnh\b", "toàn {word}"),
    (r"\btrên địa bàn tỉnh(?: [A-ZĐ][\wÀ-ỹ]*(?: [A-ZĐ][\wÀ-ỹ]*)*)?", "trên địa bàn {word}"),
]


def adapt_text(text: str, unit, parent_unit) -> str:
    word = level_word(unit)
    values = {"self": word, "word": word, "upper": level_word(parent_unit)}
    for pattern, repl in _REWRITES:
        text = re.sub(pattern, repl.format(**values), text)
    return text


def adapt_target(target, commune, allocation=None) -> dict | None:
    """A province target → the commune's own target (a row for services.replace_targets), or None when it
    does not concern the commune (a province-level measure, or a province total not allocated to it).

    - each_unit over communes ("MTTQ mỗi xã ít nhất 03 …")     → the commune's own total ≥ 3
    - share_of_units over communes ("100% MTTQ cấp xã … 01")  → the commune's own total ≥ unit threshold
    - share_of_units / each_unit over areas                    → unchanged, over the commune's areas
    - total of a ratio ("100% hộ nghèo được tặng quà")         → unchanged, over the commune
    - total of a count ("ít nhất 200 hộ")                      → the commune's allocated number, if any
    """
    row = {"group": target.group, "text": adapt_text(target.text, commune, target.plan.unit),
           "measure": target.measure, "scope": target.scope, "level": target.level,
           "comparator": target.comparator, "threshold": target.threshold,
           "unit_comparator": target.unit_comparator, "unit_threshold": target.unit_threshold,
           "period": target.period, "org_kind": target.org_kind, "content": target.content, "allocated_from": None}
    if target.measure_id and target.measure.level == "province":
        return None
    if target.scope in (TargetScope.EACH_UNIT, TargetScope.SHARE_OF_UNITS) and target.level == Level.COMMUNE:
        row.update(scope=TargetScope.TOTAL, level="", unit_comparator="", unit_threshold=None)
        if target.scope == TargetScope.SHARE_OF_UNITS:
            row.update(comparator=target.unit_comparator or ">=", threshold=target.unit_threshold)
        return row
    if target.scope == TargetScope.TOTAL:
        if target.measure_id and target.measure.is_ratio:
            return row  # "tặng quà 100% hộ nghèo": the same rate over the commune
        if allocation is None:
            return None
        row.update(threshold=allocation.value, allocated_from=target,
                   text=_with_number(row["text"], target.threshold, allocation.value))
        return row
    return row


def _with_number(text: str, old, new) -> str:
    """'ít nhất 200 hộ' → 'ít nhất 5 hộ' (the first occurrence of the old number)."""
    from core.formatting import format_number

    if old is None:
        return text
    candidates = {format_number(old), str(int(old)) if old == int(old) else str(old)}
    new_text = format_number(new, 0 if new == int(new) else 2)
    for c in sorted(candidates, key=len, reverse=True):
        pattern = r"(?<![\d.,])0*" + re.escape(c) + r"(?![\d.,]\d)"
        if re.search(pattern, text):
            return re.sub(pattern, new_text, text, count=1)
    return f"{text} (giao {new_text})"


def basis_sentence(source: Plan) -> str:
    when = f" ngày {source.issued_on:%d/%m/%Y}" if source.issued_on else ""
    issuer = source.issuer_in_text or source.unit.name
    return f"Kế hoạch số {source.number_symbol}{when} của {issuer} về {_lower_first(source.title)}"


def _lower_first(text):
    text = " ".join(text.split())
    if text[:1].isupper() and not text[:2].isupper():
        return text[:1].lower() + text[1:]
    return text


def commune_title(source: Plan, unit) -> str:
    title = adapt_text(source.title, unit, source.unit)
    if "trên địa bàn" not in title:
        title += f" trên địa bàn {level_word(unit)}"
    return title


def commune_recipients(unit, parent) -> list[str]:
    return [f"BTT Ủy ban MTTQ {level_word(parent)}", f"Đảng ủy {level_word(unit)} (báo cáo)",
            f"UBND {level_word(unit)} (phối hợp)", f"Các tổ chức chính trị - xã hội {level_word(unit)}",
            "Ban Công tác Mặt trận các khu dân cư (thực hiện)"]


REPORT_LEAD_DAYS = 5  # a commune asks its areas this many days before its own deadline, to have time to sum up


@transaction.atomic
def cascade_plan(user, source: Plan, unit) -> Plan:
    """The unit's own draft plan made from an issued plan of the level above, in one step: header, basis,
    sections, contents, targets (adapted; allocated totals), tasks and reporting regime. All editable."""
    from . import services
    from .access import require_plan_writer

    require_plan_writer(user, unit)
    if not source.is_issued:
        raise ValidationError("Chỉ xây dựng kế hoạch từ kế hoạch cấp trên đã ban hành.")
    if source.unit_id not in unit.ancestor_ids:
        raise ValidationError(f"{source} không phải kế hoạch của cấp trên {unit}.")
    existing = Plan.objects.filter(unit=unit, parent_plan=source).first()
    if existing:
        raise ValidationError(f"{unit} đã có kế hoạch căn cứ {source}: {existing}.")
    parent_body, issuer_in_text, place = bodies_for(unit)
    word = level_word(unit)
    title = commune_title(source, unit)
    intro = (f"Căn cứ {basis_sentence(source)}; căn cứ tình hình thực tế của địa phương, {issuer_in_text} ban hành "
             f"{source.get_doc_type_display()} {_lower_first(title)}, cụ thể như sau:")
    plan = services.create_plan(user, unit, {
        "doc_type": source.doc_type, "symbol": source.symbol, "parent_body": parent_body,
        "issuing_body": source.issuing_body or "BAN THƯỜNG TRỰC", "issuer_in_text": issuer_in_text, "place": place,
        "title": title, "period": source.period, "parent_plan": source, "intro": intro,
        "funding": source.funding, "signer_authority": source.signer_authority, "signer_title": "", "signer_name": "",
        "archive": "VT", **unit.signer(),  # the commune's own leaders sign, when the unit knows them
    })
    services.replace_references(user, plan, [{"kind": "basis", "number": source.number_symbol,
                                              "date": source.issued_on, "text": basis_sentence(source),
                                              "linked_plan": source}])
    services.replace_sections(user, plan, [
        {"label": s.label, "title": adapt_text(s.title, unit, source.unit), "body": adapt_text(s.body, unit, source.unit)}
        for s in source.sections.all()])
    services.replace_contents(user, plan, [{"content": c.content, "text": c.text, "criteria": list(c.criteria.all())}
                                           for c in source.contents.select_related("content").prefetch_related("criteria")])
    allocations = {a.target_id: a for a in Allocation.objects.filter(target__plan=source, unit=unit)}
    targets = [adapt_target(t, unit, allocations.get(t.pk))
               for t in source.targets.select_related("measure", "period", "org_kind", "content", "plan__unit")]
    services.replace_targets(user, plan, [t for t in targets if t])
    services.replace_tasks(user, plan, [
        {"text": adapt_text(t.text, unit, source.unit), "assignee": adapt_text(t.assignee, unit, source.unit),
         "organisation_kinds": list(t.organisation_kinds.all()),
         "unit_level": Level.AREA if t.unit_level == Level.COMMUNE else "",
         "deadline": t.deadline, "content": t.content}
        for t in source.tasks.filter(tasks_for_lower_level()).distinct().prefetch_related("organisation_kinds")])
    services.replace_report_requirements(user, plan, [
        {"name": r.name, "period": r.period, "cutoff_date": r.cutoff_date,
         "due_date": r.due_date - datetime.timedelta(days=REPORT_LEAD_DAYS), "reporter_level": Level.AREA,
         "reporter_organisation_kinds": list(r.reporter_organisation_kinds.all())}
        for r in source.report_requirements.prefetch_related("reporter_organisation_kinds")])
    services.replace_recipients(user, plan, commune_recipients(unit, source.unit))
    audit.record(user, audit.Action.ACTION, plan, verb="Xây dựng kế hoạch từ kế hoạch cấp trên",
                 note=f"Căn cứ {source}")
    return plan


def tasks_for_lower_level():
    """Tasks the lower level takes over: those given to its level or to member organisations (the upper
    level's own tasks, e.g. 'Ban Thường trực Ủy ban MTTQ tỉnh', stay there)."""
    from django.db.models import Q

    return Q(unit_level=Level.COMMUNE) | Q(organisation_kinds__isnull=False) | Q(assignee="")
