from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import audit, scope
from core import params
from core.concurrency import AlreadySubmitted, StaleEdit, already_submitted
from core.forms import apply_validation_error
from core.uploads import UploadError, read_bytes, serve
from units.breadcrumbs import unit_breadcrumbs
from units.models import Level, Unit, within

from . import services
from .forms import DecisionForm, ExemplaryForm, NominationForm, ReviewForm, TitleImportForm
from .models import AreaTitle, CommuneTitle, ExemplaryPerson, Nomination


def _subtree(queryset, unit):
    return queryset.filter(within(unit))


def _scoped(request, model):
    return scope.scope_queryset(request.user, model.objects.all())


def _crumbs(request, unit, *extra):
    return unit_breadcrumbs(request.user, unit) + [
        {"label": "Thi đua, khen thưởng", "url": reverse("recognition:index", args=[unit.pk])}, *extra]


def _default_year():
    today = timezone.localdate()
    return today.year if today.month >= 10 else today.year - 1


def _context(request, unit, tab, **kw):
    return {"unit": unit, "tab": tab, "can_write": request.user.can_write and unit.level != Level.AREA, **kw}


def index(request, pk):
    unit = scope.get_unit(request.user, pk)
    return redirect("recognition:titles", pk=unit.pk, year=_default_year())


# --- cultural titles ---------------------------------------------------------------------------------------

def _untouched_counts_blank(post):
    """The household counts the form filled in for areas not reported yet stay "not reported" unless the
    person entered something else on that row."""
    post = post.copy()
    for key in [k for k in post if k.startswith("known-")]:
        pk_ = key.removeprefix("known-")
        if (post.get(key) and post.get(f"total-{pk_}", "").strip() == post[key]
                and not post.get(f"cultural-{pk_}", "").strip() and not post.get(f"recognised-{pk_}")):
            post[f"total-{pk_}"] = ""
    return post


def titles(request, pk, year):
    unit = scope.get_unit(request.user, pk)
    if not 2000 <= year <= 2100:
        raise Http404("Không có năm này.")
    if (chosen := params.query_year(request)) and chosen != year:
        return redirect("recognition:titles", pk=unit.pk, year=chosen)
    if unit.level == Level.AREA:
        return render(request, "recognition/area_title.html", _context(
            request, unit, "titles", year=year, title=AreaTitle.objects.filter(unit=unit, year=year).first(),
            breadcrumbs=_crumbs(request, unit, {"label": f"Danh hiệu văn hóa năm {year}"})))
    crumbs = _crumbs(request, unit, {"label": f"Danh hiệu văn hóa năm {year}"})
    errors, stale = [], False
    if request.method == "POST":
        scope.require_write(request.user, unit)
        try:
            rows = services.rows_from_form(unit, _untouched_counts_blank(request.POST))
            changed = services.save_titles(request.user, unit, year, rows,
                                           exemplary=bool(request.POST.get("exemplary")),
                                           versions=services.versions_from_form(unit, request.POST))
        except UploadError as exc:
            errors = exc.errors
        except StaleEdit as exc:  # the numbers typed stay; the page now holds the saved rows' versions
            errors, stale = exc.messages, True
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"Đã lưu danh hiệu văn hóa năm {year}: {changed['created']} khu dân cư thêm, "
                                      f"{changed['updated']} sửa, {changed['cleared']} xóa.")
            return redirect("recognition:titles", pk=unit.pk, year=year)
    rows = services.title_rows(unit, year)
    table = services.title_table(unit, year, rows)
    if request.GET.get("tai") == "xlsx":
        from documents.tables import xlsx_response

        audit.record(request.user, audit.Action.EXPORT, unit=unit, object_type="recognition.areatitle",
                     object_repr=f"Danh hiệu văn hóa năm {year} · {unit.name}")
        return xlsx_response(table, f"Danh hiệu văn hóa {year} {unit.short_name}")
    context = _context(request, unit, "titles", year=year, years=range(timezone.localdate().year, 2019, -1),
                       table=table, errors=errors, breadcrumbs=crumbs)
    if unit.level == Level.COMMUNE:
        for r in rows:  # what the inputs show: the posted text after an error, else the saved numbers
            pk_ = r["unit"].pk
            if errors:
                r["in_total"], r["in_cultural"] = request.POST.get(f"total-{pk_}", ""), request.POST.get(
                    f"cultural-{pk_}", "")
                r["in_recognised"] = bool(request.POST.get(f"recognised-{pk_}"))
                r["known"] = request.POST.get(f"known-{pk_}", "")
                if not stale:  # an input error keeps the versions the page was opened with
                    r["version"] = request.POST.get(f"v-{pk_}", "")
            else:  # an area not reported yet starts from the household count doanket knows (Unit.households)
                r["known"] = r["unit"].households if r["total"] is None and r["unit"].households else ""
                r["in_total"] = r["known"] if r["total"] is None else r["total"]
                r["in_cultural"] = "" if r["cultural"] is None else r["cultural"]
                r["in_recognised"] = bool(r["areas_recognised"])
        context["entry_rows"] = rows
        context["exemplary"] = (request.POST.get("exemplary") if errors else
                                CommuneTitle.objects.filter(unit=unit, year=year).exists())
        return render(request, "recognition/titles_commune.html", context)
    return render(request, "recognition/titles_overview.html", context)


def titles_import(request, pk, year):
    unit = scope.get_unit(request.user, pk)
    scope.require_write(request.user, unit)
    if unit.level != Level.COMMUNE:
        raise Http404("Nhập danh hiệu văn hóa theo từng xã, phường.")
    form = TitleImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            changed = services.import_titles(request.user, unit, year, upload.name, read_bytes(upload))
        except UploadError as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Đã nhập danh hiệu văn hóa năm {year}: {changed['created']} khu dân cư thêm, "
                                      f"{changed['updated']} sửa.")
            return redirect("recognition:titles", pk=unit.pk, year=year)
    return render(request, "recognition/titles_import.html", _context(
        request, unit, "titles", form=form, errors=errors, year=year,
        breadcrumbs=_crumbs(request, unit, {"label": f"Danh hiệu văn hóa năm {year}",
                                            "url": reverse("recognition:titles", args=[unit.pk, year])},
                            {"label": "Nhập từ tệp"})))


def titles_template(request, pk, year):
    unit = scope.get_unit(request.user, pk)
    if unit.level != Level.COMMUNE:
        raise Http404("Tệp mẫu theo từng xã, phường.")
    import io

    import openpyxl
    from openpyxl.styles import Font

    from documents.tables import append_row

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = f"Danh hiệu {year}"
    for row in services.template_rows(unit, year):
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDE", (14, 32, 20, 20, 22)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    from documents.responses import file_response
    from documents.tables import XLSX_CONTENT_TYPE

    return file_response(buffer.getvalue(), f"Mẫu danh hiệu văn hóa {year} {unit.short_name}", XLSX_CONTENT_TYPE,
                         ".xlsx")


# --- nominations -----------------------------------------------------------------------------------------

def nominations(request, pk):
    unit = scope.get_unit(request.user, pk)
    qs = _subtree(_scoped(request, Nomination), unit).select_related("unit")
    status, year = request.GET.get("tinh-trang", ""), params.query_year(request)
    if status in Nomination.Status.values:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if request.GET.get("tai") in ("docx", "xlsx"):
        audit.record(request.user, audit.Action.EXPORT, unit=unit, object_type="recognition.nomination",
                     object_repr=f"Danh sách đề nghị khen thưởng · {unit.name}")
        rows = list(qs.exclude(status=Nomination.Status.REJECTED))
        name = f"Đề nghị khen thưởng {unit.short_name}" + (f" {year}" if year else "")
        if request.GET["tai"] == "xlsx":
            from documents.tables import xlsx_response

            return xlsx_response(services.nominations_table(unit, rows), name)
        from documents.responses import docx_response

        return docx_response(services.nominations_document(unit, year or _default_year(), rows), name)
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(request, "recognition/nominations.html", _context(
        request, unit, "nominations", page=page, status=status, year=year or "", statuses=Nomination.Status.choices,
        breadcrumbs=_crumbs(request, unit, {"label": "Khen thưởng"})))


def nomination_edit(request, pk=None, nid=None):
    obj = get_object_or_404(_scoped(request, Nomination), pk=nid) if nid else None
    unit = obj.unit if obj else scope.get_unit(request.user, pk)
    scope.require_write(request.user, unit)
    initial = {f: getattr(obj, f) for f in services.NOMINATION_FIELDS} if obj else {
        "year": _default_year(), "nominee_type": Nomination.NomineeType.COLLECTIVE}
    form = NominationForm(request.POST or None, initial=initial, instance=obj,
                          units=Unit.objects.subtree(unit).filter(level__in=[Level.COMMUNE, Level.AREA]).ordered(),
                          organisations=scope.organisations_in_scope(request.user).filter(
                              unit__in=Unit.objects.subtree(unit)))
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.save_nomination(request.user, unit, form.cleaned_data, obj)
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "recognition:nomination", kwarg="nid")
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã lưu đề nghị khen thưởng {obj.nominee_name}.")
            return redirect("recognition:nomination", nid=obj.pk)
    return render(request, "recognition/nomination_form.html", _context(
        request, unit, "nominations", form=form, obj=obj,
        breadcrumbs=_crumbs(request, unit, {"label": "Khen thưởng", "url": reverse("recognition:nominations",
                                                                                    args=[unit.pk])},
                            {"label": "Sửa đề nghị" if obj else "Thêm đề nghị"})))


def nomination_detail(request, nid):
    obj = get_object_or_404(_scoped(request, Nomination).select_related("unit", "nominee_unit",
                                                                        "nominee_organisation"), pk=nid)
    today = timezone.localdate()
    refused = None
    review_form = ReviewForm(initial={"on": today, "decision": "approve"}, instance=obj)
    decision_form = DecisionForm(initial={"date": today, "level": Nomination.Level.COMMUNE
                                          if obj.unit.level == Level.COMMUNE else Nomination.Level.PROVINCE},
                                 instance=obj)
    if request.method == "POST":
        action = request.POST.get("action")
        form = (ReviewForm if action == "review" else DecisionForm)(request.POST, instance=obj)
        if form.is_valid():
            try:
                if action == "review":
                    services.review_nomination(request.user, obj, form.cleaned_data["decision"] == "approve",
                                               form.cleaned_data["on"], form.cleaned_data["note"],
                                               version=form.cleaned_data.get("version"))
                else:
                    services.decide_nomination(request.user, obj, form.cleaned_data["number"],
                                               form.cleaned_data["date"], form.cleaned_data["level"],
                                               version=form.cleaned_data.get("version"))
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, "Đã lưu.")
                return redirect("recognition:nomination", nid=obj.pk)
        if action == "review":
            review_form = form
        else:
            decision_form = form
        # refused because someone else moved the nomination on: its form is no longer on the page
        if obj.status != ("proposed" if action == "review" else "approved"):
            refused = form.non_field_errors()
    return render(request, "recognition/nomination_detail.html", _context(
        request, obj.unit, "nominations", obj=obj, review_form=review_form, decision_form=decision_form,
        refused=refused,
        exemplary=obj.exemplary.all(),
        breadcrumbs=_crumbs(request, obj.unit, {"label": "Khen thưởng", "url": reverse("recognition:nominations",
                                                                                        args=[obj.unit_id])},
                            {"label": obj.nominee_name})))


# --- exemplary people --------------------------------------------------------------------------------------

def exemplary(request, pk):
    unit = scope.get_unit(request.user, pk)
    people = _subtree(_scoped(request, ExemplaryPerson), unit).select_related("unit")
    page = Paginator(people, 24).get_page(request.GET.get("trang"))
    return render(request, "recognition/exemplary.html", _context(
        request, unit, "exemplary", page=page, breadcrumbs=_crumbs(request, unit, {"label": "Gương điển hình"})))


def exemplary_edit(request, pk=None, eid=None):
    obj = get_object_or_404(_scoped(request, ExemplaryPerson), pk=eid) if eid else None
    unit = obj.unit if obj else scope.get_unit(request.user, pk)
    scope.require_write(request.user, unit)
    initial = {"year": obj.year, "name": obj.name, "description": obj.description, "story": obj.story,
               "nomination": obj.nomination} if obj else {"year": _default_year()}
    if not obj and (nid := request.GET.get("de-nghi", "")).isdigit():
        initial["nomination"] = _subtree(_scoped(request, Nomination), unit).filter(pk=int(nid)).first()
        if initial["nomination"]:
            initial["name"] = initial["nomination"].nominee_name
    form = ExemplaryForm(request.POST or None, request.FILES or None, initial=initial, instance=obj,
                         nominations=_subtree(_scoped(request, Nomination), unit))
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.save_exemplary(request.user, unit, form.cleaned_data, obj, form.cleaned_data["photo"])
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect("recognition:exemplary", pk=unit.pk)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã lưu gương điển hình {obj.name}.")
            return redirect(reverse("recognition:exemplary", args=[unit.pk]) + f"#g{obj.pk}")
    return render(request, "recognition/exemplary_form.html", _context(
        request, unit, "exemplary", form=form, obj=obj,
        breadcrumbs=_crumbs(request, unit, {"label": "Gương điển hình", "url": reverse("recognition:exemplary",
                                                                                        args=[unit.pk])},
                            {"label": obj.name if obj else "Thêm"})))


def exemplary_photo(request, eid):
    obj = get_object_or_404(_scoped(request, ExemplaryPerson), pk=eid)
    if not obj.photo:
        raise Http404("Chưa có ảnh.")
    return serve(obj.photo, "image/jpeg", f"guong-dien-hinh-{obj.pk}.jpg")


