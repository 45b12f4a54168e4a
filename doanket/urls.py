from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import LoginForm
from api.urls import v1_urls
from core import views as core_views
from accounts import otp
from core import health, pwa, views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/ma-truy-cap/", include("api.token_urls")),
    path("xac-thuc/", otp.verify, name="otp_verify"),
    path("xac-thuc/thiet-lap/", otp.setup, name="otp_setup"),
    path("healthz", health.healthz, name="healthz"),
    path("sw.js", pwa.service_worker, name="service_worker"),
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
    path("kinh-phi/", include("budget.urls")),
    path("ban/", include("committees.urls")),
    path("cong-khai/", include("funds.public_urls")),
    path("giam-sat/", include("oversight.urls")),
    path("thi-dua/", include("recognition.urls")),
    path("bao-cao/", include("reporting.urls")),
    path("api/v1/", v1_urls()),
    path("api/", include("api.urls")),
    path("ky-so/", include("api.signing_urls")),
    path("oidc/", include("api.oidc")),
    path("bang-dieu-hanh/", include("dashboards.urls")),
    path("so-lieu-cong-khai/", include("dashboards.public_urls")),
]

handler500 = "core.views.server_error"
