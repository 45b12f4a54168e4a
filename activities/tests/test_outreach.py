"""Issue #16: study tours, festival days, gratitude, dialogues, security pledges, propaganda channels and training
topics as data — services, views with scope, measures equal a recompute, bad input named by field."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from activities import services
from activities.models import Activity, ActivityChannel, PropagandaChannel, TrainingTopic
from campaign.periods import get_period
from indicators.models import Measure
from indicators.queries import reading

D = datetime.date
Kind = Activity.Kind


def value(code, unit, period="2026"):
    return reading(Measure.objects.get(code=code), unit, get_period(period)).value


def clean_integrity():
    from indicators.integrity import checks

    return [f for _, f in checks() if f]


def test_channels_and_topics_are_seeded_as_data(db):
    assert PropagandaChannel.objects.filter(code="mang-xa-hoi", is_active=True).exists()
    assert PropagandaChannel.objects.count() == 8
    assert TrainingTopic.objects.filter(code="giam-sat-phan-bien").exists()


def test_study_tour_and_festival_days_derive_their_measures(dong_phuc_officer, province_officer, tree):
    get_period("2026")
    services.save_activity(dong_phuc_officer, Kind.STUDY_TOUR, {
        "unit": tree.dong_phuc, "held_on": D(2026, 5, 12), "destination": "HTX chè Tân Cương", "participants": 25,
        "money_spent": 12_000_000})
    services.save_activity(province_officer, Kind.STUDY_TOUR, {
        "unit": tree.province, "held_on": D(2026, 6, 1), "destination": "Bắc Ninh", "participants": 30})
    services.save_activity(dong_phuc_officer, Kind.SECURITY_DAY, {
        "unit": tree.dong_phuc, "held_on": D(2026, 8, 19), "participants": 400})
    services.save_activity(dong_phuc_officer, Kind.DEFENCE_DAY, {"unit": tree.na_hai, "held_on": D(2026, 11, 22)})
    services.save_activity(dong_phuc_officer, Kind.GRATITUDE, {
        "unit": tree.dong_phuc, "held_on": D(2026, 7, 25), "households": 18, "money_mobilised": 9_000_000})
    assert value("study_tours_held", tree.dong_phuc) == 1
    assert value("study_tours_held", tree.province) == 2
    assert value("study_tour_participants", tree.province) == 55
    assert value("security_days_held", tree.province) == 1
    assert value("defence_days_held", tree.dong_phuc) == 1
    assert value("border_days_held", tree.province) == 0
    assert value("gratitude_activities", tree.province) == 1
    assert value("gratitude_mobilised", tree.province) == 9_000_000
    assert clean_integrity() == []


def test_dialogues_and_pledges_are_derived_not_typed(dong_phuc_officer, na_hai_head, tree):
    get_period("2026")
    for code in ("dialogues_held", "security_pledges", "citizen_meetings_held", "dialogue_opinions"):
        assert Measure.objects.get(code=code).register == "activities"
    services.save_activity(dong_phuc_officer, Kind.DIALOGUE, {
        "unit": tree.dong_phuc, "held_on": D(2026, 4, 2), "dialogue_form": "doi_thoai", "participants": 120,
        "opinions": 14})
    services.save_activity(dong_phuc_officer, Kind.DIALOGUE, {
        "unit": tree.dong_phuc, "held_on": D(2026, 4, 9), "dialogue_form": "tiep_xuc", "participants": 80,
        "opinions": 6})
    pledge = services.save_activity(na_hai_head, Kind.SECURITY_PLEDGE, {
        "unit": tree.na_hai, "held_on": D(2026, 3, 3), "households": 97})
    assert value("dialogues_held", tree.dong_phuc) == 1
    assert value("citizen_meetings_held", tree.dong_phuc) == 2
    assert value("dialogue_opinions", tree.province) == 20
    assert value("security_pledges", tree.na_hai) == 97
    assert value("security_pledges", tree.dong_phuc, "2026-q1") == 97
    services.save_activity(na_hai_head, Kind.SECURITY_PLEDGE, {"unit": tree.na_hai, "held_on": D(2026, 4, 3),
                                                              "households": 100}, pledge)
    assert value("security_pledges", tree.dong_phuc, "2026-q1") == 0  # moved out of the quarter
    assert value("security_pledges", tree.dong_phuc, "2026-q2") == 100
    assert clean_integrity() == []


def test_propaganda_counts_per_channel_and_contents(dong_phuc_officer, tree):
    from campaign.models import Content

    get_period("2026")
    zalo = PropagandaChannel.objects.get(code="mang-xa-hoi")
    meeting = PropagandaChannel.objects.get(code="hop-thon")
    contents = list(Content.objects.filter(number__in=[3, 4]))
    a = services.save_activity(dong_phuc_officer, Kind.PROPAGANDA, {
        "unit": tree.dong_phuc, "held_on": D(2026, 5, 5), "sessions": 9, "channels": {zalo: 6, meeting: 3},
        "contents": contents})
    assert {c.channel.code: c.count for c in a.channel_counts.all()} == {"mang-xa-hoi": 6, "hop-thon": 3}
    assert sorted(c.number for c in a.contents.all()) == [3, 4]
    assert value("propaganda_channel_uses", tree.province) == 9
    services.save_activity(dong_phuc_officer, Kind.PROPAGANDA, {
        "unit": tree.dong_phuc, "held_on": D(2026, 5, 5), "channels": {zalo: 2, meeting: None},
        "contents": contents[:1]}, Activity.objects.get(pk=a.pk))
    assert list(ActivityChannel.objects.filter(activity=a).values_list("channel__code", "count")) == [
        ("mang-xa-hoi", 2)]
    assert value("propaganda_channel_uses", tree.province) == 2
    summary = services.channel_summary(Activity.objects.all())
    assert summary == [{"channel": zalo.name, "activities": 1, "uses": 2}]
    from accounts.models import AuditEvent

    update = AuditEvent.objects.filter(object_id=str(a.pk), action="update").latest("at")
    assert update.changes["channels"][1] == {zalo.name: 2}
    assert clean_integrity() == []


def test_bad_input_names_the_field_and_writes_nothing(dong_phuc_officer, na_hai_head, tree):
    before = Activity.objects.count()
    with pytest.raises(ValidationError) as e:
        services.save_activity(dong_phuc_officer, Kind.STUDY_TOUR, {"unit": tree.dong_phuc, "held_on": D(2026, 5, 1)})
    assert set(e.value.message_dict) == {"destination", "participants"}
    with pytest.raises(ValidationError) as e:
        services.save_activity(dong_phuc_officer, Kind.DIALOGUE, {"unit": tree.dong_phuc, "held_on": D(2026, 5, 1)})
    assert "dialogue_form" in e.value.message_dict
    with pytest.raises(ValidationError) as e:  # a pledge belongs to a residential area
        services.save_activity(dong_phuc_officer, Kind.SECURITY_PLEDGE, {"unit": tree.dong_phuc,
                                                                        "held_on": D(2026, 5, 1), "households": 4})
    assert "khu dân cư" in e.value.message_dict["unit"][0]
    zalo = PropagandaChannel.objects.get(code="mang-xa-hoi")
    with pytest.raises(ValidationError) as e:
        services.save_activity(dong_phuc_officer, Kind.PROPAGANDA, {"unit": tree.dong_phuc, "held_on": D(2026, 5, 1),
                                                                   "channels": {zalo: -3}})
    assert "kenh_mang-xa-hoi" in e.value.message_dict
    assert Activity.objects.count() == before


def test_the_form_shows_a_field_per_channel_and_refuses_a_negative_count(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    url = reverse("activities:add", args=["tuyen_truyen", tree.dong_phuc.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Mạng xã hội (Zalo, Facebook)" in page.content.decode()
    response = client.post(url, {"unit": tree.dong_phuc.pk, "held_on": "2026-05-05", "kenh_mang-xa-hoi": "-1",
                                 "once": "k1"})
    assert response.status_code == 200 and "kenh_mang-xa-hoi" in response.context["form"].errors
    assert not Activity.objects.exists()
    response = client.post(url, {"unit": tree.dong_phuc.pk, "held_on": "2026-05-05", "kenh_mang-xa-hoi": "4",
                                 "kenh_to-roi": "200", "once": "k2"})
    assert response.status_code == 302
    a = Activity.objects.get()
    assert sorted(a.channel_counts.values_list("count", flat=True)) == [4, 200]


def test_study_tour_form_names_the_missing_destination(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    url = reverse("activities:add", args=["hoc_tap", tree.dong_phuc.pk])
    response = client.post(url, {"unit": tree.dong_phuc.pk, "held_on": "2026-05-05", "participants": "20",
                                 "once": "k3"})
    assert response.status_code == 200
    assert "destination" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_list_filters_by_topic_and_channel_and_exports_xlsx_in_scope(client_for, dong_phuc_officer, other_officer,
                                                                     tree):
    import openpyxl

    topic = TrainingTopic.objects.get(code="chuyen-doi-so")
    services.save_activity(dong_phuc_officer, Kind.TRAINING, {"unit": tree.dong_phuc, "held_on": D(2026, 3, 1),
                                                             "topic": topic, "participants": 40,
                                                             "title": "Tập huấn kỹ năng số"})
    services.save_activity(other_officer, Kind.TRAINING, {"unit": tree.bang_thanh, "held_on": D(2026, 3, 1),
                                                         "topic": topic, "title": "Tập huấn Bằng Thành"})
    client = client_for(dong_phuc_officer)
    page = client.get(reverse("activities:index"), {"chu_de": topic.pk})
    text = page.content.decode()
    assert "Tập huấn kỹ năng số" in text and "Tập huấn Bằng Thành" not in text
    response = client.get(reverse("activities:export"), {"loai": "tap_huan"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                             if response.streaming else response.content))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "Tập huấn kỹ năng số" in cells and "Tập huấn Bằng Thành" not in cells
    assert topic.name in cells


def test_only_administrators_edit_the_lists(client_for, province_admin, dong_phuc_officer):
    with pytest.raises(PermissionDenied):
        services.add_list_item(dong_phuc_officer, "kenh", "Loa di động")
    item = services.add_list_item(province_admin, "kenh", "Loa  di động ")
    assert item.name == "Loa di động" and item.is_active
    with pytest.raises(ValidationError) as e:
        services.add_list_item(province_admin, "kenh", "loa di động")
    assert "name" in e.value.message_dict
    services.toggle_list_item(province_admin, "kenh", item.pk)
    item.refresh_from_db()
    assert not item.is_active
    assert client_for(dong_phuc_officer).post(reverse("activities:lists"), {"which": "kenh", "name": "X"}
                                              ).status_code == 403
    response = client_for(province_admin).post(reverse("activities:lists"), {"which": "chu_de",
                                                                              "name": "Kỹ năng hòa giải"})
    assert response.status_code == 302 and TrainingTopic.objects.filter(name="Kỹ năng hòa giải").exists()


def test_a_retired_channel_is_not_offered_on_new_forms(client_for, province_admin, dong_phuc_officer, tree):
    flyer = PropagandaChannel.objects.get(code="to-roi")
    services.toggle_list_item(province_admin, "kenh", flyer.pk)
    page = client_for(dong_phuc_officer).get(reverse("activities:add", args=["tuyen_truyen", tree.dong_phuc.pk]))
    assert "kenh_to-roi" not in page.content.decode()


def test_editing_a_propaganda_activity_changes_its_channel_counts(client_for, dong_phuc_officer, tree):
    zalo = PropagandaChannel.objects.get(code="mang-xa-hoi")
    a = services.save_activity(dong_phuc_officer, Kind.PROPAGANDA, {
        "unit": tree.dong_phuc, "held_on": D(2026, 5, 5), "channels": {zalo: 6}})
    client = client_for(dong_phuc_officer)
    page = client.get(reverse("activities:edit", args=[a.pk]))
    assert page.context["form"]["kenh_mang-xa-hoi"].value() == 6
    a.refresh_from_db()
    response = client.post(reverse("activities:edit", args=[a.pk]), {
        "unit": tree.dong_phuc.pk, "held_on": "2026-05-05", "kenh_mang-xa-hoi": "", "kenh_hoi-nghi": "2",
        "version": a.version})
    assert response.status_code == 302
    assert list(a.channel_counts.values_list("channel__code", "count")) == [("hoi-nghi", 2)]
    detail = client.get(reverse("activities:detail", args=[a.pk])).content.decode()
    assert "Hội nghị, tọa đàm: 2" in detail


def test_integrity_covers_the_new_rows(dong_phuc_officer, tree):
    from activities.integrity import checks

    zalo = PropagandaChannel.objects.get(code="mang-xa-hoi")
    a = services.save_activity(dong_phuc_officer, Kind.TRAINING, {
        "unit": tree.dong_phuc, "held_on": D(2026, 5, 5), "topic": TrainingTopic.objects.first()})
    assert [f for _, f in checks() if f] == []
    ActivityChannel.objects.create(activity=a, channel=zalo, count=3)  # written behind the services' back
    assert any(f for _, f in checks() if f)
