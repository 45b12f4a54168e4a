"""Reading values: one unit's value for a measure, whatever its level (areas are read from their own values,
every other unit from its aggregate). None means not reported, never 0 — except for a register measure whose
register knows every unit (`Measure.absent_is_zero`): there no row reads 0, the register's answer."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from .models import AggregateValue, DataValue, Measure, org_key
from .pending import flush_for_read
from .rollup import infos, numerator_known, ratio_value


@dataclass
class Reading:
    value: Decimal | None = None  # None: not reported
    reporting: int = 0  # reporting units (rows) in the subtree; for a bool: units that answered
    positive: int = 0  # units answering yes / with a value > 0
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    is_area: bool = False

    @property
    def reported(self) -> bool:
        return self.value is not None


NOT_REPORTED = Reading()


def readings(measure: Measure, units, period, org_kind_id=None) -> dict[int, Reading]:
    """{unit_id: Reading} for these units (any levels); units without data are absent (not reported)."""
    flush_for_read()  # this transaction's register writes first
    units = list(units)
    key = org_key(org_kind_id)
    areas = [u.pk for u in units if u.level == "area"]
    others = [u.pk for u in units if u.level != "area"]
    result = {}
    if others:
        for unit_id, value, rep, pos, num, den, drep in _aggregate_rows(measure, period, key, others):
            if measure.is_ratio:
                if rep or drep:
                    known = rep or numerator_known(infos()[measure.pk])
                    result[unit_id] = Reading(value, rep, pos, num if known else None, den if drep else None)
            elif rep:
                result[unit_id] = Reading(value, rep, pos)
    if areas:
        if measure.is_ratio:
            parts = {}
            for unit_id, measure_id, value in DataValue.objects.filter(
                    measure_id__in=[measure.numerator_id, measure.denominator_id], period=period, org_key=key,
                    unit_id__in=areas, value__isnull=False).values_list("unit_id", "measure_id", "value"):
                parts.setdefault(unit_id, {})[measure_id] = value
            known = numerator_known(infos()[measure.pk])
            for unit_id, p in parts.items():
                num, den = p.get(measure.numerator_id), p.get(measure.denominator_id)
                if num is None and known and den is not None:
                    num = Decimal(0)
                result[unit_id] = Reading(ratio_value(measure.scale, num or 0, den or 0, num is not None,
                                                      den is not None), int(num is not None), 0, num, den, True)
        else:
            for unit_id, value in DataValue.objects.filter(measure=measure, period=period, org_key=key,
                                                           unit_id__in=areas, value__isnull=False).values_list(
                    "unit_id", "value"):
                result[unit_id] = Reading(value, 1, 1 if value > 0 else 0, is_area=True)
    if measure.absent_is_zero and not measure.is_ratio:
        for u in units:
            if u.pk not in result and measure.applies_to(u):
                result[u.pk] = Reading(Decimal(0), 0, 0, is_area=u.level == "area")
        if measure.is_bool and measure.level != "any":  # "x/y": every unit of the level answered (yes or no)
            totals = units_at_level([u for u in units if u.level != measure.level and u.pk in result], measure.level)
            for unit_id, total in totals.items():
                result[unit_id].reporting = total
    return result


_counts: contextvars.ContextVar[dict | None] = contextvars.ContextVar("spine_unit_counts", default=None)


@contextmanager
def shared_counts(fresh: bool = False):
    """Inside the block (one page: a dashboard, a report), the number of active units of a level under a unit is
    counted once, however many targets and readings ask for it (the national tree: 83,000 areas per count).
    `fresh`: remember nothing read before the block (what is computed inside is cached for other pages)."""
    if _counts.get() is not None and not fresh:
        yield
        return
    token = _counts.set({})
    try:
        yield
    finally:
        _counts.reset(token)


def units_at_level(units, level) -> dict[int, int]:
    """{unit_id: active units of `level` in its subtree}: read from the counts the units tree keeps
    (`units.models.ActiveCount`, exact by triggers) in one query for all the units; remembered inside
    `shared_counts()`."""
    from units.models import active_counts

    memo = _counts.get()
    out = {}
    paths = {}
    for u in units:
        if memo is not None and (u.path, level) in memo:
            out[u.pk] = memo[(u.path, level)]
        else:
            paths[u.path] = u.pk
    if paths:
        for path, n in active_counts(paths, level).items():
            out[paths[path]] = n
            if memo is not None:
                memo[(path, level)] = n
    return out


AGG_COLUMNS = ("unit_id", "value", "reporting", "positive", "numerator", "denominator", "den_reporting")


def prefetch(units, measures, periods, org_kind_id=None):
    """Inside `shared_counts()`: read the aggregates of these (non-area) units for these measures and periods in one
    query, so the readings a page makes of them afterwards (last year's figures, the trend) need none."""
    memo = _counts.get()
    units = [u.pk for u in units if u.level != "area"]
    if memo is None or not units:
        return
    key = org_key(org_kind_id)
    measure_ids, period_ids = {getattr(m, "pk", m) for m in measures}, {getattr(p, "pk", p) for p in periods}
    rows = {}
    for row in AggregateValue.objects.filter(unit_id__in=units, measure_id__in=measure_ids, period_id__in=period_ids,
                                             org_key=key).values_list("measure_id", "period_id", *AGG_COLUMNS):
        rows.setdefault((row[0], row[1]), []).append(row[2:])
    for m in measure_ids:
        for p in period_ids:
            for u in units:
                memo[("agg", m, p, key, u)] = []
            for row in rows.get((m, p), []):
                memo[("agg", m, p, key, row[0])] = [row]


def _aggregate_rows(measure, period, key, unit_ids):
    """The aggregate rows (AGG_COLUMNS) of these units: from `prefetch` when it read them all, else one query."""
    memo = _counts.get()
    if memo is not None and all(("agg", measure.pk, period.pk, key, u) in memo for u in unit_ids):
        return [row for u in unit_ids for row in memo[("agg", measure.pk, period.pk, key, u)]]
    return list(AggregateValue.objects.filter(measure=measure, period=period, org_key=key, unit_id__in=unit_ids)
                .values_list(*AGG_COLUMNS))


def unit_paths(unit, level) -> dict[int, str]:
    """{unit_id: path} of the active units of `level` under `unit` (remembered inside `shared_counts()`)."""
    from units.models import Unit

    memo = _counts.get()
    if memo is not None and (unit.path, level, "paths") in memo:
        return memo[(unit.path, level, "paths")]
    paths = dict(Unit.objects.subtree(unit).filter(level=level, is_active=True).values_list("pk", "path"))
    if memo is not None:
        memo[(unit.path, level, "paths")] = paths
        memo[(unit.path, level)] = len(paths)
    return paths


def reading(measure: Measure, unit, period, org_kind_id=None) -> Reading:
    return readings(measure, [unit], period, org_kind_id).get(unit.pk, NOT_REPORTED)


def own_values(unit, period, measures, org_kind_id=None) -> dict[int, DataValue]:
    """The values captured at the unit itself: {measure_id: DataValue}."""
    flush_for_read()
    return {v.measure_id: v for v in DataValue.objects.filter(
        unit=unit, period=period, org_key=org_key(org_kind_id), measure__in=measures,
        value__isnull=False).select_related("updated_by")}
