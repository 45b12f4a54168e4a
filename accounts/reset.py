"""Password reset, throttled in the shared cache: a few requests per e-mail address per hour, more per client
address (a NAT), so nobody can flood an officer's mailbox or probe for accounts."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from core.throttle import Throttle, client_address

HOUR = 3600
TOO_MANY = "Đã có quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau một giờ hoặc liên hệ quản trị viên."


def throttle() -> Throttle:
    per_email = settings.PASSWORD_RESET_PER_HOUR
    return Throttle("password-reset", {"email": (per_email, HOUR), "address": (per_email * 6, HOUR)})


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"

    def form_valid(self, form):
        parts = {"email": form.cleaned_data["email"].strip().lower(), "address": client_address(self.request)}
        limiter = throttle()
        if limiter.blocked(parts):
            form.add_error(None, TOO_MANY)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        limiter.hit(parts)
        return super().form_valid(form)
