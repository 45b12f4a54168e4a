"""A double-submitted book-opening or transfer form makes one book or one transfer (entries themselves are
never edited: a mistake is reversed, at most once)."""

import pytest
from django.urls import reverse

from core.testing import hidden
from funds.models import Entry, Fund

from .conftest import receive

pytestmark = pytest.mark.django_db


def test_a_double_submitted_transfer_moves_the_money_once(client_for, province_officer, books):
    receive(province_officer, books.province, 50_000_000)
    client = client_for(province_officer)
    url = reverse("funds:transfer", args=[books.province.pk])
    data = {"target": books.dong_phuc.pk, "date": "20/11/2026", "amount": "20.000.000", "once": hidden(client.get(url), "once")}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    assert "đã được gửi" in again.content.decode()
    books.dong_phuc.refresh_from_db(), books.province.refresh_from_db()
    assert books.dong_phuc.balance == 20_000_000 and books.province.balance == 30_000_000
    assert Entry.objects.filter(fund=books.dong_phuc).count() == 1


def test_a_double_submitted_book_opening_makes_one_book(client_for, province_officer, tree):
    client = client_for(province_officer)
    url = reverse("funds:open", args=[tree.bang_thanh.pk])
    data = {"kind": "relief", "relief_campaign": "Ủng hộ đồng bào bị thiệt hại do bão số 3", "name": "",
            "opened_on": "01/09/2026", "once": hidden(client.get(url), "once")}
    first = client.post(url, data)
    assert first.status_code == 302
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == first.url
    assert Fund.objects.filter(unit=tree.bang_thanh).count() == 1
