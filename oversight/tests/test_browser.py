import datetime

import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


@pytest.fixture
def recs(tree, dong_phuc_officer, other_officer):
    from django.utils import timezone

    from oversight import services
    from oversight.models import Agency

    today = timezone.localdate()
    ubnd = Agency.objects.create(unit=tree.dong_phuc, name="UBND Xã Đồng Phúc")
    police = Agency.objects.create(unit=tree.dong_phuc, name="Công an Xã Đồng Phúc")
    ubnd_bt = Agency.objects.create(unit=tree.bang_thanh, name="UBND Xã Bằng Thành")

    def add(user, unit, agency, content, sent_days_ago, due_days):
        sent = today - datetime.timedelta(days=sent_days_ago)
        return services.add_recommendation(user, unit, {"agency": agency, "content": content, "sent_on": sent,
                                                        "due_on": sent + datetime.timedelta(days=due_days)})

    overdue = add(dong_phuc_officer, tree.dong_phuc, ubnd, "Đề nghị sửa chữa nhà văn hóa thôn Nà Hai", 60, 30)
    add(dong_phuc_officer, tree.dong_phuc, police, "Đề nghị tăng cường tuần tra dịp Tết", 5, 30)
    add(other_officer, tree.bang_thanh, ubnd_bt, "Đề nghị công khai danh sách hộ nghèo", 50, 15)
    return overdue


def test_commune_records_an_answer_then_the_province_follows_up(page_for, dong_phuc_officer, province_officer,
                                                               tree, recs):
    page = page_for(dong_phuc_officer)
    page.goto(f"{page.base_url}/don-vi/{tree.dong_phuc.pk}/")  # the unit page (officers land on the dashboard)
    page.click("text=Giám sát, phản biện và kiến nghị")
    page.wait_for_load_state("networkidle")
    assert "kiến nghị quá hạn" in page.content()
    screenshot(page, "oversight-commune-index")
    page.click("text=Đề nghị sửa chữa nhà văn hóa thôn Nà Hai")
    page.wait_for_load_state("networkidle")
    assert "Quá hạn" in page.locator(".card").first.inner_text()
    page.fill("#answer textarea[name=answer]", "UBND xã đã bố trí kinh phí sửa chữa trong quý tới.")
    screenshot(page, "oversight-commune-answer-form")
    page.click("#answer button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Đã trả lời" in page.content() and "muộn" in page.content()
    screenshot(page, "oversight-commune-answered")

    page = page_for(province_officer)
    page.goto(f"{page.base_url}/giam-sat/{tree.province.pk}/kien-nghi/theo-co-quan/")
    table = page.locator("table.data-table").inner_text()
    assert "UBND Xã Đồng Phúc" in table and "UBND Xã Bằng Thành" in table
    row = page.locator("tr", has_text="UBND Xã Đồng Phúc").inner_text().split()
    assert row[-7:] == ["1", "0", "1", "0", "0", "0", "0"]  # sent, on time, late, overdue, waiting, resolved, unres.
    screenshot(page, "oversight-province-followup")
    page.goto(f"{page.base_url}/giam-sat/{tree.province.pk}/kien-nghi/")
    first = page.locator("tbody tr").first.inner_text()
    assert "Bằng Thành" in first and "Quá hạn" in first  # the one still overdue comes first
    screenshot(page, "oversight-province-list")


def test_commune_officer_on_a_phone_enters_titles(page_for, dong_phuc_officer, tree):
    page = page_for(dong_phuc_officer, phone=True)
    page.goto(f"{page.base_url}/thi-dua/{tree.dong_phuc.pk}/danh-hieu/2025/")
    page.fill(f"input[name=total-{tree.na_hai.pk}]", "120")
    page.keyboard.press("Tab")
    page.keyboard.type("100")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.fill(f"input[name=total-{tree.na_lan.pk}]", "90")
    page.fill(f"input[name=cultural-{tree.na_lan.pk}]", "95")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "lớn hơn tổng số hộ gia đình" in page.content()
    screenshot(page, "recognition-phone-titles-error")
    page.fill(f"input[name=cultural-{tree.na_lan.pk}]", "45")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Đã lưu danh hiệu văn hóa năm 2025" in page.content()
    assert "69%" in page.locator(".stat").first.inner_text()  # 145/210 = 69,05 %
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "recognition-phone-titles-saved")
