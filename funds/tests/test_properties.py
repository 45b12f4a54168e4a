"""Ledger invariants under random operations (property-based): whatever sequence of receipts, disbursements,
transfers and reversals is attempted — refused ones included — every book's balance equals the sum of its
entries, no running balance is ever negative, transfers match on both sides, and the consistency checks pass."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funds import integrity, services
from funds.models import Entry, Fund

D = datetime.date

operation = st.one_of(
    st.tuples(st.just("receive"), st.integers(0, 2), st.integers(1, 5_000), st.integers(1, 300)),
    st.tuples(st.just("spend"), st.integers(0, 2), st.integers(1, 5_000), st.integers(1, 300)),
    st.tuples(st.just("transfer"), st.integers(0, 2), st.integers(1, 5_000), st.integers(1, 300)),
    st.tuples(st.just("reverse"), st.integers(0, 2), st.integers(0, 50), st.integers(1, 300)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operation, min_size=1, max_size=25))
def test_ledger_invariants_hold_under_random_operations(province_officer, books, operations):
    Entry.objects.all()._raw_delete(Entry.objects.db)  # hypothesis reuses the fixture: start each example empty
    Fund.objects.all().update(balance=0)
    funds = [books.province, books.dong_phuc, books.bang_thanh]
    expected = {f.pk: 0 for f in funds}
    for op, which, amount, day_of_year in operations:
        fund = Fund.objects.get(pk=funds[which].pk)
        day = D(2026, 1, 1) + datetime.timedelta(days=day_of_year)
        try:
            with transaction.atomic():
                if op == "receive":
                    services.record_receipt(province_officer, fund, date=day, amount=amount, donor_name="Dân",
                                            donor_type="individual")
                    expected[fund.pk] += amount
                elif op == "spend":
                    services.record_disbursement(province_officer, fund, date=day, amount=amount, category="other",
                                                 approval_ref="BB")
                    expected[fund.pk] -= amount
                elif op == "transfer":
                    target = funds[0] if which else funds[1 + amount % 2]
                    services.transfer(province_officer, fund, target, date=day, amount=amount)
                    expected[fund.pk] -= amount
                    expected[target.pk] += amount
                else:
                    entries = list(Entry.objects.order_by("pk"))
                    if not entries:
                        continue
                    entry = entries[amount % len(entries)]
                    back = services.reverse(province_officer, entry, "sửa sai", day)
                    expected[back.fund_id] += back.amount
                    if back.kind == "transfer_out":
                        into = entry.counterpart_of if entry.kind == "transfer_out" else entry
                        expected[into.fund_id] -= into.amount
        except ValidationError:
            pass  # refused: nothing may have been written
        balances = dict(Fund.objects.values_list("pk", "balance"))
        sums = {f.pk: f.entries.aggregate(s=Sum("amount"))["s"] or 0 for f in funds}
        assert balances == sums == expected
        assert all(v >= 0 for v in balances.values())
    assert [(name, problem) for name, problem in integrity.checks() if problem] == []
