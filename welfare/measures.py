"""The welfare register in the spine: what the household lists and the support records derive, per residential
area and period. A period's list is the official list of the year it ends in; households are counted once
however often supported; houses count when handed over. No row reads 0.
"""

from django.db.models import Count
from django.db.models import Q

from indicators.registers import CountDistinct, Derivation, During, InYear, Register, Sum, register

from .models import TARGET_STATUSES, Detail, Kind, Listing, Source, SupportRecord

GIVEN = During("date")


def poor_households_gifted(period, unit_ids):
    """Households on the period's list (by their area) given a visit or gift within the period."""
    rows = (SupportRecord.objects.filter(kind=Kind.GIFT, date__gte=period.start, date__lte=period.end,
                                         household__unit__in=unit_ids, household__unit__level="area",
                                         household__listings__year=period.end.year,
                                         household__listings__status__in=TARGET_STATUSES)
            .order_by().values("household__unit").annotate(n=Count("household", distinct=True)))
    return {(r["household__unit"], None): r["n"] for r in rows}


def amount(measure, **filters):
    return Derivation(measure, model=SupportRecord, window=GIVEN, filter=Q(**filters), aggregate=Sum("amount"))


@register
class WelfareRegister(Register):
    code = "welfare"
    name = "Sổ hộ nghèo và hỗ trợ"
    derivations = [
        Derivation("poor_households", model=Listing, unit="household__unit", window=InYear("year"),
                   filter=Q(status__in=TARGET_STATUSES), aggregate=CountDistinct("household")),
        Derivation("poor_households_gifted", compute=poor_households_gifted),
        Derivation("households_livelihood_supported", model=SupportRecord, unit="household__unit", window=GIVEN,
                   filter=Q(kind=Kind.LIVELIHOOD), aggregate=CountDistinct("household")),
        Derivation("great_unity_houses_built", model=SupportRecord, window=During("house_handed_over_on"),
                   filter=Q(kind=Kind.HOUSE, detail=Detail.HOUSE_NEW)),
        Derivation("great_unity_houses_repaired", model=SupportRecord, window=During("house_handed_over_on"),
                   filter=Q(kind=Kind.HOUSE, detail=Detail.HOUSE_REPAIR)),
        amount("support_amount"),
        amount("support_amount_from_funds", source=Source.FUND),
        amount("support_amount_from_sponsors", source=Source.SPONSOR),
        Derivation("support_amount_from_organisations", model=SupportRecord, window=GIVEN,
                   filter=Q(source=Source.ORGANISATION), aggregate=Sum("amount"), organisation="organisation__kind"),
        amount("support_amount_houses", kind=Kind.HOUSE),
        amount("support_amount_livelihood", kind=Kind.LIVELIHOOD),
        amount("support_amount_gifts", kind=Kind.GIFT),
    ]
