"""Single sign-on with OpenID Connect (mozilla-django-oidc), off unless OIDC_ENABLED=1.

A person whose identity-provider account matches an active doanket user — by user name (the
`preferred_username` claim) or else by a verified e-mail address — is signed in as that user. No user is created
and nothing about the user is changed: roles and scope stay doanket's."""

import functools

from django.conf import settings
from django.http import Http404
from django.urls import path
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import audit
from accounts.models import User


class DoanketOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        active = User.objects.filter(is_active=True)
        username = (claims.get("preferred_username") or "").strip()
        if username:
            by_name = active.filter(username__iexact=username)
            if by_name.exists():
                return by_name
        email = (claims.get("email") or "").strip()
        if email and claims.get("email_verified", True) is not False:
            return active.filter(email__iexact=email)
        return User.objects.none()

    def verify_claims(self, claims):
        return bool(claims.get("preferred_username") or claims.get("email"))

    def create_user(self, claims):
        return None  # accounts are made by doanket's administrators, never by the identity provider

    def update_user(self, user, claims):
        return user  # roles and scope stay doanket's

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            audit.record(user, audit.Action.ACTION, user, verb="Đăng nhập một lần (OpenID Connect)",
                         note=settings.OIDC_PROVIDER_NAME)
        return user


def _only_when_enabled(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("Đăng nhập một lần chưa được bật.")
        return view(request, *args, **kwargs)

    wrapper.login_required = False
    return wrapper


urlpatterns = [
    path("callback/", _only_when_enabled(oidc_views.OIDCAuthenticationCallbackView.as_view()),
         name="oidc_authentication_callback"),
    path("authenticate/", _only_when_enabled(oidc_views.OIDCAuthenticationRequestView.as_view()),
         name="oidc_authentication_init"),
]
