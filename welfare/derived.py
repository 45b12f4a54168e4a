"""Values this register derives, per residential area and period, for the spine.

Every function takes a period (anything with `.start` and `.end` dates, a year or a 2026–2030 phase) and the
units to compute for (units or ids; None for all) and returns {(unit_id, org_kind_id or None): value}. A
missing key means "not reported", never 0: an area without a list of poor households does not report.

- poor_households: poor + near-poor households on the official list of the period's last year.
- poor_households_gifted: of those, households visited or given gifts within the period.
- poor_households_gifted_rate: gifted × 100 / poor (the spine recomputes it from the two on rollup).
- households_livelihood_supported: DISTINCT households given livelihood support within the period; a household
  supported twice, also in two years of one phase, counts once (in its current area).
- great_unity_houses_built / _repaired: houses handed over within the period (started, not handed over, do not
  count).
- support_amount*: value in đồng of support given within the period, in total, by source, by kind.
"""

from django.db.models import Count, Sum

from .models import TARGET_STATUSES, Detail, Kind, Listing, Source, SupportRecord


def _unit_ids(units):
    if units is None:
        return None
    return [u if isinstance(u, int) else u.pk for u in units]


def _in_units(qs, units, field):
    ids = _unit_ids(units)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


def _list_year(period) -> int:
    return period.end.year


def poor_households(period, units=None) -> dict:
    qs = _in_units(Listing.objects.filter(year=_list_year(period), status__in=TARGET_STATUSES),
                   units, "household__unit_id")
    rows = qs.order_by().values("household__unit_id").annotate(n=Count("household_id", distinct=True))
    return {(r["household__unit_id"], None): r["n"] for r in rows}


def poor_households_gifted(period, units=None) -> dict:
    listed = poor_households(period, units)
    gifted = (SupportRecord.objects.filter(kind=Kind.GIFT, date__gte=period.start, date__lte=period.end,
                                           household__listings__year=_list_year(period),
                                           household__listings__status__in=TARGET_STATUSES)
              .order_by().values("household__unit_id").annotate(n=Count("household_id", distinct=True)))
    counts = {r["household__unit_id"]: r["n"] for r in _in_units(gifted, units, "household__unit_id")}
    return {key: counts.get(key[0], 0) for key in listed}


def poor_households_gifted_rate(period, units=None) -> dict:
    listed = poor_households(period, units)
    gifted = poor_households_gifted(period, units)
    return {key: round(gifted[key] * 100 / n, 1) for key, n in listed.items() if n}


def households_livelihood_supported(period, units=None) -> dict:
    supported = (SupportRecord.objects.filter(kind=Kind.LIVELIHOOD, date__gte=period.start, date__lte=period.end)
                 .order_by().values("household__unit_id").annotate(n=Count("household_id", distinct=True)))
    values = {(r["household__unit_id"], None): r["n"] for r in _in_units(supported, units, "household__unit_id")}
    for key in poor_households(period, units):  # areas with a list report 0 rather than nothing
        values.setdefault(key, 0)
    return values


def _houses(period, units, detail) -> dict:
    rows = (SupportRecord.objects.filter(kind=Kind.HOUSE, detail=detail, house_handed_over_on__gte=period.start,
                                         house_handed_over_on__lte=period.end)
            .order_by().values("unit_id").annotate(n=Count("id")))
    return {(r["unit_id"], None): r["n"] for r in _in_units(rows, units, "unit_id")}


def great_unity_houses_built(period, units=None) -> dict:
    return _houses(period, units, Detail.HOUSE_NEW)


def great_unity_houses_repaired(period, units=None) -> dict:
    return _houses(period, units, Detail.HOUSE_REPAIR)


def _amount(period, units, **filters) -> dict:
    qs = SupportRecord.objects.filter(date__gte=period.start, date__lte=period.end, **filters)
    rows = _in_units(qs, units, "unit_id").order_by().values("unit_id").annotate(s=Sum("amount"))
    return {(r["unit_id"], None): r["s"] for r in rows}


def support_amount_by_organisation(period, units=None) -> dict:
    """Support given by member organisations: the total per area (org None) and its parts keyed by organisation
    kind (Hội Nông dân, Hội LHPN …)."""
    qs = SupportRecord.objects.filter(date__gte=period.start, date__lte=period.end, source=Source.ORGANISATION)
    rows = (_in_units(qs, units, "unit_id").order_by().values("unit_id", "organisation__kind_id")
            .annotate(s=Sum("amount")))
    values = {}
    for r in rows:
        values[(r["unit_id"], r["organisation__kind_id"])] = r["s"]
        values[(r["unit_id"], None)] = values.get((r["unit_id"], None), 0) + r["s"]
    return values


# measure code -> (name, unit label, aggregation, compute)
MEASURES = {
    "poor_households": ("Số hộ nghèo, cận nghèo trong danh sách năm", "hộ", "sum", poor_households),
    "poor_households_gifted": ("Số hộ nghèo, cận nghèo được thăm hỏi, tặng quà", "hộ", "sum",
                               poor_households_gifted),
    "poor_households_gifted_rate": ("Tỷ lệ hộ nghèo, cận nghèo được thăm hỏi, tặng quà", "%", "ratio",
                                    poor_households_gifted_rate),
    "households_livelihood_supported": ("Số hộ được hỗ trợ sinh kế (không tính trùng)", "hộ", "sum",
                                        households_livelihood_supported),
    "great_unity_houses_built": ("Số nhà Đại đoàn kết xây mới bàn giao", "căn", "sum", great_unity_houses_built),
    "great_unity_houses_repaired": ("Số nhà Đại đoàn kết sửa chữa bàn giao", "căn", "sum",
                                    great_unity_houses_repaired),
    "support_amount": ("Giá trị hỗ trợ hộ nghèo, cận nghèo", "đồng", "sum",
                       lambda p, u=None: _amount(p, u)),
    "support_amount_from_funds": ("Giá trị hỗ trợ từ quỹ của Mặt trận", "đồng", "sum",
                                  lambda p, u=None: _amount(p, u, source=Source.FUND)),
    "support_amount_from_sponsors": ("Giá trị hỗ trợ từ nhà tài trợ", "đồng", "sum",
                                     lambda p, u=None: _amount(p, u, source=Source.SPONSOR)),
    "support_amount_from_organisations": ("Giá trị hỗ trợ của tổ chức thành viên", "đồng", "sum",
                                          support_amount_by_organisation),
    "support_amount_houses": ("Giá trị hỗ trợ nhà Đại đoàn kết", "đồng", "sum",
                              lambda p, u=None: _amount(p, u, kind=Kind.HOUSE)),
    "support_amount_livelihood": ("Giá trị hỗ trợ sinh kế", "đồng", "sum",
                                  lambda p, u=None: _amount(p, u, kind=Kind.LIVELIHOOD)),
    "support_amount_gifts": ("Giá trị quà thăm hỏi, tặng quà", "đồng", "sum",
                             lambda p, u=None: _amount(p, u, kind=Kind.GIFT)),
}


def compute(measure_code: str, period, units=None) -> dict:
    return MEASURES[measure_code][3](period, units)

