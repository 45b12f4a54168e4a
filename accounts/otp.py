"""The second factor for administrators: a TOTP app (django-otp). An administrator signs in with the password,
then types the 6-digit code; the first time, they scan the QR code that sets the app up. Required when
settings.OTP_REQUIRED_FOR_ADMINS (on by default in production)."""

import base64

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import Role

EXEMPT_PREFIXES = ("/xac-thuc/", "/dang-xuat/", "/static/", "/healthz")


def needs_second_factor(user) -> bool:
    return bool(getattr(settings, "OTP_REQUIRED_FOR_ADMINS", False) and user.is_authenticated
                and (user.role == Role.ADMIN or user.is_superuser))


class AdminSecondFactorMiddleware:
    """An administrator who has not passed the second factor in this session reaches only the OTP pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if needs_second_factor(user) and not user.is_verified() and not request.path.startswith(EXEMPT_PREFIXES):
            target = "otp_verify" if TOTPDevice.objects.filter(user=user, confirmed=True).exists() else "otp_setup"
            return redirect(f"{reverse(target)}?{REDIRECT_FIELD_NAME}={request.get_full_path()}")
        return self.get_response(request)


def _next(request) -> str:
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("home")


def _token(request) -> str:
    return "".join(ch for ch in request.POST.get("token", "") if ch.isdigit())


def setup(request):
    """First sign-in of an administrator: show the QR code of a new TOTP key, confirm it with one code."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(f"{reverse('otp_verify')}?{REDIRECT_FIELD_NAME}={_next(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or \
        TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)
    error = None
    if request.method == "POST":
        if device.verify_token(_token(request)):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(user, audit.Action.ACTION, user, verb="Thiết lập xác thực hai lớp (TOTP)")
            return redirect(_next(request))
        error = "Mã không đúng hoặc đã hết hạn. Hãy nhập mã 6 chữ số đang hiện trên ứng dụng."
    import segno

    return render(request, "accounts/otp_setup.html", {
        "qr": segno.make(device.config_url, error="m").svg_inline(scale=4, border=2),
        "secret": base64.b32encode(device.bin_key).decode(), "error": error, "next": _next(request),
    }, status=400 if error else 200)


def verify(request):
    user = request.user
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('otp_setup')}?{REDIRECT_FIELD_NAME}={_next(request)}")
    error = None
    if request.method == "POST":
        token = _token(request)
        for device in devices:
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                error = "Nhập sai quá nhiều lần. Vui lòng đợi một lúc rồi thử lại."
                break
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_next(request))
        else:
            error = "Mã không đúng hoặc đã hết hạn. Hãy nhập mã 6 chữ số đang hiện trên ứng dụng."
    return render(request, "accounts/otp_verify.html", {"error": error, "next": _next(request)},
                  status=400 if error else 200)
