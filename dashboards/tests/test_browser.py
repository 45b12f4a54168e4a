"""The leader's dashboard, the map, presentation mode and the public page in Chromium at 360 px and 1280 px."""

import pytest
from django.urls import reverse

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("phone", [False, True], ids=["1280px", "360px"])
def test_the_leader_lands_on_the_dashboard_and_reads_the_spines_figures(page_for, leader, tree, plan, filled, phone):
    from dashboards import services
    from campaign.periods import get_period

    rows = {r.target.pk: r for g in services.target_rows(plan, tree.province, get_period("2026")) for r in g.rows}
    page = page_for(leader, phone=phone)
    assert page.url.endswith(reverse("dashboards:unit", args=[tree.province.pk]))
    assert "Bảng điều hành · Tỉnh Thái Nguyên" in page.locator("h1").inner_text()
    row = page.locator(f"tr[data-target='{plan.t_livelihood.pk}'] .value")
    assert row.inner_text() == rows[plan.t_livelihood.pk].value_text == "170"
    assert page.locator(f"tr[data-target='{plan.t_unity_day.pk}'] .value").inner_text().startswith("33,3%")
    assert page.locator("svg.map a").count() == 3  # the province's three communes
    assert page.evaluate("document.documentElement.scrollWidth") <= (360 if phone else 1280)
    screenshot(page, f"dashboard-leader-{'360' if phone else '1280'}")
    if phone:
        page.click(".menu-toggle")
        page.click("summary:has-text('Báo cáo')")
        assert page.locator("a:has-text('Báo cáo định kỳ')").is_visible()
        screenshot(page, "dashboard-menu-360")


@pytest.mark.parametrize("phone", [False, True], ids=["1280px", "360px"])
def test_the_map_links_each_commune_and_shows_its_value(page_for, leader, tree, plan, filled, phone):
    page = page_for(leader, phone=phone)
    page.goto(page.base_url + reverse("dashboards:map", args=[tree.province.pk])
              + f"?ky=2026&chi-tieu={plan.t_livelihood.pk}")
    link = page.locator("svg.map a", has=page.locator("title", has_text="Xã Đồng Phúc: 150"))
    assert link.count() == 1
    assert page.locator("svg.chart.bars").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= (360 if phone else 1280)
    screenshot(page, f"dashboard-map-{'360' if phone else '1280'}")
    link.click()
    page.wait_for_load_state("networkidle")
    assert "Bản đồ · Xã Đồng Phúc" in page.locator("h1").inner_text()  # the map drills down


@pytest.mark.parametrize("phone", [False, True], ids=["1280px", "360px"])
def test_presentation_mode_moves_one_panel_at_a_time_by_key(page_for, leader, tree, plan, filled, phone):
    page = page_for(leader, phone=phone)
    page.goto(page.base_url + reverse("dashboards:present", args=[tree.province.pk]) + "?ky=2026")
    visible = "Array.from(document.querySelectorAll('.slides > .slide')).filter(s => !s.hidden).length"
    assert page.evaluate(visible) == 1
    total = page.locator(".slides > .slide").count()
    assert page.locator(".present-count").inner_text() == f"1/{total}"
    page.keyboard.press("ArrowRight")
    assert page.locator(".present-count").inner_text() == f"2/{total}"
    assert "Nội dung 1" in page.locator(".slides > .slide:not([hidden])").inner_text()
    screenshot(page, f"dashboard-present-{'360' if phone else '1280'}")
    page.keyboard.press("ArrowLeft")
    assert page.locator(".present-count").inner_text() == f"1/{total}"


@pytest.mark.parametrize("phone", [False, True], ids=["1280px", "360px"])
def test_the_public_page_shows_only_the_published_panels(page_for, chromium, live_server, province_officer, tree,
                                                         plan, filled, phone):
    from dashboards import publishing

    publishing.save_public(province_officer, tree.province, published=True, panels=["targets", "map", "funds"],
                           plan=plan, period=plan.period)
    context = chromium.new_context(viewport={"width": 360, "height": 780} if phone else {"width": 1280, "height": 900},
                                   locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + reverse("dashboards_public:unit", args=[tree.province.pk]))
    assert "Số liệu công khai" in page.content()
    assert page.locator(f"tr[data-target='{plan.t_livelihood.pk}'] .value").inner_text() == "170"
    assert page.locator("#quy a").get_attribute("href") == reverse("public:unit", args=[tree.province.pk])
    assert page.locator("#bao-cao").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= (360 if phone else 1280)
    screenshot(page, f"dashboard-public-{'360' if phone else '1280'}")
    context.close()
