from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import LoginForm
from accounts import otp
from core import health, views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/", otp.verify, name="otp_verify"),
    path("xac-thuc/thiet-lap/", otp.setup, name="otp_setup"),
    path("healthz", health.healthz, name="healthz"),
    path("cong-viec/", include("jobs.urls")),
    path("tai-khoan/", include("accounts.urls")),
    path("don-vi/", include("units.urls")),
    path("ke-hoach/", include("plans.urls")),
    path("lay-y-kien/", include("surveys.urls")),
    path("y-kien/", include("surveys.public_urls")),
    path("mo-hinh/", include("initiatives.urls")),
    path("hoat-dong/", include("activities.urls")),
    path("chi-so/", include("indicators.urls")),
    path("ho-gia-dinh/", include("welfare.urls")),
    path("quy/", include("funds.urls")),
    path("cong-khai/", include("funds.public_urls")),
    path("giam-sat/", include("oversight.urls")),
    path("thi-dua/", include("recognition.urls")),
    path("bao-cao/", include("reporting.urls")),
]

handler500 = "core.views.server_error"
