from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import scope
from core import outbox
from core.uploads import UploadError, read_bytes
from core.concurrency import AlreadySubmitted, already_submitted
from units.breadcrumbs import unit_breadcrumbs
from units.models import Level, OrganisationKind, Unit

from . import registration, services
from .forms import (DateForm, DriveForm, EvaluateForm, InitiativeForm, PhotoForm, ReplicateForm, ShowcaseFilter,
                    UploadForm)
from .models import Initiative, Photo
from .photos import file_response


def _crumbs(request, unit, *labels):
    return unit_breadcrumbs(request.user, unit) + [{"label": label} for label in labels]


def _filter_unit(request):
    pk = request.GET.get("don_vi")
    return scope.get_unit(request.user, pk) if pk else scope.root_unit(request.user)


def index(request):
    unit = _filter_unit(request)
    qs = services.visible(request.user).filter(unit__path__startswith=unit.path).prefetch_related("topics")
    status, kind, topic, pilot = (request.GET.get(k, "") for k in ("trang_thai", "loai", "chu_de", "diem"))
    if status in Initiative.Status.values:
        qs = qs.filter(status=status)
    if kind in Initiative.Kind.values:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__code=topic)
    if pilot == "1":
        qs = qs.filter(is_pilot=True)
    page = Paginator(qs.order_by("unit__path", "-started_on", "id"), 50).get_page(request.GET.get("trang"))
    return render(request, "initiatives/index.html", {
        "unit": unit, "page": page, "statuses": Initiative.Status.choices, "kinds": Initiative.Kind.choices,
        "topics": services.active_topics(), "f": {"status": status, "kind": kind, "topic": topic, "pilot": pilot},
        "can_add": request.user.can_write and unit.level in services.UNIT_LEVELS + (Level.DISTRICT,),
        "breadcrumbs": _crumbs(request, unit, "Mô hình, công trình, phần việc"),
    })


def add(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    scope.require_write(request.user, unit)
    initial = {"unit": unit.pk, "started_on": None}
    if scope.organisation_filter(request.user):
        initial["organisation"] = request.user.organisation_id
    form = InitiativeForm(request.POST or None, user=request.user, context_unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.save_initiative(request.user, form.cleaned_data)
        except AlreadySubmitted as exc:
            if outbox.wanted(request):
                return outbox.duplicate(request, exc, _after_add(request, exc.object, unit))
            return already_submitted(request, exc, "initiatives:detail")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            text = f"Đã lưu “{initiative.title}”."
            if outbox.wanted(request):
                return outbox.accepted(request, text, _after_add(request, initiative, unit))
            messages.success(request, text)
            return redirect("initiatives:detail", pk=initiative.pk)
    if outbox.wanted(request):
        return outbox.refused(form)
    return render(request, "initiatives/form.html", {
        "form": form, "unit": unit, "breadcrumbs": _crumbs(request, unit, "Thêm mô hình, công trình, phần việc")})


def _after_add(request, initiative, unit):
    """Where the phone's outbox leads after a model is accepted: the area head back to their phone page."""
    if request.user.role == "area_head" and unit.level == "area":
        return reverse("activities:area_home")
    return reverse("initiatives:detail", args=[initiative.pk]) if initiative else reverse("initiatives:index")


def edit(request, pk):
    initiative = services.get_initiative(request.user, pk)
    services.require_edit(request.user, initiative)
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user,
                          context_unit=initiative.unit.parent if initiative.unit.is_area else initiative.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_initiative(request.user, form.cleaned_data, initiative)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("initiatives:detail", pk=initiative.pk)
    return render(request, "initiatives/form.html", {
        "form": form, "unit": initiative.unit, "initiative": initiative,
        "breadcrumbs": _crumbs(request, initiative.unit, initiative.title)})


def detail(request, pk):
    initiative = services.get_initiative(request.user, pk)
    return render(request, "initiatives/detail.html", {
        "i": initiative, "can_edit": services.can_edit(request.user, initiative),
        "photos": initiative.photos.all(), "copies": initiative.copies.select_related("unit"),
        "topics": initiative.topics.all(), "criteria": initiative.criteria.select_related("criteria_set"),
        "evaluate_form": EvaluateForm(), "date_form": DateForm(), "photo_form": PhotoForm(),
        "breadcrumbs": _crumbs(request, initiative.unit, initiative.title),
    })


@require_POST
def transition(request, pk, action):
    initiative = services.get_initiative(request.user, pk)
    form = EvaluateForm(request.POST) if action == "danh-gia" else DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Thiếu thông tin: " + "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("initiatives:detail", pk=pk)
    data = form.cleaned_data
    try:
        if action == "bat-dau":
            services.start(request.user, initiative, data["on"])
        elif action == "danh-gia":
            services.evaluate(request.user, initiative, data["rating"], data["notes"], data["evaluated_on"])
        elif action == "dung":
            services.stop(request.user, initiative, data["on"], data["notes"])
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã cập nhật: {initiative.get_status_display()}.")
    return redirect("initiatives:detail", pk=pk)


def replicate(request, pk):
    initiative = services.get_initiative(request.user, pk)
    services.require_edit(request.user, initiative)
    base = initiative.unit.parent if initiative.unit.is_area else initiative.unit
    candidates = Unit.objects.filter(pk__in=[u.pk for u in services.unit_choices(request.user, base)]).exclude(
        pk=initiative.unit_id).order_by("depth", "sort_key")
    form = ReplicateForm(request.POST or None, units=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            copies = services.replicate(request.user, initiative, list(form.cleaned_data["units"]),
                                        form.cleaned_data["on"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã nhân rộng sang {len(copies)} địa bàn.")
            return redirect("initiatives:detail", pk=pk)
    return render(request, "initiatives/replicate.html", {
        "form": form, "i": initiative, "breadcrumbs": _crumbs(request, initiative.unit, initiative.title, "Nhân rộng")})


@require_POST
def delete(request, pk):
    initiative = services.get_initiative(request.user, pk)
    unit = initiative.unit
    try:
        services.delete_initiative(request.user, initiative)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("initiatives:detail", pk=pk)
    messages.success(request, "Đã xóa.")
    return redirect(reverse("initiatives:index") + f"?don_vi={unit.pk}")


@require_POST
def photo_add(request, pk):
    initiative = services.get_initiative(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(request.user, initiative, form.cleaned_data["image"], form.cleaned_data["caption"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã thêm ảnh.")
    else:
        messages.error(request, "Chưa chọn ảnh.")
    return redirect(reverse("initiatives:detail", args=[pk]) + "#anh")


def photo(request, pk):
    return file_response(services.get_photo(request.user, pk))


@require_POST
def photo_delete(request, pk):
    photo = services.get_photo(request.user, pk)
    services.delete_photo(request.user, photo)
    messages.success(request, "Đã xóa ảnh.")
    return redirect(reverse("initiatives:detail", args=[photo.initiative_id]) + "#anh")


def showcase(request):
    """Exemplary models (marked tiêu biểu, or evaluated tốt) in the reader's scope, with photos."""
    root = scope.root_unit(request.user)
    units = Unit.objects.subtree(root).filter(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]).ordered()
    form = ShowcaseFilter(request.GET or None, units=units, org_kinds=OrganisationKind.objects.all())
    qs = (services.visible(request.user).filter(Q(is_exemplary=True) | Q(rating=Initiative.Rating.GOOD))
          .exclude(status=Initiative.Status.STOPPED)
          .prefetch_related("topics", Prefetch("photos", queryset=Photo.objects.order_by("id"))))
    if form.is_valid():
        data = form.cleaned_data
        if data["content"]:
            qs = qs.filter(content__number=data["content"])
        if data["topic"]:
            qs = qs.filter(topics=data["topic"])
        if data["unit"]:
            qs = qs.filter(unit__path__startswith=data["unit"].path)
        if data["organisation"] == "mttq":
            qs = qs.filter(organisation__isnull=True)
        elif data["organisation"]:
            qs = qs.filter(organisation__kind__code=data["organisation"])
    page = Paginator(qs.distinct().order_by("-evaluated_on", "-started_on", "id"), 24).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "initiatives/showcase.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "breadcrumbs": [{"label": "Mô hình tiêu biểu"}]})


# --- registration drive ---------------------------------------------------------------------------------
def drives(request):
    root = scope.root_unit(request.user)
    drives = services.visible_drives(request.user).order_by("-year", "unit__path")
    openable = [u for u in [root] if u.level in (Level.PROVINCE, Level.COMMUNE)] if (
        request.user.can_write and not scope.organisation_filter(request.user)
        and request.user.role != "area_head") else []
    return render(request, "initiatives/drives.html", {
        "drives": drives, "openable": openable, "breadcrumbs": [{"label": "Đăng ký công trình, mô hình, phần việc"}]})


def drive_open(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    scope.require_write(request.user, unit)
    form = DriveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            drive = services.open_drive(request.user, unit, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã mở đợt đăng ký năm {drive.year}.")
            return redirect("initiatives:drive", pk=drive.pk)
    return render(request, "initiatives/drive_form.html", {
        "form": form, "unit": unit, "breadcrumbs": _crumbs(request, unit, "Mở đợt đăng ký")})


def drive(request, pk):
    drive = services.get_drive(request.user, pk)
    rows = services.drive_status(request.user, drive)
    return render(request, "initiatives/drive.html", {
        "drive": drive, "rows": rows,
        "submitted": sum(r["submitted"] for r in rows), "total": len(rows),
        "can_remind": request.user.can_write and not scope.organisation_filter(request.user),
        "breadcrumbs": _crumbs(request, drive.unit, f"Đăng ký năm {drive.year}")})


@require_POST
def drive_remind(request, pk):
    drive = services.get_drive(request.user, pk)
    ids = request.POST.getlist("organisation")
    orgs = list(services.drive_organisations(request.user, drive).filter(pk__in=ids)) if ids else [
        r["organisation"] for r in services.drive_status(request.user, drive) if not r["submitted"]]
    sent = services.remind(request.user, drive, orgs)
    messages.success(request, f"Đã nhắc {len(orgs)} tổ chức ({sent} thư điện tử).")
    return redirect("initiatives:drive", pk=pk)


def drive_list(request, pk, org_pk):
    drive = services.get_drive(request.user, pk)
    org = services.get_drive_organisation(request.user, drive, org_pk)
    rows = services.drive_list(drive, org)
    submission = drive.submissions.filter(organisation=org).first()
    can_write = request.user.can_write and request.user.role != "area_head" and (
        not scope.organisation_filter(request.user) or request.user.organisation_id == org.pk)
    return render(request, "initiatives/drive_list.html", {
        "drive": drive, "org": org, "rows": rows, "submission": submission, "can_write": can_write,
        "upload_form": UploadForm(), "table": registration.list_table(drive, org, rows),
        "breadcrumbs": _crumbs(request, drive.unit, f"Đăng ký năm {drive.year}", org.name)})


def drive_add(request, pk, org_pk):
    drive = services.get_drive(request.user, pk)
    org = services.get_drive_organisation(request.user, drive, org_pk)
    initial = {"organisation": org.pk, "unit": drive.unit.pk}
    form = InitiativeForm(request.POST or None, user=request.user, context_unit=drive.unit, initial=initial)
    form.fields["organisation"].queryset = form.fields["organisation"].queryset.filter(pk=org.pk)
    form.fields["organisation"].empty_label = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_initiative(request.user, {**form.cleaned_data, "drive": drive})
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect("initiatives:drive_list", pk=pk, org_pk=org.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã thêm vào danh sách.")
            return redirect("initiatives:drive_list", pk=pk, org_pk=org.pk)
    return render(request, "initiatives/form.html", {
        "form": form, "unit": drive.unit, "drive": drive,
        "breadcrumbs": _crumbs(request, drive.unit, f"Đăng ký năm {drive.year}", org.name, "Thêm dòng")})


@require_POST
def drive_submit(request, pk, org_pk):
    drive = services.get_drive(request.user, pk)
    org = services.get_drive_organisation(request.user, drive, org_pk)
    try:
        services.submit_list(request.user, drive, org)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã gửi danh sách của {org.name}.")
    return redirect("initiatives:drive_list", pk=pk, org_pk=org.pk)


def drive_download(request, pk, org_pk, fmt):
    drive = services.get_drive(request.user, pk)
    org = services.get_drive_organisation(request.user, drive, org_pk)
    return registration.download(request.user, drive, org, fmt)


def drive_upload(request, pk, org_pk):
    drive = services.get_drive(request.user, pk)
    org = services.get_drive_organisation(request.user, drive, org_pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = registration.import_list(request.user, drive, org, upload.name, read_bytes(upload))
        except UploadError as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Đã nhập {result['rows']} dòng: {result['created']} thêm mới, "
                                      f"{result['updated']} cập nhật.")
            return redirect("initiatives:drive_list", pk=pk, org_pk=org.pk)
    return render(request, "initiatives/drive_upload.html", {
        "form": form, "drive": drive, "org": org, "errors": errors,
        "breadcrumbs": _crumbs(request, drive.unit, f"Đăng ký năm {drive.year}", org.name, "Tải lên")})
