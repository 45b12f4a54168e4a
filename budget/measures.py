"""The budget register in the spine: planned (estimate lines), spent (settlement lines) and mobilised
(settlement lines from socialised sources) per unit and year, in đồng. A budget belongs to a calendar year, so it
counts in a period that contains that whole year (a year, a 2026–2030 phase); a quarter or a half covers no
budget year and reads "chưa báo cáo". Units without a budget for the year are not reported (not 0)."""

from django.db.models import Q

from indicators.registers import NOT_REPORTED, Derivation, Register, Sum, Window, register

from .models import BudgetLine, SourceKind, Stage


def whole_years(period) -> tuple[int, int] | None:
    """The calendar years lying wholly inside the period, as (first, last), or None."""
    first = period.start.year if (period.start.month, period.start.day) == (1, 1) else period.start.year + 1
    last = period.end.year if (period.end.month, period.end.day) == (12, 31) else period.end.year - 1
    return (first, last) if first <= last else None


class BudgetYears(Window):
    fields = ("budget__year",)

    def q(self, period):
        years = whole_years(period)
        if years is None:
            return Q(pk__in=[])
        return Q(budget__year__gte=years[0], budget__year__lte=years[1])

    def test(self, row, period):
        years = whole_years(period)
        return years is not None and years[0] <= row["budget__year"] <= years[1]


YEARS = BudgetYears()


@register
class BudgetRegister(Register):
    code = "budget"
    name = "Sổ kinh phí Cuộc vận động"
    derivations = [
        Derivation("budget_planned", model=BudgetLine, unit="budget__unit", window=YEARS,
                   filter=Q(stage=Stage.ESTIMATE), aggregate=Sum("amount"), missing=NOT_REPORTED),
        Derivation("budget_spent", model=BudgetLine, unit="budget__unit", window=YEARS,
                   filter=Q(stage=Stage.SETTLEMENT), aggregate=Sum("amount"), missing=NOT_REPORTED),
        Derivation("budget_mobilised", model=BudgetLine, unit="budget__unit", window=YEARS,
                   filter=Q(stage=Stage.SETTLEMENT, source__kind=SourceKind.SOCIALISED), aggregate=Sum("amount"),
                   missing=NOT_REPORTED),
    ]
