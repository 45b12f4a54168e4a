"""Values the fund books derive for the spine, per unit keeping a book (province, commune) and period:
money in đồng, reversals included with their sign. Missing key = the unit keeps no such book."""

from django.db.models import Q, Sum

from .models import Entry, EntryKind, Fund, FundKind, peak_month


def _ids(units):
    return None if units is None else [u if isinstance(u, int) else u.pk for u in units]


def _sum(period, units, kinds, sign=1, extra=Q()):
    ids = _ids(units)
    funds = Fund.objects.filter(kind=FundKind.POOR, opened_on__lte=period.end)
    if ids is not None:
        funds = funds.filter(unit_id__in=ids)
    values = {(unit_id, None): 0 for unit_id in funds.values_list("unit_id", flat=True)}
    rows = (Entry.objects.filter(fund__in=funds, kind__in=kinds, date__gte=period.start, date__lte=period.end)
            .filter(extra).order_by().values("fund__unit_id").annotate(s=Sum("amount")))
    for r in rows:
        values[(r["fund__unit_id"], None)] = sign * r["s"]
    return values


def fund_poor_receipts(period, units=None):
    return _sum(period, units, [EntryKind.RECEIPT])


def fund_poor_disbursed(period, units=None):
    return _sum(period, units, [EntryKind.DISBURSEMENT], sign=-1)


def fund_poor_peak_receipts(period, units=None):
    """Receipts in the "Tháng cao điểm" (17/10–18/11) of each year inside the period; not reported when the
    period holds no whole peak month."""
    windows = [peak_month(y) for y in range(period.start.year, period.end.year + 1)]
    windows = [(a, b) for a, b in windows if a >= period.start and b <= period.end]
    if not windows:
        return {}
    extra = Q()
    for a, b in windows:
        extra |= Q(date__gte=a, date__lte=b)
    return _sum(period, units, [EntryKind.RECEIPT], extra=extra)


MEASURES = {
    "fund_poor_receipts": ("Số thu Quỹ “Vì người nghèo”", fund_poor_receipts),
    "fund_poor_disbursed": ("Số chi Quỹ “Vì người nghèo”", fund_poor_disbursed),
    "fund_poor_peak_receipts": ("Số thu Quỹ “Vì người nghèo” trong Tháng cao điểm (17/10–18/11)",
                                fund_poor_peak_receipts),
}
