"""Issue #16: organisations adopt poor households for a span of years; support under an adoption is one welfare
record; sponsored children. Services, scope, measures = recompute, bad input named by field."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from campaign.periods import get_period
from indicators.models import Measure
from indicators.queries import reading
from welfare import services
from welfare.models import Adoption, ChildSponsorship, Kind, Listing, Source, Status, SupportRecord

D = datetime.date


def value(code, unit, period="2026"):
    return reading(Measure.objects.get(code=code), unit, get_period(period)).value


def clean_integrity():
    from indicators.integrity import checks

    return [f for _, f in checks() if f]


def adopt(actor, household, **kw):
    data = {"from_year": 2025, "to_year": 2027, "commitment": "Hỗ trợ con giống", **kw}
    return services.save_adoption(actor, household, data)


def test_an_organisation_officer_adopts_and_the_spine_counts_it(org_officer, households, tree):
    get_period("2026")
    a = adopt(org_officer, households.manh, organisation=None)  # forced to the officer's organisation
    assert a.organisation == tree.hnd_dong_phuc and a.front_unit is None
    assert (a.starts_on, a.ends_on) == (D(2025, 1, 1), D(2027, 12, 31))
    assert value("households_adopted", tree.na_hai) == 1
    assert value("households_adopted", tree.province) == 1
    assert reading(Measure.objects.get(code="households_adopted"), tree.dong_phuc, get_period("2026"),
                   tree.hnd_dong_phuc.kind_id).value == 1
    assert clean_integrity() == []


def test_adopted_households_that_escaped_poverty(dong_phuc_officer, households, tree):
    get_period("2026")
    Listing.objects.create(household=households.sinh, year=2025, status=Status.POOR)  # escaped in 2026
    adopt(dong_phuc_officer, households.sinh, front_unit=tree.dong_phuc)
    adopt(dong_phuc_officer, households.manh, organisation=tree.hnd_dong_phuc)
    assert value("households_adopted", tree.dong_phuc) == 2
    assert value("households_adopted_escaped", tree.dong_phuc) == 1
    assert value("poor_households_escaped", tree.dong_phuc) == 1  # the list knows it: no longer typed
    # the status changes in the register: the escaped count follows
    services.save_household(dong_phuc_officer, tree.na_hai, {"head_name": "Hoàng Văn Mạnh", "members": 4},
                            2026, Status.ESCAPED, households.manh)
    assert value("households_adopted_escaped", tree.dong_phuc) == 2
    assert clean_integrity() == []


def test_support_under_an_adoption_is_one_welfare_record(org_officer, households, tree):
    get_period("2026")
    a = adopt(org_officer, households.manh)
    record = services.add_support(org_officer, households.manh, {
        "kind": Kind.LIVELIHOOD, "detail": "livestock", "date": D(2026, 4, 1), "amount": 5_000_000,
        "in_kind": True, "in_kind_description": "01 con bò", "adoption": a})
    assert SupportRecord.objects.count() == 1
    assert record.adoption == a and record.source == Source.ORGANISATION and record.organisation == a.organisation
    assert value("support_amount", tree.na_hai) == 5_000_000
    assert value("households_livelihood_supported", tree.na_hai) == 1
    with pytest.raises(ValidationError) as e:  # outside the adoption's years
        services.add_support(org_officer, households.manh, {
            "kind": Kind.GIFT, "detail": "tet", "date": D(2024, 1, 25), "amount": 1, "adoption": a})
    assert "date" in e.value.message_dict
    with pytest.raises(ValidationError) as e:  # another household's adoption
        services.add_support(org_officer, households.hoa, {"kind": Kind.GIFT, "detail": "tet",
                                                           "date": D(2026, 1, 25), "adoption": a})
    assert "adoption" in e.value.message_dict
    with pytest.raises(ValidationError):  # support recorded under it: not deleted
        services.delete_adoption(org_officer, a)
    assert SupportRecord.objects.count() == 1 and Adoption.objects.count() == 1


def test_bad_adoption_input_is_named_by_field_and_nothing_is_written(dong_phuc_officer, households, tree):
    cases = [
        ({"from_year": 2027, "to_year": 2025, "organisation": tree.hnd_dong_phuc}, "to_year"),
        ({"from_year": 2020, "to_year": 2035, "organisation": tree.hnd_dong_phuc}, "to_year"),
        ({"from_year": 2025, "to_year": 2026}, "organisation"),
        ({"from_year": 2025, "to_year": 2026, "organisation": tree.hnd_bang_thanh}, "organisation"),
        ({"from_year": 2025, "to_year": 2026, "front_unit": tree.bang_thanh}, "organisation"),
        ({"from_year": 2030, "to_year": 2031, "organisation": tree.hnd_dong_phuc}, "from_year"),  # not listed then
        ({"from_year": 2025, "to_year": 2026, "organisation": tree.hnd_dong_phuc,
          "ended_early_on": D(2028, 1, 1)}, "ended_early_on"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as e:
            services.save_adoption(dong_phuc_officer, households.manh, data)
        assert field in e.value.message_dict, (data, e.value.message_dict)
    adopt(dong_phuc_officer, households.manh, organisation=tree.hnd_dong_phuc)
    with pytest.raises(ValidationError) as e:  # the same organisation twice over the same years
        adopt(dong_phuc_officer, households.manh, organisation=tree.hnd_dong_phuc, from_year=2026, to_year=2026)
    assert "from_year" in e.value.message_dict
    assert Adoption.objects.count() == 1


def test_scope_other_communes_and_organisations(org_officer, other_officer, na_hai_head, households, tree,
                                                client_for, dong_phuc_officer):
    mine = adopt(org_officer, households.manh)
    front = adopt(dong_phuc_officer, households.hoa, front_unit=tree.dong_phuc)
    with pytest.raises((PermissionDenied, Http404)):
        adopt(other_officer, households.lan, organisation=tree.hnd_dong_phuc)
    with pytest.raises(PermissionDenied):
        adopt(na_hai_head, households.sinh, front_unit=tree.na_hai)
    with pytest.raises(PermissionDenied):  # an organisation officer cannot change the Front's adoption
        services.save_adoption(org_officer, households.hoa, {"from_year": 2025, "to_year": 2026}, front)
    assert set(services.visible_adoptions(org_officer)) == {mine}
    assert set(services.visible_adoptions(dong_phuc_officer)) == {mine, front}
    assert not services.visible_adoptions(other_officer).exists()
    client = client_for(other_officer)
    assert client.get(reverse("welfare:adoption_edit", args=[mine.pk])).status_code == 404
    assert client.get(reverse("welfare:adoptions", args=[tree.dong_phuc.pk])).status_code == 404
    client = client_for(org_officer)
    text = client.get(reverse("welfare:adoptions", args=[tree.dong_phuc.pk]), {"nam": 2026}).content.decode()
    assert "Hoàng Văn Mạnh" in text and "Lương Thị Hoa" not in text
    assert client.get(reverse("welfare:adoption_edit", args=[front.pk])).status_code == 404


def test_adoption_pages_add_edit_export(client_for, org_officer, households, tree):
    import openpyxl

    client = client_for(org_officer)
    url = reverse("welfare:adoption_add", args=[households.manh.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"adopter": f"o{tree.hnd_dong_phuc.pk}", "from_year": "2026", "to_year": "2025"})
    assert response.status_code == 200 and "to_year" in response.context["form"].errors
    assert not Adoption.objects.exists()
    response = client.post(url, {"adopter": f"o{tree.hnd_dong_phuc.pk}", "from_year": "2026", "to_year": "2028",
                                 "commitment": "Hướng dẫn trồng chè"})
    assert response.status_code == 302
    a = Adoption.objects.get()
    response = client.post(reverse("welfare:adoption_edit", args=[a.pk]), {
        "adopter": f"o{tree.hnd_dong_phuc.pk}", "from_year": "2026", "to_year": "2027", "version": a.version})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.to_year == 2027
    detail = client.get(reverse("welfare:detail", args=[households.manh.pk])).content.decode()
    assert "Hội Nông dân xã Đồng Phúc" in detail
    response = client.get(reverse("welfare:adoption_export", args=[tree.dong_phuc.pk]), {"nam": 2026})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
             for c in row if c]
    assert "Hoàng Văn Mạnh" in cells and "2026–2027" in cells


def test_children_sponsored(org_officer, dong_phuc_officer, other_officer, tree, client_for):
    get_period("2026")
    s = services.save_sponsorship(org_officer, {
        "unit": tree.na_hai, "child_name": "Hoàng Minh Anh", "birth_year": 2015, "circumstance": "Mồ côi cha",
        "monthly_amount": 500_000, "starts_on": D(2026, 3, 1)})
    assert s.organisation == tree.hnd_dong_phuc
    services.save_sponsorship(dong_phuc_officer, {
        "unit": tree.na_lan, "child_name": "Nông Gia Bảo", "birth_year": 2018, "sponsor_name": "Công ty chè",
        "monthly_amount": 1_000_000, "starts_on": D(2025, 1, 1), "ends_on": D(2025, 12, 31)})
    assert value("children_sponsored", tree.dong_phuc) == 1
    assert value("children_sponsored", tree.dong_phuc, "2025") == 1
    cases = [({"monthly_amount": -5}, "monthly_amount"), ({"birth_year": 1990}, "birth_year"),
             ({"ends_on": D(2026, 1, 1)}, "ends_on"), ({"child_name": "  "}, "child_name"),
             ({"unit": tree.dong_phuc}, "unit")]
    base = {"unit": tree.na_hai, "child_name": "Lý Thu Trang", "birth_year": 2016, "sponsor_name": "Nhà hảo tâm",
            "monthly_amount": 300_000, "starts_on": D(2026, 2, 1)}
    for change, field in cases:
        with pytest.raises(ValidationError) as e:
            services.save_sponsorship(dong_phuc_officer, {**base, **change})
        assert field in e.value.message_dict
    with pytest.raises((PermissionDenied, Http404)):  # outside the officer's commune
        services.save_sponsorship(other_officer, base)
    assert ChildSponsorship.objects.count() == 2
    assert clean_integrity() == []
    text = client_for(org_officer).get(reverse("welfare:children", args=[tree.dong_phuc.pk])).content.decode()
    assert "Hoàng Minh Anh" in text and "Nông Gia Bảo" not in text  # an organisation sees its own
    response = client_for(dong_phuc_officer).post(reverse("welfare:child_add", args=[tree.na_hai.pk]), {
        "unit": tree.na_hai.pk, "child_name": "Lý Thu Trang", "birth_year": "2016", "sponsor_name": "",
        "monthly_amount": "300.000", "starts_on": "2026-02-01"})
    assert response.status_code == 200 and "sponsor_name" in response.context["form"].errors


def test_a_stale_edit_is_refused_and_integrity_covers_adoptions(org_officer, households, tree):
    from core.concurrency import StaleEdit
    from welfare.integrity import checks

    a = adopt(org_officer, households.manh)
    services.save_adoption(org_officer, households.manh, {"from_year": 2025, "to_year": 2026, "version": a.version},
                           Adoption.objects.get(pk=a.pk))
    with pytest.raises(StaleEdit):  # opened before the other change
        services.save_adoption(org_officer, households.manh, {"from_year": 2025, "to_year": 2028,
                                                              "version": a.version}, Adoption.objects.get(pk=a.pk))
    assert Adoption.objects.get(pk=a.pk).to_year == 2026
    assert [f for _, f in checks() if f] == []
    SupportRecord.objects.create(household=households.manh, unit=tree.na_hai, kind=Kind.GIFT, date=D(2030, 1, 1),
                                 source=Source.FUND, adoption=a)  # behind the services' back
    assert any(f for _, f in checks() if f)
