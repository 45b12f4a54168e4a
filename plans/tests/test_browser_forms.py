"""Forms that explain themselves, in a real browser: the allocation's remainder follows the typing, the
measures of a round filter as you type."""

import datetime

import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _catalogue():
    from importlib import import_module

    from campaign.models import Content
    from indicators.sync import sync_measures

    # transactional tests flush the rows the data migrations made: the contents and the catalogue
    for number, name, short_name in import_module("campaign.migrations.0002_contents_and_criteria").CONTENTS:
        Content.objects.get_or_create(number=number, defaults={"name": name, "short_name": short_name})
    sync_measures()


def test_allocation_split_and_live_remainder(page_for, province_officer, tree):
    from campaign.periods import get_period
    from plans import services

    _catalogue()
    plan = services.create_plan(province_officer, tree.province, {
        "doc_type": "KH", "title": "Kế hoạch năm 2026", "issuing_body": "BAN THƯỜNG TRỰC", "archive": "VT",
        "period": get_period("2026")})
    services.replace_targets(province_officer, plan, [
        {"group": "1.", "text": "Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo", "measure": "households_livelihood_supported",
         "scope": "total", "comparator": ">=", "threshold": 200}])
    target = plan.targets.get()
    page = page_for(province_officer, phone=True)
    page.goto(f"{page.base_url}/ke-hoach/{plan.pk}/chi-tieu/{target.pk}/phan-bo/")
    assert page.locator("[data-remainder]").first.inner_text() == "200"
    page.select_option("#id_cach", "households")
    page.click("button:has-text('Chia')")
    page.wait_for_load_state("networkidle")
    assert page.input_value(f"#u{tree.dong_phuc.pk}") == "145" and page.input_value(f"#u{tree.bang_thanh.pk}") == "55"
    assert page.locator("[data-remainder]").first.inner_text() == "0"
    page.fill(f"#u{tree.bang_thanh.pk}", "50")
    assert page.locator("[data-remainder]").first.inner_text() == "5"
    assert page.locator("[data-allocated]").first.inner_text() == "195"
    screenshot(page, "plans-allocation-phone")
    page.click("button:has-text('Lưu phân bổ')")
    page.wait_for_load_state("networkidle")
    assert {a.unit_id: a.value for a in target.allocations.all()} == {tree.dong_phuc.pk: 145, tree.bang_thanh.pk: 50,
                                                                       tree.ward.pk: 0}


def test_round_measures_filter_as_you_type(page_for, province_officer, tree):
    _catalogue()
    page = page_for(province_officer)
    page.goto(f"{page.base_url}/bao-cao/dot/moi/")
    items = page.locator("#measure-groups [data-filter-item]")
    total = items.count()
    assert total > 20
    page.fill("#id_measure_filter", "sinh ke")  # without diacritics
    visible = page.locator("#measure-groups [data-filter-item]:visible").all_inner_texts()
    assert 0 < len(visible) < total and all("sinh kế" in t.lower() for t in visible)
    assert page.locator("details[data-filter-group][open]").count() >= 1
    page.fill("#id_measure_filter", "")
    assert page.locator("#measure-groups [data-filter-item][hidden], #measure-groups [data-filter-group][hidden]").count() == 0  # every group and measure is back
    screenshot(page, "reporting-round-measures")
