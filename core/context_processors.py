from django.conf import settings
from django.urls import reverse

from core.registry import nav_groups, nav_links


def shell(request):
    """What the app shell (navigation, breadcrumbs) needs on every page."""
    user = getattr(request, "user", None)
    scope_unit = getattr(user, "unit", None) if user and user.is_authenticated else None
    nav = nav_links(user) if scope_unit is not None else []
    groups = []
    if scope_unit is not None:
        admin = [("Tìm đơn vị", reverse("units:search")), ("Lịch sử thay đổi", reverse("accounts:history"))]
        if user.role == "admin" or user.is_superuser:
            admin.append(("Người dùng", reverse("accounts:users")))
        groups = nav_groups(nav + admin)
    return {"scope_unit": scope_unit, "nav_links": nav, "nav_groups": groups, "site_name": "doanket",
            "debug": settings.DEBUG}
