"""Consistency of the budget register, for `python manage.py check_integrity` (the spine's own check already
proves budget_planned / budget_spent / budget_mobilised equal a recompute from the lines):

- each budget's kept totals (planned, spent, mobilised) equal the sums of its estimate and settlement lines;
- no amount is negative;
- budgets are kept only at commune level and above.
"""

from django.db.models import Q, Sum

from .models import Budget, BudgetLine, SourceKind, Stage
from .services import BUDGET_LEVELS


def _examples(items, n=5):
    items = list(items)
    return ", ".join(str(i) for i in items[:n]) + (f" … ({len(items)} mục)" if len(items) > n else "")


def total_mismatches():
    sums = {}
    for r in BudgetLine.objects.order_by().values("budget_id", "stage").annotate(s=Sum("amount")):
        sums.setdefault(r["budget_id"], {})[r["stage"]] = r["s"] or 0
    mobilised = dict(BudgetLine.objects.filter(stage=Stage.SETTLEMENT, source__kind=SourceKind.SOCIALISED)
                     .order_by().values("budget_id").annotate(s=Sum("amount")).values_list("budget_id", "s"))
    bad = []
    for b in Budget.objects.select_related("unit"):
        got = sums.get(b.pk, {})
        expected = (got.get(Stage.ESTIMATE, 0), got.get(Stage.SETTLEMENT, 0), mobilised.get(b.pk) or 0)
        if (b.planned, b.spent, b.mobilised) != expected:
            bad.append(f"{b} (ghi {b.planned}/{b.spent}/{b.mobilised}, cộng các dòng "
                       f"{expected[0]}/{expected[1]}/{expected[2]})")
    return bad


def negative_amounts():
    return [f"dòng #{line.pk}" for line in BudgetLine.objects.filter(amount__lt=0)] + [
        str(b) for b in Budget.objects.filter(Q(planned__lt=0) | Q(spent__lt=0) | Q(mobilised__lt=0))]


def misplaced_budgets():
    return [str(b) for b in Budget.objects.exclude(unit__level__in=BUDGET_LEVELS).select_related("unit")]


def checks():
    for name, finder in (
        ("Tổng dự toán, quyết toán, xã hội hóa của mỗi năm bằng tổng các dòng", total_mismatches),
        ("Không có số tiền kinh phí âm", negative_amounts),
        ("Kinh phí chỉ lập ở cấp xã trở lên", misplaced_budgets),
    ):
        found = finder()
        yield name, (_examples(found) if found else None)
