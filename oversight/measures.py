"""The oversight register in the spine: supervisions, social critiques and recommendations (content 5).

recommendations_made and recommendations_answered_on_time both count recommendations *sent* in the period (the
second: those answered by their due date), so their ratio stays within 0–100 %. recommendations_overdue is the
stock unanswered past their due date at the period's end, or today while the period runs (re-derived daily).
"""

from django.db.models import Count as DbCount
from django.db.models import F, Q
from django.utils import timezone

from indicators.registers import Count, Derivation, During, Register, register

from .models import Recommendation, Supervision

CRITIQUE = Q(kind=Supervision.Kind.CRITIQUE)
SENT = During("sent_on")


def as_at(period, today=None):
    """The date a period's "overdue" is judged at: its end, or today while it is running."""
    today = today or timezone.localdate()
    return min(period.end, today)


def overdue(period, unit_ids, today=None):
    on = as_at(period, today)
    if on < period.start:
        return {}
    rows = (Recommendation.objects.filter(unit_id__in=unit_ids, sent_on__lte=on, due_on__lt=on)
            .filter(Q(answered_on__isnull=True) | Q(answered_on__gt=on))
            .order_by().values("unit_id").annotate(n=DbCount("id")))
    return {(r["unit_id"], None): r["n"] for r in rows}


@register
class OversightRegister(Register):
    code = "oversight"
    name = "Sổ giám sát, phản biện và kiến nghị"
    derivations = [
        Derivation("supervisions_held", model=Supervision, window=During("start"), filter=~CRITIQUE),
        Derivation("social_critiques_held", model=Supervision, window=During("start"), filter=CRITIQUE),
        Derivation("recommendations_made", model=Recommendation, window=SENT),
        Derivation("recommendations_answered_on_time", model=Recommendation, window=SENT,
                   filter=Q(answered_on__lte=F("due_on"))),
        Derivation("recommendations_overdue", compute=overdue, daily=True),
    ]
