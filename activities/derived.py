"""Measures derived from the activities register, for any period (a date range) and any set of units.

Keys are (unit_id, organisation_kind_id or None) as in `initiatives.derived`: None is the unit's total.
Yes/no measures are left out (not reported) for an area with no row at all; counts of events are 0 for a unit
with other activities in the period and left out for a unit with none (not reported).
"""

from django.db.models import Count, Q, Sum

from initiatives.derived import chunks, unit_ids
from units.models import Level

from .models import Activity, CovenantUpdate

Kind = Activity.Kind


def _held(period) -> Q:
    return Q(held_on__gte=period.start, held_on__lte=period.end)


def compute_great_unity_day_held(period, units):
    result = {}
    for part in chunks(unit_ids(units, Level.AREA)):
        for uid in (Activity.objects.filter(unit_id__in=part, kind=Kind.GREAT_UNITY_DAY).filter(_held(period))
                    .values_list("unit_id", flat=True).distinct()):
            result[(uid, None)] = True
    return result


def compute_great_unity_day_participants(period, units):
    result = {}
    for part in chunks(unit_ids(units, Level.AREA)):
        rows = (Activity.objects.filter(unit_id__in=part, kind=Kind.GREAT_UNITY_DAY, participants__isnull=False)
                .filter(_held(period)).values("unit_id").annotate(total=Sum("participants")))
        for row in rows:
            result[(row["unit_id"], None)] = row["total"]
    return result


def compute_propaganda_integrated(period, units):
    result = {}
    for part in chunks(unit_ids(units, Level.AREA)):
        rows = (Activity.objects.filter(unit_id__in=part, kind__in=[Kind.GREAT_UNITY_DAY, Kind.PROPAGANDA])
                .filter(_held(period))
                .values_list("unit_id", "integrates_environment", "integrates_crime_prevention",
                             "integrates_civilised_lifestyle"))
        for uid, *flags in rows:
            result[(uid, None)] = result.get((uid, None), False) or any(flags)
    return result


def compute_covenant_civilised_rules(period, units):
    """Whether the area's covenant, as amended up to the end of the period, carries civilised-lifestyle rules."""
    result = {}
    for part in chunks(unit_ids(units, Level.AREA)):
        updates = CovenantUpdate.objects.filter(unit_id__in=part, updated_on__lte=period.end)
        for uid in updates.values_list("unit_id", flat=True).distinct():
            result[(uid, None)] = False
        for uid in (updates.filter(rules__is_civilised_lifestyle=True).values_list("unit_id", flat=True).distinct()):
            result[(uid, None)] = True
    return result


def _count_events(period, units, kind):
    ids = unit_ids(units)
    result = {}
    for part in chunks(ids):
        for uid in (Activity.objects.filter(unit_id__in=part).filter(_held(period))
                    .values_list("unit_id", flat=True).distinct()):
            result[(uid, None)] = 0

        rows = (Activity.objects.filter(unit_id__in=part, kind=kind).filter(_held(period))
                .values("unit_id", "organisation__kind_id").annotate(n=Count("id")))
        for row in rows:
            result[(row["unit_id"], None)] = result.get((row["unit_id"], None), 0) + row["n"]
            if row["organisation__kind_id"] is not None:
                key = (row["unit_id"], row["organisation__kind_id"])
                result[key] = result.get(key, 0) + row["n"]
    return result


def compute_festivals(period, units):
    return _count_events(period, units, Kind.FESTIVAL)


def compute_commendation_events(period, units):
    return _count_events(period, units, Kind.COMMENDATION)


COMPUTE = {
    "great_unity_day_held": compute_great_unity_day_held,
    "great_unity_day_participants": compute_great_unity_day_participants,
    "propaganda_integrated": compute_propaganda_integrated,
    "covenant_civilised_rules": compute_covenant_civilised_rules,
    "festivals": compute_festivals,
    "commendation_events": compute_commendation_events,
}
