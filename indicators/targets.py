"""Target evaluation: one small grammar for every target (DESIGN §5): measure × scope × comparator × threshold.

`evaluate(target)` accepts any object with the attributes of TargetSpec (the plans app's Target model has them).
Progress is computed here, never entered.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from units.models import Unit

from .models import AggregateValue, DataValue, Measure, org_key
from .queries import NOT_REPORTED, Reading, reading, readings

TOTAL, EACH_UNIT, SHARE_OF_UNITS = "total", "each_unit", "share_of_units"
SCOPES = {TOTAL: "Tổng trên địa bàn", EACH_UNIT: "Từng đơn vị", SHARE_OF_UNITS: "Tỷ lệ đơn vị đạt"}
COMPARATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq}
COMPARATOR_LABELS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
LOOKUPS = {">=": "gte", ">": "gt", "<=": "lte", "<": "lt", "=": "exact"}
FAILING = {">=": ["lt"], ">": ["lte"], "<=": ["gt"], "<": ["gte"], "=": ["lt", "gt"]}  # lookups that miss
DAT, CHUA_DAT, CHUA_CO_SO_LIEU = "dat", "chua_dat", "chua_co_so_lieu"
STATUS_LABELS = {DAT: "Đạt", CHUA_DAT: "Chưa đạt", CHUA_CO_SO_LIEU: "Chưa có số liệu"}
BEHIND_LIMIT = 50


@dataclass
class TargetSpec:
    measure: Measure
    scope: str
    threshold: Decimal
    period: object
    issuer: Unit
    comparator: str = ">="
    level: str = ""
    unit_comparator: str = ""
    unit_threshold: Decimal | None = None
    org_kind: object = None


@dataclass
class Evaluation:
    status: str
    value: Decimal | None  # total: the value; each_unit: units meeting; share_of_units: share in percent
    threshold: Decimal
    progress: Decimal | None  # 0–1+ (1 = reached)
    units_total: int = 0
    units_meeting: int = 0
    units_reporting: int = 0
    units_behind: list = field(default_factory=list)  # [(unit, Reading)], not reported first, then lowest
    units_behind_more: int = 0  # behind units not listed (beyond the limit)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def progress_percent(self):
        return None if self.progress is None else min(self.progress, Decimal(1)) * 100


def unit_condition(target) -> tuple[str, Decimal]:
    """The per-unit test of share_of_units: defaults to >= 1 for counts and = yes for yes/no measures."""
    if getattr(target, "unit_comparator", "") and getattr(target, "unit_threshold", None) is not None:
        return target.unit_comparator, Decimal(target.unit_threshold)
    return ("=", Decimal(1)) if target.measure.is_bool else (">=", Decimal(1))


def _progress(comparator, value, threshold) -> Decimal:
    value, threshold = Decimal(value), Decimal(threshold)
    if COMPARATORS[comparator](value, threshold):
        return max(Decimal(1), value / threshold if comparator in (">=", ">") and threshold > 0 else Decimal(1))
    if comparator in (">=", ">", "="):
        return value / threshold if threshold > 0 else Decimal(0)
    return threshold / value if value > 0 else Decimal(0)  # <=, < : how far above the ceiling we still are


def _org_kind_id(target):
    org = getattr(target, "org_kind", None)
    return getattr(org, "pk", org)


def level_units(issuer: Unit, level: str):
    return Unit.objects.subtree(issuer).filter(level=level, is_active=True)


def _unit_values(target, level, comparator, threshold, limit):
    """(units_total, units_reporting, units_meeting, behind [(unit, Reading)], behind not listed), mostly in SQL."""
    measure, key = target.measure, org_key(_org_kind_id(target))
    units = level_units(target.issuer, level)
    if measure.is_ratio and level == "area":  # computed from two values per area: done in Python (small)
        unit_list = list(units.ordered())
        got = readings(measure, unit_list, target.period, _org_kind_id(target))
        reporting = [u for u in unit_list if u.pk in got and got[u.pk].value is not None]
        meeting = [u for u in reporting if COMPARATORS[comparator](got[u.pk].value, threshold)]
        behind = [u for u in unit_list if u not in meeting]
        behind.sort(key=lambda u: (got.get(u.pk, NOT_REPORTED).value is not None,
                                   got.get(u.pk, NOT_REPORTED).value or 0))
        return (len(unit_list), len(reporting), len(meeting),
                [(u, got.get(u.pk, NOT_REPORTED)) for u in behind[:limit]], max(0, len(behind) - limit))
    total = units.count()
    if level == "area":
        rows = DataValue.objects.filter(measure=measure, period=target.period, org_key=key, value__isnull=False,
                                        unit__in=units)
    else:
        rows = AggregateValue.objects.filter(measure=measure, period=target.period, org_key=key,
                                             value__isnull=False, unit__in=units)
    reporting = rows.count()
    meeting = rows.filter(**{f"value__{LOOKUPS[comparator]}": threshold}).count()
    # Behind, in two short queries: units that have not reported (anti-join), then the lowest failing values.
    is_area = level == "area"
    behind = [(u, Reading(is_area=is_area)) for u in
              units.exclude(pk__in=rows.values("unit_id")).order_by("sort_key", "code")[:limit]]
    if len(behind) < limit:
        failing = Q()
        for lookup in FAILING[comparator]:
            failing |= Q(**{f"value__{lookup}": threshold})
        for row in rows.filter(failing).select_related("unit").order_by("value", "unit__sort_key", "unit__code")[
                :limit - len(behind)]:
            behind.append((row.unit, Reading(row.value, getattr(row, "reporting", 1), int(row.value > 0),
                                             is_area=is_area)))
    return total, reporting, meeting, behind, max(0, total - meeting - len(behind))


def evaluate(target, behind_limit: int = BEHIND_LIMIT) -> Evaluation:
    threshold = Decimal(target.threshold)
    comparator = target.comparator or ">="
    if target.scope == TOTAL:
        got = reading(target.measure, target.issuer, target.period, _org_kind_id(target))
        children = list(target.issuer.children.filter(is_active=True).ordered()) if not target.issuer.is_area else []
        child_readings = readings(target.measure, children, target.period, _org_kind_id(target))
        behind = sorted(((c, child_readings.get(c.pk, NOT_REPORTED)) for c in children),
                        key=lambda cr: (cr[1].value is not None, cr[1].value or 0))
        if got.value is None:
            return Evaluation(CHUA_CO_SO_LIEU, None, threshold, None, 1, 0, 0, behind[:behind_limit])
        met = COMPARATORS[comparator](got.value, threshold)
        return Evaluation(DAT if met else CHUA_DAT, got.value, threshold, _progress(comparator, got.value, threshold),
                          1, int(met), 1, behind[:behind_limit], max(0, len(behind) - behind_limit))
    level = target.level
    if not level:
        raise ValueError("Chỉ tiêu theo từng đơn vị hoặc tỷ lệ đơn vị cần cấp đơn vị (level).")
    if target.scope == EACH_UNIT:
        total, reporting, meeting, behind, more = _unit_values(target, level, comparator, threshold, behind_limit)
        if not reporting:
            return Evaluation(CHUA_CO_SO_LIEU, None, threshold, None, total, 0, 0, behind, more)
        progress = Decimal(meeting) / total if total else Decimal(0)
        status = DAT if total and meeting == total else CHUA_DAT
        return Evaluation(status, Decimal(meeting), threshold, progress, total, meeting, reporting, behind, more)
    if target.scope == SHARE_OF_UNITS:
        unit_cmp, unit_threshold = unit_condition(target)
        total, reporting, meeting, behind, more = _unit_values(target, level, unit_cmp, unit_threshold, behind_limit)
        if not reporting or not total:
            return Evaluation(CHUA_CO_SO_LIEU, None, threshold, None, total, 0, 0, behind, more)
        share = Decimal(100) * meeting / total
        met = COMPARATORS[comparator](share, threshold)
        return Evaluation(DAT if met else CHUA_DAT, share, threshold, _progress(comparator, share, threshold),
                          total, meeting, reporting, behind, more)
    raise ValueError(f"Phạm vi chỉ tiêu không hợp lệ: {target.scope}")


def describe(target) -> str:
    """'≥ 90% khu dân cư có giá trị ≥ 1' … a one-line Vietnamese reading of the target."""
    from units.models import Level

    m, cmp = target.measure, COMPARATOR_LABELS.get(target.comparator or ">=", target.comparator)
    threshold = Decimal(target.threshold).normalize()
    level = Level(target.level).label.lower() if getattr(target, "level", "") else ""
    if target.scope == TOTAL:
        return f"{m.name}: {cmp} {threshold:f} {m.unit_label}".strip()
    if target.scope == EACH_UNIT:
        return f"Mỗi {level}: {m.name} {cmp} {threshold:f} {m.unit_label}".strip()
    unit_cmp, unit_threshold = unit_condition(target)
    condition = "có" if m.is_bool and unit_cmp == "=" and unit_threshold == 1 else \
        f"{COMPARATOR_LABELS[unit_cmp]} {unit_threshold.normalize():f} {m.unit_label}".strip()
    return f"{cmp} {threshold:f}% {level} đạt: {m.name} {condition}"
