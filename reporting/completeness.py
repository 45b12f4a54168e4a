"""Who has reported, computed from the assignments (submissions) and their timestamps, never clicked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.utils import timezone

from .models import ReportingRound, Reminder, State, Submission


class Status:
    MISSING = "missing"  # not sent and the due date has passed
    LATE = "late"  # sent after the due date
    PENDING = "pending"  # not sent, not yet due
    ON_TIME = "on_time"  # sent on or before the due date


LABELS = {Status.MISSING: "Quá hạn, chưa gửi", Status.LATE: "Gửi muộn", Status.PENDING: "Chưa gửi (chưa đến hạn)",
          Status.ON_TIME: "Gửi đúng hạn"}
BADGES = {Status.MISSING: "bad", Status.LATE: "warn", Status.PENDING: "", Status.ON_TIME: "ok"}
ORDER = {Status.MISSING: 0, Status.LATE: 1, Status.PENDING: 2, Status.ON_TIME: 3}


def status_of(sub: Submission, due: datetime.date, on: datetime.date) -> str:
    if sub.first_submitted_at is None:
        return Status.MISSING if on > due else Status.PENDING
    return Status.LATE if timezone.localdate(sub.first_submitted_at) > due else Status.ON_TIME


@dataclass
class Row:
    submission: Submission
    status: str
    days_late: int | None
    reminders: int
    last_reminded: datetime.datetime | None

    @property
    def label(self):
        return LABELS[self.status]

    @property
    def badge(self):
        return BADGES[self.status]


@dataclass
class Completeness:
    round: ReportingRound
    on: datetime.date
    rows: list[Row] = field(default_factory=list)

    def count(self, *statuses) -> int:
        return sum(1 for r in self.rows if r.status in statuses)

    @property
    def expected(self):
        return len(self.rows)

    @property
    def received(self):
        return self.count(Status.ON_TIME, Status.LATE)

    @property
    def on_time(self):
        return self.count(Status.ON_TIME)

    @property
    def late(self):
        return self.count(Status.LATE)

    @property
    def missing(self):
        return self.count(Status.MISSING)

    @property
    def pending(self):
        return self.count(Status.PENDING)

    @property
    def accepted(self):
        return sum(1 for r in self.rows if r.submission.state in (State.ACCEPTED, State.LOCKED))

    @property
    def returned(self):
        return sum(1 for r in self.rows if r.submission.state == State.RETURNED)

    @property
    def awaiting_review(self):
        return sum(1 for r in self.rows if r.submission.state == State.SUBMITTED)

    @property
    def on_time_rate(self) -> float | None:
        """On-time submissions over expected reporters, in percent."""
        return round(100 * self.on_time / self.expected, 1) if self.expected else None

    @property
    def received_rate(self) -> float | None:
        return round(100 * self.received / self.expected, 1) if self.expected else None

    @property
    def unsent(self) -> list[Submission]:
        return [r.submission for r in self.rows if r.status in (Status.MISSING, Status.PENDING)]


def compute(rnd: ReportingRound, on: datetime.date | None = None) -> Completeness:
    """One row per expected reporter, the late and missing first (then by name)."""
    on = on or timezone.localdate()
    subs = (rnd.submissions.select_related("unit", "organisation", "updated_by")
            .annotate(n_reminders=Count("reminders", filter=~Q(reminders__kind=Reminder.Kind.DIGEST)),
                      last_reminded=Max("reminders__sent_at")))
    rows = []
    for sub in subs:
        status = status_of(sub, rnd.due_date, on)
        if status == Status.LATE:
            days = (timezone.localdate(sub.first_submitted_at) - rnd.due_date).days
        elif status == Status.MISSING:
            days = (on - rnd.due_date).days
        else:
            days = None
        rows.append(Row(sub, status, days, sub.n_reminders, sub.last_reminded))
    rows.sort(key=lambda r: (ORDER[r.status], r.submission.organisation_id is not None,
                             r.submission.unit.sort_key, r.submission.organisation.name if r.submission.organisation
                             else ""))
    return Completeness(rnd, on, rows)
