"""Throttle guesses at one-time codes on the public form: a few wrong codes per address per window."""

from django.core.cache import cache

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60


def _key(request) -> str:
    return "surveys:code-failures:" + (request.META.get("REMOTE_ADDR") or "unknown")


def blocked(request) -> bool:
    return cache.get(_key(request), 0) >= MAX_FAILURES


def fail(request) -> None:
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
