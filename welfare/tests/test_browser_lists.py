import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEAD = "STT;Mã khu dân cư;Họ tên chủ hộ;Số CCCD chủ hộ;Đơn vị nhận giúp đỡ;Từ năm;Đến năm;Nội dung giúp đỡ\n"


def test_commune_officer_imports_the_adoption_list(page_for, dong_phuc_officer, households, tree, tmp_path):
    bad = tmp_path / "loi.csv"
    bad.write_text(HEAD + "1;01;Hoàng Văn Mạnh;001203004589;Hội Phụ nữ;2026;2027;\n2;05;Ai đó;;Mặt trận;2026;2026;\n",
                   encoding="utf-8")
    good = tmp_path / "phan-cong.csv"
    good.write_text(HEAD + "1;01;Hoàng Văn Mạnh;001203004589;Hội Nông dân;2026;2027;Con giống\n", encoding="utf-8")
    for phone in (True, False):
        page = page_for(dong_phuc_officer, phone=phone)
        page.goto(f"{page.base_url}/ho-gia-dinh/{tree.dong_phuc.pk}/nhan-giup-do/?nam=2026")
        page.click("a:has-text('Nhập từ tệp Excel/CSV')")
        page.set_input_files("input[name=file]", str(bad))
        page.click("button:text('Nhập')")
        page.wait_for_load_state("networkidle")
        content = page.content()
        assert "Dòng 3, cột B (Mã khu dân cư)" in content and "Dòng 2, cột E (Đơn vị nhận giúp đỡ)" in content
        screenshot(page, f"adoption-import-errors-{360 if phone else 1280}")
    page.set_input_files("input[name=file]", str(good))
    page.click("button:text('Nhập')")
    page.wait_for_load_state("networkidle")
    assert "Đã nhập 1 phân công" in page.content() and "Hoàng Văn Mạnh" in page.content()
    screenshot(page, "adoption-list-after-import")
