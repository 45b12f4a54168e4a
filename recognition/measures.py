"""The recognition register in the spine: cultural titles (ND 86/2023) and commendations.

Titles are yearly: a period counts the title year whose 31 December falls in it (the last such year for a phase),
so a ratio's numerator and denominator always come from one year. Titles are entered per residential area: an
area without a row is not reported (never 0). The share of cultural families is the catalogue's ratio
`cultural_families` / `families_total`, recomputed by the spine at every level, never averaged.
"""

import datetime

from django.db.models import Q

from indicators.registers import NOT_REPORTED, Any, Derivation, During, InYear, Register, Sum, register

from .models import AreaTitle, CommuneTitle, Nomination


def title_year(period):
    """The title year a period covers, or None (a quarter that does not end a year covers none)."""
    year = period.end.year
    if datetime.date(year, 12, 31) <= period.end and datetime.date(year, 12, 31) >= period.start:
        return year
    if year - 1 >= period.start.year and datetime.date(year - 1, 12, 31) >= period.start:
        return year - 1
    return None


TITLE_YEAR = InYear("year", title_year)


def exemplary_communes(period, unit_ids):
    """A commune whose areas have titles entered for the year has answered (yes or no); others not reported."""
    year = title_year(period)
    if year is None:
        return {}
    recognised = set(CommuneTitle.objects.filter(unit_id__in=unit_ids, year=year).values_list("unit_id", flat=True))
    answered = set(AreaTitle.objects.filter(unit__parent_id__in=unit_ids, year=year)
                   .values_list("unit__parent_id", flat=True)) | recognised
    return {(uid, None): uid in recognised for uid in answered}


@register
class RecognitionRegister(Register):
    code = "recognition"
    name = "Sổ danh hiệu văn hóa và khen thưởng"
    derivations = [
        Derivation("families_total", model=AreaTitle, window=TITLE_YEAR, aggregate=Sum("total_families"),
                   missing=NOT_REPORTED),
        Derivation("cultural_families", model=AreaTitle, window=TITLE_YEAR, aggregate=Sum("cultural_families"),
                   missing=NOT_REPORTED),
        Derivation("cultural_area", model=AreaTitle, window=TITLE_YEAR, aggregate=Any("area_recognised"),
                   missing=NOT_REPORTED),
        Derivation("exemplary_communes", compute=exemplary_communes, missing=NOT_REPORTED),
        Derivation("awards_decided", model=Nomination, window=During("decision_date"),
                   filter=Q(status=Nomination.Status.DECIDED)),
    ]
