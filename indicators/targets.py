"""Target evaluation: one small grammar for every target (DESIGN §5): measure × scope × comparator × threshold.

`evaluate(target)` accepts any object with the attributes of TargetSpec (the plans app's Target model has them).
Progress is computed here, never entered.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from units.models import Unit, within

from .models import AggregateValue, DataValue, Measure, org_key
from .pending import flush_for_read
from .queries import NOT_REPORTED, Reading, reading, readings, units_at_level

TOTAL, EACH_UNIT, SHARE_OF_UNITS = "total", "each_unit", "share_of_units"
SCOPES = {TOTAL: "Tổng trên địa bàn", EACH_UNIT: "Từng đơn vị", SHARE_OF_UNITS: "Tỷ lệ đơn vị đạt"}
COMPARATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq}
COMPARATOR_LABELS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
LOOKUPS = {">=": "gte", ">": "gt", "<=": "lte", "<": "lt", "=": "exact"}
FAILING = {">=": ["lt"], ">": ["lte"], "<=": ["gt"], "<": ["gte"], "=": ["lt", "gt"]}  # lookups that miss
SQL_OPS = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
DAT, CHUA_DAT, CHUA_CO_SO_LIEU = "dat", "chua_dat", "chua_co_so_lieu"
STATUS_LABELS = {DAT: "Đạt", CHUA_DAT: "Chưa đạt", CHUA_CO_SO_LIEU: "Chưa có số liệu"}
BEHIND_LIMIT = 50
ALLOCATION, ISSUER_ONLY, UNALLOCATED, UNITS = "allocation", "issuer_only", "unallocated", "units"


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
    allocations: dict | None = None  # total targets: {unit id: the share the issuer allocated to that unit}


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
    # What "behind" means: ALLOCATION (a total split among units: behind its share), ISSUER_ONLY (captured at the
    # issuer itself: no unit below is evaluated), UNALLOCATED (a total nobody split: no unit is "behind"),
    # UNITS (each_unit / share_of_units: behind the per-unit test)
    basis: str = ""
    issuer: object = None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def behind_count(self) -> int:
        return len(self.units_behind) + self.units_behind_more

    @property
    def explanation(self) -> str:
        """One Vietnamese sentence saying why the verdict stands beside its list (or why there is no list), so that
        "Đạt" next to "25 đơn vị chưa đạt" explains itself."""
        n = self.behind_count
        if self.basis == ISSUER_ONLY:
            who = getattr(self.issuer, "name", "đơn vị ban hành")
            return f"Chỉ tiêu của riêng {who}: chỉ đánh giá ở cấp này, không xét đơn vị cấp dưới."
        if self.basis == UNALLOCATED:
            return ("Chỉ tiêu tổng chưa được phân bổ cho đơn vị cấp dưới, nên không có đơn vị nào bị coi là "
                    "chưa đạt.")
        if self.basis == ALLOCATION:
            if self.status == DAT and n:
                return (f"Tổng trên địa bàn đã đạt chỉ tiêu, nhưng {n} đơn vị chưa đạt phần được phân bổ "
                        f"({self.units_meeting}/{self.units_total} đơn vị đạt phần của mình).")
            if n:
                return (f"{n} đơn vị chưa đạt phần được phân bổ ({self.units_meeting}/{self.units_total} đơn vị "
                        "đạt phần của mình).")
            return "Mọi đơn vị được phân bổ đều đạt phần của mình."
        if self.basis == UNITS and self.status == DAT and n:
            return (f"Đạt vì {self.units_meeting}/{self.units_total} đơn vị đạt, không thấp hơn ngưỡng của chỉ tiêu; "
                    f"còn {n} đơn vị chưa đạt.")
        return ""

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
    is_area = level == "area"
    total = units_at_level([target.issuer], level)[target.issuer.pk]  # counted once per page (shared_counts)
    if not is_area:
        return _upper_level_values(target, level, key, comparator, threshold, limit, total)
    # rows of the areas under the issuer, joined on the unit (not an IN over the whole level)
    issuer = target.issuer
    rows = DataValue.objects.filter(within(issuer), measure=measure, period=target.period, org_key=key,
                                    value__isnull=False, unit__level=level, unit__is_active=True)
    if _counts_from_aggregate(target, level, comparator, threshold):
        # rows > 0 ("yes" for yes/no, ≥ 1 for counts) among areas: already counted in the issuer's aggregate
        issuer_agg = AggregateValue.objects.filter(measure=measure, period=target.period, org_key=key,
                                                   unit=target.issuer).values_list("reporting", "positive").first()
        reporting, meeting = issuer_agg or (0, 0)
        # rows with a value that fails "> 0" (whole counts, yes/no): when there are none, the query for the lowest
        # failing values below would find nothing — skip it (it scans every row of the measure under the issuer)
        failing_rows = reporting - meeting
    else:
        reporting = rows.count()
        meeting = rows.filter(**{f"value__{LOOKUPS[comparator]}": threshold}).count()
        failing_rows = None  # not known without the query
    # Behind, in tree order, in two short queries: areas that have not reported (an anti-join that stops at the
    # limit), then the lowest failing values.
    reported = DataValue.objects.filter(measure=measure, period=target.period, org_key=key, unit=OuterRef("pk"),
                                        value__isnull=False)
    zero_meets = measure.absent_is_zero and COMPARATORS[comparator](Decimal(0), threshold)
    if measure.absent_is_zero:  # the register knows every area: no row is a 0, not a silence
        reporting = total
        if zero_meets:
            failing = Q()
            for lookup in FAILING[comparator]:
                failing |= Q(**{f"value__{lookup}": threshold})
            meeting = total - rows.filter(failing).count()
    silent = Reading(Decimal(0), 0, 0, is_area=True) if measure.absent_is_zero else Reading(is_area=True)
    behind = [] if zero_meets else [
        (u, silent) for u in units.filter(~Exists(reported)).order_by("path")[:limit]]
    if len(behind) < limit and failing_rows != 0:
        failing = Q()
        for lookup in FAILING[comparator]:
            failing |= Q(**{f"value__{lookup}": threshold})
        for row in rows.filter(failing).select_related("unit").order_by("value", "unit__path")[:limit - len(behind)]:
            behind.append((row.unit, Reading(row.value, 1, int(row.value > 0), is_area=True)))
    return total, reporting, meeting, behind, max(0, total - meeting - len(behind))


def _upper_level_values(target, level, key, comparator, threshold, limit, total):
    """Communes or provinces (a few thousand at most), counted and listed in SQL: how many have a value and how many
    meet, then the units behind (not reported first, in tree order; then the lowest values) — only the ≤ `limit`
    units listed leave the database."""
    from django.db.models import Count

    measure, issuer = target.measure, target.issuer
    test = COMPARATORS[comparator]
    meets = Q(**{f"value__{LOOKUPS[comparator]}": threshold})
    rows = AggregateValue.objects.filter(within(issuer), measure=measure, period=target.period, org_key=key,
                                         value__isnull=False, unit__level=level, unit__is_active=True)
    counted = rows.aggregate(stored=Count("pk"), meeting=Count("pk", filter=meets))
    stored, meeting = counted["stored"], counted["meeting"]
    zero = measure.absent_is_zero  # the register knows every unit: a unit with no aggregate reads 0
    reporting = total if zero else stored
    if zero and test(Decimal(0), threshold):
        meeting += total - stored
    # the units of the level under the issuer with their aggregate (a LEFT JOIN on the aggregate's key), in SQL
    unit_table, agg = Unit._meta.db_table, AggregateValue._meta.db_table
    value = "COALESCE(a.value, 0)" if zero else "a.value"
    base = (f"SELECT u.*, {value} AS dv_v, a.reporting AS dv_reporting FROM {unit_table} u "
            f"LEFT JOIN {agg} a ON a.unit_id = u.id AND a.measure_id = %s AND a.period_id = %s AND a.org_key = %s "
            f"AND a.value IS NOT NULL WHERE u.level = %s AND u.is_active AND u.path >= %s AND u.path < %s")
    params = [measure.pk, target.period.pk, key, level, issuer.path, issuer.path + "A"]
    behind = []
    if not zero and limit > 0:  # not reported first, in tree order (a count alone, limit 0, lists nobody)
        behind = [(u, Reading()) for u in Unit.objects.raw(f"{base} AND a.id IS NULL ORDER BY u.path LIMIT %s",
                                                           [*params, limit])]
    if len(behind) < limit:  # then the lowest failing values
        failing = " OR ".join(f"{value} {SQL_OPS[lookup]} CAST(%s AS NUMERIC)" for lookup in FAILING[comparator])
        for u in Unit.objects.raw(f"{base} AND {value} IS NOT NULL AND ({failing}) ORDER BY dv_v, u.path LIMIT %s",
                                  [*params, *([threshold] * len(FAILING[comparator])), limit - len(behind)]):
            v = u.dv_v if isinstance(u.dv_v, Decimal) else Decimal(str(u.dv_v))  # SQLite: a raw column is a float
            behind.append((u, Reading(v, u.dv_reporting or 0, int(v > 0))))
    return total, reporting, meeting, behind, max(0, total - meeting - len(behind))


def _counts_from_aggregate(target, level, comparator, threshold) -> bool:
    """True when "units meeting" is the issuer aggregate's `positive`: areas, a measure captured only at areas,
    the default condition (value > 0, i.e. ≥ 1 for whole counts, "yes" for yes/no)."""
    m = target.measure
    return (level == "area" and m.level == "area" and target.issuer.level != "area" and not m.is_ratio
            and m.value_type in ("count", "bool") and (comparator, threshold) in ((">=", 1), ("=", 1), (">", 0)))


def evaluate(target, behind_limit: int = BEHIND_LIMIT) -> Evaluation:
    flush_for_read()  # this transaction's register writes first
    threshold = Decimal(target.threshold)
    comparator = target.comparator or ">="
    if target.scope == TOTAL:
        return _evaluate_total(target, threshold, comparator, behind_limit)
    level = target.level
    if not level:
        raise ValueError("Chỉ tiêu theo từng đơn vị hoặc tỷ lệ đơn vị cần cấp đơn vị (level).")
    if target.scope == EACH_UNIT:
        total, reporting, meeting, behind, more = _unit_values(target, level, comparator, threshold, behind_limit)
        if not reporting:
            return Evaluation(CHUA_CO_SO_LIEU, None, threshold, None, total, 0, 0, behind, more, UNITS,
                              target.issuer)
        progress = Decimal(meeting) / total if total else Decimal(0)
        status = DAT if total and meeting == total else CHUA_DAT
        return Evaluation(status, Decimal(meeting), threshold, progress, total, meeting, reporting, behind, more,
                          UNITS, target.issuer)
    if target.scope == SHARE_OF_UNITS:
        unit_cmp, unit_threshold = unit_condition(target)
        total, reporting, meeting, behind, more = _unit_values(target, level, unit_cmp, unit_threshold, behind_limit)
        if not reporting or not total:
            return Evaluation(CHUA_CO_SO_LIEU, None, threshold, None, total, 0, 0, behind, more, UNITS,
                              target.issuer)
        share = Decimal(100) * meeting / total
        met = COMPARATORS[comparator](share, threshold)
        return Evaluation(DAT if met else CHUA_DAT, share, threshold, _progress(comparator, share, threshold),
                          total, meeting, reporting, behind, more, UNITS, target.issuer)
    raise ValueError(f"Phạm vi chỉ tiêu không hợp lệ: {target.scope}")


def allocations_of(target) -> dict:
    """{unit id: allocated share} of a total target: TargetSpec.allocations, or the plans app's Target
    `allocation_map` (duck-typed: the spine does not import plans)."""
    given = getattr(target, "allocations", None)
    if isinstance(given, dict):
        return given
    mapping = getattr(target, "allocation_map", None)
    return dict(mapping) if mapping else {}


def issuer_only(target) -> bool:
    """A target on a measure captured at the issuer's own level ("MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh"):
    it concerns the issuer alone, so no unit below it can be behind."""
    return target.measure.level == target.issuer.level


def _evaluate_total(target, threshold, comparator, behind_limit) -> Evaluation:
    """A total over the issuer's tree. Who is behind: when the issuer allocated the total among units below, the
    units below their share (not reported first, then furthest behind); a target captured at the issuer itself,
    or a total nobody allocated, lists no unit as behind (a unit cannot miss a share it was never given)."""
    org_kind_id = _org_kind_id(target)
    got = reading(target.measure, target.issuer, target.period, org_kind_id)
    test = COMPARATORS[comparator]
    behind, more, total, meeting_units = [], 0, 1, 0
    allocations = {} if issuer_only(target) else allocations_of(target)
    if issuer_only(target):
        basis = ISSUER_ONLY
    elif allocations:
        basis = ALLOCATION
        units = _allocated_units(target.issuer, allocations)
        got_units = readings(target.measure, list(units.values()), target.period, org_kind_id)
        rows = []
        for unit in units.values():
            r = got_units.get(unit.pk, NOT_REPORTED)
            share = Decimal(allocations[unit.pk])
            if r.value is not None and test(r.value, share):
                meeting_units += 1
            else:
                rows.append((r.value is not None, (r.value or 0) / share if share else 0, unit.sort_key, unit, r))
        rows.sort(key=lambda x: x[:3])
        behind = [(unit, r) for *_, unit, r in rows[:behind_limit]]
        more, total = max(0, len(rows) - behind_limit), len(units)
    else:
        basis = UNALLOCATED
    if got.value is None:
        return Evaluation(CHUA_CO_SO_LIEU, None, threshold, None, total, meeting_units, 0, behind, more, basis,
                          target.issuer)
    met = test(got.value, threshold)
    if basis != ALLOCATION:
        meeting_units = int(met)
    return Evaluation(DAT if met else CHUA_DAT, got.value, threshold, _progress(comparator, got.value, threshold),
                      total, meeting_units, 1, behind, more, basis, target.issuer)


def _allocated_units(issuer, allocations) -> dict:
    """The active units inside the issuer's tree that were given a share, in tree order: {unit id: unit}."""
    units = Unit.objects.subtree(issuer).filter(pk__in=list(allocations), is_active=True).exclude(pk=issuer.pk)
    return {u.pk: u for u in units.ordered()}


def allocation_of(target, unit) -> Decimal | None:
    """The share of a total target allocated to `unit` (None when not allocated)."""
    value = allocations_of(target).get(unit.pk)
    return None if value is None else Decimal(value)


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
