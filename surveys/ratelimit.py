"""Throttle guesses at one-time codes on the public form, in the shared cache: a few wrong codes per device
(address + browser) per window, and many more per address alone, so households answering behind one carrier
NAT do not lock each other out."""

from core.throttle import Throttle, client_address

MAX_FAILURES = 10
MAX_FAILURES_PER_ADDRESS = 200
WINDOW_SECONDS = 15 * 60
THROTTLE = Throttle("survey-code", {"device": (MAX_FAILURES, WINDOW_SECONDS),
                                    "address": (MAX_FAILURES_PER_ADDRESS, WINDOW_SECONDS)})


def _parts(request) -> dict[str, str]:
    address = client_address(request)
    return {"device": f"{address}|{request.META.get('HTTP_USER_AGENT', '')[:300]}", "address": address}


def blocked(request) -> bool:
    return THROTTLE.blocked(_parts(request))


def fail(request) -> None:
    THROTTLE.hit(_parts(request))
