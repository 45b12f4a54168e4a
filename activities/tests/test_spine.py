"""The registers feed the spine: a write refreshes the derived values, which roll up and equal a recompute."""

import datetime

from activities import services
from campaign.periods import get_period
from indicators.models import Measure
from indicators.queries import reading
from indicators.services import derive_all
from initiatives import services as initiative_services

D = datetime.date


def test_recording_great_unity_day_moves_the_commune_and_province_values(na_hai_head, tree):
    year = get_period("2026")
    measure = Measure.objects.get(code="great_unity_day_held")
    assert measure.register == "activities"
    assert reading(measure, tree.dong_phuc, year).value == 0  # the register knows: not held yet
    services.save_activity(na_hai_head, "ngay_hoi", {"unit": tree.na_hai, "held_on": D(2026, 11, 18),
                                                    "participants": 210})
    assert reading(measure, tree.na_hai, year).value == 1
    assert reading(measure, tree.dong_phuc, year).value == 1
    assert reading(measure, tree.province, year).value == 1
    participants = Measure.objects.get(code="great_unity_day_participants")
    assert reading(participants, tree.province, year).value == 210


def test_initiative_writes_refresh_pilot_counts_and_rebuild_agrees(dong_phuc_officer, tree):
    from initiatives.models import Topic

    year = get_period("2026")
    measure = Measure.objects.get(code="pilot_models_green_clean")
    i = initiative_services.save_initiative(dong_phuc_officer, {
        "kind": "mo_hinh", "title": "Sáng xanh Nà Hai", "unit": tree.na_hai, "organisation": None, "is_pilot": True,
        "is_self_managed": True, "started_on": D(2026, 3, 1), "topics": [Topic.objects.get(code="sang-xanh-sach-dep")]})
    assert not reading(measure, tree.dong_phuc, year).value  # registered, not yet running
    initiative_services.start(dong_phuc_officer, i, D(2026, 3, 1))
    assert reading(measure, tree.dong_phuc, year).value == 1
    derive_all(["initiatives"], [year])
    assert reading(measure, tree.dong_phuc, year).value == 1
    from indicators.integrity import checks

    assert all(failure is None for _, failure in checks())


def test_integrity_names_a_stored_value_that_differs_from_the_rows(na_hai_head, tree):
    from indicators.integrity import checks
    from indicators.models import DataValue

    get_period("2026")
    services.save_activity(na_hai_head, "ngay_hoi", {"unit": tree.na_hai, "held_on": D(2026, 11, 18),
                                                    "participants": 210})
    assert [f for _, f in checks() if f] == []
    DataValue.objects.filter(measure__code="great_unity_day_participants", unit=tree.na_hai).update(value=999)
    failures = [f for _, f in checks() if f]
    assert "great_unity_day_participants · Thôn Nà Hai · 2026: đang lưu 999, tính lại từ sổ 210" in failures[0]


def test_a_model_started_last_year_counts_this_year_after_an_incremental_refresh(dong_phuc_officer, tree):
    from indicators.integrity import checks

    year, last = get_period("2026"), get_period("2025")
    measure = Measure.objects.get(code="pilot_models")
    i = initiative_services.save_initiative(dong_phuc_officer, {
        "kind": "mo_hinh", "title": "Mô hình điểm", "unit": tree.na_hai, "organisation": None, "is_pilot": True,
        "started_on": D(2025, 5, 1)})
    initiative_services.start(dong_phuc_officer, i, D(2025, 5, 1))
    assert reading(measure, tree.dong_phuc, last).value == 1
    assert reading(measure, tree.dong_phuc, year).value == 1
    initiative_services.stop(dong_phuc_officer, i, D(2025, 12, 1))
    assert reading(measure, tree.dong_phuc, last).value == 1
    assert not reading(measure, tree.dong_phuc, year).value
    assert [f for _, f in checks() if f] == []


def test_a_new_year_has_its_running_models_households_and_activities_without_any_edit(dong_phuc_officer, tree):
    """Issue #12's done-criterion: open 2027 and its quarters after the rows were written; the national figures of
    running models, listed households and covenants in force are there, and equal a recompute."""
    from activities.models import CovenantRule
    from indicators import rollup
    from indicators.integrity import register_differences
    from welfare import services as welfare_services

    get_period("2026")
    model = initiative_services.save_initiative(dong_phuc_officer, {
        "kind": "mo_hinh", "title": "Tổ tự quản đường làng", "unit": tree.na_hai, "organisation": None,
        "is_self_managed": True, "started_on": D(2026, 3, 1)})
    initiative_services.start(dong_phuc_officer, model, D(2026, 3, 1))
    welfare_services.save_household(dong_phuc_officer, tree.na_lan, {"head_name": "Bế Văn Chiến", "members": 3}, 2027,
                                    "poor")
    rule = CovenantRule.objects.filter(is_civilised_lifestyle=True).first()
    services.save_covenant(dong_phuc_officer, {"unit": tree.na_hai, "kind": "huong_uoc", "updated_on": D(2026, 6, 1),
                                               "rules": [rule]})
    year, quarters = get_period("2027"), [get_period(f"2027-q{q}") for q in (1, 2, 3, 4)]
    for period in [year, *quarters]:
        assert reading(Measure.objects.get(code="self_managed_models"), tree.nation, period).value == 1
        assert reading(Measure.objects.get(code="poor_households"), tree.nation, period).value == 1
        assert reading(Measure.objects.get(code="covenant_civilised_rules"), tree.nation, period).value == 1
    assert register_differences() == [] and rollup.differences() == []
