"""Officer pages of a survey (/lay-y-kien/). Thin: access in surveys.access, rules in surveys.services."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import audit, scope
from accounts.models import Role
from core import params
from core.concurrency import AlreadySubmitted, StaleEdit, already_submitted
from core.uploads import UploadError, read_bytes
from documents.responses import docx_response
from documents.tables import csv_response, xlsx_response
from units.breadcrumbs import unit_breadcrumbs
from units.models import Level

from . import access, results as results_mod, services
from .forms import RosterCountsForm, RosterImportForm, SurveyForm
from .models import Receipt, Respondent, Survey
from .report import results_report
from .tables import area_question_table, coverage_table, question_table


def _crumbs(request, survey, *extra):
    crumbs = [{"label": "Lấy ý kiến sự hài lòng", "url": reverse("surveys:list")}]
    if survey is not None:
        crumbs.append({"label": survey.title, "url": reverse("surveys:detail", args=[survey.pk])})
    return crumbs + [{"label": label} for label in extra]


def survey_list(request):
    surveys = access.visible_surveys(request.user).order_by("-starts_on", "-id")
    if chosen_pk := params.query_pk(request, "don-vi"):
        surveys = surveys.filter(unit_id=chosen_pk)
    communes = scope.units_in_scope(request.user).filter(level=Level.COMMUNE)
    can_create = request.user.can_write and request.user.role in (Role.OFFICER, Role.ADMIN) and communes.exists()
    return render(request, "surveys/list.html", {"surveys": surveys, "can_create": can_create,
                                                 "breadcrumbs": _crumbs(request, None)})


def survey_create(request):
    communes = scope.units_in_scope(request.user).filter(level=Level.COMMUNE, is_active=True).order_by("sort_key")
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    chosen = communes.filter(pk=chosen_pk).first() if (chosen_pk := params.query_pk(request, "don-vi")) else None
    chosen = chosen or (communes.first() if communes.count() == 1 else None)
    subject = Survey.Subject.CIVILISED_URBAN if chosen is not None and chosen.kind == "phuong" else \
        Survey.Subject.NEW_RURAL
    form = SurveyForm(request.POST or None, communes=communes, unit=chosen, initial={
        "unit": chosen, "subject": subject, "threshold": 90, "min_coverage": 70, "starts_on": today,
        "ends_on": today + datetime.timedelta(days=30),
        "title": f"Lấy ý kiến sự hài lòng của người dân về kết quả xây dựng "
                 f"{'phường đạt chuẩn đô thị văn minh' if subject == Survey.Subject.CIVILISED_URBAN else 'nông thôn mới'}"
                 f" năm {today.year}"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            survey = services.create_survey(request.user, unit, data)
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "surveys:detail")
        except StaleEdit as exc:
            form.add_error(None, exc)
        except services.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã tạo đợt lấy ý kiến với {survey.questions.count()} câu hỏi.")
            return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/form.html", {"form": form, "breadcrumbs": _crumbs(request, None, "Tạo mới")})


def survey_detail(request, pk):
    survey = access.get_survey(request.user, pk)
    areas = access.areas(request.user, survey)
    res = results_mod.compute(survey, areas)
    return render(request, "surveys/detail.html", {
        "survey": survey, "results": res, "questions": res.questions,
        "can_manage": access.can_manage(request.user, survey),
        "can_enter": {a.pk: access.can_enter(request.user, survey, a) for a in areas},
        "breadcrumbs": _crumbs(request, survey),
    })


def survey_edit(request, pk):
    survey = access.get_survey(request.user, pk)
    access.require_manage(request.user, survey)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_survey(request.user, Survey.objects.get(pk=survey.pk), form.cleaned_data)
        except StaleEdit as exc:
            form.add_error(None, exc)
        except services.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu thiết lập.")
            return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/form.html", {"form": form, "survey": survey,
                                                 "breadcrumbs": _crumbs(request, survey, "Thiết lập")})


def questions_edit(request, pk):
    survey = access.get_survey(request.user, pk)
    access.require_manage(request.user, survey)
    questions = list(survey.questions.order_by("number"))
    error, version = None, survey.version
    if request.method == "POST":
        texts = {q.pk: request.POST.get(f"text-{q.pk}", q.text) for q in questions}
        remove = {q.pk for q in questions if request.POST.get(f"remove-{q.pk}")}
        raw = request.POST.get("version", "").strip()
        try:
            services.save_questions(request.user, survey, texts, remove, request.POST.get("new", ""),
                                    version=(int(raw) if raw.isdigit() else -1) if raw else None)
        except StaleEdit as exc:  # the page shows the questions as saved now, with the current version
            error = " ".join(exc.messages)
            version = Survey.objects.values_list("version", flat=True).get(pk=survey.pk)
            questions = list(survey.questions.order_by("number"))
        except services.SurveyError as exc:
            error = str(exc)
        else:
            messages.success(request, "Đã lưu câu hỏi.")
            return redirect("surveys:questions", pk=survey.pk)
    return render(request, "surveys/questions.html", {
        "survey": survey, "questions": questions, "error": error, "locked": survey.receipts.exists(),
        "version": version,
        "breadcrumbs": _crumbs(request, survey, "Câu hỏi")})


@require_POST
def survey_status(request, pk):
    survey = access.get_survey(request.user, pk)
    try:
        if "publish" in request.POST:
            services.set_published(request.user, survey, request.POST["publish"] == "1")
            messages.success(request, "Đã công khai kết quả." if survey.published else "Đã thôi công khai.")
        else:
            services.set_status(request.user, survey, request.POST.get("status", ""))
            messages.success(request, f"Trạng thái: {survey.get_status_display()}.")
    except services.SurveyError as exc:
        messages.error(request, str(exc))
    return redirect("surveys:detail", pk=survey.pk)


# --- the roll ---------------------------------------------------------------------------------------------

def roster(request, pk):
    """Who is on the roll and who has answered (never what they answered)."""
    survey = access.get_survey(request.user, pk)
    areas = list(access.areas(request.user, survey))
    area = next((a for a in areas if str(a.pk) == request.GET.get("khu")), areas[0] if areas else None)
    households = []
    if area is not None:
        households = (Respondent.objects.filter(survey=survey, area=area)
                      .select_related("receipt").order_by("code"))
    return render(request, "surveys/roster.html", {
        "survey": survey, "areas": areas, "area": area, "households": households,
        "counts_form": RosterCountsForm(areas=areas),
        "can_manage": access.can_manage(request.user, survey),
        "can_enter": area is not None and access.can_enter(request.user, survey, area),
        "breadcrumbs": _crumbs(request, survey, "Danh sách hộ")})


@require_POST
def roster_generate(request, pk):
    survey = access.get_survey(request.user, pk)
    form = RosterCountsForm(request.POST, areas=list(access.areas(request.user, survey)))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("surveys:roster", pk=survey.pk)
    try:
        result = services.generate_respondents(request.user, survey, counts=form.counts(),
                                               reason=form.cleaned_data["reason"])
    except services.SurveyError as exc:
        messages.error(request, str(exc))
        return redirect("surveys:roster", pk=survey.pk)
    text = f"Đã tạo {result['created']} hộ theo số hộ của từng khu dân cư."
    if result["missing"]:
        text += " Chưa có số hộ (bỏ qua): " + ", ".join(result["missing"]) + "."
    messages.success(request, text)
    return redirect("surveys:roster", pk=survey.pk)


def roster_import(request, pk):
    survey = access.get_survey(request.user, pk)
    access.require_manage(request.user, survey)
    form = RosterImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_respondents(request.user, survey, upload.name, read_bytes(upload))
        except UploadError as exc:
            errors = exc.errors
        else:
            messages.success(request, f"Đã nhập {result['rows']} hộ: {result['created']} thêm mới, "
                                      f"{result['updated']} cập nhật.")
            return redirect("surveys:roster", pk=survey.pk)
    return render(request, "surveys/roster_import.html", {
        "survey": survey, "form": form, "errors": errors, "breadcrumbs": _crumbs(request, survey, "Nhập danh sách hộ")})


def roster_template(request, pk, fmt):
    survey = access.get_survey(request.user, pk)
    from documents.tables import Column, Table

    rows = services.roster_template_rows(survey)
    table = Table(title="", columns=[Column(f"c{i}", label) for i, label in enumerate(rows[0])], rows=rows[1:])
    name = f"Mẫu danh sách hộ {survey.unit.code}"
    if fmt == "csv":
        return csv_response(table, name)
    return xlsx_response(table, name)


# --- collection -------------------------------------------------------------------------------------------

def _answers_from(post, questions):
    answers = {}
    for q in questions:
        value = post.get(f"q{q.pk}")
        if value in ("1", "0"):
            answers[q.pk] = value == "1"
    return answers


def paper_entry(request, pk, area_pk):
    """Fast keyboard entry of paper ballots for one area: 1 = hài lòng, 0 = không, Enter = save, next household."""
    survey = access.get_survey(request.user, pk)
    area = access.get_area(request.user, survey, area_pk)
    access.require_enter(request.user, survey, area)
    questions = list(survey.questions.order_by("number"))
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        try:
            respondent = services.enter_paper_ballot(request.user, survey, area, request.POST.get("household"),
                                                     _answers_from(request.POST, questions),
                                                     request.POST.get("comment", ""))
        except services.SurveyError as exc:
            if wants_json:
                return JsonResponse({"ok": False, "error": str(exc)}, status=400)
            messages.error(request, str(exc))
        else:
            counts = _area_counts(survey, area)
            if wants_json:
                return JsonResponse({"ok": True, "saved": str(respondent), "household": respondent.pk, **counts})
            messages.success(request, f"Đã lưu phiếu của {respondent}.")
        return redirect("surveys:paper", pk=survey.pk, area_pk=area.pk)
    pending = list(Respondent.objects.filter(survey=survey, area=area, receipt__isnull=True).order_by("code"))
    return render(request, "surveys/paper.html", {
        "survey": survey, "area": area, "questions": questions, "pending": pending,
        "counts": _area_counts(survey, area), "breadcrumbs": _crumbs(request, survey, f"Nhập phiếu giấy – {area.name}")})


def _area_counts(survey, area):
    return {"asked": Respondent.objects.filter(survey=survey, area=area).count(),
            "answered": Receipt.objects.filter(survey=survey, area=area).count()}


def cards(request, pk):
    """Printable cards (A4, eight per page): a household's one-time code and a QR to the phone form."""
    import segno

    survey = access.get_survey(request.user, pk)
    access.require_manage(request.user, survey)
    areas = list(access.areas(request.user, survey))
    # one area at a time (a sheaf per front committee, and a page that renders in a second or two)
    area = next((a for a in areas if str(a.pk) == request.GET.get("khu")), areas[0] if areas else None)
    households = (Respondent.objects.filter(survey=survey, area=area, receipt__isnull=True).select_related("area")
                  .order_by("code"))
    base = request.build_absolute_uri(reverse("surveys_public:start"))
    items = [(h, f"{base}{h.card_code}/",
              segno.make(f"{base}{h.card_code}/", error="m").svg_inline(scale=3, border=1)) for h in households]
    audit.record(request.user, audit.Action.EXPORT, survey, verb="In phiếu trực tuyến",
                 note=f"{len(items)} phiếu" + (f", {area.name}" if area else ""), unit=survey.unit)
    return render(request, "surveys/cards.html", {"survey": survey, "items": items, "area": area, "areas": areas,
                                                  "start_url": base})


# --- results ----------------------------------------------------------------------------------------------

def results(request, pk):
    survey = access.get_survey(request.user, pk)
    res = results_mod.compute(survey, access.areas(request.user, survey))
    return render(request, "surveys/results.html", {
        "survey": survey, "results": res, "coverage": coverage_table(res),
        "by_question": question_table(res) if survey.results_visible else None,
        "by_area": area_question_table(res) if survey.results_visible else None,
        "comments": _comments(survey) if survey.results_visible and access.can_manage(request.user, survey) else [],
        "can_manage": access.can_manage(request.user, survey),
        "breadcrumbs": _crumbs(request, survey, "Kết quả")})


def _comments(survey):
    """Free comments, grouped by area and sorted by text (no order that could follow the receipts). Areas with
    fewer than MIN_CELL ballots are not named."""
    from django.db.models import Count

    from core.collation import vi
    from core.text import sort_key

    from .models import Ballot

    small = set(Ballot.objects.filter(survey=survey).values("area_id").annotate(n=Count("id"))
                .filter(n__lt=results_mod.MIN_CELL).values_list("area_id", flat=True))
    rows = (Ballot.objects.filter(survey=survey).exclude(comment="").order_by("area__sort_key", "area__code", vi("comment"))
            .values_list("area_id", "area__name", "comment"))
    named = [(name, text) for area_id, name, text in rows if area_id not in small]
    unnamed = sorted((text for area_id, _, text in rows if area_id in small), key=sort_key)
    return named + [("Khu dân cư có ít phiếu", text) for text in unnamed]


def results_export(request, pk, fmt):
    survey = access.get_survey(request.user, pk)
    res = results_mod.compute(survey, access.areas(request.user, survey))
    table = area_question_table(res) if survey.results_visible else coverage_table(res)
    audit.record(request.user, audit.Action.EXPORT, survey, verb=f"Tải kết quả ({fmt.upper()})")
    name = f"Kết quả lấy ý kiến {survey.unit.short_name} {survey.starts_on:%Y}"
    return csv_response(table, name) if fmt == "csv" else xlsx_response(table, name)


def report_docx(request, pk):
    survey = access.get_survey(request.user, pk)
    if not survey.results_visible:
        messages.error(request, "Báo cáo kết quả lập được khi đã kết thúc lấy ý kiến.")
        return redirect("surveys:results", pk=survey.pk)
    res = results_mod.compute(survey, access.areas(request.user, survey))
    audit.record(request.user, audit.Action.EXPORT, survey, verb="Tải báo cáo kết quả (DOCX)")
    return docx_response(results_report(res), f"Báo cáo kết quả lấy ý kiến {survey.unit.short_name}")
