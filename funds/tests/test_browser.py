import datetime

import pytest

from conftest import screenshot
from funds import services
from funds.tests.conftest import receive, spend

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


@pytest.fixture
def year_of_books(province_officer, books, households):
    from welfare.models import Kind, Source, SupportRecord

    receive(province_officer, books.province, 500_000_000, D(2026, 1, 2), donor="Công ty CP Gang thép Thái Nguyên",
            donor_type="business", receipt_number="0001")
    receive(province_officer, books.dong_phuc, 12_500_000, D(2026, 10, 20), donor="Hoàng Thị Mai")
    receive(province_officer, books.dong_phuc, 2_025, D(2026, 11, 2), donor="Công ty Chè Tân Cương",
            donor_type="business")
    record = SupportRecord.objects.create(household=households.manh, unit=households.manh.unit, kind=Kind.HOUSE,
                                          detail="house_new", date=D(2026, 4, 1), amount=60_000_000,
                                          source=Source.FUND, house_started_on=D(2026, 4, 1),
                                          house_handed_over_on=D(2026, 7, 1))
    services.transfer(province_officer, books.province, books.dong_phuc, date=D(2026, 3, 1), amount=80_000_000)
    spend(province_officer, books.dong_phuc, 60_000_000, D(2026, 7, 1), category="house_new", support_record=record)
    SupportRecord.objects.create(household=households.hoa, unit=households.hoa.unit, kind=Kind.GIFT, detail="tet",
                                 date=D(2026, 1, 25), amount=500_000, source=Source.FUND)
    return books


def test_commune_officer_works_with_households_and_the_fund_book(page_for, dong_phuc_officer, tree, year_of_books,
                                                                 households):
    page = page_for(dong_phuc_officer)
    page.goto(f"{page.base_url}/don-vi/{tree.dong_phuc.pk}/")  # the unit page (officers land on the dashboard)
    page.click("text=Hộ nghèo, cận nghèo và hỗ trợ")
    page.wait_for_load_state("networkidle")
    assert "0012******89" in page.content() and "001203004589" not in page.content()
    screenshot(page, "welfare-list")
    page.click("text=Hoàng Văn Mạnh")
    page.wait_for_load_state("networkidle")
    assert "Nhà Đại đoàn kết" in page.content()
    screenshot(page, "welfare-household")
    page.click("text=Ghi hỗ trợ")
    page.select_option("select[name=kind]", "livelihood")
    page.select_option("select[name=detail]", "livestock")
    page.fill("input[name=amount]", "8000000")
    page.check("input[name=in_kind]")
    page.fill("input[name=in_kind_description]", "01 con bò giống")
    page.select_option("select[name=source]", "sponsor")
    page.fill("input[name=sponsor_name]", "Công ty Chè Tân Cương")
    page.click("main form.card button[type=submit]")
    page.wait_for_load_state("networkidle")
    screenshot(page, "welfare-support-saved")
    assert "01 con bò giống" in page.content()
    page.goto(f"{page.base_url}/quy/so/{year_of_books.dong_phuc.pk}/?nam=2026")
    assert "Nhận chuyển từ cấp khác" in page.content()
    screenshot(page, "funds-book")


def test_the_public_disclosure_on_a_phone(chromium, live_server, year_of_books):
    context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/cong-khai/quy/so/{year_of_books.dong_phuc.pk}/2026/")
    text = page.content()
    assert "Công khai thu, chi" in text and "Hoàng Văn Mạnh" not in text and "Hoàng Thị Mai" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "public-statement-phone")
    context.close()


def test_province_officer_sees_the_summary_on_a_phone(page_for, province_officer, tree, year_of_books):
    page = page_for(province_officer, phone=True)
    page.goto(f"{page.base_url}/ho-gia-dinh/{tree.province.pk}/?nam=2026")
    assert "Tổng cộng" in page.content()
    screenshot(page, "welfare-summary-phone")
    page.goto(f"{page.base_url}/quy/{tree.province.pk}/?nam=2026")
    screenshot(page, "funds-list-phone")


def test_a_receipt_amount_shows_thousands_separators_while_typing(page_for, dong_phuc_officer, books):
    from django.urls import reverse

    page = page_for(dong_phuc_officer, phone=True)
    page.goto(page.base_url + reverse("funds:receipt", args=[books.dong_phuc.pk]))
    page.locator("input[name=amount]").press_sequentially("15000000")
    assert page.input_value("input[name=amount]") == "15.000.000"
    page.fill("input[name=donor_name]", "Bà Lò Thị Mai")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    books.dong_phuc.refresh_from_db()
    assert books.dong_phuc.balance == 15_000_000
