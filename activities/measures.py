"""The activities register in the spine: how it derives the catalogue's measures from its rows.

An activity counts in the periods containing its date (a channel count with its activity); a covenant as amended up to the period's end (Until).
Values belong to the unit where the row sits; no row reads 0 (a Great Unity Day not held is a "no").
"""

from django.db.models import Q

from indicators.registers import Any, Count, Derivation, During, Register, Sum, Until, register

from .models import Activity, ActivityChannel, CovenantUpdate

Kind = Activity.Kind
HELD = During("held_on")
INTEGRATES = Q(integrates_environment=True) | Q(integrates_crime_prevention=True) | \
    Q(integrates_civilised_lifestyle=True)


@register
class ActivitiesRegister(Register):
    code = "activities"
    name = "Sổ hoạt động"
    derivations = [
        Derivation("great_unity_day_held", model=Activity, window=HELD, filter=Q(kind=Kind.GREAT_UNITY_DAY),
                   aggregate=Any()),
        Derivation("great_unity_day_participants", model=Activity, window=HELD, filter=Q(kind=Kind.GREAT_UNITY_DAY),
                   aggregate=Sum("participants")),
        Derivation("propaganda_integrated", model=Activity, window=HELD,
                   filter=Q(kind__in=[Kind.GREAT_UNITY_DAY, Kind.PROPAGANDA]) & INTEGRATES, aggregate=Any()),
        Derivation("covenant_civilised_rules", model=CovenantUpdate, window=Until("updated_on"),
                   filter=Q(rules__is_civilised_lifestyle=True), aggregate=Any()),
        Derivation("festivals", model=Activity, window=HELD, filter=Q(kind=Kind.FESTIVAL),
                   organisation="organisation__kind"),
        Derivation("commendation_events", model=Activity, window=HELD, filter=Q(kind=Kind.COMMENDATION),
                   organisation="organisation__kind"),
        Derivation("study_tours_held", model=Activity, window=HELD, filter=Q(kind=Kind.STUDY_TOUR),
                   organisation="organisation__kind"),
        Derivation("study_tour_participants", model=Activity, window=HELD, filter=Q(kind=Kind.STUDY_TOUR),
                   aggregate=Sum("participants")),
        Derivation("border_days_held", model=Activity, window=HELD, filter=Q(kind=Kind.BORDER_DAY)),
        Derivation("security_days_held", model=Activity, window=HELD, filter=Q(kind=Kind.SECURITY_DAY)),
        Derivation("defence_days_held", model=Activity, window=HELD, filter=Q(kind=Kind.DEFENCE_DAY)),
        Derivation("gratitude_activities", model=Activity, window=HELD, filter=Q(kind=Kind.GRATITUDE),
                   organisation="organisation__kind"),
        Derivation("gratitude_mobilised", model=Activity, window=HELD, filter=Q(kind=Kind.GRATITUDE),
                   aggregate=Sum("money_mobilised")),
        # "a number a register knows is never typed again": dialogues and pledges were typed until #16
        Derivation("dialogues_held", model=Activity, window=HELD,
                   filter=Q(kind=Kind.DIALOGUE, dialogue_form=Activity.DialogueForm.DIALOGUE)),
        Derivation("citizen_meetings_held", model=Activity, window=HELD, filter=Q(kind=Kind.DIALOGUE)),
        Derivation("dialogue_opinions", model=Activity, window=HELD, filter=Q(kind=Kind.DIALOGUE),
                   aggregate=Sum("opinions")),
        Derivation("security_pledges", model=Activity, window=HELD, filter=Q(kind=Kind.SECURITY_PLEDGE),
                   aggregate=Sum("households")),
        Derivation("trainings_held", model=Activity, window=HELD, filter=Q(kind=Kind.TRAINING),
                   organisation="organisation__kind"),
        Derivation("training_participants", model=Activity, window=HELD, filter=Q(kind=Kind.TRAINING),
                   aggregate=Sum("participants")),
        Derivation("propaganda_channel_uses", model=ActivityChannel, unit="activity__unit",
                   window=During("activity__held_on"), aggregate=Sum("count")),
    ]
