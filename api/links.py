from django.urls import reverse

from accounts import scope


def nav(user):
    if scope.can_manage_users(user):
        return [("Mã truy cập API", reverse("api_tokens:list"))]
    return []


def unit(user, unit):
    links = [("Trao đổi số liệu", reverse("api:exchange", args=[unit.pk, _period_code()]),
              "Tải và nhập số liệu dạng CSV, XLSX, JSON theo định dạng của API (Mặt trận số, nền tảng dữ liệu tỉnh)")]
    if scope.root_unit(user) and scope.root_unit(user).pk == unit.pk:
        links.append(("Ký số văn bản", reverse("signing:home"),
                      "Ký số kế hoạch đã ban hành (PAdES), tải bản đã ký, kiểm tra chữ ký của tệp PDF"))
    return links


def _period_code():
    from indicators.views import default_period

    period = default_period()
    return period.code if period else "2026"
