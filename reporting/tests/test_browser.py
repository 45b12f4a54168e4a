import datetime
import io

import pytest

from campaign.periods import get_period
from conftest import screenshot
from reporting import services
from reporting.models import ReporterKind, State, Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page, path):
    page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")


def test_the_whole_cycle_in_a_browser(page_for, dong_phuc_officer, province_officer, h1_round, tree):
    import docx
    import openpyxl

    sub = h1_round.submissions.get(unit=tree.dong_phuc)
    commune = page_for(dong_phuc_officer)
    _open(commune, "/bao-cao/")
    commune.click(f"text={h1_round.name}")
    commune.wait_for_load_state("networkidle")
    commune.fill("#v-trees_planted", "7")
    commune.fill("#v-env_cleanup_days", "2")
    commune.fill("#n-1-ket_qua", "Hỗ trợ 27 hộ nghèo phát triển sinh kế bằng giống chè.")
    commune.fill("#n-1-han_che", "Nguồn lực còn ít.")
    screenshot(commune, "reporting-1-commune-form")
    commune.click("#submit-report")
    commune.wait_for_load_state("networkidle")
    assert "Đã gửi báo cáo" in commune.content()

    province = page_for(province_officer)
    _open(province, f"/bao-cao/dot/{h1_round.pk}/")
    screenshot(province, "reporting-2-completeness")
    province.click("#matrix >> text=Xã Đồng Phúc")
    province.wait_for_load_state("networkidle")
    province.select_option("#target", "content:1:nguyen_nhan")
    province.fill("#comment", "Đề nghị nêu rõ nguyên nhân hạn chế ở nội dung 1.")
    province.click("#return")
    province.wait_for_load_state("networkidle")
    assert "Đã trả lại" in province.content()

    commune.reload()
    commune.wait_for_load_state("networkidle")
    assert "Ý kiến: Đề nghị nêu rõ nguyên nhân" in commune.content()
    screenshot(commune, "reporting-3-returned")
    commune.fill("#n-1-nguyen_nhan", "Địa bàn rộng, đi lại khó khăn.")
    commune.click("#submit-report")
    commune.wait_for_load_state("networkidle")

    province.reload()
    province.wait_for_load_state("networkidle")
    province.click("#accept")
    province.wait_for_load_state("networkidle")
    assert "Đã tiếp nhận" in province.content()
    sub.refresh_from_db()
    assert sub.state == State.ACCEPTED

    _open(province, f"/bao-cao/dot/{h1_round.pk}/tong-hop/")
    screenshot(province, "reporting-4-consolidated")
    # a province's report is made by a background job: its page shows the progress, then the download
    province.click("text=Lập báo cáo (DOCX)")
    province.wait_for_load_state("networkidle")
    assert "/cong-viec/" in province.url and "100%" in province.content()
    screenshot(province, "reporting-5-consolidated-job")
    with province.expect_download() as info:
        province.click("text=Tải bao-cao-tong-hop")
    document = docx.Document(info.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Xã Đồng Phúc: Hỗ trợ 27 hộ nghèo phát triển sinh kế bằng giống chè." in text
    assert "Xã Đồng Phúc: Địa bàn rộng, đi lại khó khăn." in text
    assert "Số cây xanh được trồng: 7 cây" in text  # the province's rollup holds only Đồng Phúc's 7
    _open(province, f"/bao-cao/dot/{h1_round.pk}/tong-hop/")
    province.click("text=Lập phụ lục theo đơn vị (XLSX)")
    province.wait_for_load_state("networkidle")
    with province.expect_download() as info:
        province.click("text=Tải phu-luc-tong-hop")
    sheet = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "Xã Đồng Phúc" in cells and "Đã tiếp nhận" in cells
    header = next(row for row in sheet.iter_rows(values_only=True) if "Đơn vị báo cáo" in row)
    dong_phuc = next(row for row in sheet.iter_rows(values_only=True) if "Xã Đồng Phúc" in row)
    column = next(i for i, label in enumerate(header) if label and label.startswith("Số cây xanh được trồng"))
    assert dong_phuc[column] == 7


def test_front_committee_head_reports_on_a_phone_and_loses_nothing(page_for, na_hai_head, dong_phuc_officer, tree):
    today = services.today()
    rnd = services.open_round(dong_phuc_officer, tree.dong_phuc, {
        "period": get_period(str(today.year)), "name": "Báo cáo năm của khu dân cư",
        "cut_off": today, "due_date": today + datetime.timedelta(days=7), "reporters": ReporterKind.AREA,
        "measure_codes": []})
    sub = rnd.submissions.get(unit=tree.na_hai)
    page = page_for(na_hai_head, phone=True)
    _open(page, f"/bao-cao/{sub.pk}/")
    # The network drops: autosave fails, the text stays on the phone and comes back after a reload.
    page.route("**/luu-tu-dong/", lambda route: route.abort())
    page.fill("#n-2-ket_qua", "Tổ chức Ngày hội Đại đoàn kết với 150 hộ tham gia.")
    page.wait_for_timeout(2600)
    page.unroute("**/luu-tu-dong/")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.input_value("#n-2-ket_qua") == "Tổ chức Ngày hội Đại đoàn kết với 150 hộ tham gia."
    assert "Đã khôi phục" in page.inner_text("#autosave-status")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "reporting-5-phone-form")
    # Back online: typing autosaves to the server.
    page.fill("#n-3-ket_qua", "Dọn vệ sinh đường làng.")
    page.wait_for_selector("#autosave-status[data-saved]", state="attached")  # (the CSP forbids wait_for_function's eval)
    sub.refresh_from_db()
    assert sub.narratives["2"]["ket_qua"].startswith("Tổ chức Ngày hội")
    page.click("#submit-report")
    page.wait_for_load_state("networkidle")
    sub.refresh_from_db()
    assert sub.state == State.SUBMITTED
    screenshot(page, "reporting-6-phone-sent")


def test_pressing_save_while_the_autosave_is_still_on_its_way_back_is_not_a_conflict(page_for, dong_phuc_officer,
                                                                                     h1_round, tree):
    sub = h1_round.submissions.get(unit=tree.dong_phuc)
    page = page_for(dong_phuc_officer)
    _open(page, f"/bao-cao/{sub.pk}/")
    held = []
    page.route("**/luu-tu-dong/", lambda route: held.append(route))
    page.fill("#n-1-ket_qua", "Hỗ trợ 27 hộ nghèo.")
    page.wait_for_timeout(2400)
    assert held, "the autosave should have gone out"
    held[0].fetch()  # the server saves it, but its answer (the new version) has not reached the page yet
    page.fill("#n-1-ket_qua", "Hỗ trợ 27 hộ nghèo phát triển sinh kế.")
    page.click("button[name=action][value=save]")
    page.wait_for_load_state("networkidle")
    text = page.content()
    assert "Đã lưu nháp" in text and "chưa được lưu" not in text and "ket_qua" not in page.inner_text("main")
    sub.refresh_from_db()
    assert sub.narratives["1"]["ket_qua"] == "Hỗ trợ 27 hộ nghèo phát triển sinh kế."
