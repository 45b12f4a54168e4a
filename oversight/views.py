import datetime
import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts import audit, scope
from campaign.periods import get_period
from core import params
from core.collation import vi
from core.concurrency import AlreadySubmitted, already_submitted
from core.forms import apply_validation_error
from indicators import summaries
from core.uploads import serve
from units.breadcrumbs import unit_breadcrumbs
from units.models import Level, within

from . import services
from .forms import AgencyForm, AnswerForm, ConcludeForm, OpinionForm, RecommendationForm, SupervisionForm
from .models import Agency, OpinionSummary, Recommendation, Supervision

Status = Recommendation.Status


def _subtree(queryset, unit):
    return queryset.filter(within(unit))


def _crumbs(request, unit, *extra):
    return unit_breadcrumbs(request.user, unit) + [
        {"label": "Giám sát, kiến nghị", "url": reverse("oversight:index", args=[unit.pk])}, *extra]


def _year(request):
    return params.query_year(request)


def _context(request, unit, tab, **kw):
    return {"unit": unit, "tab": tab, "can_write": request.user.can_write,
            "today": services.today(), **kw}


def _unit(request, pk):
    """The unit of the URL, in scope; oversight is kept at commune level and above."""
    unit = scope.get_unit(request.user, pk)
    if unit.level == Level.AREA:
        raise Http404("Giám sát, kiến nghị được theo dõi ở cấp xã trở lên.")
    return unit


def _scoped(request, model):
    return scope.scope_queryset(request.user, model.objects.all())


# --- overview ----------------------------------------------------------------------------------------

YEAR_STATS = {"supervisions": "supervisions_held", "critiques": "social_critiques_held",
              "sent": "recommendations_made"}


def index(request, pk):
    unit = _unit(request, pk)
    today = services.today()
    recs = _subtree(_scoped(request, Recommendation), unit)
    supervisions = _subtree(_scoped(request, Supervision), unit)
    overdue = services.with_overdue(recs.filter(status=Status.SENT, due_on__lt=today), today) \
        .select_related("agency", "unit")
    # the year's counts are the spine's (oversight/measures.py derives them once, the rollup adds the units up);
    # the open recommendations are a live list of records, counted as listed
    got = summaries.readings_by_code(unit, [], get_period(str(today.year)), list(YEAR_STATS.values()))
    stats = {key: summaries.number(summaries.value(got, code, unit.pk)) or 0 for key, code in YEAR_STATS.items()}
    stats.update(waiting=recs.filter(status=Status.SENT).count(), overdue=overdue.count())
    return render(request, "oversight/index.html", _context(
        request, unit, "index", stats=stats, overdue=overdue[:10],
        recent=supervisions.select_related("unit")[:5], breadcrumbs=_crumbs(request, unit)[:-1] + [
            {"label": "Giám sát, kiến nghị"}]))


# --- supervisions ------------------------------------------------------------------------------------

def supervision_list(request, pk):
    unit = _unit(request, pk)
    qs = _subtree(_scoped(request, Supervision), unit).select_related("unit")
    year, kind = _year(request), request.GET.get("loai", "")
    if year:
        qs = qs.filter(start__year=year)
    if kind in Supervision.Kind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(request, "oversight/supervision_list.html", _context(
        request, unit, "supervisions", page=page, year=year, kind=kind, kinds=Supervision.Kind.choices,
        breadcrumbs=_crumbs(request, unit, {"label": "Cuộc giám sát, phản biện"})))


def supervision_edit(request, pk=None, sid=None):
    obj = get_object_or_404(_scoped(request, Supervision), pk=sid) if sid else None
    unit = obj.unit if obj else _unit(request, pk)
    scope.require_write(request.user, unit)
    initial = {f: getattr(obj, f) for f in services.SUPERVISION_FIELDS} if obj else {}
    form = SupervisionForm(request.POST or None, request.FILES or None, initial=initial, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.save_supervision(request.user, unit, form.cleaned_data, obj, form.cleaned_data["minutes"])
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "oversight:supervision", kwarg="sid")
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Đã lưu cuộc giám sát, phản biện.")
            return redirect("oversight:supervision", sid=obj.pk)
    return render(request, "oversight/supervision_form.html", _context(
        request, unit, "supervisions", form=form, obj=obj,
        breadcrumbs=_crumbs(request, unit, {"label": "Sửa" if obj else "Thêm cuộc giám sát, phản biện"})))


def supervision_detail(request, sid):
    obj = get_object_or_404(_scoped(request, Supervision).select_related("unit"), pk=sid)
    recs = services.with_overdue(obj.recommendations.select_related("agency"), services.today())
    return render(request, "oversight/supervision_detail.html", _context(
        request, obj.unit, "supervisions", obj=obj, recs=recs,
        breadcrumbs=_crumbs(request, obj.unit, {"label": "Cuộc giám sát, phản biện",
                                                "url": reverse("oversight:supervisions", args=[obj.unit_id])},
                            {"label": obj.subject})))


def supervision_minutes(request, sid):
    """The minutes file, served only to users who may read the supervision."""
    obj = get_object_or_404(_scoped(request, Supervision), pk=sid)
    if not obj.minutes:
        raise Http404("Chưa có biên bản.")
    audit.record(request.user, audit.Action.VIEW, obj, verb="Tải biên bản")
    ext = os.path.splitext(obj.minutes.name)[1].lower()
    content_type = services.MINUTES_TYPES.get(ext, "application/octet-stream")
    return serve(obj.minutes, content_type, f"bien-ban-{obj.pk}{ext}",
                 inline=content_type in ("application/pdf", "image/jpeg", "image/png"))


# --- recommendations ---------------------------------------------------------------------------------

def recommendation_list(request, pk):
    unit = _unit(request, pk)
    today = services.today()
    qs = _subtree(_scoped(request, Recommendation), unit).select_related("agency", "unit")
    year, status, agency = _year(request), request.GET.get("tinh-trang", ""), request.GET.get("co-quan", "")
    if year:
        qs = qs.filter(sent_on__year=year)
    if status == "qua-han":
        qs = qs.filter(status=Status.SENT, due_on__lt=today)
    elif status in Status.values:
        qs = qs.filter(status=status)
    if agency.isdigit():
        qs = qs.filter(agency_id=int(agency))
    page = Paginator(services.with_overdue(qs, today), 50).get_page(request.GET.get("trang"))
    agencies = Agency.objects.filter(pk__in=_subtree(_scoped(request, Recommendation), unit)
                                     .values("agency_id")).order_by(vi("name"))
    return render(request, "oversight/recommendation_list.html", _context(
        request, unit, "recommendations", page=page, year=year, status=status, agency=agency, agencies=agencies,
        statuses=Status.choices, breadcrumbs=_crumbs(request, unit, {"label": "Kiến nghị"})))


def recommendation_add(request, pk):
    unit = _unit(request, pk)
    scope.require_write(request.user, unit)
    supervisions = Supervision.objects.filter(unit=unit)
    initial = {"sent_on": services.today(), "due_on": services.today() + datetime.timedelta(days=30)}
    if (sid := request.GET.get("giam-sat", "")).isdigit():
        initial["supervision"] = supervisions.filter(pk=int(sid)).first()
    form = RecommendationForm(request.POST or None, initial=initial, agencies=services.agencies_for(unit),
                              supervisions=supervisions,
                              opinions=_subtree(OpinionSummary.objects.select_related("unit", "period"), unit))
    if request.method == "POST" and form.is_valid():
        try:
            rec = services.add_recommendation(request.user, unit, form.cleaned_data)
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "oversight:recommendation", kwarg="rid")
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã ghi kiến nghị gửi {rec.agency}.")
            return redirect("oversight:recommendation", rid=rec.pk)
    return render(request, "oversight/recommendation_form.html", _context(
        request, unit, "recommendations", form=form, has_agencies=services.agencies_for(unit).exists(),
        breadcrumbs=_crumbs(request, unit, {"label": "Kiến nghị", "url": reverse("oversight:recommendations",
                                                                                  args=[unit.pk])},
                            {"label": "Thêm kiến nghị"})))


def recommendation_detail(request, rid):
    rec = get_object_or_404(_scoped(request, Recommendation).select_related("unit", "agency", "supervision",
                                                                            "opinion_summary__period"), pk=rid)
    answer_form = AnswerForm(initial={"on": services.today()})
    conclude_form = ConcludeForm(initial={"on": services.today()})
    if request.method == "POST":
        action = request.POST.get("action")
        form = AnswerForm(request.POST) if action == "answer" else ConcludeForm(request.POST)
        if form.is_valid():
            to_status = Status.ANSWERED if action == "answer" else form.cleaned_data["to_status"]
            try:
                services.change_status(request.user, rec, to_status, form.cleaned_data["on"],
                                       answer=form.cleaned_data.get("answer", ""),
                                       note=form.cleaned_data.get("note", ""))
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, f"Kiến nghị đã chuyển sang “{Status(to_status).label}”.")
                return redirect("oversight:recommendation", rid=rec.pk)
        if action == "answer":
            answer_form = form
        else:
            conclude_form = form
    return render(request, "oversight/recommendation_detail.html", _context(
        request, rec.unit, "recommendations", rec=rec, events=rec.events.select_related("by"),
        overdue=rec.is_overdue(services.today()), answer_form=answer_form, conclude_form=conclude_form,
        breadcrumbs=_crumbs(request, rec.unit, {"label": "Kiến nghị", "url": reverse("oversight:recommendations",
                                                                                      args=[rec.unit_id])},
                            {"label": f"Kiến nghị gửi {rec.agency}"})))


def followup(request, pk):
    """Per-agency follow-up: the same table as HTML and XLSX."""
    unit = _unit(request, pk)
    year = _year(request)
    recs = _subtree(_scoped(request, Recommendation), unit)
    if year:
        recs = recs.filter(sent_on__year=year)
    table = services.followup_table(unit, recs, services.today(), year)
    if request.GET.get("tai") == "xlsx":
        from documents.tables import xlsx_response

        audit.record(request.user, audit.Action.EXPORT, unit=unit, object_type="oversight.followup",
                     object_repr=f"Theo dõi kiến nghị theo cơ quan · {unit.name}")
        return xlsx_response(table, f"Theo dõi kiến nghị {unit.short_name}" + (f" {year}" if year else ""))
    return render(request, "oversight/followup.html", _context(
        request, unit, "followup", table=table, year=year, years=_years(),
        breadcrumbs=_crumbs(request, unit, {"label": "Theo dõi theo cơ quan"})))


def _years():
    this = services.today().year
    return list(range(this, this - 5, -1))


# --- agencies ------------------------------------------------------------------------------------------

def agencies(request, pk):
    unit = _unit(request, pk)
    form = AgencyForm(request.POST or None)
    if request.method == "POST":
        scope.require_write(request.user, unit)
        if form.is_valid():
            try:
                agency = services.add_agency(request.user, unit, form.cleaned_data["name"])
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, f"Đã thêm {agency.name}.")
                return redirect("oversight:agencies", pk=unit.pk)
    return render(request, "oversight/agencies.html", _context(
        request, unit, "agencies", form=form, agencies=services.agencies_for(unit),
        breadcrumbs=_crumbs(request, unit, {"label": "Cơ quan tiếp nhận"})))


# --- people's opinions -------------------------------------------------------------------------------

def _quarters(n=6):
    today = services.today()
    y, q = today.year, (today.month - 1) // 3 + 1
    codes = []
    for _ in range(n):
        codes.append(f"{y}-q{q}")
        y, q = (y, q - 1) if q > 1 else (y - 1, 4)
    return codes


def _quarter(code):
    import re

    if not re.fullmatch(r"\d{4}-q[1-4]", code):
        raise Http404("Không có quý này.")
    return get_period(code)


def opinions(request, pk):
    unit = _unit(request, pk)
    periods = [get_period(code) for code in _quarters()]
    if unit.level == Level.COMMUNE:
        mine = {s.period_id: s for s in OpinionSummary.objects.filter(unit=unit, period__in=periods)}
        rows = [(p, mine.get(p.pk)) for p in periods]
        return render(request, "oversight/opinions_commune.html", _context(
            request, unit, "opinions", rows=rows, breadcrumbs=_crumbs(request, unit, {"label": "Tình hình Nhân dân"})))
    communes = services.communes_under(unit)
    counts = {row["period_id"]: row["n"] for row in OpinionSummary.objects.filter(
        unit__in=communes, period__in=periods, submitted_at__isnull=False).values("period_id").annotate(
        n=Count("id"))}
    total = communes.count()
    rows = [(p, counts.get(p.pk, 0), total) for p in periods]
    return render(request, "oversight/opinions_overview.html", _context(
        request, unit, "opinions", rows=rows, breadcrumbs=_crumbs(request, unit, {"label": "Tình hình Nhân dân"})))


def opinion_quarter(request, pk, code):
    unit = _unit(request, pk)
    period = _quarter(code)
    crumbs = _crumbs(request, unit, {"label": "Tình hình Nhân dân", "url": reverse("oversight:opinions",
                                                                                   args=[unit.pk])},
                     {"label": period.name})
    if unit.level == Level.COMMUNE:
        obj = OpinionSummary.objects.filter(unit=unit, period=period).first()
        form = OpinionForm(request.POST or None, initial={"situation": obj.situation, "concerns": obj.concerns}
                           if obj else {})
        if request.method == "POST":
            scope.require_write(request.user, unit)
            if form.is_valid():
                submit = "submit" in request.POST
                try:
                    services.save_opinion_summary(request.user, unit, period, form.cleaned_data, submit=submit)
                except ValidationError as exc:
                    apply_validation_error(form, exc)
                else:
                    messages.success(request, "Đã gửi tình hình Nhân dân lên cấp trên." if submit else "Đã lưu nháp.")
                    return redirect("oversight:opinions", pk=unit.pk)
        return render(request, "oversight/opinion_form.html", _context(
            request, unit, "opinions", form=form, obj=obj, period=period, breadcrumbs=crumbs))
    rows = services.consolidation(unit, period)
    if request.GET.get("tai") == "docx":
        from documents.responses import docx_response

        audit.record(request.user, audit.Action.EXPORT, unit=unit, object_type="oversight.opinionsummary",
                     object_repr=f"Tổng hợp tình hình Nhân dân {period.name} · {unit.name}")
        return docx_response(services.consolidated_document(unit, period, rows),
                             f"Tình hình Nhân dân {period.code} {unit.short_name}")
    submitted = [(c, s) for c, s in rows if s]
    return render(request, "oversight/opinion_consolidation.html", _context(
        request, unit, "opinions", period=period, submitted=submitted, missing=[c for c, s in rows if not s],
        total=len(rows), breadcrumbs=crumbs))
