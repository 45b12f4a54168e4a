"""The phone's outbox posts create forms with X-Doanket-Outbox: 1 and an idempotency key; a replay is the same item."""

import pytest
from django.urls import reverse

from activities.models import Activity, CovenantRule, CovenantUpdate
from initiatives.models import Initiative
from initiatives.tests.helpers import upload

OUTBOX = {"HTTP_X_DOANKET_OUTBOX": "1"}


@pytest.fixture
def head(client_for, na_hai_head, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return client_for(na_hai_head)


def great_unity_day(tree, key, **extra):
    return {"unit": tree.na_hai.pk, "held_on": "18/11/2026", "title": "Ngày hội Đại đoàn kết toàn dân tộc",
            "participants": "315", "households": "112", "once": key, **extra}


def test_an_outbox_item_is_accepted_in_json_and_leads_back_to_the_phone_page(head, tree):
    response = head.post(reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk]),
                         great_unity_day(tree, "hop-1", photo=upload()), **OUTBOX)
    assert response.status_code == 201
    data = response.json()
    assert data["ok"] and not data["duplicate"] and data["url"] == reverse("activities:area_home")
    assert "Đã ghi Ngày hội" in data["message"]
    activity = Activity.objects.get(unit=tree.na_hai)
    assert activity.participants == 315 and activity.photos.count() == 1


def test_a_replayed_item_is_the_same_item(head, tree):
    url = reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk])
    assert head.post(url, great_unity_day(tree, "hop-2"), **OUTBOX).status_code == 201
    replay = head.post(url, great_unity_day(tree, "hop-2"), **OUTBOX)
    assert replay.status_code == 200
    assert replay.json()["ok"] and replay.json()["duplicate"]
    assert "đã được nhận trước đó" in replay.json()["message"]
    assert Activity.objects.filter(unit=tree.na_hai).count() == 1
    # another item (another key) is another row
    assert head.post(url, great_unity_day(tree, "hop-3"), **OUTBOX).status_code == 201
    assert Activity.objects.filter(unit=tree.na_hai).count() == 2


def test_a_refused_item_names_the_field_in_vietnamese_and_writes_nothing(head, tree):
    url = reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk])
    response = head.post(url, great_unity_day(tree, "hop-4", participants="nhiều", held_on="18/11/2099"),
                         **OUTBOX)
    assert response.status_code == 400
    data = response.json()
    assert not data["ok"] and set(data["errors"]) == {"participants", "held_on"}
    assert "Ngày tổ chức không được sau hôm nay" in data["message"]
    assert not Activity.objects.exists()
    # the key was not used up: the corrected item goes through
    assert head.post(url, great_unity_day(tree, "hop-4"), **OUTBOX).status_code == 201


def test_a_covenant_update_is_created_once_per_key(head, tree):
    rule = CovenantRule.objects.create(name="Nếp sống văn minh trong việc cưới", is_civilised_lifestyle=True)
    url = reverse("activities:covenant_add", args=[tree.na_hai.pk])
    data = {"unit": tree.na_hai.pk, "kind": "huong_uoc", "updated_on": "01/12/2026", "rules": [rule.pk],
            "once": "hop-5"}
    assert head.post(url, data, **OUTBOX).status_code == 201
    assert head.post(url, data, **OUTBOX).json()["duplicate"]
    assert CovenantUpdate.objects.filter(unit=tree.na_hai).count() == 1
    # the plain form (no outbox) with the same key is also one row
    assert head.post(url, data).status_code == 302
    assert CovenantUpdate.objects.filter(unit=tree.na_hai).count() == 1


def test_a_model_of_the_area_is_created_once_per_key(head, tree):
    url = reverse("initiatives:add", args=[tree.na_hai.pk])
    data = {"kind": "mo_hinh", "title": "Tổ tự quản đường hoa", "unit": tree.na_hai.pk, "once": "hop-6"}
    first = head.post(url, data, **OUTBOX)
    assert first.status_code == 201, first.content.decode()
    assert first.json()["url"] == reverse("activities:area_home")
    assert head.post(url, data, **OUTBOX).json()["duplicate"]
    assert Initiative.objects.filter(unit=tree.na_hai).count() == 1


def test_the_phone_pages_offer_the_app_and_the_outbox(head, tree):
    home = head.get(reverse("activities:area_home")).content.decode()
    assert 'rel="manifest"' in home and "data-outbox-panel" in home and "js/outbox.js" in home
    assert reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk]) in home.split("data-offline-pages=")[1]
    form = head.get(reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk])).content.decode()
    assert 'data-outbox="Ngày hội Đại đoàn kết' in form


def test_the_service_worker_is_served_from_the_root_without_a_cdn(client, settings):
    from core import pwa

    if not pwa.available():
        assert client.get("/sw.js").status_code == 404
        return
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert 'importScripts("/static/vendor/workbox/workbox-sw.js")' in body
    assert "http" not in body.split("importScripts", 1)[1].split("\n")[0]  # same origin, no CDN
    assert "/static/js/outbox.js" in body and "/hoat-dong/khu-dan-cu/" in body


def test_without_workbox_there_is_no_worker_and_the_pages_work_online(head, tree, monkeypatch):
    from core import pwa

    monkeypatch.setattr(pwa, "available", lambda: False)
    assert head.get("/sw.js").status_code == 404
    assert head.get(reverse("activities:area_home")).status_code == 200
    url = reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk])
    assert head.post(url, great_unity_day(tree, "hop-7")).status_code == 302  # the plain form still works


def test_a_photo_sent_twice_is_one_photo(head, na_hai_head, tree):
    import datetime

    from activities import services

    activity = services.save_activity(na_hai_head, "ngay_hoi", {
        "unit": tree.na_hai, "held_on": datetime.date(2026, 11, 18), "participants": 10})
    url = reverse("activities:photo_add", args=[activity.pk])
    first = head.post(url, {"image": upload(), "caption": "Văn nghệ", "once": "hop-8"}, **OUTBOX)
    assert first.status_code == 201 and first.json()["ok"]
    again = head.post(url, {"image": upload(), "caption": "Văn nghệ", "once": "hop-8"}, **OUTBOX)
    assert again.json()["duplicate"] and activity.photos.count() == 1
    refused = head.post(url, {"caption": "Không có ảnh", "once": "hop-9"}, **OUTBOX)
    assert refused.status_code == 400 and "Ảnh" in refused.json()["message"]
    detail = head.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert 'data-outbox="Ảnh: ' in detail and "data-outbox-panel" in detail

