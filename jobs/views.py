from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.models import Role
from campaign.models import Period
from indicators.models import Measure
from units.models import Level

from . import services
from .models import Job


def may_rebuild(user) -> bool:
    return user.is_superuser or (user.role == Role.ADMIN and user.unit_id is not None
                                 and user.unit.level == Level.NATION)


def index(request):
    return render(request, "jobs/index.html", {
        "jobs": services.visible(request.user).select_related("unit")[:50],
        "may_rebuild": may_rebuild(request.user),
        "breadcrumbs": [{"label": "Tác vụ nền"}],
    })


def detail(request, pk):
    job = services.get_for(request.user, pk)
    return render(request, "jobs/detail.html", {
        "job": job, "breadcrumbs": [{"label": "Tác vụ nền", "url": "/cong-viec/"}, {"label": job.title}]})


def status(request, pk):
    """The progress fragment, polled by htmx every second until the job ends."""
    return render(request, "jobs/_status.html", {"job": services.get_for(request.user, pk)})


def download(request, pk):
    job = services.get_for(request.user, pk)
    if job.status != Job.Status.DONE or not job.file:
        raise Http404("Tác vụ chưa có tệp kết quả.")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


@require_POST
def area_values_export(request):
    unit = scope.get_unit(request.user, request.POST.get("unit", ""))
    period = get_object_or_404(Period, code=request.POST.get("period", ""))
    measure = get_object_or_404(Measure, code=request.POST.get("measure", ""))
    org = scope.organisation_filter(request.user)
    job = services.start(request.user, "indicators.area_values_xlsx",
                         f"Xuất “{measure.name}” mọi khu dân cư của {unit.name}, kỳ {period.code} (XLSX)",
                         {"unit": unit.pk, "period": period.pk, "measure": measure.pk,
                          "org_kind": org.kind_id if org else None}, unit=unit)
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def rollup_rebuild(request):
    if not may_rebuild(request.user):
        messages.error(request, "Chỉ quản trị toàn hệ thống được tính lại toàn bộ số tổng hợp.")
        return redirect("jobs:index")
    job = services.start(request.user, "rollup.rebuild", "Tính lại toàn bộ số tổng hợp từ số liệu gốc", {},
                         unit=request.user.unit)
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def registers_derive(request):
    if not may_rebuild(request.user):
        messages.error(request, "Chỉ quản trị toàn hệ thống được tính lại toàn bộ số liệu từ các sổ theo dõi.")
        return redirect("jobs:index")
    job = services.start(request.user, "registers.derive", "Tính lại toàn bộ số liệu từ các sổ theo dõi", {},
                         unit=request.user.unit)
    return redirect("jobs:detail", pk=job.pk)
