from django.conf import settings


def shell(request):
    """What the app shell (navigation, breadcrumbs) needs on every page."""
    user = getattr(request, "user", None)
    scope_unit = getattr(user, "unit", None) if user and user.is_authenticated else None
    return {"scope_unit": scope_unit, "site_name": "doanket", "debug": settings.DEBUG}
