"""Thin views over plans.services; who may do what lives in plans.access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts import audit, scope
from core import params
from core.concurrency import AlreadySubmitted, StaleEdit, already_submitted
from core.formatting import format_number
from documents.responses import docx_response, pdf_response
from units.breadcrumbs import unit_breadcrumbs

from . import access, export, followup, forms, services
from .access import PlanLocked
from .models import Plan, Target


def _crumbs(user, plan=None, *more):
    crumbs = [{"label": "Kế hoạch", "url": reverse("plans:list")}]
    if plan:
        crumbs.append({"label": str(plan), "url": reverse("plans:detail", args=[plan.pk])})
    return crumbs + [{"label": m} for m in more]


def _errors(exc: ValidationError) -> list[str]:
    return exc.messages


def plan_list(request):
    plans = access.visible_plans(request.user).annotate(n_children=Count("children", distinct=True))
    root = scope.root_unit(request.user)
    unit = scope.get_unit(request.user, request.GET["don-vi"]) if request.GET.get("don-vi") else root
    status = request.GET.get("trang-thai", "")
    q = params.query_text(request)
    own = plans.filter(unit=unit) if unit else plans.none()
    if unit and unit != root:
        above = plans.none()
    else:
        above = plans.exclude(unit=unit).filter(unit_id__in=root.ancestor_ids) if root else plans.none()
    below = plans.filter(unit__path__startswith=unit.path).exclude(unit=unit) if unit else plans.none()
    if status:
        own, below = own.filter(status=status), below.filter(status=status)
    if q:
        match = Q(title__icontains=q) | Q(number=q) | Q(symbol__icontains=q) | Q(unit__name__icontains=q)
        own, above, below = own.filter(match), above.filter(match), below.filter(match)
    return render(request, "plans/list.html", {
        "unit": unit, "own": own, "above": above, "below": below.order_by("unit__sort_key", "-issued_on")[:200],
        "status": status, "q": q, "statuses": Plan.Status.choices,
        "can_create": unit is not None and access.can_edit_unit_plans(request.user, unit),
        "breadcrumbs": (unit_breadcrumbs(request.user, unit) if unit else []) + [{"label": "Kế hoạch"}],
    })


def plan_detail(request, pk):
    plan = access.get_plan(request.user, pk)
    sections = list(plan.sections.all())
    context = {
        "plan": plan,
        "sections": sections,
        "references": plan.references.select_related("linked_plan"),
        "n_citations": plan.references.filter(kind="citation").count(),
        "contents": plan.contents.select_related("content").prefetch_related("criteria__criteria_set"),
        "tasks": plan.tasks.select_related("content", "assigned_unit", "assigned_organisation")
        .prefetch_related("organisation_kinds"),
        "reports": plan.report_requirements.select_related("period").prefetch_related("reporter_organisation_kinds"),
        "recipients": plan.recipients.all(),
        "children": access.visible_plans(request.user).filter(parent_plan=plan).order_by("unit__sort_key"),
        "can_edit": access.can_edit(request.user, plan),
        "registration_offer": followup.registration_offer(request.user, plan),
        "issue_problems": services.issue_problems(plan) if access.can_edit(request.user, plan) else [],
        "breadcrumbs": _crumbs(request.user, plan),
    }
    context.update(_extra_detail_context(request, plan))
    return render(request, "plans/detail.html", context)


def _extra_detail_context(request, plan):
    """Targets with live progress (the spine's partial), and the cascade / coverage / allocation actions."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from indicators.views import progress_context

    rows = []
    for target in plan.targets.select_related("measure", "period", "org_kind", "plan__unit", "allocated_from"):
        progress = ""
        context = progress_context(target, request.user) if target.is_evaluable else None
        if context:
            progress = render_to_string("indicators/_target_progress.html", {"progress": context}, request=request)
        rows.append({"target": target, "progress": mark_safe(progress)})
    actions = []
    user_unit = scope.root_unit(request.user)
    if (plan.is_issued and user_unit and plan.unit_id in user_unit.ancestor_ids
            and access.can_edit_unit_plans(request.user, user_unit)):
        own = Plan.objects.filter(unit=user_unit, parent_plan=plan).first()
        if own:
            actions.append((f"Kế hoạch của {user_unit.name} căn cứ kế hoạch này", reverse("plans:detail",
                                                                                          args=[own.pk])))
        else:
            actions.append((f"Xây dựng kế hoạch của {user_unit.name} từ kế hoạch này",
                            reverse("plans:cascade", args=[plan.pk])))
    if plan.unit.level in ("province", "district") and scope.in_scope(request.user, plan.unit) and plan.is_issued:
        actions.append(("Các xã đã có kế hoạch", reverse("plans:coverage", args=[plan.pk])))
    return {"target_rows": rows, "plan_actions": actions,
            "can_allocate": plan.unit.level in ("province", "district")
            and access.can_edit_unit_plans(request.user, plan.unit),
            "edit_targets_url": reverse("plans:edit_targets", args=[plan.pk])}


def _plan_initial(plan: Plan) -> dict:
    initial = {name: getattr(plan, name) for name in services.HEADER_FIELDS if name not in ("parent_plan",)}
    initial["recipients"] = "\n".join(plan.recipients.values_list("text", flat=True))
    return initial


def _header_page(request, plan, form, unit):
    return render(request, "plans/form.html", {
        "form": form, "plan": plan, "unit": unit,
        "breadcrumbs": _crumbs(request.user, plan, "Thông tin chung" if plan else "Tạo kế hoạch"),
    })


def plan_create(request):
    root = scope.root_unit(request.user)
    unit = scope.get_unit(request.user, request.GET["don-vi"]) if request.GET.get("don-vi") else root
    access.require_plan_writer(request.user, unit)
    form = forms.PlanForm(request.POST or None, initial=default_header(unit), instance=None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        recipients = data.pop("recipients").splitlines()
        once = data.pop("once", None)
        try:
            plan = services.new_plan(request.user, unit, data, recipients, once=once)
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "plans:detail")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã tạo dự thảo kế hoạch. Tiếp theo: các mục, chỉ tiêu, nhiệm vụ.")
            return redirect("plans:detail", pk=plan.pk)
    return _header_page(request, None, form, unit)


def default_header(unit) -> dict:
    """Header fields a new plan of this unit usually has (MTTQ naming)."""
    from .cascade import bodies_for

    parent_body, issuer_in_text, place = bodies_for(unit)
    return {"doc_type": "KH", "parent_body": parent_body, "issuing_body": "BAN THƯỜNG TRỰC",
            "issuer_in_text": issuer_in_text, "place": place, "archive": "VT",
            "signer_authority": "TM. BAN THƯỜNG TRỰC", "symbol": "KH-MTTQ-BTT", **unit.signer()}


def _locked(request, plan):
    messages.error(request, str(PlanLocked(plan)))
    return redirect("plans:detail", pk=plan.pk)


def plan_edit(request, pk):
    plan = access.get_plan(request.user, pk)
    access.require_plan_writer(request.user, plan.unit)
    if plan.is_issued:
        return _locked(request, plan)
    form = forms.PlanForm(request.POST or None, initial=_plan_initial(plan), instance=plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        recipients = data.pop("recipients").splitlines()
        version = data.pop("version", None)
        try:
            services.save_header(request.user, plan, data, recipients, version=version)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu thông tin chung.")
            return redirect("plans:detail", pk=plan.pk)
    return _header_page(request, plan, form, plan.unit)


# --- lists of rows: one generic page ---------------------------------------------------------------

def _rows_sections(plan):
    return [{"label": s.label, "title": s.title, "body": s.body} for s in plan.sections.all()]


def _rows_references(plan):
    return [{"kind": r.kind, "number": r.number, "date": r.date, "text": r.text} for r in plan.references.all()]


def _rows_contents(plan):
    return [{"content": c.content, "text": c.text, "criteria": list(c.criteria.all())}
            for c in plan.contents.select_related("content").prefetch_related("criteria")]


def _rows_tasks(plan):
    return [{"text": t.text, "assignee": t.assignee, "organisation_kinds": list(t.organisation_kinds.all()),
             "unit_level": t.unit_level, "deadline": t.deadline, "content": t.content}
            for t in plan.tasks.prefetch_related("organisation_kinds")]


def _rows_reports(plan):
    return [{"name": r.name, "period": r.period, "cutoff_date": r.cutoff_date, "due_date": r.due_date,
             "reporter_level": r.reporter_level,
             "reporter_organisation_kinds": list(r.reporter_organisation_kinds.all())}
            for r in plan.report_requirements.select_related("period").prefetch_related("reporter_organisation_kinds")]


def _rows_targets(plan):
    return [{"group": t.group, "text": t.text, "measure": t.measure.code if t.measure else "", "scope": t.scope,
             "level": t.level, "comparator": t.comparator, "threshold": t.threshold,
             "unit_comparator": t.unit_comparator, "unit_threshold": t.unit_threshold,
             "org_kind": t.org_kind.code if t.org_kind else None,
             "phase": t.period.code if t.period and t.period != plan.period else ""}
            for t in plan.targets.select_related("measure", "org_kind", "period")]


PARTS = {
    "targets": ("Chỉ tiêu", forms.TargetFormSet, _rows_targets, services.replace_targets,
                "Mỗi dòng một chỉ tiêu theo ngữ pháp chỉ số × phạm vi × so sánh × ngưỡng. Tiến độ được tính từ số "
                "liệu, không nhập tay."),
    "sections": ("Các mục của kế hoạch", forms.SectionFormSet, _rows_sections, services.replace_sections,
                 "Mỗi dòng là một mục theo thứ tự đọc: số mục (I., 1., 1.1., - ) và nội dung. Cây mục dựng lại "
                 "theo số mục."),
    "references": ("Văn bản căn cứ", forms.ReferenceFormSet, _rows_references, services.replace_references,
                   "Văn bản có trong doanket (cùng số, ký hiệu) được liên kết tự động."),
    "contents": ("Nội dung và tiêu chí", forms.ContentFormSet, _rows_contents, services.replace_contents,
                 "Các nội dung của Cuộc vận động mà kế hoạch triển khai và tiêu chí mỗi nội dung phục vụ."),
    "tasks": ("Nhiệm vụ", forms.TaskFormSet, _rows_tasks, services.replace_tasks,
              "Việc gì, giao cho ai (tổ chức thành viên hoặc các đơn vị một cấp), thời hạn."),
    "reports": ("Chế độ báo cáo", forms.ReportRequirementFormSet, _rows_reports,
                services.replace_report_requirements,
                "Mỗi báo cáo: kỳ, ngày chốt số liệu, hạn gửi, ai báo cáo. Báo cáo gửi về đơn vị ban hành."),
}


def edit_rows(request, pk, part):
    plan = access.get_plan(request.user, pk)
    access.require_plan_writer(request.user, plan.unit)
    if plan.is_issued:
        return _locked(request, plan)
    title, formset_class, rows_of, save, help_text = PARTS[part]
    # criteria are offered as they fit the plan's unit (a commune: new-rural, a ward: civilised-urban)
    extra = {"form_kwargs": {"unit": plan.unit}} if part == "contents" else {}
    formset = formset_class(request.POST or None, initial=rows_of(plan), prefix=part, **extra)
    version = plan.version
    if request.method == "POST" and formset.is_valid():
        try:
            services.save_part(request.user, plan, save, forms.kept_rows(formset),
                               version=_posted_version(request))
        except StaleEdit as exc:  # the rows typed stay on the page; saving again overwrites knowingly
            messages.error(request, " ".join(exc.messages))
            version = Plan.objects.values_list("version", flat=True).get(pk=plan.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(_errors(exc)))
        else:
            messages.success(request, f"Đã lưu: {title.lower()}.")
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/rows.html", {
        "plan": plan, "formset": formset, "title": title, "help_text": help_text, "part": part, "version": version,
        "breadcrumbs": _crumbs(request.user, plan, title),
    })


def plan_issue(request, pk):
    plan = access.get_plan(request.user, pk)
    access.require_plan_writer(request.user, plan.unit)
    if request.method != "POST":
        return redirect("plans:detail", pk=plan.pk)
    twins = list(services.issued_twins(plan).select_related("period"))
    if twins and request.POST.get("xac-nhan") != "1" and not plan.is_issued:
        return render(request, "plans/issue_confirm.html", {
            "plan": plan, "twins": twins, "breadcrumbs": _crumbs(request.user, plan, "Ban hành")})
    try:
        services.issue_plan(request.user, plan)
    except PlanLocked as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, "Chưa ban hành được: " + " ".join(_errors(exc)))
    else:
        messages.success(request, f"Đã ban hành {plan}. Kế hoạch không còn sửa được.")
    return redirect("plans:detail", pk=plan.pk)


def plan_delete(request, pk):
    plan = access.get_plan(request.user, pk)
    access.require_plan_writer(request.user, plan.unit)
    if request.method != "POST":
        return redirect("plans:detail", pk=plan.pk)
    try:
        services.delete_draft(request.user, plan)
    except (PlanLocked, ValidationError) as exc:
        messages.error(request, " ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
        return redirect("plans:detail", pk=plan.pk)
    messages.success(request, "Đã xóa dự thảo.")
    return redirect("plans:list")


def _export(request, pk, render_response):
    plan = access.get_plan(request.user, pk)
    audit.record(request.user, audit.Action.EXPORT, plan, verb="Tải văn bản kế hoạch")
    return render_response(export.build_document(plan), export.file_name(plan))


def export_docx(request, pk):
    return _export(request, pk, docx_response)


def export_pdf(request, pk):
    return _export(request, pk, pdf_response)


# --- cascade, coverage, allocation -------------------------------------------------------------------

def plan_cascade(request, pk):
    from .cascade import cascade_plan

    source = access.get_plan(request.user, pk)
    unit = scope.root_unit(request.user)
    access.require_plan_writer(request.user, unit)
    from .models import Allocation

    if request.method == "POST":
        try:
            plan = cascade_plan(request.user, source, unit)
        except ValidationError as exc:
            messages.error(request, " ".join(_errors(exc)))
            return redirect("plans:detail", pk=source.pk)
        messages.success(request, f"Đã tạo dự thảo kế hoạch của {unit.name} căn cứ {source}. Kiểm tra, sửa rồi ban hành.")
        return redirect("plans:detail", pk=plan.pk)
    from .cascade import adapt_target

    allocations = {a.target_id: a for a in Allocation.objects.filter(target__plan=source, unit=unit)}
    preview = []
    for t in source.targets.select_related("measure", "period", "org_kind", "content", "plan__unit"):
        row = adapt_target(t, unit, allocations.get(t.pk))
        preview.append({"source": t, "row": row,
                        "rule": Target(**{k: v for k, v in row.items() if k not in ("allocated_from",)},
                                       plan=source).rule_label if row else ""})
    return render(request, "plans/cascade.html", {
        "source": source, "unit": unit, "preview": preview,
        "breadcrumbs": _crumbs(request.user, source, f"Xây dựng kế hoạch của {unit.name}"),
    })


def plan_coverage(request, pk):
    from .coverage import counts, plan_coverage

    plan = access.get_plan(request.user, pk)
    if not scope.in_scope(request.user, plan.unit):
        raise Http404("Không tìm thấy kế hoạch trong phạm vi của bạn.")
    rows = plan_coverage(plan)
    return render(request, "plans/coverage.html", {
        "plan": plan, "rows": rows, "counts": counts(rows),
        "breadcrumbs": _crumbs(request.user, plan, "Các xã đã có kế hoạch"),
    })


def _allocation_target(request, pk, target_pk):
    from .models import TargetScope

    plan = access.get_plan(request.user, pk)
    access.require_plan_writer(request.user, plan.unit)
    target = get_object_or_404(Target.objects.select_related("measure", "plan__unit"), pk=target_pk, plan=plan)
    if target.scope != TargetScope.TOTAL:
        messages.error(request, "Chỉ phân bổ được chỉ tiêu tính tổng.")
        return plan, None
    return plan, target


def _number_text(v):
    return "" if v is None else format_number(v, 0 if v == int(v) else 2)


def target_allocate(request, pk, target_pk):
    """The communes' shares of a total target: typed, split (even, by areas, by households) or read from the
    downloaded sheet — a split or a file only fills the boxes; “Lưu phân bổ” saves. The remainder
    (total − allocated) is shown and kept live by static/js/forms.js."""
    from core import uploads

    from . import allocation

    plan, target = _allocation_target(request, pk, target_pk)
    if target is None:
        return redirect("plans:detail", pk=plan.pk)
    communes = allocation.communes(plan.unit)
    current = {a.unit_id: a.value for a in target.allocations.all()}
    shown = {k: _number_text(v) for k, v in current.items()}
    errors, values, notes = [], {}, []
    action = request.POST.get("action", "luu") if request.method == "POST" else ""
    if action == "chia":
        try:
            split, notes = allocation.split(communes, target.threshold, request.POST.get("cach", ""))
        except ValueError as exc:
            errors.append(str(exc))
        else:
            shown = {k: _number_text(v) for k, v in split.items()}
            notes.insert(0, f"Đã chia {allocation.METHODS[request.POST['cach']].lower()} (chưa lưu). Kiểm tra, sửa "
                            "nếu cần rồi bấm “Lưu phân bổ”.")
    elif action == "nhap":
        upload = request.FILES.get("tep")
        try:
            if upload is None:
                raise uploads.UploadError("Chưa chọn tệp phân bổ (.xlsx).")
            read = allocation.read_file(upload.name, uploads.read_bytes(upload), communes)
        except uploads.UploadError as exc:
            errors += exc.errors
        else:
            shown = {k: _number_text(v) for k, v in read.items()}
            notes.append(f"Đã đọc {len(read)} dòng từ tệp (chưa lưu). Kiểm tra rồi bấm “Lưu phân bổ”.")
    elif action == "luu":
        for c in communes:
            unit = c.unit
            raw = request.POST.get(f"u{unit.pk}", "").strip()
            if not raw:
                values[unit] = None
                continue
            try:
                values[unit] = allocation.parse_value(raw)
            except ValueError:
                errors.append(f"{unit.name}: số giao không được âm." if raw.startswith("-")
                              else f"{unit.name}: “{raw}” không phải là số.")
        if not errors:
            try:
                services.save_allocations(request.user, target, values, version=_posted_version(request))
            except StaleEdit as exc:  # nothing saved; the shares typed stay, the page now holds the new version
                errors += exc.messages
                target.version = Target.objects.values_list("version", flat=True).get(pk=target.pk)
            except ValidationError as exc:
                errors += _errors(exc)
            else:
                warnings = services.allocation_problems(target, {u: v for u, v in values.items()})
                messages.success(request, "Đã lưu phân bổ chỉ tiêu.")
                for w in warnings:
                    messages.warning(request, w)
                return redirect("plans:detail", pk=plan.pk)
    typed = action == "luu"
    rows = [{"unit": c.unit, "areas": c.areas, "households": c.households,
             "value": request.POST.get(f"u{c.unit.pk}", "") if typed else shown.get(c.unit.pk, "")}
            for c in communes]
    allocated = sum(allocation.parse_value(r["value"]) for r in rows if _is_number(r["value"]))
    return render(request, "plans/allocate.html", {
        "plan": plan, "target": target, "rows": rows, "errors": errors, "notes": notes, "allocated": allocated,
        "remainder": target.threshold - allocated if target.threshold is not None else None,
        "methods": allocation.METHODS, "method": request.POST.get("cach", ""),
        "breadcrumbs": _crumbs(request.user, plan, "Phân bổ chỉ tiêu"),
    })


def _posted_version(request):
    """The version a list page was opened with (hidden `version`; None when a caller sends none, as a
    GuardedForm does; a broken one never matches)."""
    raw = request.POST.get("version", "").strip()
    if not raw:
        return None
    return int(raw) if raw.isdigit() else -1


def _is_number(text) -> bool:
    from . import allocation

    try:
        allocation.parse_value(text)
    except ValueError:
        return False
    return bool(str(text).strip())


def target_allocate_xlsx(request, pk, target_pk):
    """The allocation sheet to fill in: code, commune, areas, households, share."""
    from documents.tables import xlsx_response

    from . import allocation

    plan, target = _allocation_target(request, pk, target_pk)
    if target is None:
        return redirect("plans:detail", pk=plan.pk)
    current = {a.unit_id: a.value for a in target.allocations.all()}
    audit.record(request.user, audit.Action.EXPORT, plan, verb="Tải bảng phân bổ chỉ tiêu (XLSX)",
                 note=target.text[:200])
    return xlsx_response(allocation.table(target, allocation.communes(plan.unit), current),
                         f"Phân bổ chỉ tiêu {plan.pk}-{target.pk}")
