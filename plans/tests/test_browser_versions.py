"""Two people on one allocation page, in real browsers: the first saves, the second is told who changed what,
keeps the numbers typed, and nothing of theirs is saved (phone and desktop widths)."""

import pytest

from conftest import screenshot

from .test_browser_forms import _catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_stale_allocation_is_refused_in_the_browser(page_for, province_officer, tree):
    from campaign.periods import get_period
    from conftest import _user
    from plans import services

    _catalogue()
    khai = _user("tinh2", "officer", tree.province, full_name="Đinh Văn Khải")
    plan = services.create_plan(province_officer, tree.province, {
        "doc_type": "KH", "title": "Kế hoạch năm 2026", "issuing_body": "BAN THƯỜNG TRỰC", "archive": "VT",
        "period": get_period("2026")})
    services.replace_targets(province_officer, plan, [
        {"group": "1.", "text": "Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo", "measure": "households_livelihood_supported",
         "scope": "total", "comparator": ">=", "threshold": 200}])
    target = plan.targets.get()
    hanh, khai_page = page_for(province_officer), page_for(khai, phone=True)
    url = f"/ke-hoach/{plan.pk}/chi-tieu/{target.pk}/phan-bo/"
    hanh.goto(hanh.base_url + url)
    khai_page.goto(khai_page.base_url + url)
    hanh.fill(f"#u{tree.dong_phuc.pk}", "120")
    hanh.fill(f"#u{tree.bang_thanh.pk}", "80")
    hanh.click("button:has-text('Lưu phân bổ')")
    hanh.wait_for_load_state("networkidle")
    khai_page.fill(f"#u{tree.dong_phuc.pk}", "100")
    khai_page.fill(f"#u{tree.ward.pk}", "100")
    khai_page.click("button:has-text('Lưu phân bổ')")
    khai_page.wait_for_load_state("networkidle")
    message = khai_page.locator(".errors").inner_text()
    assert "Nguyễn Thị Hạnh" in message and "chưa được lưu" in message
    assert khai_page.input_value(f"#u{tree.ward.pk}") == "100"
    screenshot(khai_page, "plans-allocation-stale-phone")
    khai_page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(khai_page, "plans-allocation-stale-desktop")
    assert {a.unit_id: a.value for a in target.allocations.all()} == {tree.dong_phuc.pk: 120, tree.bang_thanh.pk: 80}
