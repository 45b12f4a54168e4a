"""The register contract: a register declares how it derives catalogue measures; the spine decides which periods a
change touches, derives every period that exists (also one created later), rolls up, and checks it all."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from indicators import rollup, services
from indicators.integrity import register_differences
from indicators.models import DataValue, Measure
from indicators.registers import (NOT_REPORTED, Any, Derivation, During, Register, Running, Sum, register,
                                  unregister)
from indicators.sync import sync_measures

pytestmark = pytest.mark.django_db
FACTS = {}  # (unit_id, date) -> a title entered: the rows of the compute-hatch register below


@pytest.fixture
def activities(measures):
    """A declarative register over real rows (activities.Activity), claiming catalogue measures."""
    from activities.models import Activity

    @register
    class TestActivities(Register):
        code = "test_activities"
        name = "Sổ hoạt động (thử)"
        derivations = [
            Derivation("great_unity_day_held", model=Activity, window=During("held_on"),
                       filter=Q(kind=Activity.Kind.GREAT_UNITY_DAY), aggregate=Any()),
            Derivation("great_unity_day_participants", model=Activity, window=During("held_on"),
                       filter=Q(kind=Activity.Kind.GREAT_UNITY_DAY), aggregate=Sum("participants")),
            Derivation("festivals", model=Activity, window=During("held_on"), filter=Q(kind=Activity.Kind.FESTIVAL)),
            Derivation("money_mobilised", model=Activity, window=During("held_on"), aggregate=Sum("money_mobilised"),
                       organisation="organisation__kind"),
        ]

    sync_measures()
    yield TestActivities
    unregister("test_activities")
    sync_measures()


@pytest.fixture
def running(measures):
    """A register of stocks: initiatives running over a span of dates."""
    from initiatives.models import Initiative

    @register
    class TestModels(Register):
        code = "test_models"
        name = "Sổ mô hình (thử)"
        derivations = [Derivation("self_managed_models", model=Initiative, window=Running("started_on", "stopped_on"),
                                  filter=Q(is_self_managed=True))]

    sync_measures()
    yield TestModels
    unregister("test_models")
    sync_measures()


@pytest.fixture
def titles(measures):
    """The escape hatch: a register computing in code, with areas that have no row not reported."""

    def compute(period, unit_ids):
        return {(u, None): n for (u, d), n in FACTS.items() if u in unit_ids and period.start <= d <= period.end}

    @register
    class TestTitles(Register):
        code = "test_titles"
        name = "Sổ danh hiệu (thử)"
        derivations = [Derivation("cultural_families", compute=compute, missing=NOT_REPORTED)]

    sync_measures()
    FACTS.clear()
    yield TestTitles
    unregister("test_titles")
    FACTS.clear()
    sync_measures()


def _gud(unit, day, participants=None, kind="ngay_hoi"):
    from activities.models import Activity

    return Activity.objects.create(unit=unit, kind=kind, held_on=day, title="Ngày hội", participants=participants)


def test_a_register_claims_a_catalogue_measure(activities):
    gud = Measure.objects.get(code="great_unity_day_held")
    assert (gud.source, gud.register, gud.absent_is_zero) == ("register", "test_activities", True)


def test_a_register_cannot_claim_a_measure_the_catalogue_does_not_define(measures):
    @register
    class Rogue(Register):
        code = "rogue"
        derivations = [Derivation("made_up_measure", compute=lambda period, ids: {})]

    try:
        with pytest.raises(ValueError, match="không có trong danh mục"):
            sync_measures()
    finally:
        unregister("rogue")


def test_two_registers_cannot_claim_one_measure(activities):
    @register
    class Twin(Register):
        code = "twin"
        derivations = [Derivation("festivals", compute=lambda period, ids: {})]

    try:
        with pytest.raises(ValueError, match="hai sổ theo dõi"):
            sync_measures()
    finally:
        unregister("twin")


def test_a_change_derives_every_period_containing_it_and_rolls_up(tree, activities, value_of):
    from campaign.periods import get_period

    year, h2, h1 = get_period("2026"), get_period("2026-h2"), get_period("2026-h1")
    day = datetime.date(2026, 11, 18)
    _gud(tree.na_hai, day, 150)
    assert services.changed("test_activities", tree.na_hai, day, day) == 4  # held + participants, year and h2
    assert value_of("great_unity_day_held", tree.province, year).value == 1
    assert value_of("great_unity_day_participants", tree.dong_phuc, h2).value == 150
    assert value_of("great_unity_day_participants", tree.dong_phuc, h1).value == 0  # the register knows: none
    assert rollup.differences() == [] and register_differences() == []


def test_a_register_measure_with_no_rows_reads_0_and_a_form_measure_not_entered_reads_not_reported(
        tree, activities, value_of):
    assert value_of("great_unity_day_held", tree.ban_bang).value == 0
    assert value_of("great_unity_day_held", tree.province).value == 0
    assert not value_of("households", tree.ban_bang).reported  # typed on forms: silence is "chưa báo cáo"


def test_a_period_created_after_the_rows_has_every_derived_value_without_any_edit(tree, activities, value_of):
    from campaign.periods import get_period

    _gud(tree.na_hai, datetime.date(2027, 11, 18), 90)  # written before 2027 exists: nothing to derive yet
    services.changed("test_activities", tree.na_hai, datetime.date(2027, 11, 18), datetime.date(2027, 11, 18))
    assert not DataValue.objects.filter(period__code__startswith="2027").exists()
    y2027, q4 = get_period("2027"), get_period("2027-q4")  # the daily job, or a page, opens the year
    assert value_of("great_unity_day_participants", tree.province, y2027).value == 90
    assert value_of("great_unity_day_held", tree.dong_phuc, q4).value == 1
    assert register_differences() == [] and rollup.differences() == []


def test_a_stale_stored_value_is_named_by_the_integrity_check(tree, activities):
    from campaign.periods import get_period

    year = get_period("2026")
    _gud(tree.na_hai, datetime.date(2026, 5, 1), 40)  # a row written behind the spine's back
    wrong = register_differences()
    assert any("great_unity_day_participants · Thôn Nà Hai · 2026" in w for w in wrong), wrong
    services.derive_all(["test_activities"], [year])
    assert register_differences() == []


def test_a_phase_long_model_edited_once_derives_each_period_with_one_read_of_its_rows(tree, running, value_of):
    from campaign.periods import get_period
    from initiatives.models import Initiative

    periods = [get_period("2026-2030")] + [get_period(c) for y in range(2026, 2031)
                                           for c in (str(y), f"{y}-h1", f"{y}-h2", *(f"{y}-q{q}" for q in (1, 2, 3, 4)))]
    Initiative.objects.create(unit=tree.na_hai, title="Đường hoa", status="running", is_self_managed=True,
                              started_on=datetime.date(2026, 4, 1))
    with CaptureQueriesContext(connection) as ctx:
        changed = services.changed("test_models", tree.na_hai, datetime.date(2026, 4, 1))
    assert changed == len(periods) - 1  # every period but 2026-q1 (before the start)
    reads = [q["sql"] for q in ctx.captured_queries if "initiatives_initiative" in q["sql"]]
    assert len(reads) == 1  # the unit's rows are read once for all 36 periods
    assert value_of("self_managed_models", tree.province, get_period("2030-q4")).value == 1
    assert value_of("self_managed_models", tree.province, get_period("2026-q1")).value == 0
    assert register_differences() == [] and rollup.differences() == []


def test_a_change_with_a_reversed_date_range_is_refused_and_writes_nothing(tree, activities):
    with pytest.raises(ValidationError, match="Khoảng ngày không hợp lệ"):
        services.changed("test_activities", tree.na_hai, datetime.date(2026, 5, 1), datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="đơn vị"):
        services.changed("test_activities", None, datetime.date(2026, 5, 1))
    assert not DataValue.objects.exists()


def test_deferred_changes_are_derived_once_at_the_end(tree, activities, value_of):
    from campaign.periods import get_period

    year = get_period("2026")
    with services.deferred():
        for unit in (tree.na_hai, tree.na_lan, tree.ban_bang):
            _gud(unit, datetime.date(2026, 11, 18), 10)
            services.changed("test_activities", unit, datetime.date(2026, 11, 18), datetime.date(2026, 11, 18))
        assert not DataValue.objects.exists()
    assert value_of("great_unity_day_held", tree.province, year).value == 3
    assert register_differences() == []


def test_a_batch_notes_changes_derivations_and_new_periods_and_derives_them_once_at_the_end(
        tree, activities, value_of):
    """The demo's bulk load: registers' writes, their derive_all and periods created on the way are only noted;
    at the end each noted register is derived for every noted period in one pass, with one rollup."""
    from campaign.periods import get_period

    with CaptureQueriesContext(connection) as inside:
        with services.batch():
            _gud(tree.na_hai, datetime.date(2026, 11, 18), 10)
            services.changed("test_activities", tree.na_hai, datetime.date(2026, 11, 18))
            year, q4 = get_period("2026"), get_period("2026-q4")  # created inside: derived at the end
            _gud(tree.ban_bang, datetime.date(2027, 3, 8), 20)
            assert services.derive_all(["test_activities"]) == 0  # noted, not done
            y2027 = get_period("2027")
            with services.deferred():  # a loader's own deferred block leaves the work to the batch
                _gud(tree.na_lan, datetime.date(2027, 5, 1), 5)
                services.changed("test_activities", tree.na_lan, datetime.date(2027, 5, 1))
            assert not DataValue.objects.exists() and not rollup.AggregateValue.objects.exists()
            queries_inside = len(inside.captured_queries)
    assert value_of("great_unity_day_held", tree.province, year).value == 1
    assert value_of("great_unity_day_participants", tree.dong_phuc, q4).value == 10
    assert value_of("great_unity_day_participants", tree.province, y2027).value == 25
    assert register_differences() == [] and rollup.differences() == []
    assert len(inside.captured_queries) > queries_inside  # the derivation ran once, after the block


def test_values_split_by_organisation_keep_a_total(tree, activities, value_of):
    from campaign.periods import get_period
    from activities.models import Activity

    year = get_period("2026")
    Activity.objects.create(unit=tree.dong_phuc, kind="lien_hoan", held_on=datetime.date(2026, 9, 2), title="Liên hoan",
                            organisation=tree.hnd_dong_phuc, money_mobilised=5_000_000)
    Activity.objects.create(unit=tree.dong_phuc, kind="lien_hoan", held_on=datetime.date(2026, 9, 3), title="Liên hoan",
                            money_mobilised=2_000_000)
    services.changed("test_activities", tree.dong_phuc, datetime.date(2026, 9, 2), datetime.date(2026, 9, 3))
    assert value_of("festivals", tree.province, year).value == 2
    assert value_of("money_mobilised", tree.province, year).value == 7_000_000
    assert value_of("money_mobilised", tree.province, year, tree.hnd_dong_phuc.kind).value == 5_000_000
    assert register_differences() == []


def test_the_escape_hatch_leaves_units_without_rows_not_reported(tree, titles, value_of):
    from campaign.periods import get_period

    year = get_period("2026")
    FACTS[(tree.na_hai.pk, datetime.date(2026, 12, 31))] = 30
    services.changed("test_titles", tree.na_hai, datetime.date(2026, 12, 31), datetime.date(2026, 12, 31))
    assert value_of("cultural_families", tree.dong_phuc, year).value == 30
    assert not value_of("cultural_families", tree.ban_bang, year).reported
    FACTS.clear()  # the row was deleted
    services.changed("test_titles", tree.na_hai, datetime.date(2026, 12, 31), datetime.date(2026, 12, 31))
    assert not value_of("cultural_families", tree.dong_phuc, year).reported
    assert rollup.differences() == [] and register_differences() == []


def test_register_values_cannot_be_typed(tree, activities, enter):
    with pytest.raises(ValidationError, match="sổ theo dõi"):
        enter("great_unity_day_held", tree.na_hai, "có")


def test_when_a_register_goes_its_measures_return_to_forms(activities):
    unregister("test_activities")
    sync_measures()
    m = Measure.objects.get(code="great_unity_day_held")
    assert (m.source, m.absent_is_zero) == ("form", False)


def test_a_new_period_is_written_set_based_with_the_values_and_history_a_row_by_row_derivation_gives(
        tree, activities, value_of):
    from activities.models import Activity
    from campaign.periods import get_period
    from indicators import derive
    from indicators.models import DataValueChange

    day = datetime.date(2028, 9, 2)
    _gud(tree.na_hai, day, 90)
    _gud(tree.na_lan, day, 0)  # held, nobody counted: "yes", and a participants sum of 0 (not stored)
    _gud(tree.ban_bang, day, None)  # held, participants unknown
    Activity.objects.create(unit=tree.dong_phuc, kind="lien_hoan", held_on=day, title="Liên hoan",
                            organisation=tree.hnd_dong_phuc, money_mobilised=5_000_000)
    Activity.objects.create(unit=tree.dong_phuc, kind="lien_hoan", held_on=day, title="Liên hoan",
                            money_mobilised=2_000_000)
    year = get_period("2028")  # created after the rows: derived in one INSERT … SELECT per measure
    for d in activities.derivations:
        measure = Measure.objects.get(code=d.measure)
        assert derive.bulk_query(d, measure, year) is not None
        stored = {(u, o): v for u, o, v in DataValue.objects.filter(measure=measure, period=year)
                  .values_list("unit_id", "org_kind_id", "value")}
        assert stored == derive.bulk(d, measure, year), d.measure
        history = DataValueChange.objects.filter(measure=measure, period=year)
        assert sorted(history.values_list("unit_id", "new_value")) == sorted((u, v) for (u, _), v in stored.items())
        assert not history.exclude(old_value=None).exists()
    assert value_of("great_unity_day_held", tree.province, year).value == 3
    assert value_of("great_unity_day_participants", tree.province, year).value == 90
    assert value_of("money_mobilised", tree.province, year, tree.hnd_dong_phuc.kind).value == 5_000_000
    assert register_differences() == [] and rollup.differences() == []
