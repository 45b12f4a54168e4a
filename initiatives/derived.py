"""Measures derived from the initiatives register, for any period (a date range) and any set of units.

Each function returns {(unit_id, organisation_kind_id or None): value}: the key with None is the unit's total
over every owner (the Front and all member organisations); a key with an OrganisationKind id is the part owned
by that kind of member organisation (Hội CCB, Hội Nông dân …). Values are counted at the unit where the row sits
("owned at the unit itself"); the spine rolls them up the tree. Counts are 0 for a unit that keeps this register
(it has a row started by the period's end) but has none matching, and left out (not reported) for a unit with no
row at all; sums of resources are left out when no row carries a figure. A unit's values depend only on its own
rows, so the spine's incremental refresh of one unit equals a full recompute.
"""

from django.db.models import Count, Q, Sum

from units.models import Level, Unit

from .models import Initiative

Status = Initiative.Status
CHUNK = 2000


def unit_ids(units, level=None) -> list[int]:
    """Ids of the units asked about, optionally only those of one level."""
    units = list(units)
    objects = [u for u in units if isinstance(u, Unit)]
    ids = [u for u in units if not isinstance(u, Unit)]
    if level is None:
        return [u.pk for u in objects] + [int(i) for i in ids]
    chosen = [u.pk for u in objects if u.level == level]
    if ids:
        chosen += list(Unit.objects.filter(pk__in=ids, level=level).values_list("pk", flat=True))
    return chosen


def chunks(ids):
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def active_in(period) -> Q:
    """Running at some time in the period: started by its end, not a mere registration, not stopped before it."""
    return (Q(started_on__lte=period.end) & ~Q(status=Status.REGISTERED)
            & (Q(stopped_on__isnull=True) | Q(stopped_on__gte=period.start)))


def _count(ids, condition, period) -> dict:
    result = {}
    for part in chunks(ids):
        for uid in (Initiative.objects.filter(unit_id__in=part, started_on__lte=period.end)
                    .values_list("unit_id", flat=True).distinct()):
            result[(uid, None)] = 0

        rows = (Initiative.objects.filter(unit_id__in=part).filter(condition)
                .values("unit_id", "organisation__kind_id").annotate(n=Count("id", distinct=True)))
        for row in rows:
            result[(row["unit_id"], None)] = result.get((row["unit_id"], None), 0) + row["n"]
            if row["organisation__kind_id"] is not None:
                key = (row["unit_id"], row["organisation__kind_id"])
                result[key] = result.get(key, 0) + row["n"]
    return result


def _sum(ids, condition, field) -> dict:
    result = {}
    for part in chunks(ids):
        rows = (Initiative.objects.filter(unit_id__in=part).filter(condition).filter(**{f"{field}__isnull": False})
                .values("unit_id", "organisation__kind_id").annotate(total=Sum(field)))
        for row in rows:
            result[(row["unit_id"], None)] = result.get((row["unit_id"], None), 0) + row["total"]
            if row["organisation__kind_id"] is not None:
                key = (row["unit_id"], row["organisation__kind_id"])
                result[key] = result.get(key, 0) + row["total"]
    return result


def compute_pilot_models(period, units):
    return _count(unit_ids(units), active_in(period) & Q(is_pilot=True), period)


def compute_pilot_models_welfare(period, units):
    return _count(unit_ids(units), active_in(period) & Q(is_pilot=True, topics__code="an-sinh-cong-dong"), period)


def compute_pilot_models_green_clean(period, units):
    return _count(unit_ids(units), active_in(period) & Q(is_pilot=True, is_self_managed=True,
                                                         topics__code="sang-xanh-sach-dep"), period)


def compute_pilot_models_drugs_new(period, units):
    return _count(unit_ids(units), active_in(period) & Q(is_pilot=True, topics__code="phong-chong-ma-tuy",
                                                         started_on__gte=period.start), period)


def compute_self_managed_models(period, units):
    return _count(unit_ids(units, Level.AREA), active_in(period) & Q(is_self_managed=True), period)


def compute_community_works(period, units):
    return _count(unit_ids(units, Level.AREA), active_in(period), period)


def _started_in(period) -> Q:
    return Q(started_on__gte=period.start, started_on__lte=period.end) & ~Q(status=Status.REGISTERED)


def compute_money_mobilised(period, units):
    return _sum(unit_ids(units), _started_in(period), "money")


def compute_workdays_mobilised(period, units):
    return _sum(unit_ids(units), _started_in(period), "workdays")


def compute_land_donated_m2(period, units):
    return _sum(unit_ids(units), _started_in(period), "land_m2")


def compute_pilot_models_province_level(period, units):
    """Pilot models the province Front itself runs (not a member organisation's)."""
    return _count(unit_ids(units, Level.PROVINCE), active_in(period) & Q(is_pilot=True, organisation__isnull=True),
                  period)


def compute_poverty_help_models(period, units):
    return _count(unit_ids(units), active_in(period) & Q(topics__code="giam-ngheo"), period)


def compute_security_self_managed_models(period, units):
    return _count(unit_ids(units, Level.AREA), active_in(period) & Q(is_self_managed=True,
                                                                      topics__code="an-ninh-trat-tu"), period)


COMPUTE = {
    "pilot_models_province_level": compute_pilot_models_province_level,
    "poverty_help_models": compute_poverty_help_models,
    "security_self_managed_models": compute_security_self_managed_models,
    "pilot_models": compute_pilot_models,
    "pilot_models_welfare": compute_pilot_models_welfare,
    "pilot_models_green_clean": compute_pilot_models_green_clean,
    "pilot_models_drugs_new": compute_pilot_models_drugs_new,
    "self_managed_models": compute_self_managed_models,
    "community_works": compute_community_works,
    "money_mobilised": compute_money_mobilised,
    "workdays_mobilised": compute_workdays_mobilised,
    "land_donated_m2": compute_land_donated_m2,
}
