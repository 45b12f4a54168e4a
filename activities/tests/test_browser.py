import datetime

import pytest

from conftest import screenshot
from initiatives.tests.helpers import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_area_head_records_great_unity_day_on_a_phone(page_for, na_hai_head, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = tmp_path / "ngay-hoi.jpg"
    photo.write_bytes(image_bytes((2400, 1800)))
    page = page_for(na_hai_head, phone=True)
    page.goto(f"{page.base_url}/hoat-dong/khu-dan-cu/")
    assert "Chưa ghi" in page.content()
    screenshot(page, "phone-area-home-before")
    page.click("text=Ghi Ngày hội Đại đoàn kết")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name=photo]").get_attribute("capture") == "environment"
    page.fill("input[name=participants]", "315")
    page.fill("input[name=households]", "112")
    page.fill("textarea[name=highlights]", "Biểu dương 12 gia đình văn hóa tiêu biểu")
    page.check("input[name=integrates_environment]")
    # the connection drops / the page is reloaded before saving: nothing typed is lost
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.input_value("input[name=participants]") == "315"
    assert page.input_value("textarea[name=highlights]") == "Biểu dương 12 gia đình văn hóa tiêu biểu"
    assert page.is_checked("input[name=integrates_environment]")
    assert page.locator(".draft-note").is_visible()
    page.set_input_files("input[name=photo]", str(photo))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "phone-great-unity-day-form")
    page.click("main button[type=submit]")  # sent through the phone's outbox (static/js/outbox.js)
    page.wait_for_url("**/hoat-dong/khu-dan-cu/")
    page.wait_for_load_state("networkidle")
    assert "Đã tổ chức" in page.content() and "315 người" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "phone-area-home-after")
    from activities.models import Activity

    activity = Activity.objects.get(unit=tree.na_hai)
    assert activity.participants == 315 and activity.photos.get().width == 1600
    # the draft is gone once saved
    page.goto(f"{page.base_url}/hoat-dong/them/ngay_hoi/{tree.na_hai.pk}/")
    assert page.input_value("input[name=participants]") == ""


def test_showcase_and_drive_on_desktop_and_phone(page_for, province_officer, dong_phuc_officer, tree, settings,
                                                 tmp_path):
    from initiatives.models import Photo, RegistrationDrive
    from initiatives.photos import prepare
    from initiatives.tests.helpers import make, upload

    settings.MEDIA_ROOT = tmp_path
    i = make(tree.na_hai, title="Khu dân cư tự quản, đồng thuận, phát triển du lịch nông nghiệp trải nghiệm",
             pilot=True, self_managed=True, topics=["kdc-doan-ket-am-no"], status="evaluated", rating="tot",
             is_exemplary=True)
    content = prepare(upload())
    Photo(initiative=i).image.save(content.name, content)
    make(tree.na_lan, title="Tổ tự quản vệ sinh môi trường", is_exemplary=True)
    drive = RegistrationDrive.objects.create(unit=tree.dong_phuc, year=2026, deadline=datetime.date(2026, 2, 15))
    page = page_for(province_officer)
    page.goto(f"{page.base_url}/mo-hinh/tieu-bieu/")
    assert "du lịch nông nghiệp" in page.content()
    screenshot(page, "showcase-desktop")
    phone = page_for(dong_phuc_officer, phone=True)
    phone.goto(f"{phone.base_url}/mo-hinh/tieu-bieu/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "showcase-phone")
    phone.goto(f"{phone.base_url}/mo-hinh/dang-ky/{drive.pk}/")
    assert "Chưa đăng ký" in phone.content()
    screenshot(phone, "drive-phone")
    phone.goto(f"{phone.base_url}/mo-hinh/them/{tree.dong_phuc.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "initiative-form-phone")
