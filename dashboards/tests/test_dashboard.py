"""The leaders' dashboard reads the spine: each panel's numbers equal the spine's for the same unit and period."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.queries import reading
from indicators.targets import TargetSpec, evaluate

pytestmark = pytest.mark.django_db


def test_the_province_dashboard_shows_each_target_as_the_spine_evaluates_it(client_for, leader, tree, plan, filled,
                                                                           year, last_year, measures):
    from dashboards import services

    groups = services.target_rows(plan, tree.province, year)
    rows = {r.target.pk: r for g in groups for r in g.rows}
    livelihood, unity = rows[plan.t_livelihood.pk], rows[plan.t_unity_day.pk]
    spine = evaluate(TargetSpec(measures["households_livelihood_supported"], "total", Decimal(200), year,
                                tree.province))
    assert livelihood.evaluation.value == spine.value == reading(
        measures["households_livelihood_supported"], tree.province, year).value == 170
    assert livelihood.last_year.value == reading(measures["households_livelihood_supported"], tree.province,
                                                 last_year).value == 100
    unity_spine = evaluate(TargetSpec(measures["great_unity_day_held"], "share_of_units", Decimal(100), year,
                                      tree.province, level="area"))
    assert (unity.evaluation.value, unity.evaluation.units_meeting, unity.evaluation.units_total) == (
        unity_spine.value, unity_spine.units_meeting, unity_spine.units_total) == (
        Decimal(100) / 3, 1, 3)
    assert unity.behind_count == 2  # Nà Làn said no, Bản Bằng has not reported
    body = client_for(leader).get(reverse("dashboards:unit", args=[tree.province.pk]) + "?ky=2026").content.decode()
    assert "Bảng điều hành · Tỉnh Thái Nguyên" in body
    assert "Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo" in body and ">170<" in body and "100" in body
    assert "Nội dung 1" in body and "Nội dung 2" in body
    assert "33,3%" in body  # share of areas that held the day, as the spine computes it
    assert reverse("indicators:measure", args=[tree.province.pk, "2026", "great_unity_day_held"]) in body


def test_a_commune_dashboard_reads_the_province_targets_over_the_commune_only(client_for, dong_phuc_officer, tree,
                                                                             plan, filled, year):
    from dashboards import services

    rows = {r.target.pk: r for g in services.target_rows(plan, tree.dong_phuc, year) for r in g.rows}
    assert rows[plan.t_livelihood.pk].evaluation.value == 150  # Bản Bằng's 20 belongs to another commune
    assert rows[plan.t_unity_day.pk].evaluation.units_total == 2
    body = client_for(dong_phuc_officer).get(reverse("dashboards:unit", args=[tree.dong_phuc.pk])
                                             + "?ky=2026").content.decode()
    assert ">150<" in body


def test_a_half_year_shows_the_progress_so_far_of_a_yearly_target(tree, plan, enter, measures):
    from campaign.periods import get_period
    from dashboards import services

    half = get_period("2026-h1")
    enter("households_livelihood_supported", tree.na_hai, 80, half)
    rows = {r.target.pk: r for g in services.target_rows(plan, tree.province, half) for r in g.rows}
    assert rows[plan.t_livelihood.pk].evaluation.value == reading(
        measures["households_livelihood_supported"], tree.province, half).value == 80
    assert rows[plan.t_livelihood.pk].evaluation.progress == Decimal("0.4")


def test_the_fund_panel_equals_the_spines_fund_figures(tree, province_officer, dong_phuc_officer, measures, year):
    from dashboards import services
    from funds import services as funds

    fund = funds.open_fund(dong_phuc_officer, tree.dong_phuc, "poor", opened_on=datetime.date(2026, 1, 1))
    funds.record_receipt(dong_phuc_officer, fund, date=datetime.date(2026, 10, 20), amount=5_000_000,
                         donor_name="Công ty Chè Tân Cương", donor_type="business")
    funds.record_receipt(dong_phuc_officer, fund, date=datetime.date(2026, 3, 2), amount=1_200_000,
                         donor_name="Nguyễn Văn An", donor_type="individual")
    panel = services.funds_panel(province_officer, tree.province, year)
    assert panel["receipts"] == reading(measures["fund_poor_receipts"], tree.province, year).value == 6_200_000
    assert panel["peak"] == reading(measures["fund_poor_peak_receipts"], tree.province, year).value == 5_000_000
    commune = services.funds_panel(dong_phuc_officer, tree.dong_phuc, year)
    assert [(f.pk, s.receipts, s.closing) for f, s in commune["books"]] == [(fund.pk, 6_200_000, 6_200_000)]


def test_the_reporting_panel_lists_the_late_units_with_a_link_to_remind(client_for, province_officer, tree, year):
    from reporting import services as reporting

    rnd = reporting.open_round(province_officer, tree.province, {
        "period": year, "name": "Báo cáo năm 2026", "cut_off": datetime.date(2026, 1, 5),
        "due_date": datetime.date(2026, 1, 10), "reporters": "commune", "include_organisations": False,
        "measure_codes": [], "remind_days_before": 3})
    body = client_for(province_officer).get(reverse("dashboards:unit", args=[tree.province.pk])
                                            + "?ky=2026").content.decode()
    assert "Báo cáo năm 2026" in body and "Quá hạn, chưa gửi" in body
    assert reverse("reporting:round", args=[rnd.pk]) in body and ">Nhắc<" in body


def test_nobody_reads_a_dashboard_outside_their_scope(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    assert client.get(reverse("dashboards:unit", args=[tree.bang_thanh.pk])).status_code == 404
    assert client.get(reverse("dashboards:unit", args=[tree.province.pk])).status_code == 404
    assert client.get(reverse("dashboards:map", args=[tree.province.pk])).status_code == 404


def test_a_bad_period_falls_back_to_the_current_year_instead_of_failing(client_for, leader, tree):
    response = client_for(leader).get(reverse("dashboards:unit", args=[tree.province.pk]) + "?ky=2026-99&ke-hoach=x")
    assert response.status_code == 200


@pytest.mark.parametrize("who, landing", [
    ("leader", "dashboards:unit"), ("province_officer", "dashboards:unit"), ("dong_phuc_officer", "dashboards:unit"),
    ("na_hai_head", "activities:area_home"), ("org_officer", "initiatives:index")])
def test_each_role_lands_where_its_work_is(request, client_for, who, landing):
    user = request.getfixturevalue(who)
    response = client_for(user).get("/")
    expected = reverse(landing, args=[user.unit_id]) if landing == "dashboards:unit" else reverse(landing)
    assert response.status_code == 302 and response["Location"] == expected


def test_the_top_bar_groups_the_work_under_seven_headings(client_for, province_admin):
    body = client_for(province_admin).get(reverse("dashboards:unit", args=[province_admin.unit_id])).content.decode()
    for group in ("Kế hoạch &amp; chỉ tiêu", "Báo cáo", "Sổ theo dõi", "Quỹ &amp; an sinh", "Giám sát", "Thi đua",
                  "Quản trị"):
        assert f"<summary>{group}</summary>" in body
    assert "Người dùng" in body


def test_presentation_mode_has_one_panel_per_slide_and_no_inline_script(client_for, leader, tree, plan, filled):
    body = client_for(leader).get(reverse("dashboards:present", args=[tree.province.pk]) + "?ky=2026").content.decode()
    assert 'src="/static/dashboards/present.js"' in body
    assert "<script>" not in body and "onclick" not in body
    assert body.count('class="card panel slide"') >= 5


def test_the_dashboard_pdf_is_a4_landscape(client_for, leader, tree, plan, filled):
    response = client_for(leader).get(reverse("dashboards:pdf", args=[tree.province.pk]) + "?ky=2026")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in response.content


def test_an_allocated_total_is_judged_by_each_units_share(client_for, leader, province_officer, tree, plan, filled,
                                                          year):
    """The province split its 200 households between its communes: at the province, the units behind are those
    below their share; at a commune, its own figure is judged against its share (#12: who is behind)."""
    from dashboards import services
    from plans import services as plan_services

    def row(unit):
        return next(r for g in services.target_rows(plan, unit, year) for r in g.rows
                    if r.target.pk == plan.t_livelihood.pk)

    assert row(tree.province).behind_count == 0  # nobody was given a share: no unit can be behind one
    plan_services.save_allocations(province_officer, plan.t_livelihood,
                                   {tree.dong_phuc: Decimal(150), tree.bang_thanh: Decimal(30)})
    province = row(tree.province)
    assert (province.evaluation.value, province.evaluation.status) == (170, "chua_dat")
    assert province.behind_count == 1  # Bằng Thành: 20 of its 30; Đồng Phúc has its 150
    dong_phuc, bang_thanh = row(tree.dong_phuc), row(tree.bang_thanh)
    assert (dong_phuc.evaluation.value, dong_phuc.evaluation.threshold, dong_phuc.evaluation.status) == (
        150, 150, "dat")
    assert (bang_thanh.evaluation.value, bang_thanh.evaluation.threshold, bang_thanh.evaluation.status) == (
        20, 30, "chua_dat")
    body = client_for(leader).get(reverse("dashboards:unit", args=[tree.bang_thanh.pk]) + "?ky=2026").content.decode()
    assert "phần được giao cho Xã Bằng Thành: 30" in body


def test_a_province_only_target_is_on_the_province_board_only(tree, plan, measures, year):
    """“MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh” concerns the province: a commune's board does not list it
    as its own target (nor as “chưa có số liệu”)."""
    from dashboards import services
    from plans.models import Target

    pilots = Target.objects.create(plan=plan, text="MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh",
                                   measure=measures["pilot_models_province_level"], scope="total",
                                   threshold=Decimal(2), period=year, order=3)

    def listed(unit):
        return {r.target.pk for g in services.target_rows(plan, unit, year) for r in g.rows}

    assert pilots.pk in listed(tree.province)
    assert pilots.pk not in listed(tree.dong_phuc)
    assert plan.t_livelihood.pk in listed(tree.dong_phuc)
