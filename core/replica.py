"""Reads of pages on a streaming replica, everything else on the primary.

Only safe requests (GET, HEAD) of the web read from the replica, and not for REPLICA_STICKY_SECONDS after the
same browser wrote something (a cookie set on every unsafe request): a user always sees their own change.
Writes, transactions, unsafe requests, the background worker and commands stay on the primary. On only when
DATABASE_REPLICA_URL is set."""

import contextvars
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

_read_from_replica = contextvars.ContextVar("read_from_replica", default=False)
COOKIE = "dk_primary_until"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _read_from_replica.get() and not connections["default"].in_atomic_block:
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sticky = getattr(settings, "REPLICA_STICKY_SECONDS", 10)
        safe = request.method in ("GET", "HEAD", "OPTIONS")
        try:
            recent_write = float(request.COOKIES.get(COOKIE, "0")) > time.time()
        except ValueError:
            recent_write = False
        token = _read_from_replica.set(safe and not recent_write)
        try:
            response = self.get_response(request)
        finally:
            _read_from_replica.reset(token)
        if not safe:
            response.set_cookie(COOKIE, f"{time.time() + sticky:.0f}", max_age=sticky, httponly=True,
                                samesite="Lax", secure=request.is_secure())
        return response


@contextmanager
def on_primary():
    """Inside the block every read goes to the primary, even on a page that may read from the replica: what is
    computed there to be cached (`indicators.generation`) must not be a lagging replica's figures stored under a
    generation that is already newer."""
    token = _read_from_replica.set(False)
    try:
        yield
    finally:
        _read_from_replica.reset(token)
