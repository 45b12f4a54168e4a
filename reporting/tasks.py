"""Background work of reporting, through Django's tasks interface (in-process by default, workers in production)."""

import datetime

from django.tasks import task

from . import reminders
from .models import ReportingRound, Submission


@task
def remind_submission(submission_id: int, kind: str, on: str, sent_by_id: int | None = None) -> bool:
    sub = Submission.objects.select_related("round__issuer", "round__period", "unit", "organisation").get(
        pk=submission_id)
    return reminders.send_submission_reminder(sub, kind, datetime.date.fromisoformat(on), sent_by_id and
                                              _user(sent_by_id)) is not None


@task
def send_digest(round_id: int, on: str) -> bool:
    rnd = ReportingRound.objects.select_related("issuer", "period").get(pk=round_id)
    return reminders.send_digest(rnd, datetime.date.fromisoformat(on)) is not None


def _user(pk):
    from accounts.models import User

    return User.objects.filter(pk=pk).first()
