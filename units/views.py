from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts import scope
from accounts.models import User
from core import params
from core.concurrency import AlreadySubmitted, StaleEdit, claimed
from core.registry import unit_links
from core.uploads import UploadError, read_bytes
from core.text import fold

from . import services
from .breadcrumbs import unit_breadcrumbs
from .forms import AreaForm, AreaImportForm, LeadersForm, OrganisationForm, UnitAttributesForm
from .models import Level, MemberOrganisation, Unit


def detail(request, pk):
    unit = scope.get_unit(request.user, pk)
    children = (unit.children.ordered()
                .annotate(n_children=Count("children", distinct=True), n_users=Count("users", distinct=True)))
    q = params.query_text(request)
    if q:
        children = children.filter(search_key__contains=fold(q))
    organisations = scope.organisations_in_scope(request.user).filter(unit=unit).select_related("kind")
    people = User.objects.filter(unit=unit).select_related("organisation") if scope.in_scope(request.user, unit) else []
    counts = Unit.objects.subtree(unit, include_self=False).values("level").annotate(n=Count("id"))
    context = {
        "unit": unit,
        "children": children,
        "q": q,
        "organisations": organisations,
        "people": people,
        "counts": {row["level"]: row["n"] for row in counts},
        "can_write": request.user.can_write,
        "work_links": unit_links(request.user, unit),
        "can_edit_leaders": (request.user.can_write and request.user.role in ("officer", "admin")
                             and not request.user.organisation_id and unit.level != Level.AREA
                             and scope.in_scope(request.user, unit)),
        "can_edit_attributes": request.user.can_write and (unit != scope.root_unit(request.user)
                                                           or request.user.is_superuser),
        "breadcrumbs": unit_breadcrumbs(request.user, unit),
    }
    if request.htmx and request.htmx.target == "children":
        return render(request, "units/_children.html", context)
    return render(request, "units/detail.html", context)


def search(request):
    """Units in the user's scope by name, with or without diacritics, in Vietnamese order."""
    q = params.query_text(request)
    results = []
    if len(q) >= 2:
        results = (scope.units_in_scope(request.user).filter(search_key__contains=fold(q))
                   .select_related("parent").order_by("depth", "sort_key")[:50])
    template = "units/_search_results.html" if request.htmx else "units/search.html"
    return render(request, template, {"q": q, "results": results, "breadcrumbs": [{"label": "Tìm đơn vị"}]})


def _commune_for_write(request, pk):
    commune = scope.get_unit(request.user, pk)
    scope.require_write(request.user, commune)
    return commune


def area_edit(request, pk, area_pk=None):
    commune = _commune_for_write(request, pk)
    if commune.level != Level.COMMUNE:
        messages.error(request, "Khu dân cư chỉ thêm được vào xã, phường, đặc khu.")
        return redirect("units:detail", pk=commune.pk)
    area = get_object_or_404(Unit, pk=area_pk, parent=commune) if area_pk else None
    initial = {"code": area.code, "name": area.short_name, "kind": area.kind, "households": area.households,
               "is_active": area.is_active} if area else {"is_active": True}
    form = AreaForm(request.POST or None, initial=initial, commune=commune, instance=area)
    if area is None and (repeated := claimed(request.POST.get("once"))):  # a double submit: its code is taken
        messages.info(request, str(repeated))
        return redirect("units:detail", pk=commune.pk)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_area(request.user, commune, form.cleaned_data, area)
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect("units:detail", pk=commune.pk)
        except StaleEdit as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu {saved.name}.")
            return redirect("units:detail", pk=commune.pk)
    return render(request, "units/area_form.html", {
        "form": form, "commune": commune, "area": area,
        "breadcrumbs": unit_breadcrumbs(request.user, commune) + [{"label": area.name if area else "Thêm khu dân cư"}],
    })


def area_import(request, pk):
    target = _commune_for_write(request, pk)
    form = AreaImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_areas(request.user, target, upload.name, read_bytes(upload))
        except UploadError as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Đã nhập {result['rows']} dòng: {result['created']} khu dân cư thêm mới, "
                                      f"{result['updated']} cập nhật.")
            return redirect("units:detail", pk=target.pk)
    return render(request, "units/area_import.html", {
        "form": form, "unit": target, "errors": errors,
        "breadcrumbs": unit_breadcrumbs(request.user, target) + [{"label": "Nhập khu dân cư"}],
    })


def area_template(request, pk, fmt):
    """The import template, as XLSX or CSV."""
    unit = scope.get_unit(request.user, pk)
    rows = services.area_template_rows()
    filename = f"mau-khu-dan-cu-{unit.code}"
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    import io

    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Khu dân cư"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDE", (16, 30, 26, 10, 30)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def organisation_add(request, pk):
    unit = _commune_for_write(request, pk)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = services.add_organisation(request.user, unit, form.cleaned_data["kind"], form.cleaned_data["name"])
        messages.success(request, f"Đã thêm {org.name}.")
        return redirect(reverse("units:detail", args=[unit.pk]) + "#to-chuc")
    return render(request, "units/organisation_form.html", {
        "form": form, "unit": unit,
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Thêm tổ chức thành viên"}],
    })


def attributes_edit(request, pk):
    """Flags, households, active/merged: for administrators and officers of a unit above this one."""
    unit = scope.get_unit(request.user, pk)
    if unit == scope.root_unit(request.user) and not request.user.is_superuser:
        raise PermissionDenied("Thuộc tính của đơn vị do cấp trên hoặc quản trị viên cấp trên cập nhật.")
    scope.require_write(request.user, unit)
    siblings = Unit.objects.filter(parent_id=unit.parent_id, level=unit.level).exclude(pk=unit.pk).ordered()
    initial = {"households": unit.households, "tags": unit.tags.all(), "is_active": unit.is_active,
               "merged_into": unit.merged_into, "chair_name": unit.chair_name,
               "vice_chair_name": unit.vice_chair_name}
    form = UnitAttributesForm(request.POST or None, initial=initial, unit=unit, siblings=siblings, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_attributes(request.user, unit, form.cleaned_data)
        except StaleEdit as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu thuộc tính của {unit.name}.")
            return redirect("units:detail", pk=unit.pk)
    return render(request, "units/attributes_form.html", {
        "form": form, "unit": unit,
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Sửa thuộc tính"}],
    })


def leaders_edit(request, pk):
    """The Front committee's chair and standing vice-chair of a commune or province: its own officers keep them
    (plans take their signer from them)."""
    unit = scope.get_unit(request.user, pk)
    scope.require_write(request.user, unit)
    if unit.level == Level.AREA:
        raise Http404
    form = LeadersForm(request.POST or None, initial={"chair_name": unit.chair_name,
                                                      "vice_chair_name": unit.vice_chair_name}, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_leaders(request.user, unit, form.cleaned_data)
        except StaleEdit as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu lãnh đạo Ủy ban MTTQ {unit.name}.")
            return redirect("units:detail", pk=unit.pk)
    return render(request, "units/attributes_form.html", {
        "form": form, "unit": unit, "title": f"Lãnh đạo Ủy ban MTTQ {unit.name}",
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Lãnh đạo"}],
    })
