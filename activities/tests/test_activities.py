import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from activities import services
from indicators.derive import recompute
from activities.models import Activity, CovenantRule, CovenantUpdate
from campaign.periods import get_period
from initiatives.tests.helpers import upload

D = datetime.date


def gud(area, day=D(2026, 11, 15), **kw):
    return Activity.objects.create(kind=Activity.Kind.GREAT_UNITY_DAY, unit=area, held_on=day, **kw)


def covenant(area, day, *codes):
    update = CovenantUpdate.objects.create(unit=area, updated_on=day)
    update.rules.set(CovenantRule.objects.filter(code__in=codes))
    return update


def test_area_head_records_great_unity_day_with_a_photo(na_hai_head, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = services.save_activity(na_hai_head, "ngay_hoi", {
        "unit": tree.na_hai, "organisation": None, "held_on": D(2026, 11, 18), "title": "Ngày hội",
        "participants": 320, "households": 110, "money_spent": 8_000_000, "integrates_environment": True},
        photo=upload())
    assert a.photos.get().width == 1600 and a.is_integrated


def test_great_unity_day_only_for_residential_areas(dong_phuc_officer, tree):
    with pytest.raises(ValidationError):
        services.save_activity(dong_phuc_officer, "ngay_hoi", {"unit": tree.dong_phuc, "held_on": D(2026, 11, 1)})


def test_bad_photo_leaves_nothing_half_written(na_hai_head, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match="không phải ảnh"):
        services.save_activity(na_hai_head, "ngay_hoi", {"unit": tree.na_hai, "held_on": D(2026, 11, 18)},
                               photo=upload("a.jpg", b"not really"))
    assert not Activity.objects.exists()


def test_head_cannot_write_in_the_neighbouring_area_and_leader_cannot_write(na_hai_head, leader, tree):
    from django.http import Http404

    with pytest.raises(Http404):
        services.save_activity(na_hai_head, "ngay_hoi", {"unit": tree.na_lan, "held_on": D(2026, 11, 18)})
    with pytest.raises(PermissionDenied):
        services.save_activity(leader, "ngay_hoi", {"unit": tree.na_lan, "held_on": D(2026, 11, 18)})


def test_negative_money_is_refused(dong_phuc_officer, tree):
    with pytest.raises(ValidationError):
        services.save_activity(dong_phuc_officer, "lien_hoan", {"unit": tree.dong_phuc, "held_on": D(2026, 5, 1),
                                                               "money_spent": -1})


def test_great_unity_day_measures_against_rows(tree, db):
    gud(tree.na_hai, participants=300, integrates_crime_prevention=True)
    gud(tree.na_lan, day=D(2025, 11, 18), participants=100)
    units = [tree.dong_phuc, tree.na_hai, tree.na_lan, tree.ban_bang]
    year, h1, phase = get_period("2026"), get_period("2026-h1"), get_period("2021-2025")
    assert recompute("great_unity_day_held", year, units) == {(tree.na_hai.pk, None): True}
    assert recompute("great_unity_day_held", h1, units) == {}
    assert recompute("great_unity_day_held", phase, units) == {(tree.na_lan.pk, None): True}
    assert recompute("great_unity_day_participants", year, units) == {(tree.na_hai.pk, None): 300}
    assert recompute("propaganda_integrated", year, units) == {(tree.na_hai.pk, None): True}
    assert recompute("propaganda_integrated", phase, units) == {}  # held, nothing integrated: reads 0


def test_covenant_rules_accumulate_up_to_the_end_of_the_period(tree, db):
    covenant(tree.na_hai, D(2024, 5, 1), "an-ninh-trat-tu")
    covenant(tree.na_hai, D(2026, 8, 1), "viec-cuoi", "viec-tang")
    covenant(tree.na_lan, D(2026, 3, 1), "khuyen-hoc")
    units = [tree.na_hai, tree.na_lan, tree.ban_bang]
    assert recompute("covenant_civilised_rules", get_period("2026-h1"), units) == {}  # no civilised rule yet: 0
    assert recompute("covenant_civilised_rules", get_period("2026"), units) == {(tree.na_hai.pk, None): True}


def test_festivals_and_commendations_counted_per_unit_with_owner(tree, db):
    Activity.objects.create(kind="lien_hoan", unit=tree.province, held_on=D(2026, 9, 2))
    Activity.objects.create(kind="lien_hoan", unit=tree.dong_phuc, held_on=D(2026, 4, 2),
                            organisation=tree.hnd_dong_phuc)
    Activity.objects.create(kind="bieu_duong", unit=tree.dong_phuc, held_on=D(2026, 11, 2))
    units = [tree.province, tree.dong_phuc, tree.bang_thanh]
    fest = recompute("festivals", get_period("2026"), units)
    assert fest[(tree.province.pk, None)] == 1 and fest[(tree.dong_phuc.pk, None)] == 1
    assert (tree.bang_thanh.pk, None) not in fest  # none held: reads 0
    assert (tree.dong_phuc.pk, None) not in recompute("commendation_events", get_period("2026-h1"), units)
    assert recompute("commendation_events", get_period("2026-h2"), units)[(tree.dong_phuc.pk, None)] == 1


@pytest.fixture
def rows(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = gud(tree.na_hai)
    from activities.models import ActivityPhoto
    from initiatives.photos import prepare

    content = prepare(upload())
    photo = ActivityPhoto(activity=a)
    photo.image.save(content.name, content)
    return {"a": a, "photo": photo, "cov": covenant(tree.na_hai, D(2026, 3, 1), "viec-cuoi")}


def _urls(tree, rows):
    return [reverse("activities:detail", args=[rows["a"].pk]), reverse("activities:edit", args=[rows["a"].pk]),
            reverse("activities:photo", args=[rows["photo"].pk]),
            reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk]),
            reverse("activities:add", args=["lien_hoan", tree.dong_phuc.pk]),
            reverse("activities:index") + f"?don_vi={tree.na_hai.pk}",
            reverse("activities:covenants") + f"?don_vi={tree.dong_phuc.pk}",
            reverse("activities:covenant_add", args=[tree.na_hai.pk]),
            reverse("activities:covenant_edit", args=[rows["cov"].pk]),
            reverse("activities:area_home_for", args=[tree.na_hai.pk])]


def test_every_page_opens_for_the_commune_officer(client_for, dong_phuc_officer, tree, rows):
    client = client_for(dong_phuc_officer)
    for url in _urls(tree, rows) + [reverse("activities:index")]:
        assert client.get(url).status_code == 200, url


def test_another_communes_officer_gets_404_everywhere(client_for, other_officer, tree, rows):
    client = client_for(other_officer)
    for url in _urls(tree, rows):
        assert client.get(url).status_code == 404, url
    for name, pk in [("delete", rows["a"].pk), ("photo_add", rows["a"].pk), ("photo_delete", rows["photo"].pk),
                     ("covenant_delete", rows["cov"].pk)]:
        assert client.post(reverse(f"activities:{name}", args=[pk])).status_code == 404, name
    assert Activity.objects.filter(pk=rows["a"].pk).exists()


def test_leader_reads_but_cannot_write(client_for, leader, tree, rows):
    client = client_for(leader)
    assert client.get(reverse("activities:detail", args=[rows["a"].pk])).status_code == 200
    assert client.get(reverse("activities:edit", args=[rows["a"].pk])).status_code == 403
    assert client.post(reverse("activities:delete", args=[rows["a"].pk])).status_code == 403
    assert client.get(reverse("activities:covenant_add", args=[tree.na_hai.pk])).status_code == 403


def test_area_head_home_and_form_post(client_for, na_hai_head, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(na_hai_head)
    page = client.get(reverse("activities:area_home")).content.decode()
    assert "Chưa ghi" in page and 'capture="environment"' in client.get(
        reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk])).content.decode()
    response = client.post(reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk]), {
        "unit": tree.na_hai.pk, "held_on": "2026-11-18", "title": "Ngày hội", "participants": "250",
        "money_spent": "-5"})
    assert response.status_code == 200 and "không được âm" in response.content.decode()
    response = client.post(reverse("activities:add", args=["ngay_hoi", tree.na_hai.pk]), {
        "unit": tree.na_hai.pk, "held_on": "2026-11-18", "title": "Ngày hội", "participants": "250",
        "photo": upload()})
    assert response.status_code == 302
    assert "Đã tổ chức" in client.get(reverse("activities:area_home")).content.decode()
