"""Issue #16 in the browser: an area head records a security pledge on a phone; a member-organisation officer
adopts a household and records support under the adoption, once."""

import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_area_head_records_a_security_pledge_on_a_phone(page_for, na_hai_head, tree):
    page = page_for(na_hai_head, phone=True)
    page.goto(f"{page.base_url}/hoat-dong/khu-dan-cu/")
    assert "Chưa ghi buổi ký cam kết" in page.content()
    page.click("text=Ghi ký cam kết an ninh trật tự")
    page.wait_for_load_state("networkidle")
    page.fill("input[name=households]", "96")
    page.fill("input[name=participants]", "130")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "phone-security-pledge-form")
    page.click("main button[type=submit]")  # sent through the phone's outbox (static/js/outbox.js)
    page.wait_for_url("**/hoat-dong/khu-dan-cu/")
    page.wait_for_load_state("networkidle")
    assert "96" in page.content() and "hộ ký cam kết" in page.content()
    from activities.models import Activity

    assert Activity.objects.get(kind="cam_ket_antt").households == 96


def test_organisation_officer_adopts_a_household_and_supports_it_once(page_for, org_officer, tree):
    from welfare.models import Household, Listing, Status, SupportRecord

    h = Household.objects.create(unit=tree.na_hai, head_name="Hoàng Văn Mạnh", members=4)
    Listing.objects.create(household=h, year=2026, status=Status.POOR)
    page = page_for(org_officer, phone=True)
    page.goto(f"{page.base_url}/ho-gia-dinh/ho/{h.pk}/")
    page.click("text=Phân công nhận giúp đỡ")
    page.wait_for_load_state("networkidle")
    page.fill("input[name=from_year]", "2026")
    page.fill("input[name=to_year]", "2028")
    page.fill("input[name=commitment]", "Hỗ trợ con giống, hướng dẫn kỹ thuật")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Hội Nông dân xã Đồng Phúc" in page.content()
    page.click("text=Ghi hỗ trợ theo phân công")
    page.wait_for_load_state("networkidle")
    page.select_option("select[name=kind]", "livelihood")
    page.select_option("select[name=detail]", "livestock")
    page.fill("input[name=amount]", "5.000.000")
    page.check("input[name=in_kind]")
    page.fill("input[name=in_kind_description]", "01 con bê giống")
    screenshot(page, "phone-support-under-adoption")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    record = SupportRecord.objects.get()
    assert record.adoption is not None and record.amount == 5_000_000
    assert "theo phân công" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
