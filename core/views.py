from django.shortcuts import redirect, render

from accounts.scope import root_unit


def home(request):
    """Everyone lands on their own unit: the top of their scope."""
    unit = root_unit(request.user)
    if unit is None:
        return render(request, "core/no_scope.html", status=403)
    return redirect("units:detail", pk=unit.pk)
