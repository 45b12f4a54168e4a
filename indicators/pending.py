"""One derivation per transaction: `services.changed()` calls made inside an atomic block are collected on the
connection and derived once, just before the outermost block commits (in the same transaction), each register ×
unit once for the union of the periods the calls touched.

A register write that saves a row and then moves it on (an initiative saved, then started, in one request or
one service) used to derive every (measure, period) of the unit twice; now it derives each once. Deriving is a
recompute from the rows, so collecting more than needed (a call whose savepoint was rolled back) only costs
time, never correctness; a transaction that rolls back drops what it collected.

- Outside any atomic block (autocommit), `changed()` derives at once, as before.
- Test cases wrap each test in atomic blocks of their own (`_from_testcase`): the outermost block that is *not*
  a test case's is the one that flushes, so a service called from a test behaves as in production.
- Reading through the spine inside the transaction (`indicators.queries`, `targets.evaluate`, the checks) calls
  `flush()` first, so a transaction always reads its own writes.

Django has no "before commit" hook, so `install()` (called by `IndicatorsConfig.ready`) wraps
`Atomic.__exit__`: when the block being left is the outermost non-test block and it is leaving without an
error, the collected changes are derived first; if that fails, the block is left with that error (rolled back)
and the error is raised.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.transaction import Atomic

ATTR = "_spine_pending"
FLUSHING = "_spine_flushing"


def _outermost_real(connection) -> int | None:
    """Index in `connection.atomic_blocks` of the outermost block that is not a test case's."""
    for i, block in enumerate(connection.atomic_blocks):
        if not getattr(block, "_from_testcase", False):
            return i
    return None


def collect(register_code, unit, start, end, models=None, user=None) -> bool:
    """Remember a change for the flush before commit; False when there is no transaction to wait for (derive
    now)."""
    connection = transaction.get_connection(DEFAULT_DB_ALIAS)
    if not connection.in_atomic_block or getattr(connection, FLUSHING, False) or _outermost_real(connection) is None:
        return False
    pending = connection.__dict__.setdefault(ATTR, {})
    entry = pending.setdefault(register_code, {}).setdefault(unit.pk, {"unit": unit, "spans": set(), "models": set(),
                                                                       "user": None})
    entry["spans"].add((start, end))
    if models is None or entry["models"] is None:
        entry["models"] = None
    else:
        entry["models"].update(models)
    if getattr(user, "is_authenticated", False):
        entry["user"] = user
    return True


def has_pending(connection=None) -> bool:
    connection = connection or transaction.get_connection(DEFAULT_DB_ALIAS)
    return bool(connection.__dict__.get(ATTR))


def flush(connection=None) -> int:
    """Derive what was collected (each register × unit once, for the union of its spans' periods). Returns the
    number of values changed."""
    from .services import derive_units, touched_periods

    connection = connection or transaction.get_connection(DEFAULT_DB_ALIAS)
    pending = connection.__dict__.pop(ATTR, None)
    if not pending:
        return 0
    setattr(connection, FLUSHING, True)
    written = 0
    try:
        spans_cache = {}

        def periods_of(spans):
            out = {}
            for span in spans:
                if span not in spans_cache:
                    spans_cache[span] = touched_periods(*span)
                out.update((p.pk, p) for p in spans_cache[span])
            return [out[pk] for pk in sorted(out)]

        for code in sorted(pending):
            groups = defaultdict(list)  # (period ids, models, user) -> units: one derivation per group
            periods_by_key = {}
            for unit_pk, entry in sorted(pending[code].items()):
                periods = periods_of(entry["spans"])
                models = None if entry["models"] is None else frozenset(entry["models"])
                key = (tuple(p.pk for p in periods), models, getattr(entry["user"], "pk", None))
                periods_by_key[key] = (periods, entry["user"])
                groups[key].append(entry["unit"])
            for key, units in groups.items():
                periods, user = periods_by_key[key]
                written += derive_units(code, units, periods, models=None if key[1] is None else set(key[1]),
                                        user=user)
    finally:
        setattr(connection, FLUSHING, False)
    return written


def flush_for_read():
    """Called by the spine's readers: a transaction reads its own register writes."""
    connection = transaction.get_connection(DEFAULT_DB_ALIAS)
    if connection.__dict__.get(ATTR) and not getattr(connection, FLUSHING, False):
        flush(connection)


_original_exit = Atomic.__exit__


def _exit(self, exc_type, exc_value, traceback):
    connection = transaction.get_connection(self.using)
    if connection.__dict__.get(ATTR) and connection.atomic_blocks \
            and _outermost_real(connection) == len(connection.atomic_blocks) - 1:
        if exc_type is None and not connection.needs_rollback and not connection.closed_in_transaction:
            try:
                flush(connection)
            except BaseException as exc:
                connection.__dict__.pop(ATTR, None)
                _original_exit(self, type(exc), exc, exc.__traceback__)
                raise
        else:
            connection.__dict__.pop(ATTR, None)  # rolled back: nothing to derive
    return _original_exit(self, exc_type, exc_value, traceback)


def install():
    if Atomic.__exit__ is not _exit:
        Atomic.__exit__ = _exit
