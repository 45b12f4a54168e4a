"""Thin views for review rounds (sơ kết, tổng kết): open one from an outline, link its conference."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import scope
from core.concurrency import AlreadySubmitted, already_submitted
from activities.models import Activity

from . import reviews, services
from .forms import ReviewRoundForm
from .views import _crumbs


def review_new(request):
    user = request.user
    issuer = scope.get_unit(user, request.GET.get("unit") or user.unit_id)
    scope.require_write(user, issuer)
    outlines = reviews.outlines_for(issuer)
    form = ReviewRoundForm(request.POST or None, outlines=outlines, initial={
        "reporters": services.default_reporters(issuer), "outline": outlines.first(), "kind": "tong_ket"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            extra = reviews.round_data(data.pop("outline"), data.pop("kind"))
            rnd = services.open_round(user, issuer, {**data, **extra})
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "reporting:round")
        except (services.ReportingError, ValidationError) as e:
            form.add_error(None, " ".join(getattr(e, "messages", [str(e)])))
        else:
            messages.success(request, f"Đã mở “{rnd.name}” và giao cho {rnd.submissions.count()} đơn vị.")
            return redirect("reporting:round", pk=rnd.pk)
    return render(request, "reporting/review_form.html", {
        "form": form, "issuer": issuer, "outlines": outlines,
        "breadcrumbs": _crumbs(user, issuer, {"label": "Mở đợt sơ kết, tổng kết"})}, status=400 if form.errors else 200)


@require_POST
def conference(request, pk):
    rnd = services.get_round(request.user, pk)
    raw = request.POST.get("activity", "")
    activity = None
    if raw:
        activity = Activity.objects.filter(pk=int(raw) if raw.isdigit() else 0, unit=rnd.issuer).first()
        if activity is None:
            messages.error(request, "Không tìm thấy hội nghị của đơn vị.")
            return redirect("reporting:round", pk=rnd.pk)
    try:
        reviews.link_conference(request.user, rnd, activity)
    except (services.ReportingError, ValidationError) as e:
        messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
    else:
        messages.success(request, "Đã gắn hội nghị vào đợt." if activity else "Đã bỏ gắn hội nghị.")
    return redirect("reporting:round", pk=rnd.pk)
