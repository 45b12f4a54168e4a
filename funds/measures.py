"""The fund books in the spine: Quỹ “Vì người nghèo” receipts, spending and peak-month receipts of each unit's
own book (money in đồng, reversals included with their sign), summed up the tree. No entry reads 0."""

import datetime

from django.db.models import Q

from indicators.registers import Derivation, During, Register, Sum, Window, register

from .models import Entry, EntryKind, FundKind, peak_month

DATED = During("date")
POOR = Q(fund__kind=FundKind.POOR)


class DuringPeak(Window):
    """Dated in a "Tháng cao điểm" (17/10–18/11) lying wholly inside the period (none: nothing counts)."""

    fields = ("date",)

    @staticmethod
    def windows(period) -> list[tuple[datetime.date, datetime.date]]:
        spans = [peak_month(y) for y in range(period.start.year, period.end.year + 1)]
        return [(a, b) for a, b in spans if a >= period.start and b <= period.end]

    def q(self, period):
        q = Q(pk__in=[])
        for a, b in self.windows(period):
            q |= Q(date__gte=a, date__lte=b)
        return q

    def test(self, row, period):
        return any(a <= row["date"] <= b for a, b in self.windows(period))


@register
class FundsRegister(Register):
    code = "funds"
    name = "Sổ quỹ"
    derivations = [
        Derivation("fund_poor_receipts", model=Entry, unit="fund__unit", window=DATED,
                   filter=POOR & Q(kind=EntryKind.RECEIPT), aggregate=Sum("amount")),
        Derivation("fund_poor_disbursed", model=Entry, unit="fund__unit", window=DATED,
                   filter=POOR & Q(kind=EntryKind.DISBURSEMENT), aggregate=Sum("amount", sign=-1)),
        Derivation("fund_poor_peak_receipts", model=Entry, unit="fund__unit", window=DuringPeak(),
                   filter=POOR & Q(kind=EntryKind.RECEIPT), aggregate=Sum("amount")),
    ]
