from django.conf import settings

from core.registry import nav_links


def shell(request):
    """What the app shell (navigation, breadcrumbs) needs on every page."""
    user = getattr(request, "user", None)
    scope_unit = getattr(user, "unit", None) if user and user.is_authenticated else None
    nav = nav_links(user) if scope_unit is not None else []
    return {"scope_unit": scope_unit, "nav_links": nav, "site_name": "doanket", "debug": settings.DEBUG}
