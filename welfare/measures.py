"""The welfare register in the spine: what the household lists and the support records derive, per residential
area and period. A period's list is the official list of the year it ends in; households are counted once
however often supported; houses count when handed over. No row reads 0.
"""

from django.db.models import Count
from django.db.models import Q

from indicators.registers import CountDistinct, Derivation, During, InYear, Register, Running, Sum, register

from .models import TARGET_STATUSES, Adoption, ChildSponsorship, Detail, Kind, Listing, Source, Status, SupportRecord

GIVEN = During("date")


def poor_households_gifted(period, unit_ids):
    """Households on the period's list (by their area) given a visit or gift within the period."""
    rows = (SupportRecord.objects.filter(kind=Kind.GIFT, date__gte=period.start, date__lte=period.end,
                                         household__unit__in=unit_ids, household__unit__level="area",
                                         household__listings__year=period.end.year,
                                         household__listings__status__in=TARGET_STATUSES)
            .order_by().values("household__unit").annotate(n=Count("household", distinct=True)))
    return {(r["household__unit"], None): r["n"] for r in rows}


def households_adopted_escaped(period, unit_ids):
    """Households adopted at some time in the period and on the list of newly escaped households of the year the
    period ends in (the status change the welfare register records), by their area."""
    escaped = Listing.objects.filter(year=period.end.year, status=Status.ESCAPED).values("household")
    rows = (Adoption.objects.filter(starts_on__lte=period.end, ends_on__gte=period.start,
                                    household__unit__in=unit_ids, household__unit__level="area",
                                    household__in=escaped)
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
        Derivation("poor_households_escaped", model=Listing, unit="household__unit", window=InYear("year"),
                   filter=Q(status=Status.ESCAPED), aggregate=CountDistinct("household")),
        Derivation("households_adopted", model=Adoption, unit="household__unit",
                   window=Running("starts_on", "ends_on"), aggregate=CountDistinct("household"),
                   organisation="organisation__kind"),
        Derivation("households_adopted_escaped", compute=households_adopted_escaped),
        Derivation("children_sponsored", model=ChildSponsorship, window=Running("starts_on", "ends_on")),
    ]
