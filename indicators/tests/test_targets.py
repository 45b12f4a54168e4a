"""The target grammar against each target of the Thái Nguyên 2026 plan (section II) on fixture data."""

from decimal import Decimal

import pytest

from campaign.periods import get_period
from indicators.targets import (ALLOCATION, CHUA_CO_SO_LIEU, CHUA_DAT, DAT, EACH_UNIT, ISSUER_ONLY, SHARE_OF_UNITS,
                                TOTAL, UNALLOCATED, TargetSpec, describe, evaluate)

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(tree, measures, year):
    def make(code, scope, threshold, level="", comparator=">=", issuer=None, period=None, **kw):
        return TargetSpec(measure=measures[code], scope=scope, threshold=Decimal(threshold), level=level,
                          comparator=comparator, period=period or year, issuer=issuer or tree.province, **kw)
    return make


# 1. hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, cận nghèo
def test_1_livelihood_support_for_at_least_200_households(tree, target, enter):
    t = target("households_livelihood_supported", TOTAL, 200)
    assert evaluate(t).status == CHUA_CO_SO_LIEU
    enter("households_livelihood_supported", tree.na_hai, 150)
    e = evaluate(t)
    assert (e.status, e.value, e.progress) == (CHUA_DAT, 150, Decimal("0.75"))
    assert e.units_behind == [] and e.basis == UNALLOCATED  # nobody was given a share: nobody is "behind"
    enter("households_livelihood_supported", tree.ban_bang, 60)
    e = evaluate(t)
    assert (e.status, e.value, e.progress) == (DAT, 210, Decimal("1.05"))


# 1. tặng quà 100% hộ nghèo, cận nghèo (a ratio over the tree, never an average)
def test_1_gifts_to_every_poor_household(tree, target, enter):
    t = target("poor_households_gifted_rate", TOTAL, 100)
    enter("poor_households", tree.na_hai, 10)
    enter("poor_households_gifted", tree.na_hai, 10)
    enter("poor_households", tree.ban_bang, 30)
    enter("poor_households_gifted", tree.ban_bang, 27)
    e = evaluate(t)
    assert (e.status, e.value) == (CHUA_DAT, Decimal("92.5"))
    enter("poor_households_gifted", tree.ban_bang, 30)
    assert evaluate(t).status == DAT


# 1. MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh
def test_1_two_province_pilot_models(tree, target, enter):
    t = target("pilot_models_province_level", TOTAL, 2)
    enter("pilot_models_province_level", tree.province, 1)
    assert (evaluate(t).status, evaluate(t).progress) == (CHUA_DAT, Decimal("0.5"))
    enter("pilot_models_province_level", tree.province, 2)
    assert evaluate(t).status == DAT


# 1. 100% MTTQ cấp xã xây dựng ít nhất 01 mô hình điểm về an sinh cộng đồng
def test_1_every_commune_has_a_welfare_pilot_model(tree, target, enter):
    t = target("pilot_models_welfare", SHARE_OF_UNITS, 100, level="commune")
    enter("pilot_models_welfare", tree.dong_phuc, 1)
    enter("pilot_models_welfare", tree.ban_bang, 1)  # a model in one of Bằng Thành's areas counts for it
    e = evaluate(t)
    assert (e.status, e.units_total, e.units_meeting) == (CHUA_DAT, 3, 2)
    assert e.value == Decimal(200) / 3
    assert [u for u, r in e.units_behind] == [tree.ward]
    enter("pilot_models_welfare", tree.ward, 0)
    assert [r.value for u, r in evaluate(t).units_behind] == [0]  # reported 0 is behind, but it is not "—"
    enter("pilot_models_welfare", tree.ward, 2)
    assert evaluate(t).status == DAT


# 2. 100% UB MTTQ xã xây dựng kế hoạch "Sáng – Xanh – Sạch – Đẹp"
def test_2_every_commune_has_its_environment_plan(tree, target, enter):
    t = target("commune_env_plan", SHARE_OF_UNITS, 100, level="commune")
    for commune in (tree.dong_phuc, tree.bang_thanh):
        enter("commune_env_plan", commune, "có")
    enter("commune_env_plan", tree.ward, "không")
    e = evaluate(t)
    assert (e.status, e.units_meeting, e.units_total) == (CHUA_DAT, 2, 3)
    enter("commune_env_plan", tree.ward, "có")
    assert evaluate(t).status == DAT


# 3. 100% khu dân cư ≥ 01 mô hình tự quản; ≥ 01 công trình phục vụ cộng đồng; ≥ 90% có nếp sống văn minh
@pytest.mark.parametrize("code", ["self_managed_models", "community_works"])
def test_3_every_area_has_a_model_and_a_work(tree, target, enter, code):
    t = target(code, SHARE_OF_UNITS, 100, level="area")
    enter(code, tree.na_hai, 2)
    enter(code, tree.na_lan, 1)
    e = evaluate(t)
    assert (e.status, e.units_meeting, e.units_total) == (CHUA_DAT, 2, 3)
    assert e.units_behind[0][0] == tree.ban_bang and e.units_behind[0][1].value is None
    enter(code, tree.ban_bang, 1)
    assert evaluate(t).status == DAT


def test_3_ninety_percent_of_areas_put_civilised_rules_in_their_covenant(tree, target, enter):
    t = target("covenant_civilised_rules", SHARE_OF_UNITS, 90, level="area")
    enter("covenant_civilised_rules", tree.na_hai, "có")
    enter("covenant_civilised_rules", tree.na_lan, "có")
    enter("covenant_civilised_rules", tree.ban_bang, "không")
    e = evaluate(t)
    assert e.status == CHUA_DAT and round(e.value, 2) == Decimal("66.67")
    assert "90% khu dân cư đạt" in describe(t)


# 4. 100% khu dân cư tổ chức Ngày hội; 100% Ban Công tác Mặt trận lồng ghép tuyên truyền
@pytest.mark.parametrize("code", ["great_unity_day_held", "propaganda_integrated"])
def test_4_every_area(tree, target, enter, code):
    t = target(code, SHARE_OF_UNITS, 100, level="area")
    for area in (tree.na_hai, tree.na_lan, tree.ban_bang):
        enter(code, area, "có")
    e = evaluate(t)
    assert (e.status, e.value, e.units_behind) == (DAT, 100, [])
    scoped = target(code, SHARE_OF_UNITS, 100, level="area", issuer=tree.dong_phuc)
    assert evaluate(scoped).units_total == 2


# 5. mỗi xã ≥ 03 mô hình điểm "Sáng – Xanh – Sạch – Đẹp"; ≥ 01 mô hình điểm mới phòng chống ma túy
@pytest.mark.parametrize("code, threshold", [("pilot_models_green_clean", 3), ("pilot_models_drugs_new", 1)])
def test_5_each_commune(tree, target, enter, code, threshold):
    t = target(code, EACH_UNIT, threshold, level="commune")
    enter(code, tree.dong_phuc, threshold)
    enter(code, tree.bang_thanh, threshold - 1)
    e = evaluate(t)
    assert (e.status, e.units_meeting, e.units_total) == (CHUA_DAT, 1, 3)
    assert [u for u, r in e.units_behind] == [tree.ward, tree.bang_thanh]
    enter(code, tree.bang_thanh, threshold)
    enter(code, tree.ward, threshold + 1)
    assert evaluate(t).status == DAT


# 6. MTTQ các cấp ≥ 01 liên hoan văn hóa, thể thao; ≥ 01 hoạt động biểu dương, khen thưởng
@pytest.mark.parametrize("code", ["festivals", "commendation_events"])
def test_6_every_level_holds_one(tree, target, enter, code):
    communes = target(code, EACH_UNIT, 1, level="commune")
    province = target(code, EACH_UNIT, 1, level="province")
    for unit in (tree.dong_phuc, tree.bang_thanh, tree.ward):
        enter(code, unit, 1)
    assert evaluate(communes).status == DAT
    assert evaluate(province).status == DAT  # the province's value includes its communes' activities
    enter(code, tree.ward, "")
    assert evaluate(communes).status == CHUA_DAT


# Bắc Kạn: Hội CCB ở mỗi xã ≥ 01 mô hình giúp nhau giảm nghèo (one member organisation)
def test_each_commune_for_one_member_organisation(tree, target, enter):
    from units.models import OrganisationKind

    ccb = OrganisationKind.objects.get(code="hoi-ccb")
    t = target("poverty_help_models", EACH_UNIT, 1, level="commune", org_kind=ccb)
    for unit in (tree.dong_phuc, tree.bang_thanh, tree.ward):
        enter("poverty_help_models", unit, 2)  # the Front's total, not Hội CCB's
    assert evaluate(t).status == CHUA_CO_SO_LIEU
    for unit in (tree.dong_phuc, tree.bang_thanh, tree.ward):
        enter("poverty_help_models", unit, 1, org_kind=ccb)
    assert evaluate(t).status == DAT


# Đề án: hỗ trợ sinh kế cho 1.000 hộ giai đoạn 2026–2030 (a multi-year phase)
def test_phase_target(tree, target, enter):
    phase = get_period("2026-2030")
    t = target("households_livelihood_supported", TOTAL, 1000, period=phase)
    enter("households_livelihood_supported", tree.na_hai, 400, period=phase)
    e = evaluate(t)
    assert (e.status, e.progress) == (CHUA_DAT, Decimal("0.4"))


def test_ceilings_and_equality(tree, target, enter):
    enter("poor_households", tree.na_hai, 50)
    assert evaluate(target("poor_households", TOTAL, 40, comparator="<=")).status == CHUA_DAT
    assert evaluate(target("poor_households", TOTAL, 60, comparator="<")).status == DAT
    assert evaluate(target("poor_households", TOTAL, 50, comparator="=")).status == DAT


# --- who is behind ---------------------------------------------------------------------------------------


def test_who_is_behind_a_total_follows_the_provinces_allocation_to_communes(tree, target, enter):
    """200 households allocated 150 to Đồng Phúc and 50 to Bằng Thành (the ward got no share): the total is met
    while Bằng Thành is behind its share, and the verdict says so instead of standing beside a bare list."""
    t = target("households_livelihood_supported", TOTAL, 200,
               allocations={tree.dong_phuc.pk: Decimal(150), tree.bang_thanh.pk: Decimal(50)})
    enter("households_livelihood_supported", tree.na_hai, 160)
    enter("households_livelihood_supported", tree.ban_bang, 45)
    e = evaluate(t)
    assert (e.status, e.value, e.basis) == (DAT, 205, ALLOCATION)
    assert [u for u, _ in e.units_behind] == [tree.bang_thanh]  # the ward was given no share: not listed
    assert (e.units_total, e.units_meeting) == (2, 1)
    assert "đã đạt" in e.explanation and "1 đơn vị chưa đạt phần được phân bổ" in e.explanation


def test_a_commune_that_has_not_reported_comes_first_among_those_behind_their_share(tree, target, enter):
    t = target("households_livelihood_supported", TOTAL, 200,
               allocations={tree.dong_phuc.pk: Decimal(150), tree.bang_thanh.pk: Decimal(50)})
    enter("households_livelihood_supported", tree.na_hai, 10)
    e = evaluate(t)
    assert e.status == CHUA_DAT and [u for u, _ in e.units_behind] == [tree.bang_thanh, tree.dong_phuc]
    assert not e.units_behind[0][1].reported


def test_a_province_only_target_is_evaluated_at_the_province_and_lists_no_commune(tree, target, enter, measures):
    """"MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh": captured at the province, so no commune can be behind."""
    assert measures["pilot_models_province_level"].level == "province"
    t = target("pilot_models_province_level", TOTAL, 2)
    enter("pilot_models_province_level", tree.province, 1)
    e = evaluate(t)
    assert (e.status, e.basis, e.units_behind, e.units_total) == (CHUA_DAT, ISSUER_ONLY, [], 1)
    assert "Tỉnh Thái Nguyên" in e.explanation and "chỉ đánh giá ở cấp này" in e.explanation


def test_a_met_share_of_units_explains_the_units_still_behind(tree, target, enter):
    t = target("great_unity_day_held", SHARE_OF_UNITS, 60, level="area")
    enter("great_unity_day_held", tree.na_hai, "có")
    enter("great_unity_day_held", tree.ban_bang, "có")
    e = evaluate(t)
    assert e.status == DAT and [u for u, _ in e.units_behind] == [tree.na_lan]
    assert e.explanation.startswith("Đạt vì 2/3 đơn vị đạt") and "còn 1 đơn vị chưa đạt" in e.explanation


def test_a_commune_officer_sees_a_province_total_against_the_communes_own_share(tree, target, enter,
                                                                                dong_phuc_officer):
    from indicators.views import progress_context

    t = target("households_livelihood_supported", TOTAL, 200, allocations={tree.dong_phuc.pk: Decimal(5)})
    enter("households_livelihood_supported", tree.na_hai, 6)
    ctx = progress_context(t, dong_phuc_officer)
    assert ctx["evaluation"].status == DAT and ctx["evaluation"].threshold == 5 and ctx["allocated"]
    unallocated = target("households_livelihood_supported", TOTAL, 200)
    ctx = progress_context(unallocated, dong_phuc_officer)
    assert ctx["evaluation"].threshold == 200 and ctx["evaluation"].status == CHUA_DAT
    assert ctx["share_text"].startswith("Xã Đồng Phúc đóng góp 6")
