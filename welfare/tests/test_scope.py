"""Scope on every URL: another commune's officer gets 404, a leader reads only, a member-organisation
officer records only their own organisation's support, an area head works in their area."""

import datetime

import pytest
from django.urls import reverse

from welfare.models import Kind, Source, SupportRecord


@pytest.fixture
def record(households):
    return SupportRecord.objects.create(household=households.manh, unit=households.manh.unit, kind=Kind.GIFT,
                                        detail="tet", date=datetime.date(2026, 1, 25), amount=500_000,
                                        source=Source.FUND)


def urls(tree, households, record):
    unit = tree.dong_phuc.pk
    return [reverse("welfare:list", args=[unit]), reverse("welfare:add", args=[unit]),
            reverse("welfare:import", args=[unit]), reverse("welfare:template", args=[unit]),
            reverse("welfare:export", args=[unit]), reverse("welfare:support_list", args=[unit]),
            reverse("welfare:summary_download", args=[unit, "xlsx"]),
            reverse("welfare:list", args=[tree.na_hai.pk]),
            reverse("welfare:detail", args=[households.manh.pk]), reverse("welfare:edit", args=[households.manh.pk]),
            reverse("welfare:support_add", args=[households.manh.pk])]


def test_another_communes_officer_gets_404_everywhere(client_for, other_officer, tree, households, record):
    client = client_for(other_officer)
    for url in urls(tree, households, record):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (403, 404), url  # 403: refused by role, before any row
    assert client.post(reverse("welfare:support_delete", args=[record.pk])).status_code == 404
    assert SupportRecord.objects.filter(pk=record.pk).exists()


def test_the_owner_opens_every_page(client_for, dong_phuc_officer, tree, households, record):
    client = client_for(dong_phuc_officer)
    for url in urls(tree, households, record):
        assert client.get(url).status_code == 200, url


def test_a_leader_reads_but_cannot_write(client_for, leader, tree, households, record):
    client = client_for(leader)
    assert client.get(reverse("welfare:list", args=[tree.dong_phuc.pk])).status_code == 200
    assert client.get(reverse("welfare:detail", args=[households.manh.pk])).status_code == 200
    for url in (reverse("welfare:add", args=[tree.dong_phuc.pk]), reverse("welfare:import", args=[tree.dong_phuc.pk]),
                reverse("welfare:edit", args=[households.manh.pk]),
                reverse("welfare:support_add", args=[households.manh.pk]),
                reverse("welfare:support_delete", args=[record.pk])):
        assert client.post(url, {"kind": "gift"}).status_code == 403, url
    assert SupportRecord.objects.count() == 1


def test_a_member_organisation_officer_records_only_for_their_organisation(client_for, org_officer, tree,
                                                                           households, record):
    client = client_for(org_officer)
    assert client.get(reverse("welfare:edit", args=[households.manh.pk])).status_code == 403
    assert client.get(reverse("welfare:export", args=[tree.dong_phuc.pk])).status_code == 403
    response = client.post(reverse("welfare:support_add", args=[households.manh.pk]), {
        "kind": "livelihood", "detail": "livestock", "date": "2026-03-02", "amount": 8_000_000, "in_kind": "on",
        "in_kind_description": "01 con bò giống", "source": "fund"})
    assert response.status_code == 302
    mine = SupportRecord.objects.get(kind="livelihood")
    assert mine.source == "organisation" and mine.organisation == tree.hnd_dong_phuc
    listing = client.get(reverse("welfare:support_list", args=[tree.dong_phuc.pk]) + "?nam=2026").content.decode()
    assert "8.000.000 đ" in listing and "500.000 đ" not in listing  # the Front's gift is not theirs
    assert client.post(reverse("welfare:support_delete", args=[record.pk])).status_code == 403


def test_an_area_head_records_a_visit_in_their_area_only(client_for, na_hai_head, tree, households):
    client = client_for(na_hai_head)
    response = client.post(reverse("welfare:support_add", args=[households.hoa.pk]), {
        "kind": "gift", "detail": "tet", "date": "2026-01-28", "amount": 400_000, "source": "sponsor",
        "sponsor_name": "Công ty Chè Tân Cương"})
    assert response.status_code == 302
    assert client.get(reverse("welfare:detail", args=[households.lan.pk])).status_code == 404


def test_support_form_errors_name_the_field(client_for, dong_phuc_officer, households):
    response = client_for(dong_phuc_officer).post(reverse("welfare:support_add", args=[households.manh.pk]), {
        "kind": "house", "detail": "tet", "date": "2026-03-02", "amount": 0, "source": "sponsor",
        "house_started_on": "2026-05-01", "house_handed_over_on": "2026-04-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "xây mới, sửa chữa" in html and "Ghi tên nhà tài trợ" in html and "Ngày bàn giao phải sau" in html
    assert not SupportRecord.objects.exists()


def test_adding_and_editing_a_household(client_for, dong_phuc_officer, tree, households):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("welfare:add", args=[tree.dong_phuc.pk]), {
        "area": tree.na_lan.pk, "head_name": "Bế Văn Chiến", "id_number": "", "members": 3, "year": 2026,
        "status": "poor"})
    assert response.status_code == 302
    from welfare.models import Household

    chien = Household.objects.get(head_name="Bế Văn Chiến")
    response = client.post(reverse("welfare:edit", args=[chien.pk]), {
        "area": tree.na_lan.pk, "head_name": "Bế Văn Chiến", "id_number": "019 000 555 666", "members": 4,
        "year": 2026, "status": "near_poor"})
    assert response.status_code == 302
    chien.refresh_from_db()
    assert chien.members == 4 and chien.id_number == "019000555666"
    assert chien.listings.get(year=2026).status == "near_poor"
