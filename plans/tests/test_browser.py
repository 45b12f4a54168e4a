import datetime

import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = "plans/tests/fixtures/seeds/ke-hoach-thai-nguyen-2026.txt"


def test_import_save_issue_and_cascade(page_for, province_officer, dong_phuc_officer, tree):
    from plans.models import Plan

    page = page_for(province_officer)
    page.goto(f"{page.base_url}/ke-hoach/")
    page.click("text=Nhập kế hoạch từ tệp")
    page.set_input_files("input[type=file]", SEED)
    screenshot(page, "plans-import-upload")
    page.click("button:has-text('Đọc tệp')")
    page.wait_for_load_state("networkidle")
    assert "Kiểm tra và sửa" in page.locator("h1").inner_text()
    page.fill("#id_plan-number", "59")
    page.fill("#id_plan-symbol", "KH-MTTQ-BTT")
    page.fill("#id_plan-issued_on", "2026-03-16")
    screenshot(page, "plans-import-review")
    page.click("button:has-text('Lưu thành dự thảo')")
    page.wait_for_load_state("networkidle")
    assert "Kế hoạch số 59/KH-MTTQ-BTT" in page.locator("h1").inner_text()
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('Ban hành kế hoạch')")
    page.wait_for_load_state("networkidle")
    assert "Đã ban hành" in page.content()
    screenshot(page, "plans-province-issued")
    plan = Plan.objects.get(unit=tree.province)
    assert plan.is_issued and plan.targets.count() >= 10

    commune = page_for(dong_phuc_officer, phone=True)
    commune.goto(f"{commune.base_url}/ke-hoach/{plan.pk}/")
    commune.click("text=Xây dựng kế hoạch của Xã Đồng Phúc từ kế hoạch này")
    commune.wait_for_load_state("networkidle")
    screenshot(commune, "plans-cascade-preview-phone")
    commune.click("button:has-text('Tạo dự thảo kế hoạch')")
    commune.wait_for_load_state("networkidle")
    assert "(dự thảo)" in commune.locator("h1").inner_text()
    assert commune.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(commune, "plans-commune-draft-phone")
    own = Plan.objects.get(unit=tree.dong_phuc)
    assert own.parent_plan == plan and own.targets.filter(measure__code="pilot_models_green_clean",
                                                          scope="total", threshold=3).exists()

    page.goto(f"{page.base_url}/ke-hoach/{plan.pk}/")
    page.click("text=Các xã đã có kế hoạch")
    page.wait_for_load_state("networkidle")
    assert "0/3" in page.content() and "Dự thảo" in page.content()
    screenshot(page, "plans-coverage")
