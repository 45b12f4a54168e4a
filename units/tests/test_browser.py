import pytest
from playwright.sync_api import expect

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["province_officer", "dong_phuc_officer", "na_hai_head", "org_officer", "leader", "province_admin"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_logs_in_and_opens_their_unit(request, page_for, role, tree):
    user = request.getfixturevalue(role)
    page = page_for(user)
    page.goto(f"{page.base_url}/don-vi/{user.unit_id}/")  # officers and leaders land on the dashboard
    assert user.unit.name in page.locator("h1").inner_text()
    screenshot(page, f"home-{role}")


def test_province_officer_opens_a_commune_page(page_for, province_officer, tree):
    page = page_for(province_officer)
    page.goto(f"{page.base_url}/don-vi/{tree.province.pk}/")
    page.click("text=Xã Đồng Phúc")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Xã Đồng Phúc"
    assert "Thôn Nà Hai" in page.content()
    assert page.locator(".breadcrumbs").inner_text().startswith("Tỉnh Thái Nguyên")
    screenshot(page, "commune-dong-phuc")


def test_live_filter_without_diacritics_on_phone(page_for, province_officer, tree):
    page = page_for(province_officer, phone=True)
    page.goto(f"{page.base_url}/don-vi/{tree.province.pk}/")
    page.fill("input[name=q]", "dong phuc")
    expect(page.locator("#children")).not_to_contain_text("Bằng Thành")  # (the CSP forbids wait_for_function's eval)
    assert "Xã Đồng Phúc" in page.locator("#children").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "phone-filter")


def test_commune_officer_cannot_open_another_commune(page_for, dong_phuc_officer, tree):
    page = page_for(dong_phuc_officer)
    response = page.goto(f"{page.base_url}/don-vi/{tree.bang_thanh.pk}/")
    assert response.status == 404
    assert "Không tìm thấy" in page.content()
