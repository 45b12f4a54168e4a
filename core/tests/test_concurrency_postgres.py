"""Concurrent edits and double submits with real threads and transactions (PostgreSQL): every thread's
outcome — saved, refused, or anything else — is part of each assertion."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from core.concurrency import AlreadySubmitted, StaleEdit, create_once
from core.tests.race import outcomes, race

pytestmark = pytest.mark.django_db(transaction=True)
D = datetime.date


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Cần PostgreSQL: SQLite tuần tự hóa mọi giao dịch ghi nên không thử được tranh chấp thật")


def test_of_six_people_saving_the_same_initiative_version_one_wins_and_five_are_told(postgres_only, tree,
                                                                                    dong_phuc_officer):
    from initiatives import services
    from initiatives.models import Initiative
    from initiatives.tests.helpers import make

    initiative = make(tree.na_hai, "Đường hoa")

    def edit(i):
        return services.save_initiative(dong_phuc_officer, {"title": f"Đường hoa {i}", "version": 0},
                                        Initiative.objects.get(pk=initiative.pk))

    results = race(6, edit, refusals=(StaleEdit,))
    assert outcomes(results) == ({"ok": 1, "refused": 5, "error": 0}, [])
    winner = next(value for kind, value in results if kind == "ok")
    assert Initiative.objects.get(pk=initiative.pk).title == winner.title
    assert Initiative.objects.get(pk=initiative.pk).version == 1


def test_six_copies_of_one_receipt_form_posted_at_once_make_one_entry(postgres_only, tree, dong_phuc_officer):
    from funds import services
    from funds.models import Entry, FundKind

    fund = services.open_fund(dong_phuc_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))

    def submit(i):
        return create_once(dong_phuc_officer, "mot-lan-duy-nhat", lambda: services.record_receipt(
            dong_phuc_officer, fund, date=D(2026, 2, 1), amount=500_000, donor_name="Nguyễn Văn A",
            donor_type="individual", receipt_number="PT-0001"))

    results = race(6, submit, refusals=(AlreadySubmitted,))
    assert outcomes(results) == ({"ok": 1, "refused": 5, "error": 0}, [])
    assert Entry.objects.filter(fund=fund).count() == 1


def test_six_receipts_with_one_number_in_one_book_make_one_entry(postgres_only, tree, dong_phuc_officer):
    from funds import services
    from funds.models import Entry, FundKind

    fund = services.open_fund(dong_phuc_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))

    def submit(i):
        return services.record_receipt(dong_phuc_officer, fund, date=D(2026, 2, 1), amount=500_000 + i,
                                       donor_name="Nguyễn Văn A", donor_type="individual", receipt_number="PT-0007")

    results = race(6, submit, refusals=(ValidationError,))
    assert outcomes(results) == ({"ok": 1, "refused": 5, "error": 0}, [])
    assert Entry.objects.filter(fund=fund).count() == 1
