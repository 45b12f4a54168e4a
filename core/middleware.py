"""Request-wide middleware: one log line per request, a Vietnamese 503 when the database is down, the idle
sign-out."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.contrib.auth.views import redirect_to_login
from django.utils.functional import empty

request_log = logging.getLogger("doanket.request")


def _user_of(request):
    """The signed-in user if authentication already ran for this request (never a query of its own)."""
    lazy = request.__dict__.get("user")
    if lazy is None:
        return None
    user = getattr(lazy, "_wrapped", lazy)
    if user is empty or not getattr(user, "is_authenticated", False):
        return None
    return user


class RequestLogMiddleware:
    """`user=12 unit=345 GET /don-vi/345/ 200 37ms`: who, where in the tree, what, how it ended, how long."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if request_log.isEnabledFor(logging.INFO):
            user = _user_of(request)
            request_log.info("user=%s unit=%s %s %s %s %dms",
                             user.pk if user else "-", (user.unit_id or "-") if user else "-",
                             request.method, request.get_full_path()[:300], response.status_code,
                             (time.perf_counter() - started) * 1000)
        return response


def database_down_response(request=None):
    from django.http import HttpResponse
    from django.template.loader import render_to_string

    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "60"
    return response


class DatabaseDownMiddleware:
    """A view that loses the database answers 503 with a Vietnamese page (doanket.urls.handler500 does the same
    for failures outside views, e.g. loading the session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logging.getLogger("doanket.database").error("database unavailable: %s", exception)
            return database_down_response(request)
        return None


class SessionIdleMiddleware:
    """Signs out a session left idle longer than SESSION_IDLE_SECONDS. The last-seen time is rewritten at most
    once a minute, so an active user does not cost a session write per request."""

    KEY = "_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        idle = getattr(settings, "SESSION_IDLE_SECONDS", 0)
        if idle and request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > idle:
                logout(request)
                messages.info(request, f"Phiên làm việc đã hết hạn sau {idle // 60} phút không thao tác. "
                                       "Vui lòng đăng nhập lại.")
                return redirect_to_login(request.get_full_path())
            if last is None or now - last >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)
