"""Every write of the reporting workflow: scoped, audited, in one transaction.

    open_round → assign (one Submission per expected reporter)
    save_draft (optimistic version) → submit → return_for_correction → submit (again) → accept → lock
    grant_exception (the receiver lets one unit write after the lock date)
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from accounts import audit, scope
from accounts.models import Role
from campaign.models import Content
from core import params, uploads
from core.concurrency import create_once
from units.models import Level, MemberOrganisation, Unit

from . import figures
from .models import SECTIONS, Attachment, ReporterKind, ReportingRound, State, Submission, Transition

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


class ReportingError(Exception):
    """A refused write, with a Vietnamese message for the user."""


class LockedError(ReportingError):
    pass


class ConflictError(ReportingError):
    """Someone saved the report since this form was opened."""

    def __init__(self, current: Submission):
        self.current = current
        who = current.updated_by.full_name if current.updated_by else "người khác"
        at = timezone.localtime(current.updated_at).strftime("%H:%M %d/%m/%Y")
        super().__init__(f"Báo cáo vừa được {who} lưu lúc {at} (phiên bản {current.version}). "
                         "Bản của bạn chưa được lưu: xem lại nội dung hiện có rồi lưu lại.")


def today() -> datetime.date:
    return timezone.localdate()


# --- who may do what ----------------------------------------------------------------------------------


def is_reporter(user, submission: Submission) -> bool:
    """The people who fill in and send this submission: the unit's own Front officers (or front-committee
    head), or for a member organisation its officers."""
    if not (user.is_authenticated and user.can_write and user.unit_id == submission.unit_id):
        return False
    if submission.organisation_id:
        return user.organisation_id == submission.organisation_id or user.role == Role.OFFICER
    return user.role in (Role.OFFICER, Role.AREA_HEAD, Role.ADMIN) and not user.organisation_id


def is_front_officer_of(user, unit) -> bool:
    """A Front officer (or administrator) whose scope holds `unit`, who may write."""
    return (user.is_authenticated and user.can_write and user.role in (Role.OFFICER, Role.ADMIN)
            and not user.organisation_id and scope.in_scope(user, unit))


def is_receiver(user, rnd: ReportingRound) -> bool:
    """Front officers of the issuing unit (or above it) review, return, accept and lock."""
    return (user.is_authenticated and user.can_write and user.role in (Role.OFFICER, Role.ADMIN)
            and not user.organisation_id and scope.in_scope(user, rnd.issuer))


def can_read_round(user, rnd: ReportingRound) -> bool:
    """The round's follow-up pages (completeness, consolidation): anyone whose scope holds the issuer."""
    return scope.in_scope(user, rnd.issuer) and scope.organisation_filter(user) is None


def get_round(user, pk) -> ReportingRound:
    rnd = ReportingRound.objects.select_related("issuer", "period").filter(pk=pk).first()
    if rnd is None or not can_read_round(user, rnd):
        raise Http404("Không tìm thấy đợt báo cáo trong phạm vi của bạn.")
    return rnd


def get_submission(user, pk) -> Submission:
    """The submission if the user's scope holds its unit (and organisation); 404 otherwise."""
    sub = (Submission.objects.select_related("round__issuer", "round__period", "unit", "organisation",
                                             "updated_by").filter(pk=pk).first())
    if sub is None or not scope.in_scope(user, sub.unit):
        raise Http404("Không tìm thấy báo cáo trong phạm vi của bạn.")
    org = scope.organisation_filter(user)
    if org and sub.organisation_id != org.pk:
        raise Http404("Không tìm thấy báo cáo trong phạm vi của bạn.")
    return sub


def is_write_locked(sub: Submission, on: datetime.date | None = None) -> bool:
    """Locked by state, or by the round's lock date unless the receiver granted this unit an exception."""
    on = on or today()
    if sub.state == State.LOCKED:
        return True
    lock_on = sub.round.lock_on
    if lock_on and on >= lock_on:
        return not (sub.unlocked_until and on <= sub.unlocked_until)
    return False


def _require_reporter(user, sub):
    if not scope.in_scope(user, sub.unit):
        raise Http404("Không tìm thấy báo cáo trong phạm vi của bạn.")
    if not user.can_write:
        raise PermissionDenied("Tài khoản của bạn chỉ có quyền xem.")
    if not is_reporter(user, sub):
        raise PermissionDenied("Chỉ cán bộ của đơn vị báo cáo mới sửa và gửi được báo cáo này.")


def _require_receiver(user, rnd):
    if not scope.in_scope(user, rnd.issuer):
        raise Http404("Không tìm thấy đợt báo cáo trong phạm vi của bạn.")
    if not is_receiver(user, rnd):
        raise PermissionDenied("Chỉ cán bộ Mặt trận của đơn vị nhận báo cáo mới làm được thao tác này.")


def _require_open(sub, on=None):
    if is_write_locked(sub, on):
        raise LockedError(f"Số liệu kỳ “{sub.round.period}” của {sub.reporter_name} đã khóa"
                          f"{' từ ngày ' + sub.round.lock_on.strftime('%d/%m/%Y') if sub.round.lock_on else ''}: "
                          "không sửa được nữa. Cần sửa, đề nghị đơn vị nhận báo cáo gia hạn.")


# --- rounds and assignment ----------------------------------------------------------------------------


def default_reporters(issuer: Unit) -> str:
    return {Level.NATION: ReporterKind.PROVINCE, Level.PROVINCE: ReporterKind.COMMUNE,
            Level.DISTRICT: ReporterKind.COMMUNE, Level.COMMUNE: ReporterKind.AREA}.get(issuer.level,
                                                                                        ReporterKind.NONE)


def requirements_without_round(issuer: Unit):
    """The reporting regimes of the issuer's plans (chế độ báo cáo) no round was opened from yet."""
    from plans.models import ReportRequirement

    return (ReportRequirement.objects.filter(plan__unit=issuer, rounds__isnull=True)
            .select_related("plan", "period").order_by("due_date"))


def round_name(report_name: str, period_name: str) -> str:
    """'Báo cáo 6 tháng' + '6 tháng đầu năm 2026' → 'Báo cáo 6 tháng đầu năm 2026' (the words the two share
    are said once); 'Báo cáo năm' + 'Năm 2026' → 'Báo cáo năm 2026'."""
    name, period = " ".join(report_name.split()), " ".join(period_name.split())
    if not period or period.lower() in name.lower():
        return name
    words, pwords = name.split(), period.split()
    for n in range(min(len(words), len(pwords)), 0, -1):
        if [w.lower() for w in words[-n:]] == [w.lower() for w in pwords[:n]]:
            return " ".join(words + pwords[n:])
    return f"{name} {period[0].lower()}{period[1:]}"


def proposed_cut_off(req) -> datetime.date:
    """The regime's cut-off, else the period's end if it comes before the due date, else the last day of the
    month before the due date (a half-year report due 05/6 counts to 31/5), never before the period starts."""
    if req.cutoff_date:
        return req.cutoff_date
    if req.period.end < req.due_date:
        return req.period.end
    month_before = req.due_date.replace(day=1) - datetime.timedelta(days=1)
    return max(month_before, req.period.start)


def plan_measure_codes(plan) -> list[str]:
    """The active measures the plan's targets are measured by, in the plan's order (ticked on a round)."""
    codes = (plan.targets.filter(measure__isnull=False, measure__is_active=True)
             .order_by("order", "pk").values_list("measure__code", flat=True))
    return list(dict.fromkeys(codes))


def from_requirement(req) -> dict:
    """A round's fields proposed from a plan's reporting regime (the officer still checks them)."""
    return {"period": req.period.code, "name": round_name(req.name, req.period.name),
            "cut_off": proposed_cut_off(req), "due_date": req.due_date,
            "reporters": req.reporter_level or ReporterKind.NONE,
            "include_organisations": req.reporter_organisation_kinds.exists(),
            "measure_codes": plan_measure_codes(req.plan), "remind_days_before": 3}


def expected_reporters(rnd: ReportingRound) -> list[tuple[Unit, MemberOrganisation | None]]:
    """Who must report in this round: the active units of the chosen level under the issuer, then the issuer's
    member organisations when asked."""
    out = []
    if rnd.reporters != ReporterKind.NONE:
        units = Unit.objects.subtree(rnd.issuer, include_self=False).active().filter(level=rnd.reporters).ordered()
        out += [(u, None) for u in units]
    if rnd.include_organisations:
        orgs = MemberOrganisation.objects.filter(unit=rnd.issuer, is_active=True).select_related("unit", "kind")
        if rnd.requirement_id and rnd.requirement.reporter_organisation_kinds.exists():
            orgs = orgs.filter(kind__in=rnd.requirement.reporter_organisation_kinds.all())
        out += [(o.unit, o) for o in orgs]
    return out


@transaction.atomic
def assign(actor, rnd: ReportingRound) -> int:
    """Create the missing submissions (one per expected reporter); returns how many were added."""
    existing = set(rnd.submissions.values_list("unit_id", "organisation_id"))
    new = [Submission(round=rnd, unit=u, organisation=o, updated_by=None)
           for u, o in expected_reporters(rnd) if (u.pk, o.pk if o else None) not in existing]
    Submission.objects.bulk_create(new, batch_size=500)
    if new:
        audit.record(actor, audit.Action.ACTION, rnd, verb="Giao báo cáo", note=f"{len(new)} đơn vị được giao báo cáo")
    return len(new)


@transaction.atomic
def open_round(actor, issuer: Unit, data: dict) -> ReportingRound:
    """Open a reporting round for `issuer` and assign it. data: period, name, cut_off, due_date, lock_on,
    reporters, include_organisations, measure_codes, remind_days_before; `once` (the form's one-time key):
    a double submit opens one round (core.concurrency.AlreadySubmitted)."""
    if data.get("once") is not None:
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(actor, data["once"], lambda: open_round(actor, issuer, rest))
    scope.require_write(actor, issuer)
    if actor.role not in (Role.OFFICER, Role.ADMIN) or actor.organisation_id:
        raise PermissionDenied("Chỉ cán bộ Mặt trận mới mở được đợt báo cáo.")
    if data["due_date"] < data["cut_off"]:
        raise ReportingError("Hạn gửi phải sau ngày chốt số liệu.")
    if data.get("lock_on") and data["lock_on"] <= data["due_date"]:
        raise ReportingError("Ngày khóa số liệu phải sau hạn gửi.")
    if ReportingRound.objects.filter(issuer=issuer, period=data["period"], name=data["name"]).exists():
        raise ReportingError(f"Đã có đợt “{data['name']}” cho kỳ này.")
    requirement = data.get("requirement")
    if requirement is not None and requirement.plan.unit_id != issuer.pk:
        raise ReportingError("Chế độ báo cáo này thuộc kế hoạch của đơn vị khác.")
    rnd = ReportingRound(issuer=issuer, created_by=actor, **data)
    rnd.full_clean(exclude=["parent_submission"])
    rnd.save()
    audit.created(actor, rnd)
    assign(actor, rnd)
    _link_upward(rnd)
    return rnd


def _link_upward(rnd: ReportingRound):
    """If the issuer itself reports upward for the same period, that submission is what this round consolidates."""
    upward = (Submission.objects.filter(unit=rnd.issuer, organisation__isnull=True, round__period=rnd.period)
              .exclude(round=rnd).order_by("-round__due_date").first())
    if upward and not ReportingRound.objects.filter(parent_submission=upward).exists():
        ReportingRound.objects.filter(pk=rnd.pk, parent_submission__isnull=True).update(parent_submission=upward)
        rnd.refresh_from_db(fields=["parent_submission"])


# --- the form -----------------------------------------------------------------------------------------


def clean_narratives(raw: dict) -> dict:
    """Only the five contents × four sections, trimmed; empty sections dropped."""
    out = {}
    for number in range(1, 6):
        sections = raw.get(str(number)) or {}
        kept = {key: str(sections.get(key, "")).strip() for key, _ in SECTIONS if str(sections.get(key, "")).strip()}
        if kept:
            out[str(number)] = kept
    return out


@transaction.atomic
def save_draft(actor, sub: Submission, version: int, *, values: dict | None = None, narratives: dict | None = None,
               general: str | None = None, on=None, form_token: str = "", autosave: bool = False) -> Submission:
    """Save what the reporter typed. `version` is the one the form was opened with: if someone saved in
    between, ConflictError (the second save never overwrites the first). Typed values go straight into the spine
    through the one entry service (figures.write_values), as on the indicator entry page: there is no second
    copy of them on the submission. `form_token` names the open form: when the only save since `version` is
    that same form's own (its autosave answered after the person pressed Lưu nháp), there is nothing to
    reconcile and the save goes on from there; an autosave that arrives after its own form's manual save is
    older than it and is dropped, never written over it."""
    _require_reporter(actor, sub)
    _require_open(sub, on)
    if sub.state not in (State.DRAFT, State.RETURNED):
        raise ReportingError(f"Báo cáo đang ở trạng thái “{sub.get_state_display()}”, không sửa được.")
    before = audit.snapshot(sub)
    if narratives is not None:
        review = narratives.get("review") if sub.round.is_review else None
        sub.narratives = clean_narratives(narratives)
        if sub.round.is_review:
            from .reviews import clean_review

            kept = clean_review(review or {}, sub.round.review_sections)
            if kept:
                sub.narratives["review"] = kept
    if general is not None:
        sub.general = general.strip()
    now = timezone.now()
    form_token = form_token[:36]
    mark = f"{form_token}#{'a' if autosave else 'm'}" if form_token else ""

    def write(base):
        return Submission.objects.filter(pk=sub.pk, version=base).update(
            narratives=sub.narratives, general=sub.general, version=F("version") + 1,
            updated_at=now, updated_by=actor, saved_by_form=mark)

    updated = write(version)
    if not updated and form_token:
        current = Submission.objects.filter(pk=sub.pk, version=version + 1, updated_by=actor,
                                            saved_by_form__startswith=f"{form_token}#").first()
        if current and autosave and current.saved_by_form.endswith("#m"):
            return current  # this form's manual save already holds newer text
        if current:
            version += 1
            updated = write(version)
    if not updated:
        raise ConflictError(Submission.objects.select_related("updated_by").get(pk=sub.pk))
    if values is not None:
        figures.write_values(actor, sub, values)  # ReportingError rolls the whole save back
    sub.version, sub.updated_at, sub.updated_by, sub.saved_by_form = version + 1, now, actor, mark
    changes = audit.diff(before, audit.snapshot(sub))
    for key in ("updated_at", "version", "updated_by", "saved_by_form"):
        changes.pop(key, None)
    if changes:
        audit.record(actor, audit.Action.UPDATE, sub, changes=changes, verb="Lưu báo cáo")
    return sub


def _transition(actor, sub, to_state, verb, comment="", target="", **fields):
    from_state = sub.state
    before = audit.snapshot(sub)
    sub.state = to_state
    for key, value in fields.items():
        setattr(sub, key, value)
    sub.updated_by = actor
    sub.version += 1
    sub.save()
    Transition.objects.create(submission=sub, from_state=from_state, to_state=to_state, verb=verb, actor=actor,
                              comment=comment, target=target)
    audit.updated(actor, sub, before, verb=verb, note=comment)
    return sub


@transaction.atomic
def submit(actor, sub: Submission, version: int | None = None, on=None, **form) -> Submission:
    """Send the report (first time or again after a return). Saves the form first when given; the values
    then go to the spine, which rolls them up."""
    if form or version is not None:
        sub = save_draft(actor, sub, sub.version if version is None else version, on=on, **form)
    else:
        _require_reporter(actor, sub)
        _require_open(sub, on)
    if sub.state not in (State.DRAFT, State.RETURNED):
        raise ReportingError(f"Báo cáo đang ở trạng thái “{sub.get_state_display()}”, không gửi được.")
    if not sub.narratives and not sub.general and not figures.has_values(sub):
        raise ReportingError("Báo cáo chưa có nội dung nào: nhập kết quả ít nhất một nội dung trước khi gửi.")
    now = timezone.now()
    verb = "Gửi lại báo cáo" if sub.first_submitted_at else "Gửi báo cáo"
    return _transition(actor, sub, State.SUBMITTED, verb, first_submitted_at=sub.first_submitted_at or now,
                       submitted_at=now)


def _require_state(sub, *states):
    if sub.state not in states:
        raise ReportingError(f"Báo cáo của {sub.reporter_name} đang ở trạng thái “{sub.get_state_display()}”.")


@transaction.atomic
def return_for_correction(actor, sub: Submission, comment: str, target: str = "") -> Submission:
    _require_receiver(actor, sub.round)
    _require_state(sub, State.SUBMITTED, State.ACCEPTED)
    if not comment.strip():
        raise ReportingError("Ghi rõ cần sửa gì (ý kiến không được để trống).")
    if target and not valid_target(sub, target):
        raise ReportingError("Mục được góp ý không có trong báo cáo này.")
    return _transition(actor, sub, State.RETURNED, "Trả lại để sửa", comment=comment.strip(), target=target,
                       accepted_at=None, accepted_values={})


@transaction.atomic
def accept(actor, sub: Submission, comment: str = "") -> Submission:
    _require_receiver(actor, sub.round)
    _require_state(sub, State.SUBMITTED)
    return _transition(actor, sub, State.ACCEPTED, "Tiếp nhận báo cáo", comment=comment.strip(),
                       accepted_at=timezone.now(), accepted_values=figures.snapshot(sub))


@transaction.atomic
def lock(actor, sub: Submission) -> Submission:
    _require_receiver(actor, sub.round)
    _require_state(sub, State.ACCEPTED)
    return _transition(actor, sub, State.LOCKED, "Khóa số liệu", unlocked_until=None)


@transaction.atomic
def grant_exception(actor, sub: Submission, until: datetime.date, comment: str = "") -> Submission:
    """Let this one unit write again until `until` (after the round's lock date, or after an explicit lock)."""
    _require_receiver(actor, sub.round)
    if until < today():
        raise ReportingError("Ngày gia hạn phải từ hôm nay trở đi.")
    note = comment.strip() or f"Cho phép sửa đến ngày {until.strftime('%d/%m/%Y')}"
    if sub.state in (State.LOCKED, State.ACCEPTED, State.SUBMITTED):
        return _transition(actor, sub, State.RETURNED, "Gia hạn, mở để sửa", comment=note, unlocked_until=until,
                           accepted_values={})
    before = audit.snapshot(sub)
    sub.unlocked_until = until
    sub.save(update_fields=["unlocked_until"])
    audit.updated(actor, sub, before, verb="Gia hạn sửa báo cáo", note=note)
    return sub


def section_choices(sub: Submission) -> list[tuple[str, str]]:
    """What a return-for-correction comment may point at."""
    contents = {c.number: c.short_name for c in Content.objects.all()}
    out = [("", "Cả báo cáo")]
    out += [(f"measure:{f.code}", f"Chỉ số: {f.name}") for f in figures.form_fields(sub)]
    if sub.round.is_review:
        out += [(f"review:{s['key']}", f"Mục {s['label']} {s['title']}".replace("  ", " "))
                for s in sub.round.review_sections]
    else:
        out += [(f"content:{n}:{key}", f"Nội dung {n} ({contents.get(n, '')}) – {label}")
                for n in range(1, 6) for key, label in SECTIONS]
    out.append(("attachments", "Tệp đính kèm"))
    return out


def valid_target(sub, target) -> bool:
    return target in {key for key, _ in section_choices(sub)}


# --- attachments --------------------------------------------------------------------------------------


@transaction.atomic
def add_attachment(actor, sub: Submission, upload) -> Attachment:
    _require_reporter(actor, sub)
    _require_open(sub)
    if sub.state not in (State.DRAFT, State.RETURNED):
        raise ReportingError("Chỉ thêm được tệp khi báo cáo đang soạn hoặc được trả lại để sửa.")
    try:
        checked = uploads.check_attachment(upload, kinds=(uploads.PDF, uploads.IMAGE), max_bytes=MAX_ATTACHMENT_BYTES)
    except uploads.UploadError as exc:
        raise ReportingError(f"{exc} Chỉ nhận PDF, JPG hoặc PNG (bản chụp có chữ ký, con dấu).") from None
    name = params.clean_text(upload.name or "", 200) or f"tep{checked.extension}"
    att = Attachment(submission=sub, name=name, size=checked.file.size, content_type=checked.content_type,
                     uploaded_by=actor)
    att.file.save(checked.file.name, checked.file, save=False)
    att.save()
    audit.created(actor, att)
    return att


@transaction.atomic
def remove_attachment(actor, att: Attachment):
    sub = att.submission
    _require_reporter(actor, sub)
    _require_open(sub)
    if sub.state not in (State.DRAFT, State.RETURNED):
        raise ReportingError("Báo cáo đã gửi: không xóa được tệp đính kèm.")
    audit.deleted(actor, att)
    att.file.delete(save=False)
    att.delete()


@transaction.atomic
def fill_from_consolidation(actor, upward: Submission, rnd: ReportingRound) -> Submission:
    """The issuer's own report upward drafted from the round it consolidates (narratives compiled per content
    with attribution); its figures come from the rollup (read-only on its form)."""
    from . import consolidation

    if upward.unit_id != rnd.issuer_id:
        raise ReportingError("Báo cáo gửi cấp trên không thuộc đơn vị nhận đợt báo cáo này.")
    c = consolidation.build(rnd)
    general = (f"Tổng hợp từ báo cáo của {c.state.received}/{c.state.expected} đơn vị "
               f"({c.state.accepted} báo cáo đã tiếp nhận), số liệu tính đến ngày {rnd.cut_off:%d/%m/%Y}.")
    return save_draft(actor, upward, upward.version, narratives=consolidation.compiled_narratives(c), general=general)
