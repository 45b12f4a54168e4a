from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import scope
from core import params
from core.concurrency import AlreadySubmitted, already_submitted
from initiatives.forms import PhotoForm
from initiatives.photos import file_response
from units.breadcrumbs import unit_breadcrumbs
from units.models import Level

from . import services
from .forms import ActivityForm, CovenantForm, ListItemForm
from .models import Activity, PropagandaChannel, TrainingTopic


def _crumbs(request, unit, *labels):
    return unit_breadcrumbs(request.user, unit) + [{"label": label} for label in labels]


def _filter_unit(request):
    pk = request.GET.get("don_vi")
    return scope.get_unit(request.user, pk) if pk else scope.root_unit(request.user)


def _kind(kind):
    if kind not in Activity.Kind.values:
        raise Http404("Không có loại hoạt động này.")
    return Activity.Kind(kind)


def _filtered(request):
    """The list's activities under the chosen unit, with the filters of the query string."""
    unit = _filter_unit(request)
    qs = services.visible(request.user).filter(unit__path__startswith=unit.path)
    f = {"kind": request.GET.get("loai", ""), "year": params.query_year(request) or "",
         "topic": request.GET.get("chu_de", ""), "channel": request.GET.get("kenh", ""),
         "content": request.GET.get("noi_dung", "")}
    if f["kind"] in Activity.Kind.values:
        qs = qs.filter(kind=f["kind"])
    if f["year"]:
        qs = qs.filter(held_on__year=f["year"])
    if f["topic"]:
        qs = qs.filter(topic_id=params.to_pk(f["topic"]))
    if f["channel"]:
        qs = qs.filter(channel_counts__channel_id=params.to_pk(f["channel"]))
    if f["content"]:
        qs = qs.filter(contents__number=params.to_pk(f["content"]))
    return unit, qs.distinct().order_by("-held_on", "-id"), f


def index(request):
    from campaign.models import Content

    unit, qs, f = _filtered(request)
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(request, "activities/index.html", {
        "unit": unit, "page": page, "kinds": Activity.Kind.choices, "f": f,
        "topics": TrainingTopic.objects.all(), "channels": PropagandaChannel.objects.all(),
        "contents": Content.objects.all(), "channel_summary": services.channel_summary(qs),
        "query": request.GET.urlencode(),
        "can_add": request.user.can_write,
        "breadcrumbs": _crumbs(request, unit, "Hoạt động")})


def export(request):
    """The filtered list as XLSX (what officers keep in Excel today)."""
    from documents.tables import xlsx_response

    unit, qs, f = _filtered(request)
    label = " · ".join(x for x in [Activity.Kind(f["kind"]).label if f["kind"] in Activity.Kind.values else "",
                                   f"Năm {f['year']}" if f["year"] else ""] if x)
    table = services.export_table(qs[:20000], unit, label)
    return xlsx_response(table, f"Hoạt động {unit.name}{' ' + str(f['year']) if f['year'] else ''}.xlsx")


def lists(request):
    """The configurable lists: propaganda channels and training topics; administrators add and retire entries."""
    can_edit = scope.can_manage_users(request.user)
    form = ListItemForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Chỉ quản trị viên sửa danh mục.")
        if request.POST.get("toggle"):
            item = services.toggle_list_item(request.user, request.POST.get("which", ""),
                                             params.to_pk(request.POST.get("toggle")))
            messages.success(request, f"Đã {'dùng lại' if item.is_active else 'ngừng dùng'} “{item.name}”.")
            return redirect("activities:lists")
        if form.is_valid():
            try:
                item = services.add_list_item(request.user, form.cleaned_data["which"], form.cleaned_data["name"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Đã thêm “{item.name}”.")
                return redirect("activities:lists")
    unit = scope.root_unit(request.user)
    return render(request, "activities/lists.html", {
        "channels": PropagandaChannel.objects.all(), "topics": TrainingTopic.objects.all(), "form": form,
        "can_edit": can_edit, "breadcrumbs": unit_breadcrumbs(request.user, unit) + [
            {"label": "Danh mục hình thức tuyên truyền, chủ đề tập huấn"}]})


def add(request, kind, unit_pk):
    kind = _kind(kind)
    unit = scope.get_unit(request.user, unit_pk)
    scope.require_write(request.user, unit)
    initial = {"unit": unit.pk}
    if scope.organisation_filter(request.user):
        initial["organisation"] = request.user.organisation_id
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user, kind=kind,
                        context_unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = services.save_activity(request.user, kind, data, photo=data.get("photo"),
                                              caption=data.get("caption", ""))
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "activities:detail")
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form.add_error(None, exc)
            else:
                form.add_error("photo" if "ảnh" in " ".join(exc.messages).lower() else None, exc)
        else:
            messages.success(request, f"Đã ghi {activity.get_kind_display()} ở {activity.unit.name}.")
            if request.user.role == "area_head":
                return redirect("activities:area_home")
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/form.html", {
        "form": form, "unit": unit, "kind": kind,
        "breadcrumbs": _crumbs(request, unit, f"Ghi {kind.label}")})


def edit(request, pk):
    activity = services.get_activity(request.user, pk)
    services.require_edit(request.user, activity)
    context_unit = activity.unit.parent if activity.unit.level == Level.AREA and \
        activity.kind not in services.AREA_ONLY else activity.unit
    form = ActivityForm(request.POST or None, instance=activity, user=request.user, kind=activity.kind,
                        context_unit=context_unit, with_photo=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_activity(request.user, activity.kind, form.cleaned_data, activity)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("activities:detail", pk=pk)
    return render(request, "activities/form.html", {
        "form": form, "unit": activity.unit, "kind": Activity.Kind(activity.kind), "activity": activity,
        "breadcrumbs": _crumbs(request, activity.unit, str(activity))})


def detail(request, pk):
    activity = services.get_activity(request.user, pk)
    return render(request, "activities/detail.html", {
        "a": activity, "can_edit": services.can_edit(request.user, activity), "photos": activity.photos.all(),
        "photo_form": PhotoForm(), "breadcrumbs": _crumbs(request, activity.unit, str(activity))})


@require_POST
def delete(request, pk):
    activity = services.get_activity(request.user, pk)
    unit = activity.unit
    services.delete_activity(request.user, activity)
    messages.success(request, "Đã xóa hoạt động.")
    return redirect(reverse("activities:index") + f"?don_vi={unit.pk}")


@require_POST
def photo_add(request, pk):
    activity = services.get_activity(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(request.user, activity, form.cleaned_data["image"], form.cleaned_data["caption"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã thêm ảnh.")
    else:
        messages.error(request, "Chưa chọn ảnh.")
    return redirect(reverse("activities:detail", args=[pk]) + "#anh")


def photo(request, pk):
    return file_response(services.get_photo(request.user, pk))


@require_POST
def photo_delete(request, pk):
    photo = services.get_photo(request.user, pk)
    services.delete_photo(request.user, photo)
    messages.success(request, "Đã xóa ảnh.")
    return redirect(reverse("activities:detail", args=[photo.activity_id]) + "#anh")


def covenants(request):
    unit = _filter_unit(request)
    qs = (services.visible_covenants(request.user).filter(unit__path__startswith=unit.path)
          .prefetch_related("rules").order_by("unit__path", "-updated_on"))
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(request, "activities/covenants.html", {
        "unit": unit, "page": page,
        "can_add": request.user.can_write and not scope.organisation_filter(request.user)
        and unit.level in (Level.AREA, Level.COMMUNE),
        "breadcrumbs": _crumbs(request, unit, "Hương ước, quy ước")})


def covenant_edit(request, pk=None, unit_pk=None):
    update = services.get_covenant(request.user, pk) if pk else None
    unit = update.unit if update else scope.get_unit(request.user, unit_pk)
    scope.require_write(request.user, unit)
    context_unit = unit
    form = CovenantForm(request.POST or None, instance=update, user=request.user, context_unit=context_unit,
                        initial={"unit": unit.pk})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_covenant(request.user, form.cleaned_data, update)
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect(reverse("activities:covenants") + f"?don_vi={unit.pk}")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu {saved.get_kind_display().lower()} của {saved.unit.name}.")
            if request.user.role == "area_head":
                return redirect("activities:area_home")
            return redirect(reverse("activities:covenants") + f"?don_vi={saved.unit_id}")
    return render(request, "activities/covenant_form.html", {
        "form": form, "unit": unit, "update": update,
        "breadcrumbs": _crumbs(request, unit, "Hương ước, quy ước")})


@require_POST
def covenant_delete(request, pk):
    update = services.get_covenant(request.user, pk)
    services.delete_covenant(request.user, update)
    messages.success(request, "Đã xóa.")
    return redirect(reverse("activities:covenants") + f"?don_vi={update.unit_id}")


def area_home(request, unit_pk=None):
    """The phone page of a front-committee head: this year's Great Unity Day, the covenant, the area's models."""
    if unit_pk is None:
        unit = scope.root_unit(request.user)
        if unit is None or unit.level != Level.AREA:
            return redirect(reverse("activities:index"))
    else:
        unit = scope.get_unit(request.user, unit_pk)
        if unit.level != Level.AREA:
            raise Http404("Trang này dành cho một khu dân cư.")
    year = timezone.localdate().year
    return render(request, "activities/area_home.html", {
        "unit": unit, "year": year, **services.area_summary(unit, year),
        "can_write": request.user.can_write and not scope.organisation_filter(request.user),
        "breadcrumbs": _crumbs(request, unit, "Ghi nhanh")})
