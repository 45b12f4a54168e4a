"""Thin views: choose the unit (scoped), the period and the plan, then read `services` and draw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts import scope
from indicators.display import show
from indicators.models import Measure
from units.models import Level, Unit

from . import charts, maps, publishing, services
from .models import Panel, PublicDashboard


def _choices(request, unit):
    period = services.parse_period(request.GET.get("ky")) or services.default_period()
    plans = list(services.plans_for(unit)[:21])
    every = plans if len(plans) <= 20 else None  # all of them: the default is chosen without reading them again
    plans = plans[:20]
    plan = None
    if request.GET.get("ke-hoach", "").isdigit():
        plan = next((p for p in plans if p.pk == int(request.GET["ke-hoach"])), None)
    if plan is None:
        plan = services.default_plan(unit, period, every)
    return period, plan, plans


def _crumbs(user, unit, *tail):
    root = scope.root_unit(user)
    chain = [a for a in unit.ancestors() if root and a.is_within(root)] if unit.pk != root.pk else []
    crumbs = [{"label": a.name, "url": reverse("dashboards:unit", args=[a.pk])} for a in chain]
    crumbs.append({"label": unit.name, "url": reverse("dashboards:unit", args=[unit.pk])})
    return crumbs + [{"label": t} for t in tail]


def _query(period, plan, **extra):
    parts = [f"ky={period.code}"] + ([f"ke-hoach={plan.pk}"] if plan else [])
    parts += [f"{k}={v}" for k, v in extra.items() if v]
    return "?" + "&".join(parts)


def _map_measure(request, unit, groups):
    """The measure the map and bar chart show: a chosen target's, a chosen measure, else the first target's."""
    rows = [r for g in groups for r in g.rows]
    if request.GET.get("chi-tieu", "").isdigit():
        row = next((r for r in rows if r.target.pk == int(request.GET["chi-tieu"])), None)
        if row is not None:
            return row.target.measure, row
    code = request.GET.get("chi-so")
    if code:
        measure = Measure.objects.filter(code=code).first()
        if measure is None:
            raise Http404("Không có chỉ số này.")
        return measure, None
    if rows:
        return rows[0].target.measure, rows[0]
    return Measure.objects.filter(code="great_unity_day_held").first() or Measure.objects.order_by("order").first(), None


def _once_per_unit(href):
    """The link of a unit, built once (the map and the bar chart both link every child)."""
    links = {}

    def get(u):
        if u.pk not in links:
            links[u.pk] = href(u)
        return links[u.pk]

    return get


def map_context(unit, period, measure, row, href, nation_communes=False):
    if measure is None:
        return None
    href = _once_per_unit(href)
    title = f"{measure.name} — {period.name}"
    if nation_communes and unit.level == Level.NATION:
        provinces = list(unit.children.filter(is_active=True).ordered())
        communes = list(Unit.objects.filter(parent__in=provinces, is_active=True).ordered())
        from indicators.queries import NOT_REPORTED, readings

        got = readings(measure, communes, period)
        by_province = {}
        for c in communes:
            by_province.setdefault(c.parent_id, []).append((c, got.get(c.pk, NOT_REPORTED)))
        drawn = maps.nation_communes(provinces, by_province, measure, href, title)
        return {"map": drawn, "items": [], "measure": measure, "title": title, "bars": None}
    items = services.child_values(measure, unit, period)
    drawn = maps.choropleth(items, measure, href, title)
    threshold = None
    if row is not None and row.target.scope == "each_unit":
        threshold = row.target.threshold
    bar_rows = sorted(((u.name, r.value, maps.text_of(measure, r), href(u)) for u, r in items),
                      key=lambda b: (b[1] is None, -(b[1] or 0)))
    return {"map": drawn, "items": [(u, r, maps.text_of(measure, r)) for u, r in items], "measure": measure,
            "title": title, "bars": charts.bars(bar_rows, title, threshold) if items else None}


def home(request):
    unit = scope.root_unit(request.user)
    if unit is None:
        return render(request, "core/no_scope.html", status=403)
    return redirect("dashboards:unit", pk=unit.pk)


def board(request, pk):
    unit = scope.get_unit(request.user, pk)
    period, plan, plans = _choices(request, unit)
    data = services.dashboard(request.user, unit, period, plan)
    measure, row = _map_measure(request, unit, data["groups"])
    q = _query(period, plan)
    href = lambda u: reverse("dashboards:unit", args=[u.pk]) + q  # noqa: E731
    context = {
        "unit": unit, "period": period, "plan": plan, "plans": plans, "q": q, **data,
        "map": map_context(unit, period, measure, row, href),
        "trend_charts": [(s, charts.line([(y.name.replace("Năm ", ""), v, t) for y, v, t in s["points"]],
                                         f"{s['measure'].name} qua các năm")) for s in data["trend"]["series"]],
        "periods": _period_choices(period), "public": PublicDashboard.objects.filter(unit=unit, published=True).first(),
        "can_publish": request.user.can_write and not scope.organisation_filter(request.user),
        "breadcrumbs": _crumbs(request.user, unit, "Bảng điều hành"),
    }
    return render(request, "dashboards/board.html", context)


def _period_choices(period):
    year = period.start.year
    return [(f"{year}", f"Năm {year}"), (f"{year}-h1", f"6 tháng đầu năm {year}"),
            (f"{year}-h2", f"6 tháng cuối năm {year}"), (f"{year - 1}", f"Năm {year - 1}"),
            (f"{year - 1}-h1", f"6 tháng đầu năm {year - 1}")]


def map_page(request, pk):
    unit = scope.get_unit(request.user, pk)
    period, plan, plans = _choices(request, unit)
    groups = services.target_rows(plan, unit, period, compare=False)
    measure, row = _map_measure(request, unit, groups)
    q = _query(period, plan)
    href = lambda u: reverse("dashboards:map", args=[u.pk]) + _query(  # noqa: E731
        period, plan, **{"chi-so": measure.code if measure else ""})
    communes = request.GET.get("cap") == "xa" and unit.level == Level.NATION
    measures = Measure.objects.filter(is_active=True).order_by("order", "code")
    return render(request, "dashboards/map.html", {
        "unit": unit, "period": period, "plan": plan, "q": q, "groups": groups, "measures": measures,
        "chosen": measure, "row": row, "communes": communes,
        "map": map_context(unit, period, measure, row, href, nation_communes=communes),
        "breadcrumbs": _crumbs(request.user, unit, "Bản đồ")})


def map_svg(request, pk):
    """The map alone as an SVG file (for a slide, a report, or to measure its size)."""
    from django.http import HttpResponse

    unit = scope.get_unit(request.user, pk)
    period, plan, _ = _choices(request, unit)
    groups = services.target_rows(plan, unit, period, compare=False)
    measure, row = _map_measure(request, unit, groups)
    href = lambda u: reverse("dashboards:unit", args=[u.pk])  # noqa: E731
    ctx = map_context(unit, period, measure, row, href, nation_communes=request.GET.get("cap") == "xa")
    if ctx is None:
        raise Http404("Chưa có chỉ số để vẽ bản đồ.")
    return HttpResponse(ctx["map"].svg, content_type="image/svg+xml; charset=utf-8")


def present(request, pk):
    unit = scope.get_unit(request.user, pk)
    period, plan, plans = _choices(request, unit)
    data = services.dashboard(request.user, unit, period, plan)
    measure, row = _map_measure(request, unit, data["groups"])
    href = lambda u: reverse("dashboards:present", args=[u.pk]) + _query(period, plan)  # noqa: E731
    return render(request, "dashboards/present.html", {
        "unit": unit, "period": period, "plan": plan, **data, "q": _query(period, plan),
        "map": map_context(unit, period, measure, row, href),
        "trend_charts": [(s, charts.line([(y.name.replace("Năm ", ""), v, t) for y, v, t in s["points"]],
                                         f"{s['measure'].name} qua các năm")) for s in data["trend"]["series"]]})


def pdf(request, pk):
    from documents.responses import pdf_response

    from .document import dashboard_document

    unit = scope.get_unit(request.user, pk)
    period, plan, _ = _choices(request, unit)
    data = services.dashboard(request.user, unit, period, plan)
    return pdf_response(dashboard_document(unit, period, plan, data), f"Bảng điều hành {unit.name} {period.code}")


def publish(request, pk):
    unit = scope.get_unit(request.user, pk)
    scope.require_write(request.user, unit)
    if scope.organisation_filter(request.user):
        raise Http404("Không tìm thấy đơn vị trong phạm vi của bạn.")
    board_obj = PublicDashboard.objects.filter(unit=unit).first()
    period, plan, plans = _choices(request, unit)
    errors = []
    if request.method == "POST":
        chosen_plan = next((p for p in plans if str(p.pk) == request.POST.get("plan")), None)
        try:
            board_obj = publishing.save_public(
                request.user, unit, published=request.POST.get("published") == "1",
                panels=request.POST.getlist("panels"), plan=chosen_plan,
                period=services.parse_period(request.POST.get("period")) or period,
                measure_code=request.POST.get("measure", "")[:80])
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, "Đã công khai bảng số liệu." if board_obj.published
                             else "Đã ngừng công khai bảng số liệu.")
            return redirect("dashboards:publish", pk=unit.pk)
    return render(request, "dashboards/publish.html", {
        "unit": unit, "board": board_obj, "panels": Panel.choices, "plans": plans, "plan": plan, "period": period,
        "periods": _period_choices(period), "errors": errors, "status": 400 if errors else 200,
        "breadcrumbs": _crumbs(request.user, unit, "Công khai bảng số liệu")}, status=400 if errors else 200)


@login_not_required
def public(request, pk):
    board_obj = get_object_or_404(PublicDashboard.objects.select_related("unit", "plan", "period"), unit_id=pk,
                                  published=True)
    unit = board_obj.unit
    period = board_obj.period or services.default_period()
    plan = board_obj.plan
    context = {"board": board_obj, "unit": unit, "period": period, "plan": plan, "public": True}
    if board_obj.shows(Panel.TARGETS) or board_obj.shows(Panel.MAP) or board_obj.shows(Panel.TREND):
        spine = services.spine_part(unit, period, plan)  # cached, like the dashboard's
        groups = spine["groups"]
        context["groups"] = groups
        context["summary"] = spine["summary"]
        if board_obj.shows(Panel.TREND):
            trend = spine["trend"]
            context["trend_charts"] = [
                (s, charts.line([(y.name.replace("Năm ", ""), v, t) for y, v, t in s["points"]],
                                f"{s['measure'].name} qua các năm")) for s in trend["series"]]
        if board_obj.shows(Panel.MAP):
            rows = [r for g in groups for r in g.rows]
            measure = Measure.objects.filter(code=board_obj.measure_code).first() if board_obj.measure_code else None
            row = next((r for r in rows if r.target.measure == measure), None) if measure else (rows[0] if rows
                                                                                                 else None)
            measure = measure or (row.target.measure if row else None)
            public_units = set(PublicDashboard.objects.filter(published=True).values_list("unit_id", flat=True))
            href = lambda u: (reverse("dashboards_public:unit", args=[u.pk]) if u.pk in public_units  # noqa: E731
                              else "#")
            context["map"] = map_context(unit, period, measure, row, href)
    if board_obj.shows(Panel.REPORTING):
        from reporting.models import ReportingRound
        from reporting import completeness

        rnd = (ReportingRound.objects.filter(issuer=unit, period__start__gte=period.start,
                                             period__end__lte=period.end).order_by("-due_date").first()
               or ReportingRound.objects.filter(issuer=unit).order_by("-due_date").first())
        context["reporting"] = {"round": rnd, "completeness": completeness.compute(rnd)} if rnd else None
    if board_obj.shows(Panel.SURVEYS):
        from surveys.models import Survey
        from units.models import within

        context["surveys"] = list(Survey.objects.filter(within(unit), published=True,
                                                        status=Survey.Status.CLOSED).select_related("unit")
                                  .order_by("-ends_on")[:10])
    return render(request, "dashboards/public.html", context)
