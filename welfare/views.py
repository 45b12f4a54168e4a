import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import scope
from core.collation import vi
from core.concurrency import AlreadySubmitted, StaleEdit, already_submitted
from accounts.models import User
from campaign.periods import get_period
from core import params
from core.text import fold
from core.uploads import UploadError, read_bytes
from documents.tables import csv_response, xlsx_response
from units.breadcrumbs import unit_breadcrumbs
from units.models import Level

from . import lists, privacy, reports, services
from .forms import (AdoptionForm, ExportForm, HouseholdForm, ImportForm, ListImportForm, SponsorshipForm, SupportForm,
                    organisations_for)
from .models import CircumstanceTag, Household, Listing, Status, SupportRecord


def _year(request):
    return params.query_year(request, default=datetime.date.today().year)


def get_household(user, pk) -> Household:
    """The household if its area is in the user's scope; 404 otherwise (we do not reveal what exists)."""
    household = get_object_or_404(Household.objects.select_related("unit"), pk=pk)
    if not scope.in_scope(user, household.unit):
        raise Http404("Không tìm thấy hộ trong phạm vi của bạn.")
    return household


def _crumbs(user, unit, *labels):
    """Unit path, then "Hộ nghèo và hỗ trợ", then each label (a text, or a household to link to)."""
    crumbs = unit_breadcrumbs(user, unit) + [
        {"label": "Hộ nghèo và hỗ trợ", "url": reverse("welfare:list", args=[unit.pk])}]
    for label in labels:
        if isinstance(label, Household):
            crumbs.append({"label": str(label), "url": reverse("welfare:detail", args=[label.pk])})
        else:
            crumbs.append({"label": label})
    return crumbs


def household_list(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    year = _year(request)
    status = request.GET.get("loai", "")
    q = params.query_text(request)
    listings = (Listing.objects.filter(year=year, household__unit__path__startswith=unit.path)
                .select_related("household__unit")
                .order_by("household__unit__sort_key", vi("household__head_name")))
    if status in Status.values:
        listings = listings.filter(status=status)
    if q:
        listings = listings.filter(household__search_key__contains=fold(q))
    page = Paginator(listings, 50).get_page(request.GET.get("page"))
    return render(request, "welfare/household_list.html", {
        "unit": unit, "year": year, "status": status, "q": q, "page": page, "statuses": Status.choices,
        "years": range(datetime.date.today().year + 1, datetime.date.today().year - 5, -1),
        "summary": reports.summary_table(unit, get_period(str(year))),
        "can_edit": services.can_edit_households(request.user, unit) and unit.level in (Level.COMMUNE, Level.AREA),
        "can_export": request.user.role != "org_officer",
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Hộ nghèo và hỗ trợ"}],
    })


def summary_download(request, unit_pk, fmt):
    unit = scope.get_unit(request.user, unit_pk)
    code = request.GET.get("ky") or str(_year(request))
    try:
        period = get_period(code)
    except ValueError as exc:
        raise Http404(str(exc))
    table = reports.summary_table(unit, period)
    name = f"Hộ nghèo và hỗ trợ {unit.name} {period.code}"
    return csv_response(table, name) if fmt == "csv" else xlsx_response(table, name)


def household_detail(request, pk):
    household = get_household(request.user, pk)
    privacy.log_view(request.user, household)
    sensitive = privacy.can_see_sensitive(request.user)
    support = household.support.select_related("organisation")
    org = scope.organisation_filter(request.user)
    if org is not None:
        support = support.filter(organisation=org)
    adoptions = services.visible_adoptions(request.user).filter(household=household).prefetch_related("support")
    return render(request, "welfare/household_detail.html", {
        "household": household, "sensitive": sensitive, "adoptions": adoptions,
        "can_adopt": request.user.can_write and request.user.role != "area_head",
        "tags": [t for t in household.circumstances.all() if sensitive or not t.is_sensitive],
        "listings": household.listings.all(), "support": support,
        "can_edit": services.can_edit_households(request.user, household.unit),
        "can_support": request.user.can_write, "can_reveal": privacy.can_export_identity(request.user),
        "breadcrumbs": _crumbs(request.user, household.unit, str(household)),
    })


@never_cache
@require_POST
def reveal_identity(request, pk):
    """The full identity number, on an explicit request with a reason, by a user with the right; logged."""
    household = get_household(request.user, pk)
    reason = request.POST.get("reason", "").strip()
    if not privacy.can_export_identity(request.user):
        raise PermissionDenied("Bạn không có quyền xem số định danh đầy đủ.")
    if not reason:
        messages.error(request, "Ghi lý do cần xem số định danh đầy đủ.")
        return redirect("welfare:detail", pk=household.pk)
    privacy.log_reveal(request.user, household, reason)
    return render(request, "welfare/identity.html", {
        "household": household, "breadcrumbs": _crumbs(request.user, household.unit, str(household))})


def household_edit(request, unit_pk=None, pk=None):
    household = get_household(request.user, pk) if pk else None
    unit = household.unit if household else scope.get_unit(request.user, unit_pk)
    if not services.can_edit_households(request.user, unit):
        raise PermissionDenied("Bạn không có quyền sửa danh sách hộ.")
    sensitive = privacy.can_see_sensitive(request.user)
    initial = {"year": datetime.date.today().year}
    if household:
        privacy.log_view(request.user, household)
        listing = household.listings.first()
        initial.update(area=household.unit_id, head_name=household.head_name,
                       members=household.members, note=household.note, circumstances=household.circumstances.all(),
                       ethnicity=household.ethnicity, has_disability=household.has_disability,
                       health_note=household.health_note)
        if listing:
            initial.update(year=listing.year, status=listing.status)
    form = HouseholdForm(request.POST or None, initial=initial, unit=unit.parent if household else unit,
                         sensitive=sensitive, instance=household)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_household(request.user, data["area"], data, data["year"], data["status"],
                                            instance=household)
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "welfare:detail")
        except StaleEdit as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Đã lưu {saved}.")
            return redirect("welfare:detail", pk=saved.pk)
    return render(request, "welfare/household_form.html", {
        "form": form, "unit": unit, "household": household, "sensitive": sensitive,
        "breadcrumbs": _crumbs(request.user, unit, *([household, "Sửa"] if household else ["Thêm hộ"])),
    })


def household_import(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    if not services.can_edit_households(request.user, unit) or unit.level not in (Level.COMMUNE, Level.AREA):
        raise PermissionDenied("Nhập danh sách hộ ở trang của xã hoặc khu dân cư, với quyền ghi.")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_households(request.user, unit, form.cleaned_data["year"], upload.name,
                                                read_bytes(upload))
        except UploadError as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Đã nhập {result['rows']} dòng: {result['created']} hộ thêm mới, "
                                      f"{result['updated']} hộ cập nhật.")
            return redirect(reverse("welfare:list", args=[unit.pk]) + f"?nam={form.cleaned_data['year']}")
    return render(request, "welfare/household_import.html", {
        "form": form, "unit": unit, "errors": errors, "sensitive": privacy.can_see_sensitive(request.user),
        "tags": CircumstanceTag.objects.all(),
        "breadcrumbs": _crumbs(request.user, unit, "Nhập danh sách hộ"),
    })


def import_template(request, unit_pk):
    scope.get_unit(request.user, unit_pk)
    import io

    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách hộ"
    for row in services.import_template_rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (14, 26, 16, 12, 22, 34, 14, 16, 22)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-ho.xlsx"'
    return response


def household_export(request, unit_pk):
    """Download the year's list: masked by default; unmasked only with the right and a reason, both logged."""
    unit = scope.get_unit(request.user, unit_pk)
    if request.user.role == "org_officer":
        raise PermissionDenied("Cán bộ tổ chức thành viên không xuất được danh sách hộ.")
    can_unmask = privacy.can_export_identity(request.user)
    form = ExportForm(request.POST or None, can_unmask=can_unmask, initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unmasked = bool(can_unmask and data.get("unmask"))
        if unit.level in (Level.PROVINCE, Level.NATION):  # thousands of households: made by a background job
            from jobs import services as jobs

            job = jobs.start(request.user, "welfare.household_list",
                             f"Xuất danh sách hộ năm {data['year']} — {unit.name} ({data['fmt'].upper()})",
                             {"unit": unit.pk, "year": data["year"], "unmasked": unmasked,
                              "reason": data.get("reason", "").strip(), "fmt": data["fmt"]}, unit=unit)
            return redirect("jobs:detail", pk=job.pk)
        table = reports.export_table(request.user, unit, data["year"], unmasked)
        privacy.log_export(request.user, unit, count=len(table.rows), unmasked=unmasked,
                           reason=data.get("reason", "").strip(), fmt=data["fmt"])
        name = f"Danh sách hộ {data['year']} {unit.name}"
        return csv_response(table, name) if data["fmt"] == "csv" else xlsx_response(table, name)
    return render(request, "welfare/household_export.html", {
        "form": form, "unit": unit, "can_unmask": can_unmask,
        "breadcrumbs": _crumbs(request.user, unit, "Xuất danh sách hộ"),
    })


def support_add(request, pk):
    household = get_household(request.user, pk)
    scope.require_write(request.user, household.unit)
    org = scope.organisation_filter(request.user)
    adoptions = services.support_adoptions(request.user, household)
    initial = {"date": datetime.date.today()}
    if request.GET.get("nhan_giup_do"):
        initial["adoption"] = params.to_pk(request.GET["nhan_giup_do"])
    form = SupportForm(request.POST or None, organisations=organisations_for(household.unit.parent),
                       fixed_organisation=org, adoptions=adoptions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.add_support(request.user, household, form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Đã ghi {record}.")
            return redirect("welfare:detail", pk=household.pk)
    return render(request, "welfare/support_form.html", {
        "form": form, "household": household, "organisation": org,
        "breadcrumbs": _crumbs(request.user, household.unit, household, "Ghi hỗ trợ"),
    })


@require_POST
def support_delete(request, pk):
    record = get_object_or_404(SupportRecord.objects.select_related("unit", "household"), pk=pk)
    if not scope.in_scope(request.user, record.unit):
        raise Http404("Không tìm thấy trong phạm vi của bạn.")
    try:
        services.delete_support(request.user, record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xóa bản ghi hỗ trợ.")
    return redirect("welfare:detail", pk=record.household_id)


def support_list(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    year = _year(request)
    records = scope.scope_queryset(request.user, SupportRecord.objects.filter(
        unit__path__startswith=unit.path, date__year=year), organisation_field="organisation")
    kind = request.GET.get("loai", "")
    if kind:
        records = records.filter(kind=kind)
    page = Paginator(records.select_related("household", "unit", "organisation"), 50).get_page(
        request.GET.get("page"))
    from .models import Kind

    return render(request, "welfare/support_list.html", {
        "unit": unit, "year": year, "page": page, "kind": kind, "kinds": Kind.choices,
        "breadcrumbs": _crumbs(request.user, unit, f"Hỗ trợ năm {year}"),
    })


def privacy_rights(request):
    """Administrators grant the two personal-data rights to users of their subtree."""
    if not scope.can_manage_users(request.user):
        raise PermissionDenied("Chỉ quản trị viên cấp quyền dữ liệu cá nhân.")
    users = (User.objects.filter(unit__in=scope.units_in_scope(request.user), is_active=True)
             .select_related("unit").prefetch_related(Prefetch("user_permissions")).order_by(vi("full_name")))
    if request.method == "POST":
        target = get_object_or_404(users, pk=request.POST.get("user"))
        services.set_privacy_rights(request.user, target, sensitive=bool(request.POST.get("sensitive")),
                                    export=bool(request.POST.get("export")))
        messages.success(request, f"Đã cập nhật quyền của {target}.")
        return redirect("welfare:rights")
    rows = []
    for u in users:
        codes = {p.codename for p in u.user_permissions.all()}
        rows.append((u, "view_sensitive" in codes, "export_identity" in codes))
    unit = scope.root_unit(request.user)
    return render(request, "welfare/privacy_rights.html", {
        "rows": rows, "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Quyền dữ liệu cá nhân"}],
    })


def circumstance_tags(request):
    """The configurable list of circumstances; administrators add to it."""
    can_edit = scope.can_manage_users(request.user)
    errors = []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Chỉ quản trị viên sửa danh mục hoàn cảnh.")
        try:
            tag = services.add_circumstance_tag(request.user, request.POST.get("name", ""),
                                                bool(request.POST.get("is_sensitive")))
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"Đã thêm hoàn cảnh “{tag.name}”.")
            return redirect("welfare:tags")
    unit = scope.root_unit(request.user)
    return render(request, "welfare/tags.html", {
        "tags": CircumstanceTag.objects.all(), "can_edit": can_edit, "errors": errors,
        "sensitive_ok": privacy.can_see_sensitive(request.user),
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Danh mục hoàn cảnh"}],
    })


# --- Adoption of households, sponsored children -------------------------------------------------------------


def _adoption_form(request, household, adoption=None):
    organisations, fronts = services.adopter_choices(request.user, household)
    initial = {"from_year": datetime.date.today().year, "to_year": datetime.date.today().year + 2}
    if adoption is not None:
        initial = {"adopter": f"o{adoption.organisation_id}" if adoption.organisation_id else
                   f"f{adoption.front_unit_id}", "from_year": adoption.from_year, "to_year": adoption.to_year,
                   "commitment": adoption.commitment, "ended_early_on": adoption.ended_early_on,
                   "version": adoption.version}
        if adoption.front_unit_id and adoption.front_unit not in fronts:
            fronts = [adoption.front_unit, *fronts]
    return AdoptionForm(request.POST or None, organisations=organisations, fronts=fronts, initial=initial)


def _save_adoption_from(request, form, household, adoption=None):
    try:
        return services.save_adoption(request.user, household, form.cleaned_data, adoption)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error("adopter" if field in ("organisation", "front_unit") else
                               field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
    return None


def adoption_add(request, pk):
    household = get_household(request.user, pk)
    scope.require_write(request.user, household.unit)
    form = _adoption_form(request, household)
    if request.method == "POST" and form.is_valid():
        adoption = _save_adoption_from(request, form, household)
        if adoption is not None:
            messages.success(request, f"Đã ghi: {adoption}.")
            return redirect("welfare:detail", pk=household.pk)
    return render(request, "welfare/adoption_form.html", {
        "form": form, "household": household,
        "breadcrumbs": _crumbs(request.user, household.unit, household, "Phân công nhận giúp đỡ")})


def get_adoption(user, pk):
    adoption = services.visible_adoptions(user).filter(pk=params.to_pk(pk)).first()
    if adoption is None:
        raise Http404("Không tìm thấy phân công nhận giúp đỡ trong phạm vi của bạn.")
    return adoption


def adoption_edit(request, pk):
    adoption = get_adoption(request.user, pk)
    household = adoption.household
    scope.require_write(request.user, household.unit)
    form = _adoption_form(request, household, adoption)
    if request.method == "POST" and form.is_valid():
        if _save_adoption_from(request, form, household, adoption) is not None:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("welfare:detail", pk=household.pk)
    return render(request, "welfare/adoption_form.html", {
        "form": form, "household": household, "adoption": adoption,
        "breadcrumbs": _crumbs(request.user, household.unit, household, "Sửa phân công nhận giúp đỡ")})


@require_POST
def adoption_delete(request, pk):
    adoption = get_adoption(request.user, pk)
    try:
        services.delete_adoption(request.user, adoption)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xóa phân công nhận giúp đỡ.")
    return redirect("welfare:detail", pk=adoption.household_id)


def _adoptions_in(request, unit):
    year = _year(request)
    qs = (services.visible_adoptions(request.user).filter(household__unit__path__startswith=unit.path,
                                                          from_year__lte=year, to_year__gte=year)
          .prefetch_related("household__listings", "support").order_by("household__unit__sort_key",
                                                                       "household__search_key", "pk"))
    return year, qs


def adoption_list(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    year, qs = _adoptions_in(request, unit)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "welfare/adoption_list.html", {
        "unit": unit, "year": year, "page": page, "figures": _spine_figures(unit, year),
        "can_add_hint": request.user.can_write and request.user.role != "area_head",
        "can_import": unit.level in (Level.COMMUNE, Level.AREA),
        "breadcrumbs": _crumbs(request.user, unit, f"Nhận giúp đỡ hộ năm {year}")})


def _spine_figures(unit, year):
    """The spine's numbers for this unit and year (never summed here): adopted, of which escaped; children."""
    from indicators.models import Measure
    from indicators.queries import reading

    period = get_period(str(year))
    codes = ["households_adopted", "households_adopted_escaped", "children_sponsored"]
    measures = {m.code: m for m in Measure.objects.filter(code__in=codes)}
    return [(measures[c], reading(measures[c], unit, period)) for c in codes if c in measures]


def adoption_export(request, unit_pk):
    from accounts import audit

    unit = scope.get_unit(request.user, unit_pk)
    year, qs = _adoptions_in(request, unit)
    table = services.adoptions_table(qs, unit, year)
    audit.record(request.user, audit.Action.EXPORT, None, unit=unit, verb="Xuất danh sách nhận giúp đỡ hộ",
                 note=f"{len(table.rows)} dòng, năm {year}")
    return xlsx_response(table, f"Nhận giúp đỡ hộ {unit.name} {year}.xlsx")


def adoption_docx(request, unit_pk):
    """The adoption list of the year as an ND 30 document (Danh sách phân công nhận giúp đỡ hộ nghèo)."""
    from accounts import audit
    from documents.responses import docx_response

    unit = scope.get_unit(request.user, unit_pk)
    year, qs = _adoptions_in(request, unit)
    audit.record(request.user, audit.Action.EXPORT, None, unit=unit, verb="Xuất danh sách nhận giúp đỡ hộ (.docx)",
                 note=f"năm {year}")
    return docx_response(lists.adoptions_document(list(qs), unit, year),
                         f"Danh sách phân công nhận giúp đỡ hộ nghèo {unit.name} {year}")


def _import_page(request, unit, importer, template_name, back, title, done):
    if request.user.role == "area_head":
        raise PermissionDenied("Danh sách này do Ủy ban MTTQ và tổ chức thành viên ghi.")
    scope.require_write(request.user, unit)
    form = ListImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = importer(request.user, unit, upload.name, read_bytes(upload))
        except UploadError as exc:
            errors = exc.errors
        else:
            messages.success(request, done.format(count=count))
            return redirect(back, unit.pk)
    status = 400 if request.method == "POST" and (errors or form.errors) else 200
    return render(request, "welfare/list_import.html", {
        "form": form, "errors": errors, "unit": unit, "title": title, "back": back, "template": template_name,
        "organisation": scope.organisation_filter(request.user),
        "breadcrumbs": _crumbs(request.user, unit, title)}, status=status)


def adoption_import(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    return _import_page(request, unit, lists.import_adoptions, "welfare:adoption_template", "welfare:adoptions",
                        "Nhập danh sách phân công nhận giúp đỡ hộ", "Đã nhập {count} phân công nhận giúp đỡ hộ.")


def child_import(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    return _import_page(request, unit, lists.import_children, "welfare:children_template", "welfare:children",
                        "Nhập danh sách trẻ được đỡ đầu", "Đã nhập {count} trẻ được đỡ đầu.")


def _template(fmt, table, name):
    if fmt not in ("xlsx", "csv"):
        raise Http404("Không có mẫu này.")
    return xlsx_response(table, name) if fmt == "xlsx" else csv_response(table, name)


def adoption_template(request, fmt):
    return _template(fmt, lists.adoption_template(), "Mẫu phân công nhận giúp đỡ hộ")


def children_template(request, fmt):
    return _template(fmt, lists.child_template(), "Mẫu danh sách trẻ được đỡ đầu")


def _children_in(request, unit):
    return (services.visible_sponsorships(request.user).filter(unit__path__startswith=unit.path)
            .order_by("unit__sort_key", "child_name", "pk"))


def sponsorship_list(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    page = Paginator(_children_in(request, unit), 50).get_page(request.GET.get("page"))
    return render(request, "welfare/sponsorship_list.html", {
        "unit": unit, "page": page, "today": datetime.date.today(),
        "can_add": request.user.can_write and request.user.role != "area_head",
        "can_import": unit.level in (Level.COMMUNE, Level.AREA),
        "breadcrumbs": _crumbs(request.user, unit, "Đỡ đầu trẻ em “Kết nối yêu thương”")})


def sponsorship_export(request, unit_pk):
    from accounts import audit

    unit = scope.get_unit(request.user, unit_pk)
    table = services.sponsorships_table(_children_in(request, unit), unit)
    audit.record(request.user, audit.Action.EXPORT, None, unit=unit, verb="Xuất danh sách trẻ được đỡ đầu",
                 note=f"{len(table.rows)} dòng")
    return xlsx_response(table, f"Đỡ đầu trẻ em {unit.name}.xlsx")


def children_docx(request, unit_pk):
    from accounts import audit
    from documents.responses import docx_response

    unit = scope.get_unit(request.user, unit_pk)
    qs = list(_children_in(request, unit))
    audit.record(request.user, audit.Action.EXPORT, None, unit=unit, verb="Xuất danh sách trẻ được đỡ đầu (.docx)",
                 note=f"{len(qs)} trẻ")
    return docx_response(lists.children_document(qs, unit), f"Danh sách trẻ được đỡ đầu {unit.name}")


def _sponsorship_form(request, unit, instance=None):
    from units.models import Level, Unit

    areas = scope.units_in_scope(request.user).filter(level=Level.AREA, path__startswith=unit.path)
    org = scope.organisation_filter(request.user)
    orgs = scope.organisations_in_scope(request.user).filter(is_active=True).select_related("kind", "unit")
    initial = {"starts_on": datetime.date.today()}
    if unit.level == Level.AREA:
        initial["unit"] = unit.pk
    if instance is not None:
        initial = {f: getattr(instance, f) for f in ("child_name", "birth_year", "circumstance", "sponsor_name",
                                                     "monthly_amount", "starts_on", "ends_on", "version")}
        initial.update(unit=instance.unit_id, organisation=instance.organisation_id)
        areas = areas | Unit.objects.filter(pk=instance.unit_id)
    return SponsorshipForm(request.POST or None, areas=areas.order_by("sort_key"), organisations=orgs,
                           fixed_organisation=org, initial=initial)


def sponsorship_edit(request, unit_pk=None, pk=None):
    instance = None
    if pk is not None:
        instance = services.visible_sponsorships(request.user).filter(pk=params.to_pk(pk)).first()
        if instance is None:
            raise Http404("Không tìm thấy trong phạm vi của bạn.")
        unit = instance.unit
    else:
        unit = scope.get_unit(request.user, unit_pk)
    scope.require_write(request.user, unit)
    form = _sponsorship_form(request, unit, instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_sponsorship(request.user, form.cleaned_data, instance)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu: {saved}.")
            return redirect("welfare:children", unit_pk=unit.pk)
    return render(request, "welfare/sponsorship_form.html", {
        "form": form, "unit": unit, "instance": instance,
        "breadcrumbs": _crumbs(request.user, unit, "Đỡ đầu trẻ em")})


@require_POST
def sponsorship_delete(request, pk):
    instance = services.visible_sponsorships(request.user).filter(pk=params.to_pk(pk)).first()
    if instance is None:
        raise Http404("Không tìm thấy trong phạm vi của bạn.")
    unit = instance.unit
    services.delete_sponsorship(request.user, instance)
    messages.success(request, "Đã xóa.")
    return redirect("welfare:children", unit_pk=unit.pk)
