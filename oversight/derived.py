"""Measures the oversight register derives, as plain functions of (period, units).

Each returns {(unit_id, None): value} for the units given that have something recorded in the period; a unit
with no row is "not recorded", never 0. Values count the unit's own records (the spine rolls them up).
"""

from django.db.models import Count, F, Q
from django.utils import timezone

from .models import Recommendation, Supervision

RATIOS = {"recommendations_answered_rate"}  # recomputed by the spine from their parts: nothing to compute here


def _unit_ids(units):
    return [u.pk if hasattr(u, "pk") else u for u in units]


def _counts(queryset):
    return {(row["unit_id"], None): row["n"] for row in queryset.values("unit_id").annotate(n=Count("id"))}


def as_at(period, today=None):
    """The date a period's "overdue" is judged at: its end, or today while it is running."""
    today = today or timezone.localdate()
    return min(period.end, today)


def compute(measure_code, period, units, today=None):
    """recommendations_made and recommendations_answered_on_time both count the recommendations *sent* in the
    period (the second: those answered by their due date), so their ratio stays within 0–100 %.
    recommendations_overdue is the stock of recommendations unanswered past their due date at the period's end
    (or today while it runs); a period that has not started has none."""
    if measure_code in RATIOS:
        return {}
    ids = _unit_ids(units)
    if measure_code in ("supervisions_held", "social_critiques_held"):
        qs = Supervision.objects.filter(unit_id__in=ids, start__gte=period.start, start__lte=period.end)
        critique = Q(kind=Supervision.Kind.CRITIQUE)
        return _counts(qs.exclude(critique) if measure_code == "supervisions_held" else qs.filter(critique))
    recs = Recommendation.objects.filter(unit_id__in=ids)
    sent = recs.filter(sent_on__gte=period.start, sent_on__lte=period.end)
    if measure_code == "recommendations_made":
        return _counts(sent)
    if measure_code == "recommendations_answered_on_time":
        counts = _counts(sent.filter(answered_on__lte=F("due_on")))
        return {key: counts.get(key, 0) for key in _counts(sent)}  # 0 is real once something was sent
    if measure_code == "recommendations_overdue":
        on = as_at(period, today)
        if on < period.start:
            return {}
        return _counts(recs.filter(sent_on__lte=on, due_on__lt=on)
                       .filter(Q(answered_on__isnull=True) | Q(answered_on__gt=on)))
    raise KeyError(measure_code)
