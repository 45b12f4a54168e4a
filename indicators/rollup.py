"""The rollup, in one module: values flow up the unit tree (area → commune → province → nation).

Semantics at every non-area unit ("holder"): its own captured value combined with everything under it.
  sum        values add
  count_yes  counts the units answering yes (value > 0); `reporting` counts those that answered at all
  ratio      scale × Σ numerator / Σ denominator, recomputed from the summed parts, never averaged
  min, max   over the reported values; last: the most recently updated value
Not reported (no row, or a NULL value) contributes nothing, and a holder with reporting = 0 is not reported.

- apply_changes(): the incremental path, O(depth) statements. Sums, yes-counts and ratio parts are applied as
  additive upserts (INSERT … ON CONFLICT DO UPDATE SET x = x + delta), so two concurrent edits under one commune
  both land (PostgreSQL row locks order them; SQLite serialises writers). min/max/last lock the ancestors'
  rows root-first and recompute each from its children.
- rebuild(): set-based SQL, bottom-up: one GROUP BY over the values straight into the holders' rows (an area's
  values into its commune, other units' into themselves), then one small pass per shallower depth combining a
  holder's own row with its children's, then one for ratios.
- check(): rebuild inside a rolled-back transaction and name every difference with the stored aggregates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q

from . import generation
from .models import AggregateValue, DataValue, Measure

AGG = AggregateValue._meta.db_table
DV = DataValue._meta.db_table
MEASURE = Measure._meta.db_table
ADDITIVE = ("sum", "count_yes")
SET_BASED = ("sum", "count_yes", "min", "max")
RECOMPUTED = ("min", "max", "last")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Info:
    id: int
    code: str
    aggregation: str
    scale: int
    numerator_id: int | None
    denominator_id: int | None
    absent_is_zero: bool = False


_infos: dict[int, Info] | None = None
_dependents: dict[int, list[tuple[int, str]]] | None = None


def invalidate_caches(**kwargs):
    global _infos, _dependents
    _infos = _dependents = None


def infos() -> dict[int, Info]:
    global _infos, _dependents
    if _infos is None:
        rows = Measure.objects.values_list("id", "code", "aggregation", "scale", "numerator_id", "denominator_id",
                                           "absent_is_zero")
        _infos = {r[0]: Info(*r) for r in rows}
        deps = defaultdict(list)
        for info in _infos.values():
            if info.aggregation == "ratio":
                if info.numerator_id:
                    deps[info.numerator_id].append((info.id, "num"))
                if info.denominator_id:
                    deps[info.denominator_id].append((info.id, "den"))
        _dependents = dict(deps)
    return _infos


def dependents(measure_id) -> list[tuple[int, str]]:
    infos()
    return _dependents.get(measure_id, [])


def contribution(aggregation: str, value) -> tuple[Decimal, int, int]:
    """(value added to a holder's total, reporting units added, positive units added)."""
    if value is None:
        return ZERO, 0, 0
    value = Decimal(value)
    positive = 1 if value > 0 else 0
    return (Decimal(positive) if aggregation == "count_yes" else value), 1, positive


def holders(unit) -> list[int]:
    """Units whose aggregate a value of `unit` feeds, root first: ancestors, plus the unit unless it is an area."""
    ids = unit.ancestor_ids
    return ids if unit.level == "area" else [*ids, unit.pk]


def numerator_known(ratio: Info) -> bool:
    """A ratio whose numerator comes from a register knowing every unit: no numerator row is a 0 (0 of 3 poor
    households gifted is 0 %, not "not reported")."""
    part = infos().get(ratio.numerator_id)
    return bool(part and part.absent_is_zero)


def ratio_value(scale, numerator, denominator, reporting, den_reporting):
    if reporting and den_reporting and denominator:
        return Decimal(scale) * Decimal(numerator) / Decimal(denominator)
    return None


@dataclass
class Change:
    measure_id: int
    unit: object  # units.Unit (path and level are read)
    period_id: int
    org_key: int
    old: Decimal | None
    new: Decimal | None


# --- incremental ------------------------------------------------------------------------------------------
def apply_changes(changes: list[Change]):
    """Roll these value changes up to every ancestor. Call inside the transaction that wrote the values."""
    info = infos()
    additive = defaultdict(lambda: [ZERO, 0, 0])  # (measure, period, org, depth, unit) -> deltas
    ratio = defaultdict(lambda: [ZERO, ZERO, 0, 0])  # (ratio, period, org, depth, unit) -> num, den, rep, den_rep
    recompute = {}
    touched = set()  # every unit whose value or aggregate changes: a new cache generation at the commit
    for ch in changes:
        if ch.old == ch.new:
            continue
        m = info[ch.measure_id]
        chain = holders(ch.unit)
        touched.update(ch.unit.ancestor_ids)
        touched.add(ch.unit.pk)
        if m.aggregation in ADDITIVE:
            v0, r0, p0 = contribution(m.aggregation, ch.old)
            v1, r1, p1 = contribution(m.aggregation, ch.new)
            dv, dr, dp = v1 - v0, r1 - r0, p1 - p0
            for depth, unit_id in enumerate(chain):
                acc = additive[(m.id, ch.period_id, ch.org_key, depth, unit_id)]
                acc[0] += dv
                acc[1] += dr
                acc[2] += dp
            for ratio_id, role in dependents(m.id):
                for depth, unit_id in enumerate(chain):
                    acc = ratio[(ratio_id, ch.period_id, ch.org_key, depth, unit_id)]
                    if role == "num":
                        acc[0] += dv
                        acc[2] += dr
                    else:
                        acc[1] += dv
                        acc[3] += dr
        elif m.aggregation in RECOMPUTED:
            recompute[(m.id, ch.period_id, ch.org_key, tuple(chain))] = m
    if additive:
        _upsert_additive(sorted(additive.items()))
    by_ratio = defaultdict(list)
    for key, acc in sorted(ratio.items()):
        by_ratio[key[0]].append((key, acc))
    for ratio_id, rows in by_ratio.items():
        _upsert_ratio(info[ratio_id], rows)
    for (measure_id, period_id, org, chain), m in sorted(recompute.items(), key=lambda kv: kv[0][:3]):
        _recompute_chain(m, period_id, org, list(chain))
    generation.bump(touched)


def _source(rows: list[tuple], types: tuple[str, ...], pg_select: str, values: str) -> tuple[str, list]:
    """The rows to upsert as a row source. PostgreSQL: one array parameter per column (`unnest`) — a statement
    with thousands of placeholders costs more to send and parse than the upsert itself; elsewhere VALUES."""
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{t}[]" for t in types)
        names = ", ".join(f"c{i}" for i in range(len(types)))
        return (f"SELECT {pg_select} FROM unnest({arrays}) AS t({names})",
                [list(column) for column in zip(*rows)])
    return "VALUES " + ", ".join([values] * len(rows)), [x for row in rows for x in row]


def _upsert_additive(rows):
    rows = [(k, acc) for k, acc in rows if acc[0] or acc[1] or acc[2]]
    if not rows:
        return
    data = [(measure_id, period_id, org, unit_id, dv, dr, dp)
            for (measure_id, period_id, org, _depth, unit_id), (dv, dr, dp) in rows]
    if connection.vendor != "postgresql":
        data = [(*row[:4], str(row[4]), *row[5:]) for row in data]
    source, params = _source(data, ("bigint", "bigint", "bigint", "bigint", "numeric", "bigint", "bigint"),
                             "c0, c1, c2, c3, c4, c5, c6, 0, 0, 0",
                             "(%s, %s, %s, %s, CAST(%s AS NUMERIC), %s, %s, 0, 0, 0)")
    sql = (f"INSERT INTO {AGG} (measure_id, period_id, org_key, unit_id, value, reporting, positive, numerator, "
           f"denominator, den_reporting) {source} "
           f"ON CONFLICT (measure_id, period_id, org_key, unit_id) DO UPDATE SET "
           f"value = {AGG}.value + excluded.value, reporting = {AGG}.reporting + excluded.reporting, "
           f"positive = {AGG}.positive + excluded.positive")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _upsert_ratio(m: Info, rows):
    rows = [(k, acc) for k, acc in rows if any(acc)]
    if not rows:
        return
    known = numerator_known(m)
    pg = connection.vendor == "postgresql"
    text = (lambda x: x) if pg else (lambda x: None if x is None else str(x))  # noqa: E731
    data = []
    for (ratio_id, period_id, org, _depth, unit_id), (num, den, rep, den_rep) in rows:
        fresh = ratio_value(m.scale, num, den, rep or known, den_rep)
        data.append((ratio_id, period_id, org, unit_id, text(fresh), rep, text(Decimal(num)), text(Decimal(den)),
                     den_rep))
    source, params = _source(data, ("bigint", "bigint", "bigint", "bigint", "numeric", "bigint", "numeric", "numeric",
                                    "bigint"), "c0, c1, c2, c3, c4, c5, 0, c6, c7, c8",
                             "(%s, %s, %s, %s, CAST(%s AS NUMERIC), %s, 0, CAST(%s AS NUMERIC), CAST(%s AS NUMERIC), %s)")
    a = AGG
    sql = (f"INSERT INTO {a} (measure_id, period_id, org_key, unit_id, value, reporting, positive, numerator, "
           f"denominator, den_reporting) {source} "
           f"ON CONFLICT (measure_id, period_id, org_key, unit_id) DO UPDATE SET "
           f"value = CASE WHEN ({a}.reporting + excluded.reporting > 0 OR {'1 = 1' if known else '1 = 0'}) "
           f"AND {a}.den_reporting + excluded.den_reporting > 0"
           f" AND {a}.denominator + excluded.denominator <> 0 THEN {int(m.scale)} * 1.0 * "
           f"({a}.numerator + excluded.numerator) / ({a}.denominator + excluded.denominator) END, "
           f"numerator = {a}.numerator + excluded.numerator, denominator = {a}.denominator + excluded.denominator, "
           f"reporting = {a}.reporting + excluded.reporting, den_reporting = {a}.den_reporting + excluded.den_reporting")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _combine(aggregation, candidates):
    """candidates: (value, reporting, positive, at, tiebreak) -> (value, reporting, positive, last_at)."""
    candidates = [c for c in candidates if c[1]]
    if not candidates:
        return None, 0, 0, None
    reporting = sum(c[1] for c in candidates)
    positive = sum(c[2] for c in candidates)
    if aggregation == "min":
        return min(c[0] for c in candidates), reporting, positive, None
    if aggregation == "max":
        return max(c[0] for c in candidates), reporting, positive, None
    latest = max(candidates, key=lambda c: (c[3], c[4]))
    return latest[0], reporting, positive, latest[3]


def _recompute_chain(m: Info, period_id, org, chain):
    """min/max/last: lock the chain's aggregate rows root-first, then recompute each holder bottom-up."""
    key = {"measure_id": m.id, "period_id": period_id, "org_key": org}
    AggregateValue.objects.bulk_create([AggregateValue(unit_id=u, **key) for u in chain], ignore_conflicts=True)
    list(AggregateValue.objects.select_for_update().filter(unit_id__in=chain, **key).order_by("unit__path")
         .values_list("pk", flat=True))
    for unit_id in reversed(chain):
        own = DataValue.objects.filter(value__isnull=False, **key).filter(
            Q(unit_id=unit_id) | Q(unit__parent_id=unit_id, unit__level="area"))
        children = AggregateValue.objects.filter(unit__parent_id=unit_id, reporting__gt=0, **key)
        candidates = [(v, 1, 1 if v > 0 else 0, at, uid) for v, at, uid in own.values_list("value", "updated_at",
                                                                                        "unit_id")]
        candidates += [(v, r, p, at, uid) for v, r, p, at, uid in
                       children.values_list("value", "reporting", "positive", "last_at", "unit_id")]
        value, reporting, positive, last_at = _combine(m.aggregation, candidates)
        AggregateValue.objects.filter(unit_id=unit_id, **key).update(value=value, reporting=reporting,
                                                                     positive=positive, last_at=last_at)


# --- full rebuild -----------------------------------------------------------------------------------------
def _period_filter(alias, period_ids):
    if period_ids is None:
        return "", []
    return f" AND {alias}.period_id IN ({', '.join(['%s'] * len(period_ids))})", list(period_ids)


def rebuild(period_ids=None) -> int:
    """Recompute every aggregate (of these periods) from the values. Returns the number of aggregate rows."""
    from units.models import Unit

    unit_table = Unit._meta.db_table
    if period_ids is not None and not period_ids:
        return 0
    pg = connection.vendor == "postgresql"
    with transaction.atomic(), connection.cursor() as c:
        generation.bump(everything=True)  # every cached read of the spine, at the commit
        if pg:
            c.execute("SET LOCAL jit = off")  # compiling these one-off queries costs more than it saves
            c.execute("SET LOCAL work_mem = '512MB'")  # the holders' hash table (≈ 850,000 groups nationally)
            # One hash aggregate in one process beats sorting in parallel workers and merging their partial
            # states here (measured on the national tree: 1.7 s against 1.9–4.8 s for the same groups).
            c.execute("SET LOCAL enable_sort = off")
        where, params = _period_filter("a", period_ids)
        bulk = period_ids is None and pg
        if bulk:
            # A full rebuild is a bulk load: empty the table, load it without its secondary indexes, then build
            # them once (much cheaper than maintaining them row by row). Readers wait for the commit.
            c.execute(f"TRUNCATE {AGG}")
            c.execute(f"ALTER TABLE {AGG} DROP CONSTRAINT aggregate_key_unique")
            c.execute("DROP INDEX aggregate_unit_period")
        else:
            c.execute(f"DELETE FROM {AGG} WHERE 1 = 1{where.replace('a.', '')}", params)
        dwhere, dparams = _period_filter("d", period_ids)
        # 1. Every value into its holder's row: an area's value into its commune, any other unit's into itself.
        #    A row's value is its measure's aggregate, and PostgreSQL runs every aggregate of a SELECT on every
        #    row, used or not: so the measures of whole numbers (counts, money in đồng, yes/no — parse_value
        #    refuses fractions and registers count rows or sum integer fields), summed or yes-counted, go in one
        #    pass summed as bigint (exact, an int128 accumulator; cheaper than numeric), and the few others
        #    (fractional numbers, min, max) in a second pass with the aggregate each needs.
        integral, others = defaultdict(list), defaultdict(list)
        for pk, aggregation, value_type in (Measure.objects.filter(aggregation__in=SET_BASED)
                                             .values_list("pk", "aggregation", "value_type")):
            whole = pg and aggregation in ADDITIVE and value_type in ("count", "money", "bool")
            (integral if whole else others)[aggregation].append(pk)
        positive = "COUNT(*) FILTER (WHERE d.value > 0)" if pg else "SUM(CASE WHEN d.value > 0 THEN 1 ELSE 0 END)"
        # each unit's holder worked out once per unit, not once per value (OFFSET 0 keeps the planner from
        # folding the subquery into the join and evaluating the CASE for every value)
        holders_sql = (f"(SELECT id, CASE WHEN level = 'area' THEN parent_id ELSE id END AS holder "
                       f"FROM {unit_table}{' OFFSET 0' if pg else ''})")
        insert = (f"INSERT INTO {AGG} (measure_id, period_id, org_key, unit_id, value, reporting, positive, "
                  f"numerator, denominator, den_reporting) ")
        for kinds_of, total in ((integral, "SUM(d.value::int8)"), (others, "SUM(d.value)")):
            ids = [pk for kind in SET_BASED for pk in kinds_of[kind]]
            if not ids:
                continue
            cases = [f"WHEN d.measure_id IN ({', '.join(map(str, kinds_of[kind]))}) THEN {aggregate}"
                     for kind, aggregate in (("count_yes", positive), ("min", "MIN(d.value)"), ("max", "MAX(d.value)"))
                     if kinds_of[kind]]
            value = f"CASE {' '.join(cases)} ELSE {total} END" if cases else total
            c.execute(f"{insert}SELECT d.measure_id, d.period_id, d.org_key, u.holder, {value}, COUNT(*), {positive}, "
                      f"0, 0, 0 FROM {DV} d JOIN {holders_sql} u ON u.id = d.unit_id "
                      f"WHERE d.value IS NOT NULL AND d.measure_id IN ({', '.join(map(str, ids))}){dwhere} "
                      f"GROUP BY d.measure_id, d.period_id, d.org_key, u.holder", dparams)
        # 2. Bottom-up from the deepest holders (final: nothing is held under them): each shallower holder's row
        #    is its own contribution from step 1 combined with its children's rows, one small pass per depth.
        c.execute(f"SELECT MAX(u.depth) FROM {AGG} a JOIN {unit_table} u ON u.id = a.unit_id WHERE 1 = 1{where}",
                  params)
        top = c.fetchone()[0]
        kinds = ", ".join(f"'{k}'" for k in SET_BASED)
        for depth in range(top - 1 if top is not None else -1, -1, -1):
            c.execute("DROP TABLE IF EXISTS rollup_level")
            c.execute(
                f"CREATE TEMP TABLE rollup_level AS "
                f"SELECT measure_id, period_id, org_key, holder, "
                f"CASE agg WHEN 'min' THEN MIN(value) WHEN 'max' THEN MAX(value) ELSE SUM(value) END AS value, "
                f"SUM(reporting) AS reporting, SUM(positive) AS positive FROM ("
                f" SELECT a.measure_id, m.aggregation AS agg, a.period_id, a.org_key, a.unit_id AS holder, a.value, "
                f" a.reporting, a.positive FROM {AGG} a JOIN {unit_table} u ON u.id = a.unit_id "
                f" JOIN {MEASURE} m ON m.id = a.measure_id WHERE u.depth = %s AND m.aggregation IN ({kinds}){where}"
                f" UNION ALL"
                f" SELECT a.measure_id, m.aggregation, a.period_id, a.org_key, u.parent_id, a.value, a.reporting, "
                f" a.positive FROM {AGG} a JOIN {unit_table} u ON u.id = a.unit_id "
                f" JOIN {MEASURE} m ON m.id = a.measure_id "
                f" WHERE u.depth = %s AND a.reporting > 0 AND m.aggregation IN ({kinds}){where}"
                f") s GROUP BY measure_id, agg, period_id, org_key, holder", [depth, *params, depth + 1, *params])
            c.execute(f"DELETE FROM {AGG} WHERE unit_id IN (SELECT id FROM {unit_table} WHERE depth = %s)"
                      f"{where.replace('a.', '')}", [depth, *params])
            c.execute(f"{insert}SELECT measure_id, period_id, org_key, holder, value, reporting, positive, 0, 0, 0 "
                      f"FROM rollup_level")
            c.execute("DROP TABLE rollup_level")
        c.execute(
            f"INSERT INTO {AGG} (measure_id, period_id, org_key, unit_id, value, reporting, positive, numerator, "
            f"denominator, den_reporting) "
            f"SELECT r.id, a.period_id, a.org_key, a.unit_id, "
            f"CASE WHEN (SUM(CASE WHEN a.measure_id = r.numerator_id THEN a.reporting ELSE 0 END) > 0 "
            f" OR n.absent_is_zero) "
            f" AND SUM(CASE WHEN a.measure_id = r.denominator_id THEN a.reporting ELSE 0 END) > 0 "
            f" AND SUM(CASE WHEN a.measure_id = r.denominator_id THEN a.value ELSE 0 END) <> 0 "
            f" THEN r.scale * 1.0 * SUM(CASE WHEN a.measure_id = r.numerator_id THEN a.value ELSE 0 END) "
            f" / SUM(CASE WHEN a.measure_id = r.denominator_id THEN a.value ELSE 0 END) END, "
            f"SUM(CASE WHEN a.measure_id = r.numerator_id THEN a.reporting ELSE 0 END), 0, "
            f"SUM(CASE WHEN a.measure_id = r.numerator_id THEN a.value ELSE 0 END), "
            f"SUM(CASE WHEN a.measure_id = r.denominator_id THEN a.value ELSE 0 END), "
            f"SUM(CASE WHEN a.measure_id = r.denominator_id THEN a.reporting ELSE 0 END) "
            f"FROM {AGG} a JOIN {MEASURE} r ON r.aggregation = 'ratio' "
            f" AND (a.measure_id = r.numerator_id OR a.measure_id = r.denominator_id) "
            f"JOIN {MEASURE} n ON n.id = r.numerator_id "
            f"WHERE a.reporting > 0{where} "
            f"GROUP BY r.id, r.scale, n.absent_is_zero, a.period_id, a.org_key, a.unit_id", params)
        if bulk:
            c.execute(f"ALTER TABLE {AGG} ADD CONSTRAINT aggregate_key_unique "
                      f"UNIQUE (measure_id, period_id, org_key, unit_id)")
            c.execute(f"CREATE INDEX aggregate_unit_period ON {AGG} (unit_id, period_id)")
            c.execute(f"ANALYZE {AGG}")  # fresh statistics for the planner after a reload
        _rebuild_last(period_ids)
        c.execute(f"SELECT COUNT(*) FROM {AGG}")
        return c.fetchone()[0]


def _rebuild_last(period_ids=None):
    """`last` needs an arg-max; it is rare, so it is done bottom-up in Python over its values only."""
    from units.models import Unit

    last_ids = [i.id for i in infos().values() if i.aggregation == "last"]
    if not last_ids:
        return
    values = DataValue.objects.filter(measure_id__in=last_ids, value__isnull=False)
    if period_ids is not None:
        values = values.filter(period_id__in=period_ids)
    rows = list(values.values_list("measure_id", "period_id", "org_key", "unit_id", "value", "updated_at"))
    units = Unit.objects.in_bulk({r[3] for r in rows})
    candidates = defaultdict(list)  # (measure, period, org, holder) -> candidates
    parents = {}
    for measure_id, period_id, org, unit_id, value, at in rows:
        unit = units[unit_id]
        chain = holders(unit)
        for child, parent in zip(chain[1:], chain[:-1]):
            parents[child] = parent
        holder = chain[-1]
        candidates[(measure_id, period_id, org, holder)].append((value, 1, 1 if value > 0 else 0, at, unit_id))
    depth = dict(Unit.objects.filter(pk__in={k[3] for k in candidates} | set(parents.values()))
                 .values_list("pk", "depth"))
    result = []
    pending = dict(candidates)
    while pending:
        deepest = max(depth.get(k[3], 0) for k in pending)
        level = [k for k in pending if depth.get(k[3], 0) == deepest]
        for key in level:
            value, reporting, positive, last_at = _combine("last", pending.pop(key))
            result.append(AggregateValue(measure_id=key[0], period_id=key[1], org_key=key[2], unit_id=key[3],
                                         value=value, reporting=reporting, positive=positive, last_at=last_at))
            parent = parents.get(key[3])
            if parent is not None:
                pending.setdefault((key[0], key[1], key[2], parent), []).append(
                    (value, reporting, positive, last_at, key[3]))
    AggregateValue.objects.bulk_create(result, batch_size=2000)


# --- check ------------------------------------------------------------------------------------------------
def _snapshot(period_ids=None) -> dict:
    qs = AggregateValue.objects.filter(Q(reporting__gt=0) | Q(den_reporting__gt=0))
    if period_ids is not None:
        qs = qs.filter(period_id__in=period_ids)
    q = Decimal("0.001")

    def r(x):
        return None if x is None else Decimal(x).quantize(q)

    return {(m, p, o, u): (r(v), rep, pos, r(num), r(den), drep) for m, p, o, u, v, rep, pos, num, den, drep in
            qs.values_list("measure_id", "period_id", "org_key", "unit_id", "value", "reporting", "positive",
                           "numerator", "denominator", "den_reporting")}


def differences(period_ids=None, limit=20) -> list[str]:
    """Rebuild in a transaction that is rolled back; name every aggregate that differs from the stored one."""
    from campaign.models import Period
    from units.models import Unit

    from .pending import flush_for_read

    flush_for_read()
    with transaction.atomic():
        stored = _snapshot(period_ids)
        rebuild(period_ids)
        rebuilt = _snapshot(period_ids)
        transaction.set_rollback(True)
    keys = sorted(k for k in stored.keys() | rebuilt.keys() if stored.get(k) != rebuilt.get(k))
    if not keys:
        return []
    shown = keys[:limit]
    units = Unit.objects.in_bulk({k[3] for k in shown})
    periods = Period.objects.in_bulk({k[1] for k in shown})
    info = infos()

    def fmt(row):
        if row is None:
            return "không có"
        value, rep, pos, num, den, drep = row
        text = f"giá trị {value if value is not None else '—'}, {rep} đơn vị báo cáo"
        return text + (f", tử số {num}/mẫu số {den}" if drep else "")

    lines = [f"{info[m].code} · {units[u].name if u in units else u} · {periods[p].code if p in periods else p}"
             f"{f' · tổ chức {o}' if o else ''}: đang lưu {fmt(stored.get((m, p, o, u)))}; tính lại "
             f"{fmt(rebuilt.get((m, p, o, u)))}" for m, p, o, u in shown]
    if len(keys) > limit:
        lines.append(f"… và {len(keys) - limit} khác biệt nữa")
    return lines
