"""Pages under /chi-so/: values of a unit for a period with drill-down, form entry, downloads, a target check,
the measure catalogue. Views are thin: tables come from indicators.tables, writes from indicators.services."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import scope
from campaign.models import Content, Period
from core.formatting import format_number
from documents.tables import csv_response, xlsx_response

from . import services, tables, targets
from .display import show
from .forms import MeasureForm, TargetCheckForm
from .models import Measure
from .queries import own_values


def default_period() -> Period | None:
    year = str(timezone.localdate().year)
    return (Period.objects.filter(code=year).first() or Period.objects.filter(kind=Period.Kind.YEAR)
            .order_by("-start").first() or Period.objects.order_by("-start").first())


def _period(code) -> Period:
    return get_object_or_404(Period, code=code)


def _crumbs(user, unit, period, *extra):
    """The unit path (within the user's scope), each step opening the same page one level up."""
    root = scope.root_unit(user)
    chain = [u for u in unit.ancestors() + [unit] if root is None or u.is_within(root)]
    crumbs = [{"label": u.name, "url": reverse("indicators:unit", args=[u.pk, period.code])} for u in chain]
    return crumbs + list(extra)


def _org_kind_id(user):
    org = scope.organisation_filter(user)
    return org.kind_id if org else None


def home(request):
    root = scope.root_unit(request.user)
    period = default_period()
    if root is None or period is None:
        return render(request, "core/no_scope.html", status=404)
    return redirect("indicators:unit", pk=root.pk, period=period.code)


def unit_default(request, pk):
    unit = scope.get_unit(request.user, pk)
    period = default_period()
    if period is None:
        raise PermissionDenied("Chưa có kỳ báo cáo nào.")
    return redirect("indicators:unit", pk=unit.pk, period=period.code)


def _unit_context(request, pk, period_code):
    unit = scope.get_unit(request.user, pk)
    period = _period(period_code)
    content = request.GET.get("noi-dung", "")
    content = int(content) if content.isdigit() else None
    rows = tables.unit_rows(unit, period, tables.active_measures(content), _org_kind_id(request.user))
    return unit, period, content, rows


def unit_values(request, pk, period):
    unit, period, content, rows = _unit_context(request, pk, period)
    groups = {}
    for row in rows:
        groups.setdefault(row.measure.content, []).append(row)
    org = scope.organisation_filter(request.user)
    return render(request, "indicators/unit.html", {
        "unit": unit, "period": period, "periods": Period.objects.all(), "contents": Content.objects.all(),
        "content": content, "groups": list(groups.items()), "org": org,
        "can_enter": request.user.can_write and scope.in_scope(request.user, unit),
        "children_count": unit.children.filter(is_active=True).count(),
        "breadcrumbs": _crumbs(request.user, unit, period),
    })


def unit_download(request, pk, period, fmt):
    unit, period, content, rows = _unit_context(request, pk, period)
    table = tables.unit_table(unit, period, rows)
    name = f"Chỉ số {unit.name} {period.code}"
    return xlsx_response(table, name) if fmt == "xlsx" else csv_response(table, name)


def _measure_context(request, pk, period_code, code):
    unit = scope.get_unit(request.user, pk)
    period = _period(period_code)
    measure = get_object_or_404(Measure, code=code)
    total, rows = tables.child_rows(unit, period, measure, _org_kind_id(request.user))
    return unit, period, measure, total, rows


def measure_values(request, pk, period, code):
    unit, period, measure, total, rows = _measure_context(request, pk, period, code)
    return render(request, "indicators/measure.html", {
        "unit": unit, "period": period, "measure": measure, "total": total, "rows": rows,
        "periods": Period.objects.all(), "source": tables.source_label(measure),
        "parent_in_scope": unit.parent if unit.parent_id and scope.in_scope(request.user, unit.parent) else None,
        "breadcrumbs": _crumbs(request.user, unit, period, {"label": measure.name}),
    })


def measure_download(request, pk, period, code, fmt):
    unit, period, measure, total, rows = _measure_context(request, pk, period, code)
    table = tables.children_table(unit, period, measure, total, rows)
    name = f"{measure.code} {unit.name} {period.code}"
    return xlsx_response(table, name) if fmt == "xlsx" else csv_response(table, name)


@dataclass
class EntryRow:
    number: int
    measure: Measure
    current: str  # what the input shows
    readonly_text: str = ""  # register-derived or computed: shown, not typed
    error: str = ""


def entry(request, pk, period):
    unit = scope.get_unit(request.user, pk)
    scope.require_write(request.user, unit)
    period = _period(period)
    org = scope.organisation_filter(request.user)
    org_kind_id = org.kind_id if org else None
    measures = [m for m in tables.active_measures() if m.captured_at(unit) and (m.by_organisation or not org)]
    own = own_values(unit, period, measures, org_kind_id)
    rows = []
    for i, m in enumerate(measures, start=1):
        value = own.get(m.pk)
        if m.is_entered:
            current = "" if value is None else ("co" if m.is_bool and value.value > 0 else "khong" if m.is_bool
                                                else show(m, _reading(value)).replace(" đ", ""))
            rows.append(EntryRow(i, m, current))
        else:
            from .queries import reading

            rows.append(EntryRow(i, m, "", f"{show(m, reading(m, unit, period, org_kind_id), unit.is_area)} · "
                                           f"{tables.source_label(m)}"))
    errors = []
    if request.method == "POST":
        entries = []
        for row in rows:
            if row.readonly_text:
                continue
            raw = request.POST.get(f"m-{row.measure.pk}", "").strip()
            row.current = raw
            if raw == "khong":
                raw = "không"
            elif raw == "co":
                raw = "có"
            entries.append(services.Entry(row.measure, unit, raw, org_kind_id,
                                          label=f"Dòng {row.number} – {row.measure.name}"))
        try:
            changed = services.save_entries(request.user, period, entries)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"Đã lưu {changed} giá trị thay đổi cho {unit.name}, {period.name}; "
                                      f"số tổng hợp các cấp trên đã cập nhật.")
            return redirect("indicators:unit", pk=unit.pk, period=period.code)
    return render(request, "indicators/entry.html", {
        "unit": unit, "period": period, "rows": rows, "errors": errors, "org": org,
        "periods": Period.objects.all(),
        "breadcrumbs": _crumbs(request.user, unit, period, {"label": "Nhập số liệu"}),
    })


def _reading(value):
    from .queries import Reading

    return Reading(value.value, 1, int(value.value > 0), is_area=True)


# --- targets ----------------------------------------------------------------------------------------------
def _target_spec(target, issuer, threshold=None):
    return targets.TargetSpec(
        measure=target.measure, scope=target.scope, threshold=target.threshold if threshold is None else threshold,
        period=target.period, issuer=issuer,
        comparator=getattr(target, "comparator", ">="), level=getattr(target, "level", ""),
        unit_comparator=getattr(target, "unit_comparator", ""), unit_threshold=getattr(target, "unit_threshold", None),
        org_kind=getattr(target, "org_kind", None), allocations={})


def progress_context(target, user, behind_shown: int = 10) -> dict | None:
    """Context for `indicators/_target_progress.html`, scoped to the user: when the user's scope lies under the
    target's issuer, the target is evaluated over the user's part of the tree; units behind outside the
    user's scope are never listed. None when the target concerns nothing in the user's scope."""
    root = scope.root_unit(user)
    if root is None:
        return None
    issuer = target.issuer
    scoped_to, share_of = None, None
    if root.pk != issuer.pk and root.is_within(issuer):
        scoped_to = root
        if target.scope == targets.TOTAL:
            # a total over the issuer's tree: a unit below is judged on the share allocated to it; without one
            # the target is the issuer's (shown whole, with this unit's part beside it), never the whole total
            # asked of one commune
            share = targets.allocation_of(target, root)
            if targets.issuer_only(target):
                return None
            if share is not None:
                evaluated = _target_spec(target, root, threshold=share)
            else:
                evaluated, share_of = target, root
        else:
            evaluated = _target_spec(target, root)
    elif issuer.is_within(root):
        evaluated = target
    else:
        return None
    evaluation = targets.evaluate(evaluated)
    shares = targets.allocations_of(evaluated) if evaluation.basis == targets.ALLOCATION else {}
    behind = [(u, r, show(target.measure, r, u.is_area) + (f" / {format_number(shares[u.pk])} được phân bổ"
                                                           if u.pk in shares else ""))
              for u, r in evaluation.units_behind if scope.in_scope(user, u)]
    return {
        "target": target, "evaluation": evaluation, "description": targets.describe(target),
        "scoped_to": scoped_to, "behind": behind[:behind_shown],
        "behind_more": max(0, len(behind) - behind_shown) + evaluation.units_behind_more,
        "value_text": _evaluation_value(target, evaluation),
        "period": target.period,
        "explanation": "" if scoped_to and not share_of else evaluation.explanation,
        "allocated": evaluated is not target and target.scope == targets.TOTAL,
        "share_of": share_of,
        "share_text": _share_text(target, share_of) if share_of else "",
    }


def _share_text(target, unit):
    """'Xã Đồng Phúc đóng góp 12 hộ (chưa được phân bổ phần riêng)'."""
    from .queries import reading

    r = reading(target.measure, unit, target.period, getattr(getattr(target, "org_kind", None), "pk", None))
    return f"{unit.name} đóng góp {show(target.measure, r, unit.is_area)} (chưa được phân bổ phần riêng)"


def _evaluation_value(target, evaluation):
    if evaluation.value is None:
        return "—"
    if target.scope == targets.TOTAL:
        from .queries import Reading

        return show(target.measure, Reading(evaluation.value, 1, 0), is_area=True)
    if target.scope == targets.EACH_UNIT:
        return f"{evaluation.units_meeting}/{evaluation.units_total} đơn vị đạt"
    from core.formatting import format_percent

    return f"{format_percent(evaluation.value)} ({evaluation.units_meeting}/{evaluation.units_total} đơn vị)"


def target_check(request, pk, period):
    unit = scope.get_unit(request.user, pk)
    period = _period(period)
    form = TargetCheckForm(request.GET or None)
    progress = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        spec = targets.TargetSpec(measure=d["measure"], scope=d["scope"], threshold=d["threshold"], period=period,
                                  issuer=unit, comparator=d["comparator"], level=d["level"] or "",
                                  unit_comparator=d["unit_comparator"] or "", unit_threshold=d["unit_threshold"])
        progress = progress_context(spec, request.user)
    return render(request, "indicators/target_check.html", {
        "unit": unit, "period": period, "form": form, "progress": progress, "periods": Period.objects.all(),
        "breadcrumbs": _crumbs(request.user, unit, period, {"label": "Kiểm tra chỉ tiêu"}),
    })


# --- catalogue --------------------------------------------------------------------------------------------
def catalogue(request):
    measures = Measure.objects.select_related("content", "numerator", "denominator").order_by(
        "content__number", "order", "code")
    return render(request, "indicators/catalogue.html", {
        "measures": measures, "can_add": scope.can_manage_users(request.user),
        "breadcrumbs": [{"label": "Danh mục chỉ số"}],
    })


def measure_add(request):
    if not scope.can_manage_users(request.user):
        raise PermissionDenied("Chỉ quản trị viên được thêm chỉ số.")
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        measure = services.create_measure(request.user, form)
        messages.success(request, f"Đã thêm chỉ số “{measure.name}”.")
        return redirect("indicators:catalogue")
    return render(request, "indicators/measure_form.html", {
        "form": form, "breadcrumbs": [{"label": "Danh mục chỉ số", "url": reverse("indicators:catalogue")},
                                      {"label": "Thêm chỉ số"}],
    })

