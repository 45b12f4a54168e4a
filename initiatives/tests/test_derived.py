"""Derived measures checked against the raw register rows, for a year, a half-year and a phase."""

import datetime

from campaign.periods import get_period
from indicators.derive import recompute
from initiatives.models import Initiative
from units.models import OrganisationKind

from .helpers import make

D = datetime.date


def _units(tree):
    return [tree.dong_phuc, tree.na_hai, tree.na_lan, tree.bang_thanh, tree.ban_bang]


def test_pilot_models_split_by_owner_kind(tree, db):
    ccb = OrganisationKind.objects.get(code="hoi-ccb")
    hnd = tree.hnd_dong_phuc.kind
    make(tree.na_hai, pilot=True, topics=["an-sinh-cong-dong"])
    make(tree.na_hai, pilot=True, organisation=tree.hnd_dong_phuc)
    make(tree.na_hai, pilot=False)
    make(tree.na_hai, pilot=True, status="registered")  # a plan, not yet running
    values = recompute("pilot_models", get_period("2026"), _units(tree))
    assert values[(tree.na_hai.pk, None)] == 2
    assert values[(tree.na_hai.pk, hnd.pk)] == 1
    assert (tree.na_hai.pk, ccb.pk) not in values
    assert (tree.bang_thanh.pk, None) not in values  # no rows: not stored, reads 0
    assert recompute("pilot_models_welfare", get_period("2026"), _units(tree))[(tree.na_hai.pk, None)] == 1


def test_active_in_period_respects_start_and_stop_dates(tree, db):
    make(tree.na_hai, pilot=True, started=D(2026, 8, 1))  # second half only
    make(tree.na_hai, pilot=True, started=D(2024, 1, 1), stopped=D(2025, 6, 30), status="stopped")
    make(tree.na_hai, pilot=True, started=D(2024, 1, 1), stopped=D(2026, 2, 1), status="stopped")
    h1 = recompute("pilot_models", get_period("2026-h1"), [tree.na_hai])
    h2 = recompute("pilot_models", get_period("2026-h2"), [tree.na_hai])
    phase = recompute("pilot_models", get_period("2021-2025"), [tree.na_hai])
    assert h1[(tree.na_hai.pk, None)] == 1  # the one stopped in February 2026
    assert h2[(tree.na_hai.pk, None)] == 1
    assert phase[(tree.na_hai.pk, None)] == 2


def test_green_clean_needs_pilot_self_managed_and_topic(tree, db):
    make(tree.na_hai, pilot=True, self_managed=True, topics=["sang-xanh-sach-dep", "an-ninh-trat-tu"])
    make(tree.na_hai, pilot=True, self_managed=False, topics=["sang-xanh-sach-dep"])
    make(tree.na_lan, pilot=False, self_managed=True, topics=["sang-xanh-sach-dep"])
    values = recompute("pilot_models_green_clean", get_period("2026"), _units(tree))
    assert values == {(tree.na_hai.pk, None): 1}  # Nà Làn's model is not a pilot: 0, not stored


def test_drug_prevention_counts_only_models_started_in_the_period(tree, db):
    make(tree.na_hai, pilot=True, topics=["phong-chong-ma-tuy"], started=D(2025, 5, 1))
    make(tree.na_hai, pilot=True, topics=["phong-chong-ma-tuy"], started=D(2026, 4, 1))
    assert recompute("pilot_models_drugs_new", get_period("2026"), [tree.na_hai])[(tree.na_hai.pk, None)] == 1
    assert recompute("pilot_models_drugs_new", get_period("2021-2025"), [tree.na_hai])[(tree.na_hai.pk, None)] == 1


def test_area_measures_only_for_residential_areas(tree, db):
    make(tree.na_hai, self_managed=True)
    make(tree.dong_phuc, self_managed=True)
    values = recompute("self_managed_models", get_period("2026"), _units(tree))
    assert values == {(tree.na_hai.pk, None): 1}
    make(tree.na_lan, self_managed=False)
    values = recompute("self_managed_models", get_period("2026"), _units(tree))
    assert values == {(tree.na_hai.pk, None): 1}
    works = recompute("community_works", get_period("2026"), [tree.na_hai.pk, tree.dong_phuc.pk])
    assert works == {(tree.na_hai.pk, None): 1}


def test_resources_not_reported_stay_missing(tree, db):
    make(tree.na_hai, money=5_000_000, workdays=40)
    make(tree.na_hai, money=2_500_000, organisation=tree.hnd_dong_phuc)
    make(tree.na_lan)  # no figures: reads 0
    values = recompute("money_mobilised", get_period("2026"), _units(tree))
    assert values[(tree.na_hai.pk, None)] == 7_500_000
    assert values[(tree.na_hai.pk, tree.hnd_dong_phuc.kind_id)] == 2_500_000
    assert (tree.na_lan.pk, None) not in values
    assert recompute("workdays_mobilised", get_period("2026"), _units(tree)) == {(tree.na_hai.pk, None): 40}


def test_every_value_equals_a_recount_of_rows(tree, db):
    """The derived count for each unit equals a plain Python count over the rows."""
    import random

    rng = random.Random(4)
    units = [tree.na_hai, tree.na_lan, tree.ban_bang, tree.dong_phuc]
    for n in range(40):
        make(rng.choice(units), pilot=rng.random() < .5, self_managed=rng.random() < .5,
             topics=rng.sample(["sang-xanh-sach-dep", "an-sinh-cong-dong", "phong-chong-ma-tuy"], rng.randint(0, 2)),
             started=D(2025 + rng.randint(0, 1), rng.randint(1, 12), 1),
             status=rng.choice(["registered", "running", "evaluated"]))
    period = get_period("2026-h1")
    values = recompute("pilot_models_green_clean", period, units)
    for unit in units:
        expected = sum(1 for i in Initiative.objects.filter(unit=unit).prefetch_related("topics")
                       if i.active_during(period.start, period.end) and i.is_pilot and i.is_self_managed
                       and "sang-xanh-sach-dep" in {t.code for t in i.topics.all()})
        assert values.get((unit.pk, None), 0) == expected
