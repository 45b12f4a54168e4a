from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from accounts.scope import root_unit


def landing_url(user) -> str:
    """Each role lands where its work is: a residential-area head on the quick-record page, a member-organisation
    officer on its list of works and models, leaders and officers on the dashboard of their unit."""
    unit = root_unit(user)
    try:
        if user.role == "area_head":
            return reverse("activities:area_home")
        if user.role == "org_officer":
            return reverse("initiatives:index")
        return reverse("dashboards:unit", args=[unit.pk])
    except NoReverseMatch:  # an app left out of INSTALLED_APPS: the unit page is always there
        return reverse("units:detail", args=[unit.pk])


def home(request):
    unit = root_unit(request.user)
    if unit is None:
        return render(request, "core/no_scope.html", status=403)
    return redirect(landing_url(request.user))


def server_error(request):
    """handler500: a Vietnamese page, and 503 (try again later) when the cause is a lost database."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponseServerError
    from django.template.loader import render_to_string

    from .middleware import database_down_response

    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_down_response(request)
    return HttpResponseServerError(render_to_string("500.html"))
