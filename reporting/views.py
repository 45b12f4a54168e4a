"""Thin views: scope and role checks in services, rules in services, numbers in completeness/consolidation."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import audit, scope
from core import params
from core.concurrency import AlreadySubmitted, already_submitted
from core.formatting import format_number
from core.forms import DateField
from core.uploads import serve
from documents.responses import docx_response
from documents.tables import Column, Table, xlsx_response
from units.breadcrumbs import unit_breadcrumbs

from . import completeness, consolidation, figures, services, tasks
from .forms import RoundForm, form_payload, parse_version
from .consolidation import content_list
from .models import SECTION_LABELS, SECTIONS, Attachment, Reminder, ReportingRound, State, Submission

STATE_BADGES = {State.DRAFT: "", State.SUBMITTED: "info", State.RETURNED: "warn", State.ACCEPTED: "ok",
                State.LOCKED: "ok"}


def _crumbs(user, unit, *extra):
    return unit_breadcrumbs(user, unit) + [{"label": "Báo cáo định kỳ", "url": reverse("reporting:index")}] + list(
        extra)


def index(request):
    """My reports to send (own unit), then the rounds I receive (issued by units in my scope)."""
    user = request.user
    own = (Submission.objects.filter(unit_id=user.unit_id).select_related("round__issuer", "round__period", "unit",
                                                                           "organisation")
           .order_by("-round__due_date"))
    org = scope.organisation_filter(user)
    own = own.filter(organisation=org) if org else own.filter(organisation__isnull=True)
    below = scope.scope_queryset(user, Submission.objects.exclude(unit_id=user.unit_id), "unit", "organisation")
    received = (scope.scope_queryset(user, ReportingRound.objects.all(), "issuer").select_related("issuer", "period")
                if org is None else ReportingRound.objects.none())[:50]
    context = {"own": own[:50], "received": received, "below": below.exists() and org is None,
               "can_open": user.can_write and user.role in ("officer", "admin") and org is None and user.unit_id
               and user.unit.level != "area",
               "today": services.today(), "badges": STATE_BADGES,
               "breadcrumbs": [{"label": "Báo cáo định kỳ"}]}
    return render(request, "reporting/index.html", context)


def round_new(request):
    user = request.user
    issuer = scope.get_unit(user, request.GET.get("unit") or user.unit_id)
    scope.require_write(user, issuer)
    requirement = None
    if request.GET.get("che-do"):
        requirement = get_object_or_404(services.requirements_without_round(issuer), pk=params.query_pk(request, "che-do"))
    initial = services.from_requirement(requirement) if requirement else {
        "reporters": services.default_reporters(issuer), "remind_days_before": 3}
    form = RoundForm(request.POST or None, measures=figures.all_measures(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = services.open_round(user, issuer, {**form.cleaned_data, "requirement": requirement})
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "reporting:round")
        except services.ReportingError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"Đã mở “{rnd.name}” và giao cho {rnd.submissions.count()} đơn vị.")
            return redirect("reporting:round", pk=rnd.pk)
    return render(request, "reporting/round_form.html", {
        "form": form, "issuer": issuer, "requirement": requirement,
        "requirements": services.requirements_without_round(issuer) if requirement is None else [],
        "breadcrumbs": _crumbs(user, issuer, {"label": "Mở đợt báo cáo"})})


def round_detail(request, pk):
    """The completeness page: units × status, on-time rate, the late and missing first."""
    rnd = services.get_round(request.user, pk)
    state = completeness.compute(rnd)
    status = request.GET.get("trang-thai", "")
    rows = [r for r in state.rows if not status or r.status == status or r.submission.state == status]
    context = {"round": rnd, "state": state, "rows": rows, "status": status, "badges": STATE_BADGES,
               "can_receive": services.is_receiver(request.user, rnd), "labels": completeness.LABELS,
               "states": State.choices,
               "breadcrumbs": _crumbs(request.user, rnd.issuer, {"label": rnd.name})}
    if rnd.is_review:
        from .reviews import conference_choices

        context["conference_choices"] = conference_choices(rnd) if context["can_receive"] else []
    return render(request, "reporting/round.html", context)


def round_xlsx(request, pk):
    rnd = services.get_round(request.user, pk)
    state = completeness.compute(rnd)
    table = Table(title=f"Tình hình gửi {rnd.name}", subtitle=[f"{rnd.issuer.name} · hạn gửi "
                                                                f"{rnd.due_date:%d/%m/%Y} · ngày {state.on:%d/%m/%Y}"],
                  columns=[Column("no", "STT", "integer", summable=False), Column("unit", "Đơn vị"),
                           Column("status", "Tình hình gửi"), Column("state", "Trạng thái"),
                           Column("date", "Ngày gửi", "date"), Column("late", "Số ngày muộn", "integer",
                                                                      summable=False),
                           Column("reminders", "Số lần nhắc", "integer")],
                  rows=[{"no": i, "unit": r.submission.reporter_name, "status": r.label,
                         "state": r.submission.get_state_display(), "date": r.submission.submitted_on(),
                         "late": r.days_late, "reminders": r.reminders} for i, r in enumerate(state.rows, 1)])
    audit.record(request.user, audit.Action.EXPORT, rnd, verb="Tải tình hình gửi báo cáo (XLSX)")
    return xlsx_response(table, f"Tình hình gửi báo cáo {rnd.period.code}")


@require_POST
def remind(request, pk, sub_pk=None):
    """'Nhắc' one unit, or 'Nhắc tất cả' who have not sent (htmx: answers the updated button or summary)."""
    rnd = services.get_round(request.user, pk)
    if not services.is_receiver(request.user, rnd):
        raise PermissionDenied("Tài khoản của bạn chỉ có quyền xem.")
    on = services.today()
    if sub_pk:
        subs = [get_object_or_404(Submission, pk=sub_pk, round=rnd)]
    else:
        subs = completeness.compute(rnd, on).unsent
    sent = 0
    for sub in subs:
        if sub.first_submitted_at is None:
            tasks.remind_submission.enqueue(sub.pk, Reminder.Kind.MANUAL, on.isoformat(), request.user.pk)
            sent += 1
    text = (f"Đã nhắc {subs[0].reporter_name}." if sub_pk and sent else
            f"Đã gửi lời nhắc tới {sent} đơn vị chưa gửi báo cáo." if sent else "Không còn đơn vị nào phải nhắc.")
    if request.htmx:
        return HttpResponse(f'<span class="badge ok" role="status">{text}</span>')
    messages.success(request, text)
    return redirect("reporting:round", pk=rnd.pk)


BACKGROUND_LEVELS = ("nation", "province")  # a round issued here consolidates hundreds of reports: files as jobs


def in_background(rnd) -> bool:
    """The consolidated files of a province's or the nation's round are made by a background job."""
    return rnd.issuer.level in BACKGROUND_LEVELS


def consolidated(request, pk):
    rnd = services.get_round(request.user, pk)
    c = consolidation.build(rnd)
    upward = rnd.parent_submission
    context = {"round": rnd, "c": c, "figures": consolidation.figure_table(c), "section_labels": SECTION_LABELS,
               "upward": upward, "can_fill_upward": upward is not None and services.is_reporter(request.user, upward)
               and upward.state in (State.DRAFT, State.RETURNED), "in_background": in_background(rnd),
               "breadcrumbs": _crumbs(request.user, rnd.issuer, {"label": rnd.name, "url": reverse(
                   "reporting:round", args=[rnd.pk])}, {"label": "Báo cáo tổng hợp"})}
    return render(request, "reporting/consolidated.html", context)


def _made_in_background(request, rnd):
    messages.info(request, "Báo cáo tổng hợp cấp tỉnh và toàn quốc được lập ở nền: bấm “Lập báo cáo (DOCX)” hoặc "
                           "“Lập phụ lục (XLSX)”, rồi tải tệp khi thanh tiến độ chạy xong.")
    return redirect("reporting:consolidated", pk=rnd.pk)


def consolidated_docx(request, pk):
    rnd = services.get_round(request.user, pk)
    if in_background(rnd):
        return _made_in_background(request, rnd)
    doc = consolidation.document(consolidation.build(rnd))
    audit.record(request.user, audit.Action.EXPORT, rnd, verb="Tải báo cáo tổng hợp (DOCX)")
    return docx_response(doc, f"Báo cáo tổng hợp {rnd.period.code} {rnd.issuer.short_name}")


def consolidated_xlsx(request, pk):
    rnd = services.get_round(request.user, pk)
    if in_background(rnd):
        return _made_in_background(request, rnd)
    c = consolidation.build(rnd)
    audit.record(request.user, audit.Action.EXPORT, rnd, verb="Tải phụ lục tổng hợp (XLSX)")
    return xlsx_response(c.annex, f"Phụ lục tổng hợp {rnd.period.code} {rnd.issuer.short_name}")


@require_POST
def consolidated_job(request, pk):
    """Start the background job that makes a round's consolidated DOCX or XLSX; the job's page polls it."""
    from jobs import services as jobs
    from jobs.handlers import CONSOLIDATED_FORMATS

    rnd = services.get_round(request.user, pk)
    fmt = request.POST.get("fmt", "")
    if fmt not in CONSOLIDATED_FORMATS:
        messages.error(request, "Chọn lập báo cáo (DOCX) hoặc phụ lục (XLSX).")
        return redirect("reporting:consolidated", pk=rnd.pk)
    job = jobs.start(request.user, "reporting.consolidated",
                     f"Lập {CONSOLIDATED_FORMATS[fmt]}: {rnd.name} · {rnd.issuer.name}",
                     {"round": rnd.pk, "fmt": fmt}, unit=rnd.issuer)
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def fill_upward(request, pk):
    """Put the compiled narratives into the issuer's own report to the level above (still a draft there)."""
    rnd = services.get_round(request.user, pk)
    upward = rnd.parent_submission
    if upward is None:
        raise Http404("Đợt này không gắn với báo cáo gửi cấp trên.")
    try:
        services.fill_from_consolidation(request.user, upward, rnd)
    except services.ReportingError as e:
        messages.error(request, str(e))
        return redirect("reporting:consolidated", pk=rnd.pk)
    messages.success(request, "Đã đưa nội dung tổng hợp vào báo cáo gửi cấp trên; xem lại rồi gửi.")
    return redirect("reporting:submission", pk=upward.pk)


# --- one submission -----------------------------------------------------------------------------------


def _submission_context(request, sub, *, payload=None, conflict=None):
    user = request.user
    fields = figures.form_fields(sub)
    editable = (services.is_reporter(user, sub) and sub.state in (State.DRAFT, State.RETURNED)
                and not services.is_write_locked(sub))
    values = payload["values"] if payload else {}
    narratives = payload["narratives"] if payload else sub.narratives
    transitions = list(sub.transitions.select_related("actor"))
    last_return = next((t for t in reversed(transitions) if t.to_state == State.RETURNED), None)
    open_comments = {}
    if sub.state == State.RETURNED and last_return:
        open_comments[last_return.target or "all"] = last_return
    rnd = sub.round
    status = completeness.status_of(sub, rnd.due_date, services.today())
    contents = [{"number": n, "content": c,
                 "sections": [{"key": key, "label": label, "name": f"n-{n}-{key}",
                               "text": (narratives.get(str(n)) or {}).get(key, ""),
                               "comment": open_comments.get(f"content:{n}:{key}")} for key, label in SECTIONS]}
                for n, c in content_list()]
    frozen = sub.state in (State.ACCEPTED, State.LOCKED) and bool(sub.accepted_values)
    for f in fields:
        f.entered = values.get(f.code, f.stored)
        f.comment = open_comments.get(f"measure:{f.code}")
        if frozen:  # the report as accepted (signed); today's spine value beside it when it has moved since
            f.live = f.known if f.read_only else f.entered
            f.entered = sub.accepted_values.get(f.code)
            if f.read_only:
                f.known = f.entered
            f.live_changed = f.code in sub.accepted_values and f.live != f.entered
            f.live_text = _live_text(f) if f.live_changed else ""
    review_sections = []
    if rnd.is_review:
        from .reviews import sections_for

        review_sections = sections_for(sub, narratives, open_comments)
        fields = []  # a review's figures are read from the spine per section, never typed again
    return {
        "review_sections": review_sections,
        "form_token": secrets.token_urlsafe(18), "conflict_rows": _conflict_rows(conflict, fields),
        "sub": sub, "round": rnd, "fields": fields, "contents": contents, "editable": editable, "frozen": frozen,
        "general": payload["general"] if payload else sub.general,
        "locked": services.is_write_locked(sub), "transitions": transitions, "last_return": last_return,
        "whole_comment": open_comments.get("all"), "attachment_comment": open_comments.get("attachments"),
        "is_receiver": services.is_receiver(user, rnd), "is_reporter": services.is_reporter(user, sub),
        "section_choices": services.section_choices(sub), "conflict": conflict,
        "attachments": sub.attachments.all(), "status_label": completeness.LABELS[status],
        "status_badge": completeness.BADGES[status], "badge": STATE_BADGES[sub.state],
        "max_mb": services.MAX_ATTACHMENT_BYTES // 1048576, "today": services.today(),
        "breadcrumbs": _crumbs(user, sub.unit, *([{"label": rnd.name, "url": reverse("reporting:round",
                                                                                      args=[rnd.pk])}]
                                                 if services.can_read_round(user, rnd) else []),
                               {"label": sub.reporter_name}),
    }


def _live_text(f) -> str:
    if f.live is None:
        return "chưa báo cáo"
    if isinstance(f.live, bool):
        return "Có" if f.live else "Không"
    return format_number(f.live, 0 if float(f.live).is_integer() else 1)


def _conflict_rows(conflict, fields) -> list[tuple[str, str]]:
    """The saved version shown beside the person's own text, each part under its Vietnamese name."""
    if not conflict:
        return []
    rows = [("Đánh giá chung", conflict.general)] if conflict.general else []
    for n, sections in sorted(conflict.narratives.items()):
        rows += [(f"Nội dung {n} – {SECTION_LABELS.get(key, key)}", text) for key, text in sections.items() if text]
    return rows  # figures are not on the submission: they were written to the spine by that save


def submission(request, pk):
    sub = services.get_submission(request.user, pk)
    if request.method != "POST":
        return render(request, "reporting/submission.html", _submission_context(request, sub))
    payload = form_payload(request.POST)
    version = parse_version(request.POST)
    action = request.POST.get("action", "save")
    try:
        if action == "submit":
            services.submit(request.user, sub, version, **payload)
            messages.success(request, f"Đã gửi báo cáo tới {sub.round.issuer.name}.")
        else:
            services.save_draft(request.user, sub, version, **payload)
            messages.success(request, "Đã lưu nháp.")
    except services.ConflictError as e:
        context = _submission_context(request, e.current, payload=payload, conflict=e.current)
        messages.error(request, str(e))
        return render(request, "reporting/submission.html", context, status=409)
    except services.ReportingError as e:
        sub.refresh_from_db()
        messages.error(request, str(e))
        return render(request, "reporting/submission.html", _submission_context(request, sub, payload=payload),
                      status=400 if not isinstance(e, services.LockedError) else 423)
    return redirect("reporting:submission", pk=sub.pk)


@require_POST
def autosave(request, pk):
    """htmx autosave of a draft while typing: answers the new version and a status line (or the conflict)."""
    sub = services.get_submission(request.user, pk)
    try:
        sub = services.save_draft(request.user, sub, parse_version(request.POST), autosave=True,
                                  **form_payload(request.POST))
    except services.ConflictError as e:
        return render(request, "reporting/_autosave.html", {"sub": e.current, "error": str(e), "conflict": True})
    except services.ReportingError as e:
        return render(request, "reporting/_autosave.html", {"sub": sub, "error": str(e)})
    return render(request, "reporting/_autosave.html", {"sub": sub, "saved_at": timezone.localtime()})


@require_POST
def review(request, pk):
    """The receiver's actions: accept, return for correction (with a comment on a field or section), lock,
    grant an exception after the lock date."""
    sub = services.get_submission(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "accept":
            services.accept(request.user, sub, request.POST.get("comment", ""))
            messages.success(request, f"Đã tiếp nhận báo cáo của {sub.reporter_name}.")
        elif action == "return":
            services.return_for_correction(request.user, sub, request.POST.get("comment", ""),
                                           request.POST.get("target", ""))
            messages.success(request, f"Đã trả lại báo cáo của {sub.reporter_name} để sửa.")
        elif action == "lock":
            services.lock(request.user, sub)
            messages.success(request, f"Đã khóa số liệu của {sub.reporter_name}.")
        elif action == "exception":
            try:
                until = DateField(label="Ngày gia hạn").clean(request.POST.get("until", ""))
            except ValidationError as e:
                raise services.ReportingError(" ".join(e.messages)) from None
            services.grant_exception(request.user, sub, until, request.POST.get("comment", ""))
            messages.success(request, f"Đã cho {sub.reporter_name} sửa đến ngày {until:%d/%m/%Y}.")
        else:
            raise services.ReportingError("Thao tác không hợp lệ.")
    except services.ReportingError as e:
        messages.error(request, str(e))
    return redirect("reporting:submission", pk=sub.pk)


@require_POST
def attachment_add(request, pk):
    sub = services.get_submission(request.user, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise services.ReportingError("Chọn tệp cần đính kèm.")
        services.add_attachment(request.user, sub, upload)
        messages.success(request, f"Đã đính kèm “{upload.name}”.")
    except services.ReportingError as e:
        messages.error(request, str(e))
    return redirect(reverse("reporting:submission", args=[sub.pk]) + "#tep")


def attachment(request, pk, att_pk):
    sub = services.get_submission(request.user, pk)
    att = get_object_or_404(Attachment, pk=att_pk, submission=sub)
    if request.method == "POST":
        try:
            services.remove_attachment(request.user, att)
            messages.success(request, f"Đã xóa tệp “{att.name}”.")
        except services.ReportingError as e:
            messages.error(request, str(e))
        return redirect(reverse("reporting:submission", args=[sub.pk]) + "#tep")
    inline = att.content_type in ("application/pdf", "image/jpeg", "image/png")
    return serve(att.file, att.content_type if inline else "application/octet-stream", att.name, inline=inline)
