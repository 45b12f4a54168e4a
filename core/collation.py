"""Vietnamese alphabetical order for names in lists, in one place.

PostgreSQL orders with ICU's Vietnamese collation ``vi-x-icu`` (migration core 0004 makes sure it exists);
SQLite gets a collation of the same name, registered on every connection, that compares with
core.text.sort_key (a pure-Python Vietnamese dictionary key: ă after a, đ after d, tones only break ties).
So ``order_by(vi("name"))`` reads the same and sorts the same on both databases.

Units keep their stored ``sort_key`` column (the same key, indexed); this is for the other names people see:
organisations, people, households, agencies.
"""

from functools import lru_cache

from django.db.backends.signals import connection_created
from django.db.models.functions import Collate

from core.text import sort_key

VI = "vi-x-icu"


def vi(field: str) -> Collate:
    """An ordering term: ``qs.order_by(vi("full_name"))``; ``vi("name").desc()`` for the reverse."""
    return Collate(field, VI)


@lru_cache(maxsize=20000)
def _key(text):
    return (sort_key(text or ""), text or "")


def compare(a, b) -> int:
    ka, kb = _key(a), _key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VI, compare)


connection_created.connect(register_sqlite, dispatch_uid="core.collation.vi")
