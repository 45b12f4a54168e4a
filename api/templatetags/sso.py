from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def sso_login_link(context):
    """The "sign in with …" button on the login page, when single sign-on is turned on (and why it failed)."""
    if not settings.OIDC_ENABLED:
        return ""
    request = context.get("request")
    failed = ""
    if request is not None and request.GET.get("sso") == "that-bai":
        failed = format_html('<div class="errors">Không đăng nhập được bằng {}: tài khoản không khớp với người dùng '
                             'nào đang hoạt động trong doanket. Hãy liên hệ quản trị viên.</div>',
                             settings.OIDC_PROVIDER_NAME)
    return format_html('{}<p><a class="btn secondary" href="{}">Đăng nhập bằng {}</a></p>', failed,
                       reverse("oidc_authentication_init"), settings.OIDC_PROVIDER_NAME)
