"""The spine's background work, through Django's tasks (in-process for the demo and tests, a worker in
production): the daily opening of periods and re-derivation of date-dependent measures."""

import datetime

from django.tasks import task


@task
def open_periods(day: str | None = None) -> dict:
    """Daily: the current and next years exist with their halves and quarters (each derived when created), and
    measures that depend on today's date are re-derived. `day` is YYYY-MM-DD (default: today)."""
    from django.utils import timezone

    from campaign.periods import open_periods as open_them
    from indicators.services import refresh_daily

    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    periods = open_them(today)
    return {"periods": [p.code for p in periods], "refreshed": refresh_daily(today)}
