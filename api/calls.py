"""Every API call is logged (api.ApiCall): who, what, the answer's status and how long it took."""

import functools
import logging
import time

from .models import ApiCall

logger = logging.getLogger("doanket.api")


def _client_ip(request):
    return request.META.get("REMOTE_ADDR") or None


def logged(view):
    """Wrap a view of the API so that each call (also refused ones: 401, 403, 429) leaves one ApiCall row."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        started = time.monotonic()
        response = view(request, *args, **kwargs)
        principal = getattr(request, "auth", None)
        token = getattr(principal, "token", None) or getattr(request, "api_token", None)
        user = getattr(principal, "user", None) or (request.user if request.user.is_authenticated else None)
        try:
            ApiCall.objects.create(
                token=token, user=user if getattr(user, "pk", None) else None, method=request.method[:8],
                path=request.get_full_path()[:300], status=response.status_code,
                duration_ms=int((time.monotonic() - started) * 1000), ip=_client_ip(request),
                detail=getattr(request, "_api_detail", "")[:300])
        except Exception:  # the log must never turn an answer into a 500
            logger.exception("could not log an API call")
        if response.status_code == 403:
            logger.warning("API 403 %s %s token=%s: %s", request.method, request.path,
                           getattr(token, "prefix", "-"), getattr(request, "_api_detail", ""))
        return response

    wrapper.login_required = False  # the API authenticates itself (token or session), never redirects to login
    return wrapper


def prune(today, days=None) -> int:
    """Delete the call log older than API_CALL_RETENTION_DAYS (default 180) before `today`; returns how many."""
    import datetime

    from django.conf import settings
    from django.utils import timezone

    days = settings.API_CALL_RETENTION_DAYS if days is None else days
    cutoff = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time()))
    deleted, _ = ApiCall.objects.filter(at__lt=cutoff).delete()
    return deleted
