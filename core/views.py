from django.shortcuts import redirect, render

from accounts.scope import root_unit


def home(request):
    """Everyone lands on their own unit: the top of their scope."""
    unit = root_unit(request.user)
    if unit is None:
        return render(request, "core/no_scope.html", status=403)
    return redirect("units:detail", pk=unit.pk)


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
