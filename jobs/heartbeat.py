"""The background worker's heartbeat in the shared cache: /healthz reads it, the reaper uses it to tell a dead
worker's jobs from a live one's."""

import time

from django.conf import settings
from django.core.cache import cache

KEY = "jobs:worker-heartbeat"
INTERVAL_SECONDS = 15
STALE_SECONDS = 90  # the default of settings.JOBS_WORKER_STALE_SECONDS


def stale_seconds() -> float:
    return float(getattr(settings, "JOBS_WORKER_STALE_SECONDS", STALE_SECONDS))


def worker_expected() -> bool:
    """Tasks go to a separate worker (not run in the web process)."""
    return "immediate" not in settings.TASKS["default"]["BACKEND"].lower() and \
        "dummy" not in settings.TASKS["default"]["BACKEND"].lower()


def beat(worker_id: str) -> None:
    now = time.time()
    cache.set(KEY, now, stale_seconds() * 10)
    cache.set(f"{KEY}:{worker_id}", now, stale_seconds() * 10)


def age_seconds(worker_id: str | None = None) -> float | None:
    seen = cache.get(f"{KEY}:{worker_id}" if worker_id else KEY)
    return None if seen is None else time.time() - seen


def alive(worker_id: str) -> bool:
    age = age_seconds(worker_id)
    return age is not None and age <= stale_seconds()
