"""The fund book: balances, no overdraft, immutable entries, reversing entries, transfers on both sides, and
the consistency command."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.http import Http404

from funds import integrity, services
from funds.models import Entry, Fund, FundKind
from funds.tests.conftest import receive, spend

D = datetime.date


def failures():
    return [(name, problem) for name, problem in integrity.checks() if problem]


def test_receipts_and_disbursements_move_the_balance(province_officer, books):
    receive(province_officer, books.dong_phuc, 10_000_000)
    spend(province_officer, books.dong_phuc, 4_000_000)
    books.dong_phuc.refresh_from_db()
    assert books.dong_phuc.balance == 6_000_000
    assert failures() == []


def test_a_disbursement_cannot_overdraw(province_officer, books):
    receive(province_officer, books.dong_phuc, 1_000_000)
    with pytest.raises(ValidationError, match="không đủ"):
        spend(province_officer, books.dong_phuc, 1_000_001)
    books.dong_phuc.refresh_from_db()
    assert books.dong_phuc.balance == 1_000_000 and books.dong_phuc.entries.count() == 1


def test_a_backdated_disbursement_cannot_make_an_earlier_balance_negative(province_officer, books):
    receive(province_officer, books.dong_phuc, 5_000_000, D(2026, 2, 1))
    spend(province_officer, books.dong_phuc, 5_000_000, D(2026, 3, 1))
    receive(province_officer, books.dong_phuc, 5_000_000, D(2026, 4, 1))
    with pytest.raises(ValidationError, match="bị âm|không đủ"):
        spend(province_officer, books.dong_phuc, 1_000_000, D(2026, 2, 15))
    spend(province_officer, books.dong_phuc, 1_000_000, D(2026, 4, 2))
    assert failures() == []


def test_entries_are_immutable(province_officer, books):
    entry = receive(province_officer, books.dong_phuc, 1_000_000)
    entry.amount = 2_000_000
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        Entry.objects.filter(pk=entry.pk).update(amount=5)
    with pytest.raises(TypeError):
        Entry.objects.filter(pk=entry.pk).delete()
    assert Entry.objects.get(pk=entry.pk).amount == 1_000_000


def test_a_correction_is_a_reversing_entry(province_officer, books):
    wrong = receive(province_officer, books.dong_phuc, 10_000_000, receipt_number="0007")
    back = services.reverse(province_officer, wrong, "Ghi nhầm số tiền", D(2026, 2, 2))
    receive(province_officer, books.dong_phuc, 1_000_000, D(2026, 2, 2), receipt_number="0007")
    assert back.amount == -10_000_000 and back.kind == "receipt" and back.reverses == wrong
    books.dong_phuc.refresh_from_db()
    assert books.dong_phuc.balance == 1_000_000
    assert services.summary(books.dong_phuc, D(2026, 1, 1), D(2026, 12, 31)).receipts == 1_000_000
    with pytest.raises(ValidationError, match="đã được đảo"):
        services.reverse(province_officer, wrong, "lần nữa")
    with pytest.raises(ValidationError, match="bút toán đảo"):
        services.reverse(province_officer, back, "đảo của đảo")
    assert failures() == []


def test_reversing_a_receipt_already_spent_is_refused(province_officer, books):
    receipt = receive(province_officer, books.dong_phuc, 3_000_000)
    spend(province_officer, books.dong_phuc, 3_000_000)
    with pytest.raises(ValidationError):
        services.reverse(province_officer, receipt, "nhầm", D(2026, 3, 2))


def test_a_transfer_is_written_on_both_sides(province_officer, books):
    receive(province_officer, books.province, 100_000_000)
    out, into = services.transfer(province_officer, books.province, books.dong_phuc, date=D(2026, 11, 20),
                                  amount=40_000_000)
    assert out.amount == -40_000_000 and into.amount == 40_000_000 and into.counterpart == out
    books.province.refresh_from_db(), books.dong_phuc.refresh_from_db()
    assert (books.province.balance, books.dong_phuc.balance) == (60_000_000, 40_000_000)
    services.reverse(province_officer, into, "Chuyển nhầm xã", D(2026, 11, 21))  # from either side: both reversed
    books.province.refresh_from_db(), books.dong_phuc.refresh_from_db()
    assert (books.province.balance, books.dong_phuc.balance) == (100_000_000, 0)
    assert failures() == []


def test_a_transfer_needs_money_and_a_book_of_the_same_kind_at_another_level(province_officer, books, tree):
    with pytest.raises(ValidationError, match="không đủ"):
        services.transfer(province_officer, books.province, books.dong_phuc, date=D(2026, 5, 1), amount=1)
    relief = services.open_fund(province_officer, tree.dong_phuc, FundKind.RELIEF, relief_campaign="Bão số 3",
                                opened_on=D(2026, 1, 1))
    receive(province_officer, books.province, 5_000_000)
    with pytest.raises(ValidationError, match="cùng một loại quỹ"):
        services.transfer(province_officer, books.province, relief, date=D(2026, 5, 1), amount=1)
    assert Entry.objects.filter(kind__startswith="transfer").count() == 0


def test_a_commune_sends_money_up_to_the_province(dong_phuc_officer, province_officer, books):
    receive(province_officer, books.dong_phuc, 2_000_000)
    services.transfer(dong_phuc_officer, books.dong_phuc, books.province, date=D(2026, 6, 1), amount=2_000_000)
    books.province.refresh_from_db()
    assert books.province.balance == 2_000_000
    with pytest.raises(Http404):  # the province's book is not the commune officer's to spend
        services.transfer(dong_phuc_officer, books.province, books.bang_thanh, date=D(2026, 6, 1), amount=1)
    receive(province_officer, books.dong_phuc, 1_000)
    with pytest.raises(ValidationError):  # nor sideways to another commune
        services.transfer(dong_phuc_officer, books.dong_phuc, books.bang_thanh, date=D(2026, 6, 1), amount=1)


def test_opening_closing_and_peak_month(province_officer, books):
    receive(province_officer, books.dong_phuc, 5_000_000, D(2026, 3, 1))
    receive(province_officer, books.dong_phuc, 7_000_000, D(2026, 10, 17))
    receive(province_officer, books.dong_phuc, 3_000_000, D(2026, 11, 18))
    receive(province_officer, books.dong_phuc, 1_000_000, D(2026, 11, 19))
    spend(province_officer, books.dong_phuc, 2_000_000, D(2026, 7, 1))
    h2 = services.summary(books.dong_phuc, D(2026, 7, 1), D(2026, 12, 31))
    assert (h2.opening, h2.receipts, h2.disbursements, h2.closing) == (5_000_000, 11_000_000, 2_000_000, 14_000_000)
    assert h2.peak_receipts == 10_000_000
    assert services.summary(books.dong_phuc, D(2026, 1, 1), D(2026, 6, 30)).peak_receipts is None


def test_relief_funds_are_one_per_campaign(province_officer, tree):
    with pytest.raises(ValidationError, match="đợt vận động"):
        services.open_fund(province_officer, tree.province, FundKind.RELIEF)
    a = services.open_fund(province_officer, tree.province, FundKind.RELIEF, relief_campaign="Bão số 3")
    b = services.open_fund(province_officer, tree.province, FundKind.RELIEF, relief_campaign="Lũ tháng 7")
    assert a.name != b.name
    with pytest.raises(ValidationError):
        services.open_fund(province_officer, tree.province, FundKind.RELIEF, relief_campaign="Bão số 3")


def test_a_leader_and_an_area_head_cannot_write_books(leader, na_hai_head, books):
    from django.core.exceptions import PermissionDenied

    for user in (leader, na_hai_head):
        with pytest.raises((PermissionDenied, Http404)):
            receive(user, books.dong_phuc, 1_000)


def test_the_consistency_command_fails_on_a_tampered_book(province_officer, books):
    receive(province_officer, books.dong_phuc, 5_000_000)
    receive(province_officer, books.province, 9_000_000)
    services.transfer(province_officer, books.province, books.dong_phuc, date=D(2026, 3, 1), amount=4_000_000)
    call_command("check_integrity")
    with connection.cursor() as cursor:  # someone edits the table behind the application's back
        cursor.execute("UPDATE funds_entry SET amount = amount - 1 WHERE kind = 'transfer_in'")
        cursor.execute("UPDATE funds_fund SET balance = balance + 7 WHERE id = %s", [books.dong_phuc.pk])
    found = dict(failures())
    assert "Mỗi khoản chuyển quỹ ghi đủ hai bên, khớp số tiền" in found
    assert "Số dư mỗi sổ quỹ bằng tổng các bút toán" in found
    with pytest.raises(CommandError):
        call_command("check_integrity")


def test_a_negative_running_balance_is_detected(province_officer, books):
    receive(province_officer, books.dong_phuc, 5_000_000, D(2026, 3, 1))
    spend(province_officer, books.dong_phuc, 5_000_000, D(2026, 3, 2))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE funds_entry SET date = %s WHERE kind = 'disbursement'", [D(2026, 2, 1)])
    assert "Không sổ quỹ nào có số dư âm theo thứ tự ngày" in dict(failures())


def test_the_fund_book_carries_its_balance_across_a_year_boundary(province_officer, tree, monkeypatch):
    """Opened on 1/1/2026 with 114.000.000 đ carried over from 2025: the carry-over is the opening balance of
    2026, not a receipt; 2026's closing balance is 2027's opening balance, and 2027 counts only its own receipts."""
    monkeypatch.setattr(services, "today", lambda: D(2027, 2, 1))
    book = services.open_fund(province_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1),
                              opening_balance=114_000_000)
    receive(province_officer, book, 6_000_000, D(2026, 11, 1))
    spend(province_officer, book, 20_000_000, D(2026, 12, 30))
    receive(province_officer, book, 1_000_000, D(2027, 1, 2))
    y2026 = services.summary(book, D(2026, 1, 1), D(2026, 12, 31))
    assert (y2026.opening, y2026.receipts, y2026.receipt_count) == (114_000_000, 6_000_000, 1)
    assert y2026.closing == 100_000_000
    y2027 = services.summary(book, D(2027, 1, 1), D(2027, 12, 31))
    assert y2027.opening == y2026.closing and y2027.receipts == 1_000_000 and y2027.closing == 101_000_000
    h1 = services.summary(book, D(2026, 1, 1), D(2026, 6, 30))
    assert h1.opening == 114_000_000 and h1.receipts == 0


def test_carry_over_is_not_a_receipt_for_the_spine(province_officer, tree):
    from campaign.periods import get_period
    from indicators.models import DataValue

    year = get_period("2026")
    book = services.open_fund(province_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1),
                              opening_balance=114_000_000)
    receive(province_officer, book, 6_000_000, D(2026, 3, 1))
    value = DataValue.objects.get(measure__code="fund_poor_receipts", unit=tree.dong_phuc,
                                  period=year, org_key=0).value
    assert value == 6_000_000


def test_a_negative_opening_balance_is_refused_and_nothing_is_opened(province_officer, tree):
    from funds.models import Fund

    with pytest.raises(ValidationError) as e:
        services.open_fund(province_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1),
                           opening_balance=-1)
    assert "opening_balance" in e.value.message_dict
    assert not Fund.objects.filter(unit=tree.dong_phuc).exists()
