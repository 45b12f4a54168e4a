from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import scope
from core import params
from core.concurrency import AlreadySubmitted, already_submitted, create_once
from core.forms import apply_validation_error
from core.uploads import UploadError, read_bytes
from documents.responses import docx_response
from documents.tables import xlsx_response
from units.breadcrumbs import unit_breadcrumbs

from . import documents, services
from .forms import (BudgetForm, FundingSourceForm, ImportForm, LineForm, OpenBudgetForm, SpendingItemForm)
from .models import Budget, BudgetLine, FundingSource, SpendingItem, Stage


def get_budget(user, pk) -> Budget:
    budget = get_object_or_404(Budget.objects.select_related("unit"), pk=params.to_pk(pk))
    if not scope.in_scope(user, budget.unit):
        raise Http404("Không tìm thấy kinh phí trong phạm vi của bạn.")
    return budget


def _budget_for_write(request, pk) -> Budget:
    budget = get_budget(request.user, pk)
    services.require_keep(request.user, budget.unit)
    return budget


def _line_for_write(request, pk) -> BudgetLine:
    line = get_object_or_404(BudgetLine.objects.select_related("budget__unit"), pk=params.to_pk(pk))
    if not scope.in_scope(request.user, line.budget.unit):
        raise Http404("Không tìm thấy dòng kinh phí trong phạm vi của bạn.")
    services.require_keep(request.user, line.budget.unit)
    return line


def _crumbs(user, unit, *labels, year=None):
    url = reverse("budget:index", args=[unit.pk]) + (f"?nam={year}" if year else "")
    return unit_breadcrumbs(user, unit) + [{"label": "Kinh phí", "url": url}] + [{"label": label} for label in labels]


def _form_page(request, form, title, cancel, crumbs, status_if_errors=True, **extra):
    status = 400 if request.method == "POST" and form.errors and status_if_errors else 200
    return render(request, "budget/form.html", {"form": form, "title": title, "cancel": cancel,
                                                "breadcrumbs": crumbs, **extra}, status=status)


def index(request, unit_pk):
    """A unit's budget for the year and the tree's totals (read from the spine)."""
    unit = scope.get_unit(request.user, unit_pk)
    year = params.query_year(request, default=services.today().year)
    own = Budget.objects.filter(unit=unit, year=year).first()
    total, children = services.tree_rows(unit, year)
    budgets = {b.unit_id: b for b in Budget.objects.filter(unit__parent=unit, year=year)}
    for row in children:
        row["budget"] = budgets.get(row["unit"].pk)
    return render(request, "budget/index.html", {
        "unit": unit, "year": year, "own": own, "total": total,
        "kept": [r for r in children if r["planned"] is not None or r["spent"] is not None],
        "missing": [r for r in children if r["planned"] is None and r["spent"] is None],
        "years": range(services.today().year + 1, services.today().year - 6, -1),
        "can_write": services.can_keep(request.user, unit),
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Kinh phí"}],
    })


def budget_open(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    services.require_keep(request.user, unit)
    form = OpenBudgetForm(request.POST or None, initial={"year": params.query_year(request)} if
                          request.GET.get("nam") else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        once = data.pop("once", "")
        try:
            budget = create_once(request.user, once, lambda: services.open_budget(request.user, unit, **data))
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "budget:detail")
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã lập kinh phí năm {budget.year}; hãy thêm các dòng dự toán.")
            return redirect("budget:detail", pk=budget.pk)
    return _form_page(request, form, f"Lập kinh phí năm — {unit.name}", reverse("budget:index", args=[unit.pk]),
                      _crumbs(request.user, unit, "Lập kinh phí năm"))


def detail(request, pk):
    budget = get_budget(request.user, pk)
    lines = list(budget.lines.select_related("item", "source"))
    return render(request, "budget/detail.html", {
        "budget": budget, "unit": budget.unit,
        "estimate": [l for l in lines if l.stage == Stage.ESTIMATE],
        "settlement": [l for l in lines if l.stage == Stage.SETTLEMENT],
        "by_item": services.by_item(budget), "by_source": services.by_source(budget),
        "rest": budget.planned - budget.spent,
        "can_write": services.can_keep(request.user, budget.unit),
        "breadcrumbs": _crumbs(request.user, budget.unit, f"Năm {budget.year}", year=budget.year),
    })


def budget_edit(request, pk):
    budget = _budget_for_write(request, pk)
    form = BudgetForm(request.POST or None, instance=budget,
                      initial={name: getattr(budget, name) for name in services.HEADER_FIELDS})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.update_budget(request.user, budget, version, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Đã lưu.")
            return redirect("budget:detail", pk=budget.pk)
    return _form_page(request, form, f"Số, ngày văn bản — kinh phí năm {budget.year}",
                      reverse("budget:detail", args=[budget.pk]),
                      _crumbs(request.user, budget.unit, f"Năm {budget.year}", year=budget.year), budget=budget)


def line_add(request, pk):
    budget = _budget_for_write(request, pk)
    stage = request.GET.get("phan") if request.GET.get("phan") in Stage.values else Stage.ESTIMATE
    form = LineForm(request.POST or None, initial={"stage": stage})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        once = data.pop("once", "")
        try:
            line = create_once(request.user, once, lambda: services.add_line(request.user, budget, **data))
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect("budget:detail", pk=budget.pk)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã thêm dòng {line.get_stage_display().lower()}: {line.activity}.")
            if "them-nua" in request.POST:
                return redirect(reverse("budget:line_add", args=[budget.pk]) + f"?phan={line.stage}")
            return redirect("budget:detail", pk=budget.pk)
    return _form_page(request, form, f"Thêm dòng kinh phí năm {budget.year}",
                      reverse("budget:detail", args=[budget.pk]),
                      _crumbs(request.user, budget.unit, f"Năm {budget.year}", "Thêm dòng", year=budget.year),
                      budget=budget, again=True)


def line_edit(request, pk):
    line = _line_for_write(request, pk)
    budget = line.budget
    form = LineForm(request.POST or None, instance=line, initial={
        "activity": line.activity, "item": line.item_id, "source": line.source_id, "amount": line.amount,
        "note": line.note})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.update_line(request.user, line, version, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Đã lưu dòng kinh phí.")
            return redirect("budget:detail", pk=budget.pk)
    return _form_page(request, form, f"Sửa dòng {line.get_stage_display().lower()} năm {budget.year}",
                      reverse("budget:detail", args=[budget.pk]),
                      _crumbs(request.user, budget.unit, f"Năm {budget.year}", "Sửa dòng", year=budget.year),
                      budget=budget, delete_url=reverse("budget:line_delete", args=[line.pk]))


@require_POST
def line_delete(request, pk):
    line = _line_for_write(request, pk)
    services.delete_line(request.user, line)
    messages.success(request, f"Đã xóa dòng “{line.activity}”.")
    return redirect("budget:detail", pk=line.budget_id)


def line_import(request, pk):
    budget = _budget_for_write(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stage = form.cleaned_data["stage"]
        try:
            count = services.import_lines(request.user, budget, stage, upload.name, read_bytes(upload))
        except UploadError as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Đã nhập {count} dòng {Stage(stage).label.lower()}.")
            return redirect("budget:detail", pk=budget.pk)
    status = 400 if request.method == "POST" and (errors or form.errors) else 200
    return render(request, "budget/import.html", {
        "form": form, "errors": errors, "budget": budget,
        "breadcrumbs": _crumbs(request.user, budget.unit, f"Năm {budget.year}", "Nhập từ tệp", year=budget.year),
    }, status=status)


def line_export(request, pk, stage):
    budget = get_budget(request.user, pk)
    if stage not in Stage.values:
        raise Http404("Không có phần này.")
    from accounts import audit

    audit.record(request.user, audit.Action.EXPORT, budget, verb=f"xuất {Stage(stage).label.lower()} XLSX")
    return xlsx_response(services.lines_table(budget, stage),
                         f"{Stage(stage).label} kinh phí {budget.year} {budget.unit.name}")


def estimate_docx(request, pk):
    budget = get_budget(request.user, pk)
    return docx_response(documents.estimate(budget), f"Dự toán kinh phí {budget.year} {budget.unit.name}")


def settlement_docx(request, pk):
    budget = get_budget(request.user, pk)
    return docx_response(documents.settlement(budget), f"Quyết toán kinh phí {budget.year} {budget.unit.name}")


# --- Catalogue: spending items and funding sources (administrators) ----------------------------------------------

def catalogue(request):
    return render(request, "budget/catalogue.html", {
        "items": SpendingItem.objects.all(), "sources": FundingSource.objects.all(),
        "can_write": request.user.is_superuser or request.user.role == "admin",
        "breadcrumbs": [{"label": "Danh mục kinh phí"}],
    })


def _catalogue_form(request, model, form_class, pk, title):
    services.require_admin(request.user)
    obj = get_object_or_404(model, pk=params.to_pk(pk)) if pk else model()
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            services.save_catalogue_row(request.user, obj, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã lưu “{obj.name}”.")
            return redirect("budget:catalogue")
    return _form_page(request, form, title, reverse("budget:catalogue"),
                      [{"label": "Danh mục kinh phí", "url": reverse("budget:catalogue")}, {"label": title}])


def item_form(request, pk=None):
    return _catalogue_form(request, SpendingItem, SpendingItemForm, pk,
                           "Sửa nội dung chi" if pk else "Thêm nội dung chi")


def source_form(request, pk=None):
    return _catalogue_form(request, FundingSource, FundingSourceForm, pk,
                           "Sửa nguồn kinh phí" if pk else "Thêm nguồn kinh phí")

