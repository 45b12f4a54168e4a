"""The oversight register in the spine: supervisions, social critiques and recommendations (content 5).

recommendations_made and recommendations_answered_on_time both count recommendations *sent* in the period (the
second: those answered by their due date), so their ratio stays within 0–100 %. recommendations_overdue is the
stock unanswered past their due date at the period's end, or today while the period runs (re-derived daily);
recommendations_pending the stock sent and not yet answered, judged the same way (the overview's "đang chờ").
opinion_summaries_submitted counts the communes' quarterly summaries of the people's opinions that were sent up,
for the quarters lying in the period (the overview of "Tình hình Nhân dân" reads it per quarter).
"""

from django.db.models import Count as DbCount
from django.db.models import F, Q

from indicators.registers import Count, Derivation, During, Register, Within, register

from .models import OpinionSummary, Recommendation, Supervision

CRITIQUE = Q(kind=Supervision.Kind.CRITIQUE)
SENT = During("sent_on")


def as_at(period, today=None):
    """The date a period's "overdue" is judged at: its end, or today while it is running."""
    from . import services  # the register's own "today" (tests freeze it there)

    today = today or services.today()
    return min(period.end, today)


def _open_at(period, unit_ids, today, past_due=False):
    """{(unit, None): n} of recommendations sent and not yet answered on the period's as-at date."""
    on = as_at(period, today)
    if on < period.start:
        return {}
    rows = (Recommendation.objects.filter(unit_id__in=unit_ids, sent_on__lte=on)
            .filter(Q(answered_on__isnull=True) | Q(answered_on__gt=on)))
    if past_due:
        rows = rows.filter(due_on__lt=on)
    rows = (rows.order_by().values("unit_id").annotate(n=DbCount("id")))
    return {(r["unit_id"], None): r["n"] for r in rows}


def overdue(period, unit_ids, today=None):
    return _open_at(period, unit_ids, today, past_due=True)


def pending(period, unit_ids, today=None):
    return _open_at(period, unit_ids, today)


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
        Derivation("recommendations_pending", compute=pending, daily=True),
        Derivation("opinion_summaries_submitted", model=OpinionSummary, window=Within("period__start", "period__end"),
                   filter=Q(submitted_at__isnull=False)),
    ]
