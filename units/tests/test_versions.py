"""Two people, one unit: a stale save of a unit's attributes, leaders or an area is refused with who changed
what and writes nothing; a double-submitted area form adds one area."""

import pytest
from django.urls import reverse

from core.testing import hidden, two
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_stale_attributes_are_refused(tree, province_officer, province_admin):
    hanh, quan = two(province_officer, province_admin)
    url = reverse("units:attributes", args=[tree.dong_phuc.pk])
    v_hanh, v_quan = hidden(hanh.get(url), "version"), hidden(quan.get(url), "version")
    assert hanh.post(url, {"households": "1.250", "is_active": "on", "version": v_hanh}).status_code == 302
    stale = quan.post(url, {"households": "1.300", "is_active": "on", "version": v_quan})
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "chưa được lưu" in page and "Nguyễn Thị Hạnh" in page and "1250" in page
    assert Unit.objects.get(pk=tree.dong_phuc.pk).households == 1250
    assert quan.post(url, {"households": "1.300", "is_active": "on", "version": hidden(stale, "version")}
                     ).status_code == 302
    assert Unit.objects.get(pk=tree.dong_phuc.pk).households == 1300


def test_stale_leaders_are_refused(tree, dong_phuc_officer, minh):
    lan, minh_ = two(dong_phuc_officer, minh)
    url = reverse("units:leaders", args=[tree.dong_phuc.pk])
    v_lan, v_minh = hidden(lan.get(url), "version"), hidden(minh_.get(url), "version")
    assert lan.post(url, {"chair_name": "Ma Văn Tú", "version": v_lan}).status_code == 302
    stale = minh_.post(url, {"chair_name": "Hoàng Văn Sáu", "version": v_minh})
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "chưa được lưu" in page and "Ma Thị Lan" in page and "Ma Văn Tú" in page
    assert Unit.objects.get(pk=tree.dong_phuc.pk).chair_name == "Ma Văn Tú"


def test_an_area_is_added_once_and_a_stale_area_edit_is_refused(tree, dong_phuc_officer, minh):
    lan, minh_ = two(dong_phuc_officer, minh)
    add = reverse("units:area_add", args=[tree.dong_phuc.pk])
    data = {"code": "09", "name": "Khuổi Tục", "kind": "thon", "households": "45", "is_active": "on",
            "once": hidden(lan.get(add), "once")}
    assert lan.post(add, data).status_code == 302
    assert lan.post(add, data).status_code == 302
    area = Unit.objects.get(parent=tree.dong_phuc, code="09")

    url = reverse("units:area_edit", args=[tree.dong_phuc.pk, area.pk])
    v_lan, v_minh = hidden(lan.get(url), "version"), hidden(minh_.get(url), "version")
    form = {k: v for k, v in data.items() if k != "once"}
    assert lan.post(url, {**form, "households": "47", "version": v_lan}).status_code == 302
    stale = minh_.post(url, {**form, "households": "50", "version": v_minh})
    assert stale.status_code == 200 and "chưa được lưu" in stale.content.decode()
    assert Unit.objects.get(pk=area.pk).households == 47
