"""Vietnamese input in a real browser whose language is English: dates typed dd/mm/yyyy, counts with
thousands separators, the sticky save bar never over the box being typed in (360 px), and the public fund
page's amount column not cut at 360 px."""

import datetime

import pytest

from conftest import ARTIFACTS, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_phone(chromium, live_server):
    """A 360 px phone whose browser speaks English (a date box would show mm/dd/yyyy there)."""
    contexts = []

    def open_page(user=None, width=360):
        context = chromium.new_context(viewport={"width": width, "height": 640}, locale="en-US",
                                       timezone_id="Asia/Ho_Chi_Minh", has_touch=width < 600)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        if user is not None:
            page.goto(f"{live_server.url}/dang-nhap/")
            page.fill("#id_username", user.username)
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


def _shot(page, name):
    import os

    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"))


def test_dates_and_counts_are_typed_the_vietnamese_way_and_the_save_bar_hides_nothing(english_phone, na_hai_head,
                                                                                      tree):
    from activities.models import Activity

    page = english_phone(na_hai_head)
    page.goto(f"{page.base_url}/hoat-dong/them/ngay_hoi/{tree.na_hai.pk}/")
    page.wait_for_load_state("networkidle")
    held_on = page.locator("input[name=held_on]")
    assert held_on.get_attribute("type") == "text" and held_on.get_attribute("placeholder") == "dd/mm/yyyy"
    assert held_on.input_value() == datetime.date.today().strftime("%d/%m/%Y")
    held_on.fill("")
    held_on.press_sequentially("01062026")
    assert held_on.input_value() == "01/06/2026"
    participants = page.locator("input[name=participants]")
    participants.press_sequentially("1234")
    assert participants.input_value() == "1.234"

    # the photo box speaks Vietnamese whatever the browser's language (not "Choose File / No file chosen")
    assert page.inner_text(".file-pick") == "Chọn ảnh" and page.inner_text(".file-name") == "Chưa chọn ảnh"
    assert page.locator("input[name=photo]").bounding_box()["width"] <= 1

    # every box, focused as a finger or Tab would, ends up above the sticky save bar
    bar = page.locator("form.big-form .actions")
    covered = []
    for box in page.locator("form.big-form input:not([type=hidden]):not([type=file]):not([type=checkbox]), "
                            "form.big-form textarea, form.big-form select").all():
        page.evaluate("window.scrollTo(0, 0)")
        box.focus()
        page.wait_for_timeout(450)
        field, saving = box.bounding_box(), bar.bounding_box()
        if field["y"] + field["height"] > saving["y"] + 1:
            covered.append(box.get_attribute("name"))
    _shot(page, "phone-en-us-great-unity-day-form")
    assert covered == []

    page.click("form.big-form button[type=submit]")  # sent through the phone's outbox (static/js/outbox.js)
    page.wait_for_url("**/hoat-dong/khu-dan-cu/")
    page.wait_for_load_state("networkidle")
    activity = Activity.objects.get(unit=tree.na_hai)
    assert activity.held_on == datetime.date(2026, 6, 1) and activity.participants == 1234


def test_the_public_fund_page_shows_the_whole_amount_column_on_a_phone(english_phone, dong_phuc_officer, tree):
    from funds import services as funds
    from funds.models import FundKind

    fund = funds.open_fund(dong_phuc_officer, tree.dong_phuc, FundKind.POOR, opened_on=datetime.date(2026, 1, 1))
    funds.record_receipt(dong_phuc_officer, fund, date=datetime.date(2026, 2, 1), amount=143_500_000,
                         donor_name="Công ty TNHH Samsung Electronics Việt Nam Thái Nguyên", donor_type="organisation")
    for width in (360, 1280):
        page = english_phone(width=width)
        page.goto(f"{page.base_url}/cong-khai/quy/so/{fund.pk}/2026/")
        page.wait_for_load_state("networkidle")
        _shot(page, f"public-fund-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        overflow = page.evaluate("[...document.querySelectorAll('.table-wrap')].map(e => e.scrollWidth - e.clientWidth)")
        assert overflow and max(overflow) <= 0, overflow
        assert "143.500.000" in page.inner_text(".table-wrap")
