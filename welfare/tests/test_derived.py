"""The values this register derives for the spine, against the raw rows."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.periods import get_period
from indicators.derive import recompute
from indicators.models import Measure
from indicators.queries import reading
from welfare import services
from welfare.models import Detail, Kind, Source, SupportRecord

D = datetime.date


def support(household, kind, day, amount=1_000_000, detail="", **kw):
    return SupportRecord.objects.create(household=household, unit=household.unit, kind=kind, detail=detail,
                                        date=day, amount=amount, source=kw.pop("source", Source.FUND), **kw)


def test_a_household_supported_twice_counts_once(tree, households):
    support(households.manh, Kind.LIVELIHOOD, D(2026, 3, 1), detail=Detail.LIVESTOCK)
    support(households.manh, Kind.LIVELIHOOD, D(2026, 9, 1), detail=Detail.SEEDS)
    support(households.hoa, Kind.LIVELIHOOD, D(2026, 5, 1), detail=Detail.CAPITAL)
    values = recompute("households_livelihood_supported", get_period("2026"), [tree.na_hai])
    assert values == {(tree.na_hai.pk, None): 2}


def test_a_household_supported_in_two_years_of_a_phase_counts_once_in_the_phase(tree, households):
    support(households.manh, Kind.LIVELIHOOD, D(2026, 3, 1), detail=Detail.LIVESTOCK)
    support(households.manh, Kind.LIVELIHOOD, D(2027, 3, 1), detail=Detail.TOOLS)
    support(households.lan, Kind.LIVELIHOOD, D(2028, 3, 1), detail=Detail.TOOLS)
    phase = get_period("2026-2030")
    values = recompute("households_livelihood_supported", phase, None)
    assert values[(tree.na_hai.pk, None)] == 1
    assert values[(tree.na_lan.pk, None)] == 1
    assert recompute("households_livelihood_supported", get_period("2027"), None)[(tree.na_hai.pk, None)] == 1


def test_gift_rate_is_gifted_over_poor_and_near_poor(tree, households):
    support(households.manh, Kind.GIFT, D(2026, 1, 25), detail=Detail.TET)
    support(households.manh, Kind.GIFT, D(2026, 9, 2), detail=Detail.OCCASION)  # still one household
    support(households.sinh, Kind.GIFT, D(2026, 1, 25), detail=Detail.TET)  # escaped: not on the target list
    period = get_period("2026")
    assert recompute("poor_households", period)[(tree.na_hai.pk, None)] == 2  # Mạnh (poor) + Hoa (near-poor)
    assert recompute("poor_households_gifted", period)[(tree.na_hai.pk, None)] == 1
    rate = Measure.objects.get(code="poor_households_gifted_rate")
    assert reading(rate, tree.na_hai, period).value == 50
    assert (tree.na_lan.pk, None) not in recompute("poor_households_gifted", period)  # none gifted: reads 0


def test_an_area_without_a_list_reads_0_and_has_no_rate(tree, households):
    from units.models import Kind as UnitKind, Level, Unit

    empty = Unit(parent=tree.dong_phuc, level=Level.AREA, kind=UnitKind.VILLAGE, code="09", name="Thôn Trống")
    empty.save()
    period = get_period("2026")
    for code in ("poor_households", "poor_households_gifted", "households_livelihood_supported"):
        assert (empty.pk, None) not in recompute(code, period)
        assert reading(Measure.objects.get(code=code), empty, period).value == 0
    assert not reading(Measure.objects.get(code="poor_households_gifted_rate"), empty, period).reported


def test_houses_count_when_handed_over(tree, households):
    support(households.manh, Kind.HOUSE, D(2026, 3, 1), 60_000_000, Detail.HOUSE_NEW,
            house_started_on=D(2026, 3, 1), house_handed_over_on=D(2026, 6, 30))
    support(households.hoa, Kind.HOUSE, D(2026, 8, 1), 30_000_000, Detail.HOUSE_REPAIR,
            house_started_on=D(2026, 8, 1))  # not handed over yet
    period = get_period("2026")
    assert recompute("great_unity_houses_built", period) == {(tree.na_hai.pk, None): 1}
    assert recompute("great_unity_houses_repaired", period) == {}
    assert recompute("support_amount_houses", period) == {(tree.na_hai.pk, None): 90_000_000}


def test_amounts_by_organisation_are_keyed_by_organisation_kind(tree, households):
    support(households.manh, Kind.LIVELIHOOD, D(2026, 4, 1), 5_000_000, Detail.CAPITAL,
            source=Source.ORGANISATION, organisation=tree.hnd_dong_phuc)
    values = recompute("support_amount_from_organisations", get_period("2026"))
    assert values == {(tree.na_hai.pk, tree.hnd_dong_phuc.kind_id): 5_000_000, (tree.na_hai.pk, None): 5_000_000}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from([Kind.GIFT, Kind.LIVELIHOOD]),
                          st.integers(2025, 2028), st.integers(1, 12)), max_size=15))
def test_derived_values_match_the_raw_rows(tree, households, rows):
    SupportRecord.objects.all().delete()
    people = [households.manh, households.hoa, households.sinh, households.lan]
    for who, kind, year, month in rows:
        detail = Detail.TET if kind == Kind.GIFT else Detail.SEEDS
        support(people[who], kind, D(year, month, 1), detail=detail)
    for code in ("2026", "2026-h1", "2026-2030", "2027-q2"):
        period = get_period(code)
        within = [(people[w], k) for w, k, y, m in rows if period.start <= D(y, m, 1) <= period.end]
        expected = {}
        for person in {p for p, k in within if k == Kind.LIVELIHOOD}:
            expected[person.unit_id] = expected.get(person.unit_id, 0) + 1
        got = recompute("households_livelihood_supported", period)
        assert {u: n for (u, _), n in got.items() if n} == expected
        list_year = period.end.year
        if list_year == 2026:
            gifted = {p.pk for p, k in within if k == Kind.GIFT and p.listings.filter(
                year=2026, status__in=["poor", "near_poor"]).exists()}
            got = recompute("poor_households_gifted", period)
            assert sum(got.values()) == len(gifted)


def test_the_summary_table_reads_the_spine_and_its_rate_is_recomputed(tree, households, dong_phuc_officer):
    from welfare.reports import summary_table

    support(households.manh, Kind.GIFT, D(2026, 1, 25), detail=Detail.TET)
    year = get_period("2026")  # created after the rows: derived when created
    table = summary_table(tree.dong_phuc, year)
    rows = {r["unit"]: r for r in table.rows}
    assert rows["Thôn Nà Hai"]["rate"] == 50.0 and rows["Thôn Nà Làn"]["rate"] == 0.0
    assert table.totals["poor_households"] == 3 and float(table.totals["rate"]) == pytest.approx(100 / 3, abs=0.05)


def test_save_household_refuses_a_duplicate_identity_number(dong_phuc_officer, tree, households):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.save_household(dong_phuc_officer, tree.na_lan, {"head_name": "Người khác",
                                                                  "id_number": "001203004589"}, 2026, "poor")
