"""Every URL that takes a unit refuses units outside the user's scope."""

import pytest
from django.urls import reverse

UNIT_URLS = [
    ("units:detail", {}),
    ("units:area_add", {}),
    ("units:area_import", {}),
    ("units:area_template", {"fmt": "xlsx"}),
    ("units:area_template", {"fmt": "csv"}),
    ("units:organisation_add", {}),
    ("units:attributes", {}),
    ("units:leaders", {}),
]


def test_every_unit_url_is_covered_here():
    from units import urls

    covered = {name for name, _ in UNIT_URLS} | {"units:search", "units:area_edit"}
    assert {f"units:{p.name}" for p in urls.urlpatterns} <= covered


@pytest.mark.parametrize("name, kwargs", UNIT_URLS)
def test_commune_officer_cannot_reach_another_commune(client_for, dong_phuc_officer, tree, name, kwargs):
    url = reverse(name, kwargs={"pk": tree.bang_thanh.pk, **kwargs})
    assert client_for(dong_phuc_officer).get(url).status_code == 404


@pytest.mark.parametrize("name, kwargs", UNIT_URLS)
def test_commune_officer_cannot_reach_the_province(client_for, dong_phuc_officer, tree, name, kwargs):
    url = reverse(name, kwargs={"pk": tree.province.pk, **kwargs})
    assert client_for(dong_phuc_officer).get(url).status_code == 404


def test_area_edit_of_another_commune_is_404(client_for, dong_phuc_officer, tree):
    url = reverse("units:area_edit", kwargs={"pk": tree.bang_thanh.pk, "area_pk": tree.ban_bang.pk})
    assert client_for(dong_phuc_officer).get(url).status_code == 404
    # an area of another commune addressed through one's own commune
    url = reverse("units:area_edit", kwargs={"pk": tree.dong_phuc.pk, "area_pk": tree.ban_bang.pk})
    assert client_for(dong_phuc_officer).get(url).status_code == 404


def test_province_officer_reaches_communes_but_not_other_province(client_for, province_officer, tree):
    client = client_for(province_officer)
    assert client.get(reverse("units:detail", args=[tree.dong_phuc.pk])).status_code == 200
    assert client.get(reverse("units:detail", args=[tree.cao_bang_commune.pk])).status_code == 404


def test_area_head_sees_only_their_area(client_for, na_hai_head, tree):
    client = client_for(na_hai_head)
    assert client.get(reverse("units:detail", args=[tree.na_hai.pk])).status_code == 200
    assert client.get(reverse("units:detail", args=[tree.na_lan.pk])).status_code == 404
    assert client.get(reverse("units:detail", args=[tree.dong_phuc.pk])).status_code == 404


def test_leader_reads_but_cannot_write(client_for, leader, tree):
    client = client_for(leader)
    assert client.get(reverse("units:detail", args=[tree.dong_phuc.pk])).status_code == 200
    assert client.get(reverse("units:area_add", args=[tree.dong_phuc.pk])).status_code == 403


def test_org_officer_sees_only_their_organisation(client_for, org_officer, province_officer, tree):
    from units.models import MemberOrganisation, OrganisationKind

    MemberOrganisation.objects.create(unit=tree.dong_phuc, kind=OrganisationKind.objects.get(code="hoi-ccb"),
                                      name="Hội Cựu chiến binh xã Đồng Phúc")
    body = client_for(org_officer).get(reverse("units:detail", args=[tree.dong_phuc.pk])).content.decode()
    assert "Hội Nông dân xã Đồng Phúc" in body and "Hội Cựu chiến binh xã Đồng Phúc" not in body


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(reverse("units:detail", args=[tree.dong_phuc.pk]))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_history_of_another_commune_is_404(client_for, dong_phuc_officer, tree):
    assert client_for(dong_phuc_officer).get(reverse("accounts:history"), {"unit": tree.bang_thanh.pk}).status_code == 404


def test_users_page_only_for_admins_and_only_their_subtree(client_for, province_admin, dong_phuc_officer,
                                                           other_officer, tree):
    assert client_for(dong_phuc_officer).get(reverse("accounts:users")).status_code == 403
    client = client_for(province_admin)
    body = client.get(reverse("accounts:users")).content.decode()
    assert "Ma Thị Lan" in body
    from accounts.models import User

    outsider = User.objects.create(username="caobang", full_name="Người Cao Bằng", unit=tree.cao_bang_commune)
    assert client.get(reverse("accounts:user_edit", args=[outsider.pk])).status_code == 404
