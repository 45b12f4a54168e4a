"""Review outlines (đề cương) as data: the shared ones are read and copied, a unit's own are edited."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import scope

from . import figures, reviews
from .forms import OutlineSectionFormSet
from .models import ReviewOutline
from .views import _crumbs


def _visible(user):
    root = scope.root_unit(user)
    if root is None:
        return ReviewOutline.objects.none()
    from units.models import within

    return ReviewOutline.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=root.ancestor_ids) | within(root))


def _outline(user, pk) -> ReviewOutline:
    return get_object_or_404(_visible(user).select_related("unit"), pk=pk)


def outline_list(request):
    user = request.user
    unit = scope.root_unit(user)
    return render(request, "reporting/outlines.html", {
        "outlines": _visible(user).select_related("unit").order_by("unit__sort_key", "name"), "unit": unit,
        "can_copy": unit is not None and reviews.is_front_officer(user, unit),
        "breadcrumbs": _crumbs(user, unit, {"label": "Đề cương sơ kết, tổng kết"})})


def outline_detail(request, pk):
    user = request.user
    outline = _outline(user, pk)
    editable = reviews.can_edit_outline(user, outline)
    choices = [(m.code, m.name) for m in figures.all_measures()]
    initial = [{"label": s.label, "title": s.title, "guidance": s.guidance, "measure_codes": s.measure_codes}
               for s in outline.sections.all()]
    formset = OutlineSectionFormSet(request.POST or None, initial=initial, prefix="muc",
                                    form_kwargs={"measure_choices": choices}) if editable else None
    error = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Đề cương dùng chung không sửa được; hãy sao chép thành đề cương của đơn vị.")
        if formset.is_valid():
            rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            try:
                reviews.save_outline(user, outline, request.POST.get("name", ""), rows)
            except ValidationError as exc:
                error = exc.messages
            else:
                messages.success(request, "Đã lưu đề cương.")
                return redirect("reporting:outline", pk=outline.pk)
    return render(request, "reporting/outline.html", {
        "outline": outline, "formset": formset, "errors": error, "editable": editable,
        "can_copy": scope.root_unit(user) is not None and reviews.is_front_officer(user, scope.root_unit(user)),
        "breadcrumbs": _crumbs(user, scope.root_unit(user), {"label": "Đề cương", "url": reverse("reporting:outlines")},
                               {"label": outline.name[:60]})},
        status=400 if request.method == "POST" else 200)


@require_POST
def outline_copy(request, pk):
    user = request.user
    outline = _outline(user, pk)
    unit = scope.root_unit(user)
    try:
        copy = reviews.copy_outline(user, outline, unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reporting:outline", pk=outline.pk)
    messages.success(request, f"Đã tạo đề cương của {unit.name}; sửa các mục rồi dùng khi mở đợt.")
    return redirect("reporting:outline", pk=copy.pk)
