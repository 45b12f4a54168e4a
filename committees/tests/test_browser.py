import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_commune_officer_renews_the_committee(page_for, dong_phuc_officer, committee):
    page = page_for(dong_phuc_officer)
    page.goto(f"{page.base_url}/ban/ban/{committee.pk}/")
    page.click("a.btn:has-text('Kiện toàn')")
    page.fill("input[name=decided_on]", "2026-02-10")
    page.fill("input[name=decision_number]", "08/QĐ-MTTQ-BTT")
    page.uncheck("label:has-text('Hà Văn Tuấn') input")
    page.fill("textarea[name=members]", "Lý Văn Đông; Phó Trưởng ban; Phó Chủ tịch UBND xã")
    page.click("button:text('Lưu')")
    page.wait_for_load_state("networkidle")
    content = page.content()
    assert "Kiện toàn lần 2" in content and "Lý Văn Đông" in content and "đã kết thúc 09/02/2026" in content
    screenshot(page, "committee-renewed")
