"""Measures the recognition register derives, as plain functions of (period, units).

Titles are yearly: a period counts the title year whose 31 December falls in it (the last such year for a phase),
so a ratio's numerator and denominator always come from one year. Units without a row get no value (not
reported, never 0). The share of cultural families is a ratio measure recomputed by the spine from
`cultural_families` / `families_total`, never averaged.
"""

import datetime

from django.db.models import Count

from .models import AreaTitle, CommuneTitle, Nomination

RATIOS = {"cultural_families_rate"}  # recomputed by the spine from cultural_families / families_total


def title_year(period):
    """The title year a period covers, or None (a quarter that does not end a year covers none)."""
    year = period.end.year
    if datetime.date(year, 12, 31) <= period.end and datetime.date(year, 12, 31) >= period.start:
        return year
    if year - 1 >= period.start.year and datetime.date(year - 1, 12, 31) >= period.start:
        return year - 1
    return None


def compute(measure_code, period, units):
    if measure_code in RATIOS:
        return {}
    ids = [u.pk if hasattr(u, "pk") else u for u in units]
    if measure_code == "awards_decided":
        rows = (Nomination.objects.filter(unit_id__in=ids, status=Nomination.Status.DECIDED,
                                          decision_date__gte=period.start, decision_date__lte=period.end)
                .values("unit_id").annotate(n=Count("id")))
        return {(r["unit_id"], None): r["n"] for r in rows}
    year = title_year(period)
    if year is None:
        return {}
    if measure_code == "exemplary_communes":
        recognised = set(CommuneTitle.objects.filter(unit_id__in=ids, year=year).values_list("unit_id", flat=True))
        # A commune whose areas have titles entered this year has answered; the others are not reported.
        answered = set(AreaTitle.objects.filter(unit__parent_id__in=ids, year=year)
                       .values_list("unit__parent_id", flat=True)) | recognised
        return {(uid, None): uid in recognised for uid in answered}
    titles = AreaTitle.objects.filter(unit_id__in=ids, year=year).values_list(
        "unit_id", "total_families", "cultural_families", "area_recognised")
    if measure_code == "families_total":
        return {(uid, None): total for uid, total, _, _ in titles}
    if measure_code == "cultural_families":
        return {(uid, None): cultural for uid, _, cultural, _ in titles}
    if measure_code == "cultural_area":
        return {(uid, None): recognised for uid, _, _, recognised in titles}
    raise KeyError(measure_code)
