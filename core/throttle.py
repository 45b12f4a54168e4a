"""Counting throttles in the shared cache (database or Redis: one count for every web process).

Each throttle is keyed narrowly (the account or the device, with the address) with a low limit, and on the
address alone with a limit high enough for a carrier NAT: one person mistyping never locks out the others
behind the same address, while a guesser from one address is still stopped."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address: behind our reverse proxy, the entry the proxy appended to X-Forwarded-For (the
    entries before it come from the client and prove nothing)."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or ""  # none (a test's forced login): empty, stored as NULL


def _key(name: str, part: str) -> str:
    return f"throttle:{name}:" + hashlib.sha256(part.encode()).hexdigest()[:32]


def count(name: str, part: str) -> int:
    return cache.get(_key(name, part), 0)


def hit(name: str, part: str, window: int) -> int:
    key = _key(name, part)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


class Throttle:
    """`limits` maps a key kind to (limit, window seconds); `parts` maps the same kinds to this request's keys."""

    def __init__(self, name: str, limits: dict[str, tuple[int, int]]):
        self.name, self.limits = name, limits

    def blocked(self, parts: dict[str, str]) -> bool:
        return any(count(f"{self.name}:{kind}", parts[kind]) >= limit for kind, (limit, _) in self.limits.items())

    def hit(self, parts: dict[str, str]) -> None:
        for kind, (_, window) in self.limits.items():
            hit(f"{self.name}:{kind}", parts[kind], window)
