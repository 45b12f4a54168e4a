"""Cache generations of the spine: the one rule that lets a page cache what it reads from the spine and never
show a stale number.

A cached read is stored under `key(unit, *parts)`, which contains the current *generation* of everything the
read depends on: the unit's own generation (its subtree's values and aggregates), the global one (rebuilds,
measure definitions), the targets' one (plans, targets, allocations) and the unit tree's one (units added,
moved, renamed, (de)activated). Each generation is a random token in the cache; a change replaces the token, so
every key made before it is never read again (it expires on its own). A bump deletes the token; the next
reader makes a fresh one.

- `rollup.apply_changes` calls `bump(unit ids)` with every unit whose values or aggregates changed (the unit and
  its ancestors); `rollup.rebuild`, measure and period writes and every `migrate` (an upgrade: the new code may
  compute what the old one cached differently) bump the global generation; target, allocation
  and plan writes bump the targets' generation (signals, and the plans services' bulk writes); unit writes the
  units' generation (signals, and `units.models.tree_changed` from `Unit.add_many`).
- Bumps wait for the commit (`transaction.on_commit`), one `delete_many` per commit however many rows changed
  (one statement with the database cache, one command with Redis: a register write pays nothing more); a
  reader reads the generations *before* it reads the data, so whatever it stores under a key is at least as
  new as that key.
- Inside a transaction that has bumped and not yet committed, `key()` returns None: that transaction reads its
  own writes, uncached.
- Cached reads must compute from the primary database (`core.replica.on_primary`): a lagging replica read after
  the bump would be stored under the new generation.
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction

PREFIX = "spine:gen"
EVERYTHING, TARGETS, UNITS = f"{PREFIX}:all", f"{PREFIX}:targets", f"{PREFIX}:units"
TIMEOUT = 600  # seconds a cached read lives (a generation itself never expires)
ATTR = "_spine_generation_pending"
log = logging.getLogger(__name__)


def _unit(pk) -> str:
    return f"{PREFIX}:u:{pk}"


def _connection():
    return transaction.get_connection(DEFAULT_DB_ALIAS)


def bump(unit_ids=(), *, everything=False, targets=False, units=False):
    """Give these units (and/or the global, targets' or units' generation) a new generation when the current
    transaction commits (at once outside a transaction)."""
    keys = {_unit(pk) for pk in unit_ids}
    keys |= {k for k, on in ((EVERYTHING, everything), (TARGETS, targets), (UNITS, units)) if on}
    if not keys:
        return
    connection = _connection()
    connection.__dict__.setdefault(ATTR, set()).update(keys)
    # one callback per call; the first to run sets every key collected in the transaction, the others find none.
    # robust: the write is committed whatever the cache says (a failed bump is logged)
    transaction.on_commit(_flush, using=DEFAULT_DB_ALIAS, robust=True)


def _flush():
    keys = _connection().__dict__.pop(ATTR, None)
    if keys:  # the next reader of each makes a fresh token (see _generations)
        cache.delete_many(list(keys))


def dirty() -> bool:
    """True inside a transaction whose bumps wait for its commit."""
    connection = _connection()
    return bool(connection.in_atomic_block and connection.__dict__.get(ATTR))


def _generations(names: list[str]) -> list[str]:
    got = cache.get_many(names)
    for name in names:
        if name not in got:  # never set, or evicted: a fresh token (never seen before, so no old key matches)
            cache.add(name, uuid.uuid4().hex[:16], timeout=None)
            got[name] = cache.get(name)
    return [str(got[n]) for n in names]


def key(unit, *parts) -> str | None:
    """The cache key of a read of the spine about `unit` (its subtree), further told apart by `parts` (plan,
    period, measure… as ids or short strings); None when the read must not be cached (this transaction's own
    writes are not committed yet)."""
    if dirty():
        return None
    unit_id = getattr(unit, "pk", unit)
    gens = _generations([EVERYTHING, TARGETS, UNITS, _unit(unit_id)])
    digest = hashlib.sha1("|".join([*gens, *map(str, parts)]).encode()).hexdigest()[:24]
    return f"spine:{unit_id}:{digest}"


def cached(unit, parts, compute):
    """`compute()` through the cache under `key(unit, *parts)`: its value must be plain (ids, numbers, text,
    tuples, dicts) and small. When the cache cannot be reached the page is computed, uncached."""
    try:
        k = key(unit, *parts)
        value = cache.get(k) if k is not None else None
    except Exception:  # a cache outage slows the page down, it does not break it
        log.warning("spine cache unreachable: computing uncached", exc_info=True)
        return compute()
    if value is not None:
        return value
    value = compute()
    if k is not None:
        try:
            cache.set(k, value, TIMEOUT)
        except Exception:
            log.warning("spine cache unreachable: not stored", exc_info=True)
    return value


# --- signal receivers (connected in IndicatorsConfig.ready) ---------------------------------------------------
def targets_changed(sender=None, **kwargs):
    bump(targets=True)


def units_changed(sender=None, **kwargs):
    bump(units=True)


def everything_changed(sender=None, **kwargs):
    bump(everything=True)
