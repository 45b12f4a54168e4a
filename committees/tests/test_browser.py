import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_commune_officer_renews_the_committee(page_for, dong_phuc_officer, committee):
    page = page_for(dong_phuc_officer)
    page.goto(f"{page.base_url}/ban/ban/{committee.pk}/")
    page.click("a.btn:has-text('Kiện toàn')")
    page.fill("input[name=decided_on]", "2026-02-10")
    page.fill("input[name=decision_number]", "08/QĐ-MTTQ-BTT")
    page.uncheck("label:has-text('Hà Văn Tuấn') input")
    page.fill("textarea[name=members]", "Lý Văn Đông; Phó Trưởng ban; Phó Chủ tịch UBND xã")
    page.click("button:text('Lưu')")
    page.wait_for_load_state("networkidle")
    content = page.content()
    assert "Kiện toàn lần 2" in content and "Lý Văn Đông" in content and "đã kết thúc 09/02/2026" in content
    screenshot(page, "committee-renewed")


def test_renewal_takes_the_members_from_a_file(page_for, dong_phuc_officer, committee, tmp_path):
    good = tmp_path / "thanh-vien.csv"
    good.write_text("STT;Họ và tên;Chức danh trong ban;Chức vụ, cơ quan\n1;Lò Văn Hải;Thành viên;Bí thư Đoàn xã\n",
                    encoding="utf-8")
    bad = tmp_path / "loi.csv"
    bad.write_text("STT;Họ và tên;Chức danh trong ban;Chức vụ, cơ quan\n1;Lò Văn Hải;;\n", encoding="utf-8")
    for phone in (True, False):
        page = page_for(dong_phuc_officer, phone=phone)
        page.goto(f"{page.base_url}/ban/ban/{committee.pk}/kien-toan/")
        page.fill("input[name=decided_on]", "2026-02-10")
        page.set_input_files("input[name=members_file]", str(bad))
        page.click("button:text('Lưu')")
        page.wait_for_load_state("networkidle")
        assert "Dòng 2, cột C (Chức danh trong ban): chưa ghi." in page.content()
        screenshot(page, f"committee-renew-file-error-{360 if phone else 1280}")
    page.set_input_files("input[name=members_file]", str(good))
    page.click("button:text('Lưu')")
    page.wait_for_load_state("networkidle")
    assert "Kiện toàn lần 2" in page.content() and "Lò Văn Hải" in page.content()
    screenshot(page, "committee-renewed-from-file")
