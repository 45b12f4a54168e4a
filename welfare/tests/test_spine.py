"""The registers feed the spine: a write refreshes the derived values, which roll up the tree."""

import datetime

import pytest

from campaign.periods import get_period
from funds import services as fund_services
from funds.models import FundKind
from indicators import rollup
from indicators.models import Measure
from indicators.queries import reading
from indicators.sync import sync_measures
from welfare import services
from welfare.models import Kind, Source

D = datetime.date


@pytest.fixture
def spine(db):
    sync_measures()
    return {code: get_period(code) for code in ("2026", "2026-h1", "2026-2030")}


def value(code, unit, period):
    return reading(Measure.objects.get(code=code), unit, period).value


def test_the_welfare_measures_are_claimed_by_the_register(spine):
    for code in ("poor_households", "poor_households_gifted", "poor_households_gifted_rate",
                 "households_livelihood_supported", "great_unity_houses_built", "support_amount"):
        measure = Measure.objects.get(code=code)
        assert (measure.source, measure.register) == ("register", "welfare"), code


def test_support_refreshes_the_values_and_they_roll_up(spine, dong_phuc_officer, tree, households):
    livelihood = {"kind": Kind.LIVELIHOOD, "detail": "livestock", "date": D(2026, 3, 2), "amount": 5_000_000,
                  "source": Source.FUND}
    services.add_support(dong_phuc_officer, households.manh, livelihood)
    services.add_support(dong_phuc_officer, households.manh, {**livelihood, "date": D(2026, 9, 2)})
    services.add_support(dong_phuc_officer, households.lan, livelihood)
    for period in spine.values():
        assert value("households_livelihood_supported", tree.na_hai, period) == 1  # supported twice: once
    assert value("households_livelihood_supported", tree.dong_phuc, spine["2026"]) == 2
    assert value("households_livelihood_supported", tree.dong_phuc, spine["2026-h1"]) == 2
    assert value("support_amount", tree.province, spine["2026"]) == 15_000_000
    services.add_support(dong_phuc_officer, households.hoa, {"kind": Kind.GIFT, "detail": "tet",
                                                             "date": D(2026, 1, 28), "amount": 500_000,
                                                             "source": Source.FUND})
    assert float(value("poor_households_gifted_rate", tree.dong_phuc, spine["2026"])) == pytest.approx(100 / 3, abs=0.1)
    assert rollup.differences() == []


def test_a_household_put_on_the_list_is_counted(spine, dong_phuc_officer, tree):
    services.save_household(dong_phuc_officer, tree.na_lan, {"head_name": "Bế Văn Chiến", "members": 3}, 2026,
                            "poor")
    assert value("poor_households", tree.na_lan, spine["2026"]) == 1
    assert value("poor_households", tree.province, spine["2026-h1"]) == 1


def test_fund_receipts_feed_the_spine(spine, province_officer, tree):
    fund = fund_services.open_fund(province_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))
    top = fund_services.open_fund(province_officer, tree.province, FundKind.POOR, opened_on=D(2026, 1, 1))
    fund_services.record_receipt(province_officer, fund, date=D(2026, 10, 20), amount=3_000_000, donor_name="Dân",
                                 donor_type="individual")
    fund_services.record_receipt(province_officer, top, date=D(2026, 3, 1), amount=1_000_000, donor_name="Dân",
                                 donor_type="individual")
    assert value("fund_poor_receipts", tree.dong_phuc, spine["2026"]) == 3_000_000
    assert value("fund_poor_receipts", tree.province, spine["2026"]) == 4_000_000
    assert value("fund_poor_peak_receipts", tree.province, spine["2026"]) == 3_000_000
    assert rollup.differences() == []
