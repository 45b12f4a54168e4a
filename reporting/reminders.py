"""Who gets reminded of what, and when. Sending goes through the tasks in reporting/tasks.py.

Daily (python manage.py send_reminders):
- `remind_days_before` days before the due date (and up to it), once per unsent submission: "nhắc trước hạn";
- after the due date, while not sent and not locked: "nhắc quá hạn", at most once every OVERDUE_EVERY days;
- each receiving officer gets one digest per round per day while the round has work left.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse

from accounts.models import Role, User

from . import completeness
from .models import ReportingRound, Reminder, State, Submission

OVERDUE_EVERY = 3  # days between two overdue reminders to the same unit
ROUND_FOLLOW_DAYS = 30  # rounds are followed for this long after their due date


def site_url(path: str) -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def responsible_users(sub: Submission):
    """The people who fill in this submission and have an e-mail address."""
    qs = User.objects.filter(unit_id=sub.unit_id, is_active=True).exclude(email="")
    if sub.organisation_id:
        return qs.filter(role=Role.ORG_OFFICER, organisation_id=sub.organisation_id)
    return qs.filter(role__in=[Role.OFFICER, Role.AREA_HEAD], organisation__isnull=True)


def receiving_officers(rnd: ReportingRound):
    return User.objects.filter(unit_id=rnd.issuer_id, is_active=True, role=Role.OFFICER,
                               organisation__isnull=True).exclude(email="")


def send_submission_reminder(sub: Submission, kind: str, on: datetime.date, sent_by=None) -> Reminder | None:
    """E-mail the reporters of `sub`; records the reminder. None when nobody could be written to or it was sent."""
    if sub.first_submitted_at is not None:
        return None
    users = list(responsible_users(sub))
    rnd = sub.round
    days = (rnd.due_date - on).days
    when = (f"còn {days} ngày nữa đến hạn" if days > 0 else "hôm nay là hạn cuối" if days == 0
            else f"đã quá hạn {-days} ngày")
    subject = f"[doanket] Nhắc gửi {rnd.name} ({when})"
    body = (f"Kính gửi {sub.reporter_name},\n\n"
            f"{rnd.issuer.name} đề nghị gửi “{rnd.name}” (kỳ {rnd.period}, số liệu tính đến ngày "
            f"{rnd.cut_off:%d/%m/%Y}), hạn gửi ngày {rnd.due_date:%d/%m/%Y}: {when}.\n\n"
            f"Trạng thái hiện nay: {sub.get_state_display()}.\n"
            f"Mở báo cáo: {site_url(reverse('reporting:submission', args=[sub.pk]))}\n\n"
            + (f"Cán bộ phụ trách theo dõi, tổng hợp: {contact.contact_label}.\n\n" if (contact := rnd.contact) else "")
            + "Thư này gửi tự động từ doanket; không trả lời thư này.")
    if users:
        send_mail(subject, body, None, [u.email for u in users])
    return Reminder.objects.create(round=rnd, submission=sub, kind=kind, sent_on=on, sent_by=sent_by,
                                   recipients=", ".join(u.email for u in users) or "(chưa có người nhận có thư điện tử)")


def send_digest(rnd: ReportingRound, on: datetime.date) -> Reminder | None:
    """One summary for the receiving officers: counts, what arrived since the last digest, who is missing."""
    officers = list(receiving_officers(rnd))
    if not officers:
        return None
    state = completeness.compute(rnd, on)
    last = rnd.reminders.filter(kind=Reminder.Kind.DIGEST).order_by("-sent_at").first()
    since = last.sent_at if last else None
    arrived = [r.submission for r in state.rows if r.submission.submitted_at
               and (since is None or r.submission.submitted_at > since)]
    lines = [f"{rnd.name} – hạn {rnd.due_date:%d/%m/%Y}, tình hình ngày {on:%d/%m/%Y}:",
             f"- Phải báo cáo: {state.expected}; đã gửi: {state.received} (đúng hạn {state.on_time}, muộn "
             f"{state.late}); quá hạn chưa gửi: {state.missing}; chưa đến hạn: {state.pending}.",
             f"- Chờ xem xét: {state.awaiting_review}; đã trả lại để sửa: {state.returned}; "
             f"đã tiếp nhận: {state.accepted}."]
    if arrived:
        lines += ["", "Mới gửi từ lần tổng hợp trước:"] + [f"- {s.reporter_name}" for s in arrived[:50]]
    overdue = [r.submission.reporter_name for r in state.rows if r.status == completeness.Status.MISSING]
    if overdue:
        lines += ["", f"Quá hạn chưa gửi ({len(overdue)}):"] + [f"- {n}" for n in overdue[:50]]
        if len(overdue) > 50:
            lines.append(f"- … và {len(overdue) - 50} đơn vị khác")
    lines += ["", f"Theo dõi: {site_url(reverse('reporting:round', args=[rnd.pk]))}"]
    send_mail(f"[doanket] Tổng hợp hằng ngày: {rnd.name}", "\n".join(lines), None, [u.email for u in officers])
    return Reminder.objects.create(round=rnd, kind=Reminder.Kind.DIGEST, sent_on=on,
                                   recipients=", ".join(u.email for u in officers))


def open_rounds(on: datetime.date):
    """Rounds still followed on this day: from `remind_days_before` before the due date to a month after."""
    return (ReportingRound.objects.filter(due_date__gte=on - datetime.timedelta(days=ROUND_FOLLOW_DAYS))
            .filter(Q(lock_on__isnull=True) | Q(lock_on__gt=on)).select_related("issuer", "period"))


def due_reminders(on: datetime.date) -> list[tuple[int, str]]:
    """(submission id, kind) for every reminder the daily run should send on `on`."""
    out = []
    rounds = [r for r in open_rounds(on) if on >= r.due_date - datetime.timedelta(days=r.remind_days_before)]
    if not rounds:
        return out
    unsent = (Submission.objects.filter(round__in=rounds, first_submitted_at__isnull=True)
              .exclude(state=State.LOCKED).select_related("round"))
    sent = {}
    for sub_id, kind, sent_on in Reminder.objects.filter(submission__in=unsent).values_list(
            "submission_id", "kind", "sent_on"):
        sent.setdefault((sub_id, kind), []).append(sent_on)
    for sub in unsent:
        if on <= sub.round.due_date:
            if not sent.get((sub.pk, Reminder.Kind.BEFORE_DUE)):
                out.append((sub.pk, Reminder.Kind.BEFORE_DUE))
        else:
            last = max(sent.get((sub.pk, Reminder.Kind.OVERDUE), [datetime.date.min]))
            if (on - last).days >= OVERDUE_EVERY:
                out.append((sub.pk, Reminder.Kind.OVERDUE))
    return out


def due_digests(on: datetime.date) -> list[int]:
    rounds = [r for r in open_rounds(on) if on >= r.due_date - datetime.timedelta(days=r.remind_days_before)]
    done = set(Reminder.objects.filter(kind=Reminder.Kind.DIGEST, sent_on=on).values_list("round_id", flat=True))
    return [r.pk for r in rounds if r.pk not in done]
