"""The only place where reporting talks to the spine (app `indicators`): which measures a round asks for,
which of them a register or the children's rollup already knows (shown read-only), the stored values, and
the writes of a report form's values — through `indicators.services.save_entries`, the same service as the
indicator entry page, so there is one place to type a value. The only copy reporting keeps is the frozen
snapshot of an accepted report (`snapshot`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation



@dataclass
class Field:
    """One measure on a report form."""

    code: str
    name: str
    value_type: str  # count | bool | money | number | ratio
    unit_label: str = ""
    content: int | None = None
    read_only: bool = False
    source: str = ""  # why it is read-only: "Sổ theo dõi mô hình", "Tổng hợp từ các khu dân cư"
    known: object = None  # the value the register or rollup knows
    stored: object = None  # the unit's own value already stored (pre-fills an entered field)
    rollup: object = None  # for a unit with children: its own value plus everything under it

    @property
    def known_text(self) -> str:
        """The read-only value as shown: a yes/no rolled up above its level is a count of units."""
        from core.formatting import format_number

        if self.known is None:
            return "chưa có số liệu"
        if isinstance(self.known, bool):
            return "Có" if self.known else "Không"
        text = format_number(self.known, 0 if float(self.known).is_integer() else 1)
        if self.value_type == "bool":
            return f"{text} {self.unit_label or 'đơn vị'} có"
        return f"{text} %" if self.value_type == "ratio" else text


def measures(codes) -> list:
    if not codes:
        return []
    from indicators.models import Measure

    by_code = {m.code: m for m in Measure.objects.filter(code__in=codes).select_related("content")}
    return [by_code[c] for c in codes if c in by_code]


def plain(value):
    """A JSON-ready form of a stored value (Decimal → int/float)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --- the spine (indicators) ---------------------------------------------------------------------------

LEVEL_NAMES = {"area": "các khu dân cư", "commune": "các xã, phường", "province": "các tỉnh, thành phố"}
DEMO_CODES = ["households_livelihood_supported", "great_unity_houses_built", "money_mobilised",
              "pilot_models_welfare", "commune_env_plan", "great_unity_day_held", "env_cleanup_days",
              "supervisions_held"]


def _org_kind_id(sub):
    return sub.organisation.kind_id if sub.organisation_id else None


def _register_name(code):
    from indicators.registers import all_registers

    reg = all_registers().get(code)
    return f"Tính từ {reg.name}" if reg else "Tính từ sổ theo dõi"


def form_fields(sub) -> list[Field]:
    """The measures of the submission's round as form fields, with what is already known read-only."""
    from indicators import queries

    unit, period, org_kind_id = sub.unit, sub.round.period, _org_kind_id(sub)
    out = []
    for m in measures(sub.round.measure_codes):
        if org_kind_id and not m.by_organisation:
            continue  # a member organisation reports only what is split by organisation
        field = Field(m.code, m.name, m.value_type, m.unit_label, m.content.number if m.content_id else None)
        if m.source == m.Source.REGISTER:
            field.read_only, field.source = True, _register_name(m.register)
        elif m.is_ratio:
            field.read_only, field.source = True, "Tính lại từ tử số và mẫu số"
        elif not m.captured_at(unit):
            if m.level == m.CaptureLevel.PROVINCE or (m.level == m.CaptureLevel.COMMUNE and unit.level == "area"):
                continue  # asked of a level above this reporter
            field.read_only, field.source = True, f"Tổng hợp từ {LEVEL_NAMES.get(m.level, 'cấp dưới')}"
        out.append(field)
    read_only = [f for f in out if f.read_only]
    if read_only:
        by_code = {m.code: m for m in measures([f.code for f in read_only])}
        for f in read_only:
            f.known = plain(queries.reading(by_code[f.code], unit, period, org_kind_id).value)
            if f.value_type == "bool" and f.known is not None and unit.level == "area":
                f.known = bool(f.known)
    if unit.level != "area":
        editable = [f for f in out if not f.read_only]
        by_code = {m.code: m for m in measures([f.code for f in editable])}
        for f in editable:
            if by_code[f.code].level == by_code[f.code].CaptureLevel.ANY:
                f.rollup = plain(queries.reading(by_code[f.code], unit, period, org_kind_id).value)
    entered = [f for f in out if not f.read_only]
    if entered:
        stored = queries.own_values(unit, period, measures([f.code for f in entered]), org_kind_id)
        by_id = {v.measure.code: v for v in stored.values()} if stored else {}
        for f in entered:
            if f.code in by_id:
                value = plain(by_id[f.code].value)
                f.stored = bool(value) if f.value_type == "bool" else value
    return out


def parse_for(field: Field, raw):
    """A form field's typed text as a JSON-ready value (validated by the spine's own parser)."""
    from django.core.exceptions import ValidationError
    from indicators.models import Measure
    from indicators.services import parse_value

    measure = Measure(code=field.code, name=field.name, value_type=field.value_type)
    try:
        value = parse_value(measure, raw)
    except ValidationError as e:
        raise ValueError(f"“{field.name}”: {' '.join(e.messages)}") from None
    if value is None:
        return None
    if field.value_type == "bool":
        return bool(value)
    if value < 0:  # a report form takes no negative figure of any kind
        raise ValueError(f"“{field.name}”: không nhận số âm.")
    return plain(value)


def write_values(actor, sub, raw: dict) -> int:
    """Store a report form's typed values in the spine, through the one entry service (history, audit, rollup).
    `raw` is {code: text as typed}; a field absent from it is left alone, an empty one is cleared (not reported).
    Raises ReportingError naming every bad field; nothing is written then."""
    from django.core.exceptions import ValidationError
    from indicators.services import Entry, save_entries

    from .services import ReportingError

    fields = [f for f in form_fields(sub) if not f.read_only and f.code in raw]
    errors = []
    for f in fields:
        try:
            parse_for(f, raw.get(f.code))
        except ValueError as e:
            errors.append(str(e))
    if errors:
        raise ReportingError("Chưa lưu được vì: " + "; ".join(errors))
    if not fields:
        return 0
    by_code = {m.code: m for m in measures([f.code for f in fields])}
    entries = [Entry(by_code[f.code], sub.unit, raw.get(f.code), _org_kind_id(sub), f.name) for f in fields]
    try:
        return save_entries(actor, sub.round.period, entries)
    except ValidationError as e:
        raise ReportingError("Chưa lưu được vì: " + "; ".join(e.messages)) from None


def has_values(sub) -> bool:
    """Whether the reporter has any value of the round's entered measures stored in the spine."""
    return any(f.stored is not None for f in form_fields(sub) if not f.read_only)


def snapshot(sub) -> dict:
    """The report's figures as they stand now ({code: value}, None = not reported): what acceptance freezes."""
    return {f.code: (f.known if f.read_only else f.stored) for f in form_fields(sub)}


def rollup_values(units, period, codes, org_kind_id=None) -> dict[int, dict[str, object]]:
    """{unit id: {measure code: value}} from the spine's rollup (each unit with everything under it)."""
    if not codes or period is None:
        return {}
    units, codes = list(units), list(codes)
    from indicators import queries

    out = {}
    for m in measures(codes):
        for unit_id, r in queries.readings(m, units, period, org_kind_id).items():
            if r.value is not None:
                out.setdefault(unit_id, {})[m.code] = plain(r.value)
    return out


def targets_for(rnd) -> dict[str, list[dict]]:
    """The issuer's plan targets on the round's measures whose period holds the round's period, evaluated by the
    spine. A target of the round's own period gets its verdict ("Đạt", "Chưa đạt (85%)"); a longer target (a year
    target in a 6-month report) gets progress only: "107 / 200 (53,5%) giữa năm", never a yearly verdict. Each
    target line appears once, even when two of the issuer's plans carry it (the latest issued plan's wins)."""
    from indicators.targets import evaluate
    from plans.models import Plan, Target

    targets = (Target.objects.filter(plan__unit=rnd.issuer, plan__status=Plan.Status.ISSUED,
                                     measure__code__in=rnd.measure_codes, period__start__lte=rnd.period.start,
                                     period__end__gte=rnd.period.end, threshold__isnull=False)
               .select_related("measure", "period", "plan__unit", "org_kind")
               .order_by("-plan__issued_on", "-plan_id", "order", "pk"))
    out, seen = {}, set()
    for t in targets:
        key = (t.measure_id, t.scope, t.level, t.comparator, t.threshold, t.unit_comparator or "",
               t.unit_threshold, t.period_id, t.org_kind_id)
        if key in seen:
            continue
        seen.add(key)
        label = f"{t.rule_label} ({t.period})"
        if t.period_id == rnd.period_id:
            e = evaluate(t)
            verdict = e.status_label
            if e.progress is not None:
                verdict += f" ({_percent(e.progress * 100)})"
            final = True
        else:
            verdict, final = _progress_within(t, rnd.period), False
        out.setdefault(t.measure.code, []).append({"label": label, "verdict": verdict, "final": final})
    return out


def _percent(value) -> str:
    from core.formatting import format_percent

    return format_percent(round(Decimal(value), 1))


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _progress_within(target, period) -> str:
    """Progress of a longer target (a year, a phase) measured in a shorter period of it: "x / y (z%) giữa năm"
    when the period runs from the target's start (the first half of the year: mid-year); when it does not (a
    second quarter), only this period's figure beside the target, to be judged when the target's period ends."""
    from core.formatting import format_number
    from indicators.targets import EACH_UNIT, SHARE_OF_UNITS, TargetSpec, evaluate

    spec = TargetSpec(measure=target.measure, scope=target.scope, threshold=target.threshold, period=period,
                      issuer=target.issuer, comparator=target.comparator, level=target.level,
                      unit_comparator=target.unit_comparator, unit_threshold=target.unit_threshold,
                      org_kind=target.org_kind, allocations={})
    e = evaluate(spec)
    cumulative = period.start == target.period.start
    if cumulative and period.kind == "half" and target.period.kind == "year":
        when = "giữa năm"
    elif cumulative:
        when = f"đến hết {_lower(period.name)}"
    else:
        when = f"riêng {_lower(period.name)}"

    def number(v):
        return format_number(v, 0 if Decimal(v) == int(v) else 1)

    if e.value is None:
        return f"chưa có số liệu {when}"
    if target.scope == EACH_UNIT:
        x, y = str(e.units_meeting), f"{e.units_total} đơn vị"
    elif target.scope == SHARE_OF_UNITS or target.measure.is_ratio:
        x, y = _percent(e.value), _percent(e.threshold)
    else:
        x, y = number(e.value), number(e.threshold)
    if not cumulative:
        return f"{x} {when}; chỉ tiêu {_lower(str(target.period))}: {y}, đánh giá khi hết kỳ chỉ tiêu"
    if target.scope == SHARE_OF_UNITS or target.measure.is_ratio:
        return f"{x} / {y} {when}"  # already percentages: a percentage of a percentage says nothing more
    if target.scope == EACH_UNIT:
        share = Decimal(e.units_meeting) * 100 / e.units_total if e.units_total else None
    else:
        share = e.value * 100 / e.threshold if e.threshold else None
    return f"{x} / {y}{f' ({_percent(share)})' if share is not None else ''} {when}"


def demo_measures() -> list:
    """The measures the demo rounds ask for (the spine's form measures of the campaign)."""
    return measures(DEMO_CODES)


def demo_values(rnd, subs, rng) -> None:
    """Demo: typed values for the sent submissions, the same period a year earlier for comparison, written in
    bulk and rolled up by the spine's set-based rebuild; accepted reports then get their frozen snapshot."""
    if not rnd.measure_codes:
        return
    from decimal import Decimal

    from campaign.periods import previous_same
    from indicators import rollup
    from indicators.models import DataValue, Measure

    from .models import State, Submission

    draws = {"great_unity_houses_built": lambda: rng.randint(0, 4), "money_mobilised":
             lambda: rng.randint(15, 300) * 1_000_000, "pilot_models_welfare": lambda: rng.choice([0, 1, 1, 2]),
             "env_cleanup_days": lambda: rng.randint(2, 12),
             "supervisions_held": lambda: rng.randint(1, 5)}
    period, previous = rnd.period, previous_same(rnd.period)
    by_code = {m.code: m for m in measures(list(draws)) if m.is_entered}  # registers own the others
    rows = []
    for sub in subs:
        if sub.organisation_id:
            continue
        typed = {code: draw() for code, draw in draws.items() if code in by_code}
        for code, value in typed.items():
            rows.append(DataValue(measure=by_code[code], unit=sub.unit, period=period, org_key=0,
                                  value=Decimal(int(value)), source=Measure.Source.FORM))
            last_year = int(value) if isinstance(value, bool) else int(value * rng.uniform(0.6, 1.1))
            rows.append(DataValue(measure=by_code[code], unit=sub.unit, period=previous, org_key=0,
                                  value=Decimal(last_year), source=Measure.Source.FORM))
    # residential areas' own figures for the half-year (what the communes' forms show read-only)
    area_measures = {m.code: m for m in measures(["households_livelihood_supported", "great_unity_day_held"])
                     if m.is_entered}
    from units.models import Unit
    areas = Unit.objects.subtree(rnd.issuer).filter(level="area").only("pk")
    for area in areas:
        for p in (period, previous):
            if "households_livelihood_supported" in area_measures and rng.random() < 0.6:
                rows.append(DataValue(measure=area_measures["households_livelihood_supported"], unit=area, period=p,
                                      org_key=0, value=Decimal(rng.randint(1, 4)), source=Measure.Source.FORM))
            if "great_unity_day_held" in area_measures and rng.random() < 0.5:
                rows.append(DataValue(measure=area_measures["great_unity_day_held"], unit=area, period=p, org_key=0,
                                      value=Decimal(int(rng.random() < 0.9)), source=Measure.Source.FORM))
    DataValue.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    rollup.rebuild([period.pk, previous.pk])
    accepted = [s for s in subs if s.state in (State.ACCEPTED, State.LOCKED)]
    for sub in accepted:
        sub.accepted_values = snapshot(sub)
    Submission.objects.bulk_update(accepted, ["accepted_values"], batch_size=500)


def all_measures() -> list:
    """Every active measure a round may ask for."""
    from indicators.models import Measure

    return list(Measure.objects.filter(is_active=True).select_related("content"))
