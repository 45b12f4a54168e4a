"""A register derives measures; refresh() recomputes them for one unit and rolls up in the same transaction."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from indicators import rollup, services
from indicators.models import Measure
from indicators.registers import MeasureDef, Register, register, unregister
from indicators.sync import sync_measures

pytestmark = pytest.mark.django_db
FACTS = {}  # (unit_id, date) -> held Great Unity Day: the "register's rows" of this test


@pytest.fixture
def activities(measures):
    @register
    class TestActivities(Register):
        code = "test_activities"
        name = "Sổ hoạt động (thử)"
        measures = [MeasureDef(code="great_unity_day_held", name="Khu dân cư tổ chức Ngày hội Đại đoàn kết",
                               value_type="bool", level="area", aggregation="count_yes", unit_label="khu dân cư",
                               content=2),
                    MeasureDef(code="test_events", name="Số hoạt động (thử)", level="area")]

        def compute(self, measure_code, period, units):
            out = {}
            for unit in units:
                days = [d for (u, d) in FACTS if u == unit.pk and period.start <= d <= period.end]
                if days:
                    out[(unit.pk, None)] = True if measure_code == "great_unity_day_held" else len(days)
            return out

    sync_measures()
    FACTS.clear()
    yield TestActivities
    unregister("test_activities")
    sync_measures()


def test_a_register_claims_a_catalogue_measure_and_adds_its_own(activities):
    gud = Measure.objects.get(code="great_unity_day_held")
    assert (gud.source, gud.register) == ("register", "test_activities")
    assert Measure.objects.get(code="test_events").source == "register"


def test_refresh_recomputes_every_period_containing_the_date_and_rolls_up(tree, activities, value_of):
    from campaign.periods import get_period

    year, h2, h1 = get_period("2026"), get_period("2026-h2"), get_period("2026-h1")
    FACTS[(tree.na_hai.pk, datetime.date(2026, 11, 18))] = True
    assert services.refresh("test_activities", unit=tree.na_hai, on=datetime.date(2026, 11, 18)) == 4
    assert value_of("great_unity_day_held", tree.province, year).value == 1
    assert value_of("test_events", tree.dong_phuc, h2).value == 1
    assert not value_of("test_events", tree.dong_phuc, h1).reported
    FACTS.clear()  # the row was deleted
    services.refresh("test_activities", unit=tree.na_hai, on=datetime.date(2026, 11, 18))
    assert not value_of("great_unity_day_held", tree.province, year).reported
    assert rollup.differences() == []


def test_register_values_cannot_be_typed(tree, activities, enter):
    with pytest.raises(ValidationError, match="sổ theo dõi"):
        enter("great_unity_day_held", tree.na_hai, "có")


def test_refresh_all_derives_every_unit(tree, activities, value_of):
    from campaign.periods import get_period

    year = get_period("2026")
    FACTS[(tree.na_hai.pk, datetime.date(2026, 3, 1))] = True
    FACTS[(tree.ban_bang.pk, datetime.date(2026, 4, 1))] = True
    services.refresh_all("test_activities", [year])
    assert value_of("great_unity_day_held", tree.province, year).value == 2
    assert rollup.differences() == []


def test_when_a_register_goes_its_measures_return_to_forms(activities):
    unregister("test_activities")
    sync_measures()
    assert Measure.objects.get(code="great_unity_day_held").source == "form"
