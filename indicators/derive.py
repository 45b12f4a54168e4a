"""Deriving a register's measures from its rows, in the two shapes the spine needs:

- bulk(d, measure, period, unit_ids=None): one period, every unit (or a set of units), set-based SQL — used when a
  period is created, for rebuilds and for the integrity check;
- for_unit(d, measure, unit_id, periods): one unit, many periods — the unit's matching rows are read once and
  each period's window is tested in Python (a model running over a 2026–2030 phase touches ~36 periods: one query).

Both return values keyed by (unit_id, org_kind_id or None); `normalise` applies the derivation's `missing` rule,
so what is stored, what is recomputed and what is compared are the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models import Count as DjCount
from django.db.models import Sum as DjSum

from .registers import ZERO, Any, Count, Derivation, Sum, as_decimal

CHUNK = 2000
Values = dict[tuple[int, int | None], Decimal]


def normalise(d: Derivation, values: dict) -> Values:
    """Decimal values; with missing=ZERO a 0 (or no) is not stored: it is what a missing value reads as."""
    out = {}
    for key, value in values.items():
        value = as_decimal(value)
        if value is None or (d.missing == ZERO and value == 0):
            continue
        out[key] = value
    return out


def _joins_many(model, q) -> bool:
    """Does the filter follow a many-valued relation (a row could match several times)?"""
    for child in q.children:
        if isinstance(child, tuple):
            name = child[0].split("__")[0]
            try:
                field = model._meta.get_field(name)
            except Exception:
                continue
            if field.many_to_many or field.one_to_many:
                return True
        elif _joins_many(model, child):
            return True
    return False
class AllUnits(list):
    """Every unit id at a level, handed to a `compute` escape hatch in one call: a list (membership, set(),
    iteration behave as with any list of ids), which a filter such as `unit_id__in=unit_ids` turns into a
    subquery instead of 83,000 parameters — a new national period costs one query per measure."""

    def __init__(self, queryset):
        super().__init__(queryset)
        self.queryset = queryset

    def resolve_expression(self, *args, **kwargs):
        return self.queryset.query.resolve_expression(*args, **kwargs)


def _compute_chunk() -> int:
    """Units per call of a `compute` escape hatch: as many as the database takes in one query (a compute may use
    the list a few times), so a new national period costs a few queries per measure, not one per 2,000 units."""
    from django.db import connection

    return max(CHUNK, (connection.features.max_query_params or 400_000) // 4)


def _rows(d: Derivation, measure):
    """The derivation's base queryset: its filter (deduplicated when it joins a many-valued relation), rows at
    the capture level."""
    model = d.get_model()
    qs = model.objects.all()
    if d.filter and isinstance(d.aggregate, Sum) and _joins_many(model, d.filter):  # counts are distinct anyway
        qs = qs.filter(pk__in=model.objects.filter(d.filter).values("pk"))
    elif d.filter:
        qs = qs.filter(d.filter)
    if measure.level != "any":
        qs = qs.filter(**{f"{d.unit}__level": measure.level})
    return qs.order_by()


def _split(d: Derivation, measure) -> bool:
    return bool(measure.by_organisation and d.organisation)


def _aggregate_sql(qs, d: Derivation, group: list[str]) -> dict:
    agg = d.aggregate
    if isinstance(agg, Sum):
        rows = qs.filter(**{f"{agg.field}__isnull": False}).values(*group).annotate(v=DjSum(agg.field))
        return {tuple(r[g] for g in group): r["v"] * agg.sign for r in rows}
    if isinstance(agg, Any) and agg.field:
        out = {}
        for row in qs.values_list(*group, agg.field).distinct():
            key = tuple(row[:-1])
            out[key] = out.get(key, False) or bool(row[-1])
        return out
    field = agg.field if isinstance(agg, Count) else "pk"
    rows = qs.values(*group).annotate(v=DjCount(field, distinct=True))
    if isinstance(agg, Any):
        return {tuple(r[g] for g in group): r["v"] > 0 for r in rows}
    return {tuple(r[g] for g in group): r["v"] for r in rows}


def bulk(d: Derivation, measure, period, unit_ids=None) -> Values:
    """Values of every unit (or of `unit_ids`) in one period."""
    if d.compute is not None:
        if unit_ids is None:
            from units.models import Unit

            units = Unit.objects.all() if measure.level == "any" else Unit.objects.filter(level=measure.level)
            return normalise(d, d.compute(period, AllUnits(units.order_by().values_list("pk", flat=True))))
        out = {}
        chunk = _compute_chunk()
        for i in range(0, len(unit_ids), chunk):
            out.update(d.compute(period, list(unit_ids[i:i + chunk])))
        return normalise(d, out)
    base = _rows(d, measure).filter(d.window.q(period))
    parts = [base] if unit_ids is None else [base.filter(**{f"{d.unit}__in": unit_ids[i:i + CHUNK]})
                                             for i in range(0, len(unit_ids), CHUNK)]
    out = {}
    for qs in parts:
        for (unit_id,), v in _aggregate_sql(qs, d, [d.unit]).items():
            out[(unit_id, None)] = v
        if _split(d, measure):
            for (unit_id, org), v in _aggregate_sql(qs.filter(**{f"{d.organisation}__isnull": False}), d,
                                                    [d.unit, d.organisation]).items():
                out[(unit_id, org)] = v
    return normalise(d, out)


def bulk_query(d: Derivation, measure, period) -> tuple[str, list] | None:
    """The values `bulk(d, measure, period)` returns for every unit, as one SQL query (sql, params) of rows
    (unit_id, org_kind_id, value) — normalised the same way — so that a new period is written with one
    INSERT … SELECT instead of a round trip through Python. None where only the Python path can say (compute,
    Any(field))."""
    from django.db.models import F

    agg = d.aggregate
    if d.compute is not None or (isinstance(agg, Any) and agg.field):
        return None
    base = _rows(d, measure).filter(d.window.q(period))
    if isinstance(agg, Sum):
        base = base.filter(**{f"{agg.field}__isnull": False})
        expr, value = DjSum(agg.field), f"t.dv_v * {int(agg.sign)}"
    elif isinstance(agg, Count):
        expr, value = DjCount(agg.field, distinct=True), "t.dv_v"
    else:  # Any(): yes when a row matches
        expr, value = DjCount("pk"), "1"
    groups = [(base.values(dv_unit=F(d.unit)).annotate(dv_v=expr), "CAST(NULL AS BIGINT)")]
    if _split(d, measure):
        groups.append((base.filter(**{f"{d.organisation}__isnull": False})
                       .values(dv_unit=F(d.unit), dv_org=F(d.organisation)).annotate(dv_v=expr), "t.dv_org"))
    selects, params = [], []
    for qs, org in groups:
        try:
            sql, p = qs.query.sql_with_params()
        except EmptyResultSet:  # the window admits nothing in this period (a quarter of a yearly list)
            continue
        selects.append(f"SELECT t.dv_unit AS unit_id, {org} AS org_kind_id, {value} AS value FROM ({sql}) t")
        params += list(p)
    if not selects:
        return "SELECT CAST(NULL AS BIGINT) AS unit_id, CAST(NULL AS BIGINT) AS org_kind_id, 0 AS value WHERE 1 = 0", []
    keep = "q.value IS NOT NULL" + (" AND q.value <> 0" if d.missing == ZERO else "")
    return f"SELECT q.unit_id, q.org_kind_id, q.value FROM ({' UNION ALL '.join(selects)}) q WHERE {keep}", params


def _aggregate_py(d: Derivation, rows: list[dict]):
    agg = d.aggregate
    if not rows:
        return None
    if isinstance(agg, Sum):
        known = [r[agg.field] for r in rows if r[agg.field] is not None]
        return sum(known) * agg.sign if known else None
    if isinstance(agg, Any):
        return any(bool(r[agg.field]) for r in rows) if agg.field else True
    return len({r[agg.field] for r in rows})


def for_unit(d: Derivation, measure, unit_id: int, periods) -> dict[int, Values]:
    """{period_id: values} of one unit in each of these periods."""
    return for_unit_many([(d, measure)], unit_id, periods)[measure.pk]


def _fields(d: Derivation, measure) -> set[str]:
    fields = {"pk", *d.window.fields}
    if getattr(d.aggregate, "field", None):
        fields.add(d.aggregate.field)
    if _split(d, measure):
        fields.add(d.organisation)
    return fields


def _condition(d: Derivation, measure) -> Q:
    """Which rows of the model count for this derivation at all (its filter and the capture level)."""
    q = Q(d.filter) if d.filter else Q()
    if measure.level != "any":
        q &= Q(**{f"{d.unit}__level": measure.level})
    return q


def _unit_rows(model, unit_path: str, items, unit_id: int) -> list[tuple[dict, list[bool]]]:
    """The unit's rows of `model` read once for every derivation in `items`: each row with, per derivation,
    whether it matches that derivation's filter (a flag computed in the same query — an EXISTS where the filter
    follows a many-valued relation, so rows are never duplicated)."""
    fields, flags = set(), {}
    for i, (d, measure) in enumerate(items):
        fields |= _fields(d, measure)
        q = _condition(d, measure)
        if not q:
            continue
        if _joins_many(model, q):
            flags[f"dv_match_{i}"] = Exists(model.objects.filter(q, pk=OuterRef("pk")))
        else:
            flags[f"dv_match_{i}"] = ExpressionWrapper(q, output_field=BooleanField())
    qs = model.objects.filter(**{unit_path: unit_id}).order_by()
    if flags:
        qs = qs.annotate(**flags)
    rows = {r["pk"]: r for r in qs.values(*sorted(fields), *flags)}.values()
    return [(r, [bool(r.get(f"dv_match_{i}", True)) for i in range(len(items))]) for r in rows]


def for_unit_many(items, unit_id: int, periods) -> dict[int, dict[int, Values]]:
    """{measure_id: {period_id: values}} of one unit for several derivations [(derivation, measure)]: the unit's
    rows are read once per model (not once per measure), each period's window is tested in Python."""
    out = {}
    groups = defaultdict(list)  # (model, unit path) -> [(derivation, measure)]
    for d, measure in items:
        if d.compute is not None:
            out[measure.pk] = {p.pk: normalise(d, {k: v for k, v in d.compute(p, [unit_id]).items()
                                                   if k[0] == unit_id}) for p in periods}
        else:
            groups[(d.get_model(), d.unit)].append((d, measure))
    for (model, unit_path), group in groups.items():
        rows = _unit_rows(model, unit_path, group, unit_id)
        for i, (d, measure) in enumerate(group):
            out[measure.pk] = _periods_from_rows(d, measure, unit_id, [r for r, match in rows if match[i]], periods)
    return out


def _periods_from_rows(d: Derivation, measure, unit_id: int, rows: list[dict], periods) -> dict[int, Values]:
    split = _split(d, measure)
    out = {}
    for period in periods:
        matching = [r for r in rows if d.window.test(r, period)]
        values = {}
        if (v := _aggregate_py(d, matching)) is not None:
            values[(unit_id, None)] = v
        if split:
            by_org = defaultdict(list)
            for r in matching:
                if r[d.organisation] is not None:
                    by_org[r[d.organisation]].append(r)
            for org, org_rows in by_org.items():
                if (v := _aggregate_py(d, org_rows)) is not None:
                    values[(unit_id, org)] = v
        out[period.pk] = normalise(d, values)
    return out


def recompute(code: str, period, units=None) -> Values:
    """A fresh recompute of one register measure in one period, as the spine would store it (for checks and
    tests): {(unit_id, org_kind_id or None): value}; with missing=ZERO, zeros are left out (they read 0)."""
    from .models import Measure
    from .registers import all_registers

    measure = Measure.objects.get(code=code)
    for reg in all_registers().values():
        for d in reg.derivations:
            if d.measure == code:
                ids = None if units is None else [u if isinstance(u, int) else u.pk for u in units]
                return bulk(d, measure, period, ids)
    raise LookupError(f"Không sổ theo dõi nào tính chỉ số {code}.")
