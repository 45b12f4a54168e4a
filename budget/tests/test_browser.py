import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_commune_officer_adds_a_settlement_line_on_a_phone(page_for, dong_phuc_officer, tree, dong_phuc_budget,
                                                           catalogue):
    page = page_for(dong_phuc_officer, phone=True)
    page.goto(f"{page.base_url}/kinh-phi/{tree.dong_phuc.pk}/?nam=2026")
    page.click("a:has-text('Kinh phí năm 2026')")
    page.wait_for_load_state("networkidle")
    assert "30.000.000 đ" in page.content()
    page.click("a.btn:has-text('Thêm dòng')")
    page.select_option("select[name=stage]", "settlement")
    page.fill("input[name=activity]", "Pano tuyên truyền ở thôn Nà Hai")
    page.select_option("select[name=item]", str(catalogue.propaganda.pk))
    page.select_option("select[name=source]", str(catalogue.state.pk))
    page.fill("input[name=amount]", "4500000")
    page.click("button:text('Lưu')")
    page.wait_for_load_state("networkidle")
    assert "Pano tuyên truyền ở thôn Nà Hai" in page.content() and "29.500.000 đ" in page.content()
    screenshot(page, "budget-phone")
