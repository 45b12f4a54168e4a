"""Concurrent disbursements cannot overdraw a book: the book row is locked (select_for_update) while the
balance is checked and moved. Real threads and real transactions need PostgreSQL."""

import datetime

import pytest
from django.db import connection

from core.tests.race import outcomes, race
from funds import integrity, services
from funds.models import Fund, FundKind

pytestmark = pytest.mark.django_db(transaction=True)
D = datetime.date


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Cần PostgreSQL: SQLite tuần tự hóa mọi giao dịch ghi nên không thử được tranh chấp thật")


def test_concurrent_disbursements_cannot_overdraw(postgres_only, tree, province_officer):
    fund = services.open_fund(province_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))
    services.record_receipt(province_officer, fund, date=D(2026, 2, 1), amount=10_000_000, donor_name="Dân",
                            donor_type="individual")
    results = race(12, lambda i: services.record_disbursement(
        province_officer, Fund.objects.get(pk=fund.pk), date=D(2026, 3, 1), amount=3_000_000, category="other",
        approval_ref=f"BB {i}"))
    fund.refresh_from_db()
    assert outcomes(results) == ({"ok": 3, "refused": 9, "error": 0}, [])
    assert fund.balance == 1_000_000
    assert [p for _, p in integrity.checks() if p] == []


def test_concurrent_transfers_in_both_directions_neither_deadlock_nor_overdraw(postgres_only, tree,
                                                                               province_officer):
    up = services.open_fund(province_officer, tree.province, FundKind.POOR, opened_on=D(2026, 1, 1))
    down = services.open_fund(province_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))
    for fund in (up, down):
        services.record_receipt(province_officer, fund, date=D(2026, 2, 1), amount=5_000_000, donor_name="Dân",
                                donor_type="individual")

    def work(i):
        source, target = (up, down) if i % 2 else (down, up)
        return services.transfer(province_officer, Fund.objects.get(pk=source.pk), Fund.objects.get(pk=target.pk),
                                 date=D(2026, 3, 1), amount=2_000_000)

    counts, errors = outcomes(race(10, work))
    assert counts["error"] == 0 and counts["ok"] + counts["refused"] == 10, errors
    assert counts["ok"] >= 4  # two transfers of 2.000.000 đ each way always fit in a book of 5.000.000 đ
    up.refresh_from_db(), down.refresh_from_db()
    assert up.balance + down.balance == 10_000_000
    assert up.balance >= 0 and down.balance >= 0
    assert [p for _, p in integrity.checks() if p] == []
