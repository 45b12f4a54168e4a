"""Aggregation semantics: sums, yes-counts, ratios never averaged, min/max/last, not reported vs 0."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators import rollup
from indicators.models import AggregateValue, DataValueChange, Measure

pytestmark = pytest.mark.django_db


def test_sums_add_own_and_children_values_up_to_the_nation(tree, measures, enter, value_of):
    enter("pilot_models", tree.na_hai, 3)
    enter("pilot_models", tree.na_lan, 4)
    enter("pilot_models", tree.dong_phuc, 2)  # captured at the commune AND at its areas
    assert value_of("pilot_models", tree.dong_phuc).value == 9
    assert value_of("pilot_models", tree.dong_phuc).reporting == 3
    assert value_of("pilot_models", tree.province).value == 9
    assert value_of("pilot_models", tree.nation).value == 9
    assert value_of("pilot_models", tree.na_hai).value == 3
    assert rollup.differences() == []


def test_not_reported_is_not_zero(tree, measures, enter, value_of):
    assert not value_of("self_managed_models", tree.bang_thanh).reported
    enter("self_managed_models", tree.ban_bang, 0)
    reading = value_of("self_managed_models", tree.bang_thanh)
    assert reading.reported and reading.value == 0
    assert not value_of("self_managed_models", tree.dong_phuc).reported
    enter("self_managed_models", tree.ban_bang, "")  # cleared: back to not reported, everywhere up the tree
    assert not value_of("self_managed_models", tree.bang_thanh).reported
    assert not value_of("self_managed_models", tree.province).reported
    assert not value_of("self_managed_models", tree.ban_bang).reported
    assert rollup.differences() == []


def test_yes_counts_count_units_answering_yes(tree, measures, enter, value_of):
    enter("great_unity_day_held", tree.na_hai, "có")
    enter("great_unity_day_held", tree.na_lan, "không")
    enter("great_unity_day_held", tree.ban_bang, True)
    commune = value_of("great_unity_day_held", tree.dong_phuc)
    assert (commune.value, commune.reporting, commune.positive) == (1, 2, 1)
    province = value_of("great_unity_day_held", tree.province)
    assert (province.value, province.reporting) == (2, 3)
    assert rollup.differences() == []


def test_ratios_are_recomputed_from_summed_parts_never_averaged(tree, measures, enter, value_of):
    enter("poor_households", tree.na_hai, 10)
    enter("poor_households_gifted", tree.na_hai, 10)  # 100 %
    enter("poor_households", tree.na_lan, 90)
    enter("poor_households_gifted", tree.na_lan, 0)  # 0 %
    assert value_of("poor_households_gifted_rate", tree.na_hai).value == 100
    commune = value_of("poor_households_gifted_rate", tree.dong_phuc)
    assert commune.value == 10  # 10 / 100, not the average 50 %
    assert (commune.numerator, commune.denominator) == (10, 100)
    enter("poor_households", tree.ban_bang, 100)
    enter("poor_households_gifted", tree.ban_bang, 95)
    assert value_of("poor_households_gifted_rate", tree.province).value == Decimal("52.5")  # 105 / 200
    assert rollup.differences() == []


def test_ratio_without_a_denominator_is_not_a_number(tree, measures, enter, value_of):
    enter("poor_households_gifted", tree.na_hai, 5)
    assert value_of("poor_households_gifted_rate", tree.dong_phuc).value is None
    enter("poor_households", tree.na_hai, 0)
    assert value_of("poor_households_gifted_rate", tree.dong_phuc).value is None
    assert rollup.differences() == []


def test_ratio_is_computed_not_typed(tree, measures, enter):
    with pytest.raises(ValidationError, match="tính tự động"):
        enter("poor_households_gifted_rate", tree.na_hai, 50)


@pytest.mark.parametrize("aggregation, expected", [("min", 2), ("max", 7), ("last", 5)])
def test_min_max_last(tree, measures, enter, value_of, aggregation, expected):
    Measure.objects.create(code="m", name="Thử", value_type="number", level="any", aggregation=aggregation)
    enter("m", tree.na_hai, 7)
    enter("m", tree.na_lan, 2)
    enter("m", tree.dong_phuc, 5)
    assert value_of("m", tree.dong_phuc).value == expected
    assert value_of("m", tree.nation).value == expected
    assert rollup.differences() == []
    enter("m", tree.dong_phuc, "")
    assert value_of("m", tree.dong_phuc).value == {"min": 2, "max": 7, "last": 2}[aggregation]
    assert rollup.differences() == []


def test_member_organisation_values_roll_up_separately(tree, measures, enter, value_of):
    hnd = tree.hnd_dong_phuc.kind
    enter("pilot_models", tree.dong_phuc, 3)
    enter("pilot_models", tree.dong_phuc, 1, org_kind=hnd)
    assert value_of("pilot_models", tree.province).value == 3
    assert value_of("pilot_models", tree.province, org_kind=hnd).value == 1
    assert rollup.differences() == []


def test_every_change_keeps_its_history(tree, measures, enter, province_officer):
    enter("pilot_models", tree.na_hai, 3)
    enter("pilot_models", tree.na_hai, 4)
    enter("pilot_models", tree.na_hai, "")
    history = list(DataValueChange.objects.filter(unit=tree.na_hai).order_by("id").values_list(
        "old_value", "new_value", "by"))
    assert history == [(None, 3, province_officer.pk), (3, 4, province_officer.pk), (4, None, province_officer.pk)]


def test_bad_input_names_the_row_and_writes_nothing(tree, measures, province_officer, year):
    from indicators.services import Entry, save_entries

    with pytest.raises(ValidationError) as exc:
        save_entries(province_officer, year, [
            Entry(measures["pilot_models"], tree.na_hai, "3"),
            Entry(measures["self_managed_models"], tree.na_hai, "ba", label="Dòng 2"),
            Entry(measures["households"], tree.na_hai, "-1"),
        ])
    assert any(m.startswith("Dòng 2 (Thôn Nà Hai): “ba” không phải là số") for m in exc.value.messages)
    assert any("số âm" in m for m in exc.value.messages)
    assert not AggregateValue.objects.exists()


def test_vietnamese_numbers_are_read(measures):
    from indicators.services import parse_value

    assert parse_value(measures["money_mobilised"], "1.234.567") == 1234567
    assert parse_value(measures["land_donated_m2"], "12,5") == Decimal("12.5")
    with pytest.raises(ValidationError, match="số nguyên"):
        parse_value(measures["households"], "1,5")


def test_rebuild_gives_the_same_numbers_and_check_names_drift(tree, measures, enter):
    enter("pilot_models", tree.na_hai, 3)
    enter("great_unity_day_held", tree.na_lan, "có")
    AggregateValue.objects.filter(unit=tree.province, measure=measures["pilot_models"]).update(value=99)
    diffs = rollup.differences()
    assert len(diffs) == 1 and "pilot_models · Tỉnh Thái Nguyên · 2026" in diffs[0]
    rollup.rebuild()
    assert rollup.differences() == []
