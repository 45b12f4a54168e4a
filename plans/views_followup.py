"""Thin views over plans.followup: a task's follow-up page, the tasks given to me, evidence, the drive offer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import audit, scope
from core import uploads
from core.concurrency import StaleEdit
from units.models import within

from . import access, followup, forms
from .models import Task, TaskStatus


def _visible_task(user, task_pk) -> Task:
    task = followup.visible_tasks(user).filter(pk=task_pk).first()
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ trong phạm vi của bạn.")
    return task


def task_detail(request, pk, task_pk):
    task = _visible_task(request.user, task_pk)  # of a plan in my scope, or given to me by a plan above
    if task.plan_id != pk:
        raise Http404("Không tìm thấy nhiệm vụ trong kế hoạch này.")
    plan = task.plan
    can_assign, can_update = followup.can_assign(request.user, task), followup.can_update(request.user, task)
    assign_form = forms.TaskAssignForm(initial={"assigned_unit": task.assigned_unit_id,
                                                "assigned_organisation": task.assigned_organisation_id,
                                                "deadline": task.deadline, "version": task.version},
                                       plan=plan) if can_assign else None
    progress_form = forms.TaskProgressForm(initial={"status": task.status, "progress_note": task.progress_note,
                                                    "done_on": task.done_on, "version": task.version}) \
        if can_update else None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "assign" and can_assign:
                assign_form = forms.TaskAssignForm(request.POST, plan=plan)
                if assign_form.is_valid():
                    d = assign_form.cleaned_data
                    followup.assign_task(request.user, task, unit=d["assigned_unit"],
                                         organisation=d["assigned_organisation"], deadline=d["deadline"],
                                         version=d.get("version"))
                    messages.success(request, "Đã giao nhiệm vụ.")
                    return redirect("plans:task", pk=plan.pk, task_pk=task.pk)
            elif action == "progress" and can_update:
                progress_form = forms.TaskProgressForm(request.POST, request.FILES)
                if progress_form.is_valid():
                    d = progress_form.cleaned_data
                    followup.update_progress(request.user, task, status=d["status"], note=d["progress_note"],
                                             evidence=d.get("evidence"), done_on=d.get("done_on"),
                                             version=d.get("version"))
                    messages.success(request, "Đã cập nhật tiến độ nhiệm vụ.")
                    return redirect("plans:task", pk=plan.pk, task_pk=task.pk)
            else:
                raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với nhiệm vụ.")
        except StaleEdit as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("plans:task", pk=plan.pk, task_pk=task.pk)
        except ValidationError as exc:
            form = assign_form if action == "assign" else progress_form
            for message in exc.messages:
                form.add_error(None, message)
        status = 400
    else:
        status = 200
    return render(request, "plans/task.html", {
        "plan": plan, "task": task, "assign_form": assign_form, "progress_form": progress_form,
        "breadcrumbs": [{"label": "Kế hoạch", "url": reverse("plans:list")},
                        {"label": str(plan), "url": reverse("plans:detail", args=[plan.pk])},
                        {"label": "Nhiệm vụ được giao", "url": reverse("plans:tasks")},
                        {"label": task.text[:40]}],
    }, status=status)


def task_evidence(request, task_pk):
    task = _visible_task(request.user, task_pk)
    if not task.evidence:
        raise Http404("Nhiệm vụ chưa có minh chứng.")
    audit.record(request.user, audit.Action.VIEW, task, verb="Xem minh chứng nhiệm vụ")
    return uploads.serve(task.evidence, task.evidence_type or "application/octet-stream", task.evidence_name,
                         inline=task.evidence_type != uploads.DOCX_TYPE)


def task_list(request):
    """Tasks of issued plans given to the user's unit tree or organisation, overdue first."""
    show = request.GET.get("loc", "")
    unit = scope.get_unit(request.user, request.GET["don-vi"]) if request.GET.get("don-vi") else None
    tasks = followup.my_tasks(request.user).order_by("deadline", "plan_id", "order")
    if unit is not None:
        tasks = tasks.filter(within(unit, "assigned_unit") | within(unit, "assigned_organisation__unit")
                             | within(unit, "plan__unit"))
    if show == "qua-han":
        tasks = followup.overdue_tasks(request.user, unit)
    elif show == "chua-xong":
        tasks = tasks.exclude(status=TaskStatus.DONE)
    tasks = list(tasks[:500])
    return render(request, "plans/tasks.html", {
        "tasks": tasks, "show": show, "unit": unit, "n_overdue": sum(t.is_overdue() for t in tasks),
        "breadcrumbs": [{"label": "Kế hoạch", "url": reverse("plans:list")}, {"label": "Nhiệm vụ được giao"}],
    })


def open_drive(request, pk):
    plan = access.get_plan(request.user, pk)
    access.require_plan_writer(request.user, plan.unit)
    if request.method != "POST":
        return redirect("plans:detail", pk=plan.pk)
    try:
        drive = followup.open_registration_drive(request.user, plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:detail", pk=plan.pk)
    messages.success(request, f"Đã mở đợt đăng ký công trình, mô hình, phần việc năm {drive.year}, hạn "
                              f"{drive.deadline:%d/%m/%Y}.")
    return redirect("initiatives:drive", pk=drive.pk)
