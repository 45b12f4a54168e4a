"""The area head's phone with no signal: the pages open from the service worker, items wait in the outbox, are sent
when the connection returns, and reach the commune's and the province's totals exactly once (a replay included)."""

import datetime

import pytest

from conftest import screenshot
from initiatives.tests.helpers import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def offline_ready():
    from core import pwa

    if not pwa.available():
        pytest.skip("Chưa cài Workbox (npm ci trong bin/setup): không có service worker")


def test_area_head_records_with_no_signal_and_the_totals_count_it_once(page_for, na_hai_head, tree, settings,
                                                                        tmp_path, offline_ready):
    from activities.models import Activity, CovenantRule, CovenantUpdate
    from campaign.periods import get_period
    from indicators.models import Measure
    from indicators.queries import readings
    from indicators.sync import sync_measures

    settings.MEDIA_ROOT = tmp_path
    sync_measures()
    rule, _ = CovenantRule.objects.get_or_create(name="Thực hiện nếp sống văn minh trong việc cưới, việc tang",
                                                 defaults={"is_civilised_lifestyle": True})
    photo = tmp_path / "ngay-hoi.jpg"
    photo.write_bytes(image_bytes((1200, 900)))
    page = page_for(na_hai_head, phone=True)
    errors_in_page = []
    page.on("pageerror", lambda error: errors_in_page.append(str(error)))
    context, base = page.context, page.base_url
    home = f"{base}/hoat-dong/khu-dan-cu/"
    page.goto(home)
    page.wait_for_selector("html[data-offline-ready]")
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    # installable: Chrome finds nothing missing in the manifest, icons or worker (a test profile is incognito)
    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    assert cdp.send("Page.getAppManifest").get("errors") == []

    # --- no signal ------------------------------------------------------------------------------------------
    context.set_offline(True)
    page.goto(home)  # from the service worker's copy
    assert "Ngày hội Đại đoàn kết năm" in page.content()
    page.click("text=Ghi Ngày hội Đại đoàn kết")
    page.wait_for_selector("form[data-outbox]")
    page.fill("input[name=participants]", "315")
    page.fill("input[name=households]", "112")
    page.set_input_files("input[name=photo]", str(photo))
    page.click("main form[data-outbox] button[type=submit]")
    page.wait_for_selector(".outbox-note")
    assert "hộp thư đi" in page.inner_text(".outbox-note")
    assert page.input_value("input[name=participants]") == ""  # ready for the next item
    screenshot(page, "offline-great-unity-day-queued")

    page.goto(home)
    page.click("text=Cập nhật hương ước, quy ước")
    page.wait_for_selector("form[data-outbox]")
    page.check(f"input[name=rules][value='{rule.pk}']")
    page.click("main form[data-outbox] button[type=submit]")
    page.wait_for_selector(".outbox-note")

    page.goto(home)
    page.wait_for_selector("[data-outbox-panel]:not([hidden])")
    assert page.inner_text(".outbox-state").startswith("2 mục chờ gửi")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "offline-outbox-two-waiting")
    assert not Activity.objects.exists() and not CovenantUpdate.objects.exists()

    # --- the signal returns; the first answer is lost on the way back: the phone sends the item again ------------
    lost = []

    def lose_the_first_answer(route):
        if route.request.method == "POST" and not lost:
            route.fetch()  # the server receives and saves it …
            lost.append(route.request.url)
            route.abort("connectionreset")  # … but the phone never hears back
        else:
            route.continue_()

    context.route("**/hoat-dong/them/ngay_hoi/**", lose_the_first_answer)
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    for _ in range(100):
        if lost:
            break
        page.wait_for_timeout(100)
    page.wait_for_selector("[data-outbox-panel][data-flushing='0'][data-waiting='2']", state="attached")
    # saved once, but the phone still holds it (and stops there until the next try)
    assert lost and Activity.objects.count() == 1 and not CovenantUpdate.objects.exists()
    page.click("[data-outbox-send]")
    page.wait_for_selector("[data-outbox-panel][data-flushing='0'][data-waiting='0']", state="attached")
    text = page.inner_text("[data-outbox-panel]")
    assert "Máy chủ đã nhận" in text and "đã được nhận trước đó" in text
    screenshot(page, "offline-outbox-sent")

    # --- exactly once, up to the province --------------------------------------------------------------------
    activity = Activity.objects.get()
    assert activity.participants == 315 and activity.photos.count() == 1
    assert CovenantUpdate.objects.get().rules.get() == rule
    year = get_period(str(datetime.date.today().year))
    held = readings(Measure.objects.get(code="great_unity_day_held"), [tree.dong_phuc, tree.province], year)
    people = readings(Measure.objects.get(code="great_unity_day_participants"), [tree.dong_phuc, tree.province],
                      year)
    assert held[tree.dong_phuc.pk].value == 1 and held[tree.province.pk].value == 1
    assert people[tree.dong_phuc.pk].value == 315 and people[tree.province.pk].value == 315

    # a reload shows the saved day; the outbox keeps nothing waiting
    page.goto(home)
    assert "Đã tổ chức" in page.content() and "315 người" in page.content()
    assert page.inner_text(".outbox-state").startswith("Không có mục nào chờ gửi")

    # --- a photo added later to the recorded day, again with no signal ----------------------------------------
    page.wait_for_selector("html[data-offline-ready]")  # the day's page is kept now
    context.set_offline(True)
    page.goto(home)
    page.click("text=Xem, thêm ảnh")
    page.wait_for_selector("form[data-outbox]")
    page.set_input_files("input[name=image]", str(photo))
    page.click("main form[data-outbox] button[type=submit]")
    page.wait_for_selector(".outbox-note")
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector("[data-outbox-panel][data-flushing='0'][data-waiting='0']", state="attached")
    assert activity.photos.count() == 2
    assert errors_in_page == []
