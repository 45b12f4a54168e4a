import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core import params
from core.collation import vi
from units.breadcrumbs import unit_breadcrumbs

from . import scope, services
from .forms import HistoryFilterForm, UserForm
from .models import AuditEvent, User


def _events_in_scope(user):
    root = scope.root_unit(user)
    if root is None:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(unit_path__startswith=root.path).select_related("actor", "unit")


def _filtered(request, events):
    """Apply the person and date filters of the history page; 50 events a page."""
    actors = User.objects.filter(unit__in=scope.units_in_scope(request.user)).order_by(vi("full_name"))
    form = HistoryFilterForm(request.GET or None, actors=actors)
    if form.is_valid():
        tz = timezone.get_current_timezone()
        if form.cleaned_data["actor"]:
            events = events.filter(actor=form.cleaned_data["actor"])
        if form.cleaned_data["date_from"]:
            start = datetime.datetime.combine(form.cleaned_data["date_from"], datetime.time.min, tz)
            events = events.filter(at__gte=start)
        if form.cleaned_data["date_to"]:
            end = datetime.datetime.combine(form.cleaned_data["date_to"], datetime.time.max, tz)
            events = events.filter(at__lte=end)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return form, page


def history(request):
    """Lịch sử thay đổi of a unit and everything under it (default: the user's own unit)."""
    unit = scope.get_unit(request.user, request.GET["unit"]) if request.GET.get("unit") else scope.root_unit(request.user)
    if unit is None:
        raise PermissionDenied
    events = _events_in_scope(request.user).filter(unit_path__startswith=unit.path)
    form, page = _filtered(request, events)
    return render(request, "accounts/history.html", {
        "unit": unit, "form": form, "page": page,
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Lịch sử thay đổi"}],
    })


def object_history(request, object_type, object_id):
    events = _events_in_scope(request.user).filter(object_type=object_type, object_id=object_id)
    form, page = _filtered(request, events)
    first = events.first()
    if first is None:
        raise Http404("Không có lịch sử trong phạm vi của bạn.")
    return render(request, "accounts/history.html", {
        "unit": first.unit, "form": form, "page": page, "object_repr": first.object_repr,
        "breadcrumbs": [{"label": "Lịch sử thay đổi"}, {"label": first.object_repr}],
    })


def users(request):
    if not scope.can_manage_users(request.user):
        raise PermissionDenied("Chỉ quản trị viên quản lý người dùng.")
    units = scope.units_in_scope(request.user)
    people = User.objects.filter(unit__in=units).select_related("unit", "organisation").order_by("unit__path", vi("full_name"))
    q = params.query_text(request)
    if q:
        people = people.filter(full_name__icontains=q) | people.filter(username__icontains=q)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/users.html", {"page": page, "q": q,
                                                   "breadcrumbs": [{"label": "Người dùng"}]})


def user_edit(request, pk=None):
    if not scope.can_manage_users(request.user):
        raise PermissionDenied("Chỉ quản trị viên quản lý người dùng.")
    units = scope.units_in_scope(request.user)
    instance = get_object_or_404(User, pk=pk, unit__in=units) if pk else None
    initial = None
    if instance:
        initial = {f: getattr(instance, f) for f in ["username", "full_name", "email", "phone", "position", "role",
                                                     "unit", "organisation", "is_active"]}
    elif request.GET.get("unit"):
        initial = {"unit": scope.get_unit(request.user, request.GET["unit"]), "is_active": True}
    form = UserForm(request.POST or None, initial=initial, instance=instance, units=units.ordered(),
                    organisations=scope.organisations_in_scope(request.user))
    if request.method == "POST" and form.is_valid():
        user = services.save_user(request.user, form.cleaned_data, instance)
        messages.success(request, f"Đã lưu người dùng {user}.")
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {
        "form": form, "instance": instance,
        "breadcrumbs": [{"label": "Người dùng", "url": "/tai-khoan/nguoi-dung/"},
                        {"label": str(instance) if instance else "Thêm người dùng"}],
    })
