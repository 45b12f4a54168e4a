import datetime

import pytest
from playwright.sync_api import expect

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_province_reads_titles_consolidation_nominations_and_stories(page_for, province_officer, dong_phuc_officer,
                                                                     other_officer, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaign.periods import get_period
    from oversight import services as oversight
    from recognition import services

    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, {
        tree.na_hai.pk: (120, 100, True), tree.na_lan.pk: (90, 45, False)}, exemplary=True)
    services.save_titles(other_officer, tree.bang_thanh, 2025, {tree.ban_bang.pk: (80, 8, False)})
    n = services.save_nomination(dong_phuc_officer, tree.dong_phuc, {
        "year": 2025, "nominee_type": "individual", "nominee_name": "Hà Văn Tuấn", "nominee_detail": "Trưởng thôn",
        "achievement": "Vận động 46 hộ hiến đất làm đường", "linked_text": "Đường bê tông Nà Hai",
        "award_form": "Giấy khen"})
    from PIL import Image
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (480, 320), (70, 120, 160)).save(buffer, "PNG")
    services.save_exemplary(dong_phuc_officer, tree.dong_phuc, {
        "year": 2025, "name": "Hà Văn Tuấn", "description": "Trưởng Ban Công tác Mặt trận thôn Nà Hai",
        "story": "Ông Tuấn đi từng nhà vận động bà con hiến đất làm đường.", "nomination": n},
        photo=SimpleUploadedFile("tuan.png", buffer.getvalue(), content_type="image/png"))
    today = datetime.date.today()
    quarter = f"{today.year}-q{(today.month - 1) // 3 + 1}"
    oversight.save_opinion_summary(dong_phuc_officer, tree.dong_phuc, get_period(quarter), {
        "situation": "Nhân dân phấn khởi với kết quả làm đường.", "concerns": "Đề nghị lắp đèn đường."},
        submit=True)

    page = page_for(province_officer)
    page.goto(f"{page.base_url}/thi-dua/{tree.province.pk}/danh-hieu/2025/")
    assert "Xã Đồng Phúc" in page.locator("table.data-table").inner_text()
    assert "52,8%" in page.locator(".stat").first.inner_text()  # 153/290
    screenshot(page, "recognition-province-titles")
    page.goto(f"{page.base_url}/thi-dua/{tree.province.pk}/guong-dien-hinh/")
    assert page.locator("article img").count() == 1
    img = page.locator("article img")
    img.scroll_into_view_if_needed()  # the photo is lazy-loaded
    expect(img).to_have_js_property("complete", True)  # (the CSP forbids wait_for_function's eval)
    assert page.evaluate("document.querySelector('article img').naturalWidth") == 480
    screenshot(page, "recognition-province-exemplary")
    page.goto(f"{page.base_url}/giam-sat/{tree.province.pk}/y-kien/{quarter}/")
    assert "1/3" in page.locator(".sub").inner_text()
    assert "Nhân dân phấn khởi" in page.content()
    screenshot(page, "oversight-province-consolidation")

    phone = page_for(dong_phuc_officer, phone=True)
    phone.goto(f"{phone.base_url}/thi-dua/khen-thuong/{n.pk}/")
    phone.check("input[value=approve]")
    phone.click("main form[method=post] button[type=submit]")
    phone.wait_for_load_state("networkidle")
    assert "Ghi quyết định khen thưởng" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "recognition-phone-nomination")
