import pytest
from django.urls import reverse

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def values(tree, measures, year, province_officer):
    from indicators.services import set_value

    for unit, models, gud in ((tree.na_hai, 2, 1), (tree.na_lan, 0, 1), (tree.ban_bang, 1, 0)):
        set_value(province_officer, measures["self_managed_models"], unit, year, models)
        set_value(province_officer, measures["great_unity_day_held"], unit, year, gud)
    set_value(province_officer, measures["poor_households"], tree.na_hai, year, 12)
    set_value(province_officer, measures["poor_households_gifted"], tree.na_hai, year, 12)
    set_value(province_officer, measures["money_mobilised"], tree.dong_phuc, year, 25_000_000)


def test_values_page_drill_down_and_entry(page_for, province_officer, dong_phuc_officer, tree, values, year):
    page = page_for(province_officer)
    page.goto(page.base_url + reverse("indicators:unit", args=[tree.province.pk, year.code]))
    assert "Chỉ số và tổng hợp · Tỉnh Thái Nguyên" in page.locator("h1").inner_text()
    screenshot(page, "indicators-province-values")
    page.click("text=Số mô hình hoạt động tự quản tại cộng đồng")
    page.wait_for_load_state("networkidle")
    table = page.locator("table.values").inner_text()
    assert "Xã Bằng Thành" in table and "—" in table
    page.click("text=Xã Đồng Phúc")
    page.wait_for_load_state("networkidle")
    assert "Thôn Nà Làn" in page.locator("table.values").inner_text()
    screenshot(page, "indicators-commune-drilldown")

    phone = page_for(dong_phuc_officer, phone=True)
    phone.goto(phone.base_url + reverse("indicators:entry", args=[tree.na_hai.pk, year.code]))
    phone.fill(f"#m-{values_measure('self_managed_models')}", "3")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "indicators-entry-phone")
    phone.click("form.entry button[type=submit]")
    phone.wait_for_load_state("networkidle")
    assert "Đã lưu 1 giá trị" in phone.content()
    screenshot(phone, "indicators-after-entry-phone")
    phone.goto(phone.base_url + reverse("indicators:target_check", args=[tree.dong_phuc.pk, year.code]) +
               f"?measure={values_measure('great_unity_day_held')}&scope=share_of_units&level=area&comparator=%3E%3D"
               f"&threshold=100")
    assert "Đạt" in phone.locator(".target-progress").inner_text()
    screenshot(phone, "indicators-target-phone")


def values_measure(code):
    from indicators.models import Measure

    return Measure.objects.get(code=code).pk
