"""Measures the oversight register derives, as plain functions of (period, units).

Each returns {(unit_id, None): value} for the units given that have something recorded in the period; a unit
with no row is "not recorded", never 0. Values count the unit's own records (the spine rolls them up).
"""

from django.db.models import Count, F, Q
from django.utils import timezone

from .models import Recommendation, Supervision

# code -> (name, value type, level, aggregation, unit label, content number)
MEASURES = {
    "supervisions_held": ("Số cuộc giám sát đã tổ chức", "count", "any", "sum", "cuộc", 5),
    "social_critiques_held": ("Số hoạt động phản biện xã hội", "count", "any", "sum", "cuộc", 5),
    "recommendations_sent": ("Số kiến nghị đã gửi", "count", "any", "sum", "kiến nghị", 5),
    "recommendations_answered_on_time": ("Số kiến nghị được trả lời đúng hạn", "count", "any", "sum", "kiến nghị", 5),
    "recommendations_overdue": ("Số kiến nghị quá hạn chưa được trả lời (đến cuối kỳ)", "count", "any", "sum",
                                "kiến nghị", 5),
}


def _unit_ids(units):
    return [u.pk if hasattr(u, "pk") else u for u in units]


def _counts(queryset):
    return {(row["unit_id"], None): row["n"] for row in queryset.values("unit_id").annotate(n=Count("id"))}


def as_at(period, today=None):
    """The date a period's "overdue" is judged at: its end, or today while it is running."""
    today = today or timezone.localdate()
    return min(period.end, today)


def compute(measure_code, period, units, today=None):
    ids = _unit_ids(units)
    if measure_code in ("supervisions_held", "social_critiques_held"):
        qs = Supervision.objects.filter(unit_id__in=ids, start__gte=period.start, start__lte=period.end)
        critique = Q(kind=Supervision.Kind.CRITIQUE)
        return _counts(qs.exclude(critique) if measure_code == "supervisions_held" else qs.filter(critique))
    recs = Recommendation.objects.filter(unit_id__in=ids)
    if measure_code == "recommendations_sent":
        return _counts(recs.filter(sent_on__gte=period.start, sent_on__lte=period.end))
    if measure_code == "recommendations_answered_on_time":
        return _counts(recs.filter(answered_on__gte=period.start, answered_on__lte=period.end)
                       .filter(answered_on__lte=F("due_on")))
    if measure_code == "recommendations_overdue":
        on = as_at(period, today)
        return _counts(recs.filter(sent_on__lte=on, due_on__lt=on)
                       .filter(Q(answered_on__isnull=True) | Q(answered_on__gt=on)))
    raise KeyError(measure_code)
