"""Summary tables read from the spine: one row per child unit and a totals row that is the unit's own rollup, so
that no page adds units up in Python (a sum is the rollup's, a rate is recomputed by it from its parts).

    got = summaries.readings_by_code(unit, children, period, ["poor_households", "poor_households_gifted_rate"])
    got["poor_households"][child.pk].value   # Decimal, or None when not reported
"""

from __future__ import annotations

from .models import Measure
from .queries import NOT_REPORTED, Reading, readings


def measures(codes) -> dict[str, Measure]:
    return {m.code: m for m in Measure.objects.filter(code__in=list(codes))}


def readings_by_code(unit, children, period, codes, org_kind_id=None) -> dict[str, dict[int, Reading]]:
    """{code: {unit id: Reading}} for `unit` and each of `children` (one spine read per measure). A code the
    catalogue does not know reads as not reported everywhere."""
    units = [unit, *[c for c in children if c.pk != unit.pk]]
    by_code = measures(codes)
    return {code: (readings(by_code[code], units, period, org_kind_id) if code in by_code else {})
            for code in codes}


def value(got: dict[str, dict[int, Reading]], code: str, unit_id: int):
    """The value (None = not reported) of one measure at one unit from `readings_by_code`."""
    return got.get(code, {}).get(unit_id, NOT_REPORTED).value


def number(v):
    """A Decimal reading as a plain int when whole (table cells), else float; None stays None."""
    if v is None:
        return None
    return int(v) if v == int(v) else float(v)
