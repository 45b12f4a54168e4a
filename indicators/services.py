"""Writes to values: form entry (scoped, validated, audited, with history) and the register contract's side —
`changed` (the one entry point for registers), `deferred` bulk loads, deriving a new period, daily refresh.
Every write rolls up to the ancestors in the same transaction (indicators.rollup)."""

from __future__ import annotations

import contextvars
import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import audit
from core.formatting import parse_number
from campaign.models import Period
from units.models import Level, Unit

from . import derive, pending, rollup
from .models import DataValue, DataValueChange, Measure, org_key
from .registers import Derivation, all_registers, as_of, get_register

CHUNK = 2000
DEFERRED_UNIT_LIMIT = 300
FIRST_DAY = datetime.date(1900, 1, 1)  # `changed(…, FIRST_DAY)`: every period (a row moved between units)

YES_WORDS = {"có", "co", "x", "1", "yes", "đạt", "dat", "true"}
NO_WORDS = {"không", "khong", "0", "no", "chưa", "chua", "false"}
MAX_VALUE = Decimal("1e15")


def parse_value(measure: Measure, raw) -> Decimal | None:
    """Text typed on a form, a report form, the API or an exchange file (Vietnamese style: 1.234.567 or 12,5;
    có/không) -> Decimal; "" -> None (not reported). Numbers are read by the one parser,
    core.formatting.parse_number: counts and money are whole and never negative. Raises ValidationError with a
    Vietnamese message."""
    if raw is None or isinstance(raw, bool):
        return None if raw is None else Decimal(int(raw))
    if measure.is_bool and isinstance(raw, str):
        text = raw.strip().lower()
        if text == "":
            return None
        if text in YES_WORDS:
            return Decimal(1)
        if text in NO_WORDS:
            return Decimal(0)
        raise ValidationError(f"“{raw}” không phải “có” hoặc “không”.")
    whole = measure.value_type in (Measure.ValueType.COUNT, Measure.ValueType.MONEY)
    value = parse_number(raw, integral=whole, negative=not whole,
                         money=measure.value_type == Measure.ValueType.MONEY, max_value=MAX_VALUE)
    if measure.is_bool and value is not None and value not in (0, 1):
        raise ValidationError("Chỉ nhận “có” hoặc “không”.")
    return value


def _write(measure, unit, period, org_kind_id, new, source, user) -> rollup.Change | None:
    """Write one value with its history, under a row lock; returns the change to roll up (or None)."""
    key = {"measure": measure, "unit": unit, "period": period, "org_key": org_key(org_kind_id)}
    row = DataValue.objects.select_for_update().filter(**key).first()
    if row is None:
        if new is None:
            return None
        DataValue.objects.bulk_create([DataValue(org_kind_id=org_kind_id, value=None, source=source, **key)],
                                      ignore_conflicts=True)
        row = DataValue.objects.select_for_update().get(**key)
    old = row.value
    if old == new and row.source == source:
        return None
    row.value, row.source, row.updated_by = new, source, user if getattr(user, "is_authenticated", False) else None
    row.save(update_fields=["value", "source", "updated_by", "updated_at"])
    if old != new:
        DataValueChange.objects.create(measure=measure, unit=unit, period=period, org_kind_id=org_kind_id,
                                       old_value=old, new_value=new, source=source, by=row.updated_by)
    return rollup.Change(measure.pk, unit, period.pk, key["org_key"], old, new)


def check_entry(user, measure: Measure, unit: Unit, org_kind_id=None):
    """Raise PermissionDenied/ValidationError unless `user` may type `measure` for `unit` on a form."""
    from accounts import scope

    scope.require_write(user, unit)
    if not measure.is_entered:
        source = f"sổ theo dõi “{measure.register}”" if measure.register else "tử số và mẫu số"
        raise ValidationError(f"“{measure.name}” được tính tự động từ {source}, không nhập tay.")
    if not measure.captured_at(unit):
        raise ValidationError(f"“{measure.name}” được nhập ở cấp {measure.get_level_display().lower()}, "
                              f"không ở {unit.name}.")
    if org_kind_id and not measure.by_organisation:
        raise ValidationError(f"“{measure.name}” không tách theo tổ chức thành viên.")
    org = scope.organisation_filter(user)
    if org is not None and org.kind_id != org_kind_id:
        raise PermissionDenied("Tài khoản tổ chức thành viên chỉ nhập số liệu của tổ chức mình.")


@dataclass
class Entry:
    measure: Measure
    unit: Unit
    raw: object
    org_kind_id: int | None = None
    label: str = ""  # how the form names this row in error messages


def save_entries(user, period: Period, entries: list[Entry]) -> int:
    """Validate every entry first (errors name the row), then write all of them in one transaction.
    Returns the number of values changed. Raises ValidationError(list of messages) and writes nothing on error."""
    errors, parsed = [], []
    for e in entries:
        try:
            check_entry(user, e.measure, e.unit, e.org_kind_id)
            parsed.append((e, parse_value(e.measure, e.raw)))
        except ValidationError as exc:
            errors.append(f"{e.label or e.measure.name} ({e.unit.name}): {' '.join(exc.messages)}")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changes = [c for e, value in parsed
                   if (c := _write(e.measure, e.unit, period, e.org_kind_id, value, Measure.Source.FORM, user))]
        rollup.apply_changes(changes)
        units = {c.unit.pk: c.unit for c in changes}
        for unit in units.values():
            n = sum(1 for c in changes if c.unit.pk == unit.pk)
            audit.record(user, audit.Action.UPDATE, unit, verb="Nhập số liệu chỉ số",
                         note=f"{period.name}: {n} giá trị thay đổi", object_type="indicators.datavalue",
                         object_id=f"{unit.pk}:{period.pk}", object_repr=f"Số liệu {unit.name} · {period.name}")
    return len(changes)


def set_value(user, measure: Measure, unit: Unit, period: Period, value, org_kind=None) -> int:
    """Form entry of one value (see save_entries)."""
    return save_entries(user, period, [Entry(measure, unit, value, getattr(org_kind, "pk", org_kind))])


def _capture_unit(measure: Measure, unit: Unit) -> Unit | None:
    """The unit at which `measure` is captured for a row of `unit` (itself, or its ancestor at that level)."""
    if measure.captured_at(unit):
        return unit
    if measure.level in (Level.COMMUNE, Level.PROVINCE):
        for ancestor in unit.ancestors():
            if ancestor.level == measure.level:
                return ancestor
    return None


def _claimed(reg, models=None) -> list[tuple[Derivation, Measure]]:
    """The register's derivations with their measures (ratios are rolled up from their parts, never derived)."""
    wanted = [d for d in reg.derivations if models is None or d.compute is not None or d.get_model() in models]
    measures = {m.code: m for m in Measure.objects.filter(register=reg.code, code__in=[d.measure for d in wanted])
                .exclude(aggregation=Measure.Aggregation.RATIO)}
    return [(d, measures[d.measure]) for d in wanted if d.measure in measures]


def touched_periods(start: datetime.date, end: datetime.date | None = None):
    """Every existing period overlapping the dates start..end (end None: from start on, open-ended)."""
    periods = Period.objects.filter(end__gte=start)
    if end is not None:
        periods = periods.filter(start__lte=end)
    return list(periods)


_deferred: contextvars.ContextVar[dict | None] = contextvars.ContextVar("spine_deferred", default=None)


def changed(register_code: str, unit: Unit, start: datetime.date, end: datetime.date | None = None, *,
            models=None, user=None) -> int:
    """The one entry point for registers: rows of `unit` changed, and what changed counts for dates start..end
    (end None: from start on — a model still running, a covenant in force). Call it inside the transaction of
    the write, with the old and the new dates covered (a moved row: both). The spine decides which periods and
    measures that touches, derives each once and rolls up. Returns the number of values changed — 0 inside a
    transaction: there the calls are collected and derived once just before it commits (`indicators.pending`),
    so a row saved and then moved on in one transaction derives each (measure, period) once."""
    if unit is None or start is None:
        raise ValidationError("Không xác định được đơn vị hoặc ngày của dữ liệu để tính chỉ số.")
    if end is not None and end < start:
        raise ValidationError(f"Khoảng ngày không hợp lệ: {end:%d/%m/%Y} trước {start:%d/%m/%Y}.")
    bulk = _deferred.get()
    if bulk is not None:
        entry = bulk.setdefault(register_code, ({}, set()))
        entry[0][unit.pk] = unit
        entry[1].add((start, end))
        return 0
    if pending.collect(register_code, unit, start, end, models, user):  # derived once, before the commit
        return 0
    return derive_units(register_code, [unit], touched_periods(start, end), models=models, user=user)


@contextmanager
def deferred():
    """Bulk loads (the demo, big imports): collect `changed` calls and derive each register once, in bulk, for
    every period they touched, when the block ends (inside the caller's transaction)."""
    if _deferred.get() is not None:  # nested: the outer block derives
        yield
        return
    token = _deferred.set({})
    try:
        yield
        collected = _deferred.get()
    finally:
        _deferred.reset(token)
    for code, (units, spans) in sorted(collected.items()):
        periods = sorted({p.pk: p for start, end in spans for p in touched_periods(start, end)}.values(),
                         key=lambda p: p.pk)
        if len(units) <= DEFERRED_UNIT_LIMIT:  # a commune's import: unit by unit is cheaper than every unit
            derive_units(code, list(units.values()), periods)
        else:
            derive_all([code], periods)


_batch: contextvars.ContextVar[dict | None] = contextvars.ContextVar("spine_batch", default=None)


@contextmanager
def batch():
    """A whole bulk load in one go (the demo's registers): inside it, nothing is derived or rolled up — `changed`
    calls, registers' `derive_all` and the derivation of periods created by the loaders are only noted — and when
    it ends every noted register is derived for every noted period, set-based, with one rollup rebuild. The same
    values the calls would have written one by one (`check_integrity` compares them with a recompute), at the
    cost of one derivation instead of one per loader and per new period. Nothing may read derived values inside
    the block. Nested blocks and `deferred()` inside it leave the work to the outermost block."""
    if _batch.get() is not None:
        yield
        return
    noted = {"registers": set(), "all": False, "periods": {}}
    token, deferred_token = _batch.set(noted), _deferred.set({})
    try:
        yield
        pending = _deferred.get()
    finally:
        _deferred.reset(deferred_token)
        _batch.reset(token)
    for code, (units, spans) in pending.items():  # the `changed` calls: their register, their periods
        noted["registers"].add(code)
        for start, end in spans:
            noted["periods"].update({p.pk: p for p in touched_periods(start, end)})
    if noted["all"]:
        noted["registers"] = set(all_registers())
    if noted["registers"] and noted["periods"]:
        derive_all(sorted(noted["registers"]), sorted(noted["periods"].values(), key=lambda p: p.pk))


def _note(register_codes, periods) -> bool:
    """Inside `batch()`: note the work instead of doing it (True)."""
    noted = _batch.get()
    if noted is None:
        return False
    if register_codes is None:
        noted["all"] = True
    else:
        noted["registers"].update(register_codes)
    noted["periods"].update({p.pk: p for p in (periods if periods is not None else Period.objects.all())})
    return True


def derive_units(register_code: str, units, periods, *, models=None, user=None) -> int:
    """Derive a register's measures for these units (or their ancestors at each measure's capture level) in
    these periods: each measure once per unit, the rows read once for all periods; write what changed with its
    history and roll it up. Returns the number of values changed."""
    reg = get_register(register_code)
    periods = list(periods)
    if not periods:
        return 0
    # no savepoint of its own: a failure here fails the caller's write (two round trips saved per write)
    with transaction.atomic(savepoint=False):
        work = []  # (derivation, measure, capture unit)
        for d, measure in _claimed(reg, models):
            for unit in units:
                if (target := _capture_unit(measure, unit)) is not None:
                    work.append((d, measure, target))
        targets = sorted({t.pk: t for _, _, t in work}.items())
        # one derivation of a unit at a time: rows are read after the lock, so a concurrent writer's rows count
        list(Unit.objects.select_for_update().filter(pk__in=[pk for pk, _ in targets]).order_by("pk")
             .values_list("pk", flat=True))
        computed = {}  # (measure_id, unit_id, period_id, org_key) -> value
        by_target = {}
        for d, measure, target in work:
            by_target.setdefault(target.pk, []).append((d, measure))
        for target_pk, items in by_target.items():  # one read of the unit's rows per model, for every measure
            for measure_id, by_period in derive.for_unit_many(items, target_pk, periods).items():
                for period_id, values in by_period.items():
                    for (unit_id, org), value in values.items():
                        computed[(measure_id, unit_id, period_id, org_key(org))] = value
        measures = {m.pk: m for _, m, _ in work}
        units_by_id = dict(targets)
        changes = _store(computed, measures, units_by_id, periods, user)
    return changes


def _store(computed: dict, measures: dict, units: dict, periods, user=None) -> int:
    """Write derived values where they differ from the stored ones (for exactly these measures × units ×
    periods), with history, and roll the changes up."""
    stored = {(m, u, p, o): (pk, v, src) for pk, m, u, p, o, v, src in DataValue.objects.filter(
        measure_id__in=list(measures), unit_id__in=list(units), period__in=periods).values_list(
        "pk", "measure_id", "unit_id", "period_id", "org_key", "value", "source")}
    by = user if getattr(user, "is_authenticated", False) else None
    new_rows, updates, history, changes = [], [], [], []
    for key in computed.keys() | {k for k, (_, v, _) in stored.items() if v is not None}:
        value = computed.get(key)
        pk, old, source = stored.get(key, (None, None, None))
        if old == value and (pk is None or source == Measure.Source.REGISTER):
            continue
        measure_id, unit_id, period_id, org = key
        if pk is None:
            new_rows.append(DataValue(measure_id=measure_id, unit_id=unit_id, period_id=period_id,
                                      org_kind_id=org or None, org_key=org, value=value,
                                      source=Measure.Source.REGISTER, updated_by=by))
        else:
            updates.append(DataValue(pk=pk, measure_id=measure_id, unit_id=unit_id, period_id=period_id,
                                     org_kind_id=org or None, org_key=org, value=value,
                                     source=Measure.Source.REGISTER, updated_by=by))
        if old != value:
            history.append(DataValueChange(measure_id=measure_id, unit_id=unit_id, period_id=period_id,
                                           org_kind_id=org or None, old_value=old, new_value=value,
                                           source=Measure.Source.REGISTER, by=by))
            changes.append(rollup.Change(measure_id, units[unit_id], period_id, org, old, value))
    _write_values(new_rows, updates, by)
    _write_history(history)
    rollup.apply_changes(changes)
    return len(changes)


def _write_history(history: list[DataValueChange]):
    """The history rows of a derivation. PostgreSQL: one INSERT … SELECT FROM unnest() (an array per column;
    Django's bulk_create compiles a placeholder per field per row, ≈ 10 ms of Python for 150 rows)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        DataValueChange.objects.bulk_create(history)
        return
    if not history:
        return
    table = DataValueChange._meta.db_table
    rows = [(h.measure_id, h.unit_id, h.period_id, h.org_kind_id, h.old_value, h.new_value) for h in history]
    by = history[0].by_id
    assert all(h.by_id == by and h.source == history[0].source for h in history)
    with connection.cursor() as c:
        c.execute(f"INSERT INTO {table} (measure_id, unit_id, period_id, org_kind_id, old_value, new_value, source, "
                  f"at, by_id) SELECT t.m, t.u, t.p, t.o, t.a, t.b, %s, now(), %s "
                  f"FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[], %s::numeric[], "
                  f"%s::numeric[]) AS t(m, u, p, o, a, b)",
                  [history[0].source, by, *map(list, zip(*rows))])


def _write_values(new_rows: list[DataValue], updates: list[DataValue], by=None):
    """Insert the new derived values and set the changed ones (`updates` carry their keys). PostgreSQL: one
    INSERT … ON CONFLICT DO UPDATE of both (an array per column, no placeholder per row); the unit lock taken by
    `derive_units` keeps the keys stable (Django's bulk_create would compile a placeholder per field per row).
    Elsewhere: `bulk_create`, then `_update_values`."""
    from django.db import connection

    if connection.vendor != "postgresql":
        DataValue.objects.bulk_create(new_rows)
        _update_values(updates, by)
        return
    if not (new_rows or updates):
        return
    rows = [(v.measure_id, v.unit_id, v.period_id, v.org_key, v.org_kind_id, v.value) for v in new_rows + updates]
    table = DataValue._meta.db_table
    with connection.cursor() as c:
        c.execute(f"INSERT INTO {table} (measure_id, unit_id, period_id, org_key, org_kind_id, value, source, "
                  f"updated_at, updated_by_id) "
                  f"SELECT t.m, t.u, t.p, t.k, t.o, t.v, %s, now(), %s "
                  f"FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[], %s::numeric[]) "
                  f"AS t(m, u, p, k, o, v) "
                  f"ON CONFLICT (measure_id, period_id, org_key, unit_id) DO UPDATE SET value = EXCLUDED.value, "
                  f"source = EXCLUDED.source, updated_by_id = EXCLUDED.updated_by_id",
                  [Measure.Source.REGISTER, getattr(by, "pk", None), *map(list, zip(*rows))])


def _update_values(updates: list[DataValue], by=None):
    """Set value (source: register, by `by`) on these stored rows. PostgreSQL: one UPDATE … FROM unnest() of
    ids and values (Django's bulk_update builds a CASE of every id, which costs more to compile than to run)."""
    if not updates:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        DataValue.objects.bulk_update(updates, ["value", "source", "updated_by"])
        return
    with connection.cursor() as c:
        c.execute(f"UPDATE {DataValue._meta.db_table} d SET value = t.v, source = %s, updated_by_id = %s "
                  f"FROM unnest(%s::bigint[], %s::numeric[]) AS t(id, v) WHERE d.id = t.id",
                  [Measure.Source.REGISTER, getattr(by, "pk", None), [u.pk for u in updates],
                   [u.value for u in updates]])


def derive_all(register_codes=None, periods=None, *, fresh=False) -> int:
    """Derive registers' measures (default: every register) for every unit in these periods (default: all),
    set-based, then rebuild those periods' aggregates. For new periods (`fresh`: nothing stored yet), bulk loads
    and repairs. Returns the number of values written."""
    if _note(register_codes, periods):
        return 0
    codes = register_codes if register_codes is not None else sorted(all_registers())
    periods = list(periods if periods is not None else Period.objects.all())
    if not periods:
        return 0
    written = 0
    empty = {}  # model -> has no rows at all (a new period of an unused register has nothing to derive)
    with transaction.atomic():
        for code in codes:
            for d, measure in _claimed(get_register(code)):
                if fresh and d.compute is None:
                    model = d.get_model()
                    if model not in empty:
                        empty[model] = not model.objects.exists()
                    if empty[model]:
                        continue
                for period in periods:
                    query = derive.bulk_query(d, measure, period)
                    if query is not None and not DataValue.objects.filter(measure=measure, period=period).exists():
                        written += _insert_new(measure, period, query)  # a new period: one INSERT … SELECT
                    else:
                        written += _replace(measure, period, derive.bulk(d, measure, period))
        if written or not fresh:
            rollup.rebuild([p.pk for p in periods])
    return written


def _insert_new(measure: Measure, period: Period, query) -> int:
    """Write one measure's values in a period that has none yet, set-based: the derivation's query
    (derive.bulk_query) inserted as it is, and its history rows (none → value) copied from what was inserted.
    The same rows `_replace` would write, without a round trip through Python."""
    from django.db import connection

    sql, params = query
    now = timezone.now()
    dv, history = DataValue._meta.db_table, DataValueChange._meta.db_table
    with connection.cursor() as c:
        c.execute(f"INSERT INTO {dv} (measure_id, unit_id, period_id, org_kind_id, org_key, value, source, "
                  f"updated_at, updated_by_id) SELECT %s, n.unit_id, %s, n.org_kind_id, COALESCE(n.org_kind_id, 0), "
                  f"n.value, %s, %s, NULL FROM ({sql}) n",
                  [measure.pk, period.pk, Measure.Source.REGISTER, now, *params])
        if not c.rowcount:
            return 0
        c.execute(f"INSERT INTO {history} (measure_id, unit_id, period_id, org_kind_id, old_value, new_value, source, "
                  f"at, by_id) SELECT measure_id, unit_id, period_id, org_kind_id, NULL, value, source, %s, NULL "
                  f"FROM {dv} WHERE measure_id = %s AND period_id = %s", [now, measure.pk, period.pk])
        return c.rowcount


def _replace(measure: Measure, period: Period, computed) -> int:
    """Make the stored values of one measure in one period equal `computed`, in bulk, with history (the
    aggregates are rebuilt by the caller)."""
    current = {(u, o or None): (pk, v) for pk, u, o, v in DataValue.objects.filter(
        measure=measure, period=period).values_list("pk", "unit_id", "org_key", "value")}
    new_rows, updates, history = [], [], []
    for key in computed.keys() | current.keys():
        value = computed.get(key)
        pk, old = current.get(key, (None, None))
        if (pk is None and value is None) or (pk is not None and old == value):
            continue
        history.append(DataValueChange(measure=measure, unit_id=key[0], period=period, org_kind_id=key[1],
                                       old_value=old, new_value=value, source=Measure.Source.REGISTER))
        if pk is None:
            new_rows.append(DataValue(measure=measure, unit_id=key[0], period=period, org_kind_id=key[1],
                                      org_key=org_key(key[1]), value=value, source=Measure.Source.REGISTER))
        else:
            updates.append(DataValue(pk=pk, value=value, source=Measure.Source.REGISTER))
    DataValue.objects.bulk_create(new_rows, batch_size=CHUNK)
    DataValue.objects.bulk_update(updates, ["value", "source"], batch_size=CHUNK)
    DataValueChange.objects.bulk_create(history, batch_size=CHUNK)
    return len(history)


def derive_period(period: Period) -> int:
    """A period was created: derive every register for it (called in the transaction that created it)."""
    return derive_all(None, [period], fresh=True)


def refresh_daily(today: datetime.date | None = None) -> int:
    """Measures that depend on the date itself (recommendations overdue "as at today") move without any row
    changing: re-derive them in the periods running today or ended yesterday (a daily task)."""
    today = today or timezone.localdate()
    periods = list(Period.objects.filter(start__lte=today, end__gte=today - datetime.timedelta(days=1)))
    written = 0
    with transaction.atomic(), as_of(today):  # the registers' "today" is the day the job runs for
        for code, reg in sorted(all_registers().items()):
            for d, measure in _claimed(reg):
                if d.daily:
                    for period in periods:
                        written += _replace(measure, period, derive.bulk(d, measure, period))
        if written:
            rollup.rebuild([p.pk for p in periods])
    return written


def create_measure(user, form) -> Measure:
    """An administrator adds a measure (typed on forms); audited."""
    from accounts import scope

    if not scope.can_manage_users(user):
        raise PermissionDenied("Chỉ quản trị viên được thêm chỉ số.")
    with transaction.atomic():
        measure = form.save(commit=False)
        measure.source, measure.register, measure.from_catalogue = Measure.Source.FORM, "", False
        measure.full_clean()
        measure.save()
        form.save_m2m()
        audit.created(user, measure)
    return measure
