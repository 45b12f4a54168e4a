"""The year's list from XLSX: row-level validation, all or nothing."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from welfare.models import Household, Listing
from welfare.services import IMPORT_COLUMNS
from welfare.tests.conftest import grant


def xlsx(rows):
    book = openpyxl.Workbook()
    book.active.append(IMPORT_COLUMNS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("ds.xlsx", buffer.getvalue())


def post(client, unit, rows, year=2026):
    return client.post(reverse("welfare:import", args=[unit.pk]), {"year": year, "file": xlsx(rows)})


GOOD = [["01", "Hoàng Văn Tám", "019000111222", 5, "nghèo", "Thiếu đất sản xuất; Thiếu vốn sản xuất"],
        ["02", "Lý Thị Nhàn", "", 2, "cận nghèo", ""],
        ["01", "Đinh Văn Kiên", "", "3", "mới thoát nghèo", ""]]


def test_a_good_file_creates_households_and_the_years_list(client_for, dong_phuc_officer, tree):
    response = post(client_for(dong_phuc_officer), tree.dong_phuc, GOOD)
    assert response.status_code == 302
    tam = Household.objects.get(id_number="019000111222")
    assert tam.unit == tree.na_hai and tam.members == 5
    assert {t.name for t in tam.circumstances.all()} == {"Thiếu đất sản xuất", "Thiếu vốn sản xuất"}
    assert Listing.objects.get(household=tam, year=2026).status == "poor"
    assert Household.objects.get(head_name="Lý Thị Nhàn").unit == tree.na_lan


def test_importing_again_updates_instead_of_duplicating(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    post(client, tree.dong_phuc, GOOD)
    changed = [GOOD[0][:4] + ["cận nghèo", ""], GOOD[1], GOOD[2]]
    post(client, tree.dong_phuc, changed, year=2027)
    post(client, tree.dong_phuc, changed, year=2027)
    assert Household.objects.count() == 3
    tam = Household.objects.get(id_number="019000111222")
    assert dict(tam.listings.values_list("year", "status")) == {2026: "poor", 2027: "near_poor"}


def test_bad_rows_are_named_and_nothing_is_written(client_for, dong_phuc_officer, tree):
    rows = GOOD + [["99", "Người Lạ", "", 2, "nghèo", ""],
                   ["01", "", "12345", 0, "khá", "Không có thẻ này"],
                   ["01", "Hoàng Văn Tám", "019000111222", 5, "nghèo", ""],
                   ["01", "Vi Văn Sáu", "", 3, "nghèo", "", "Tày"]]
    response = post(client_for(dong_phuc_officer), tree.dong_phuc, rows)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 5, cột A" in html and "“99”" in html
    assert "Dòng 6, cột B" in html and "Dòng 6, cột C" in html and "Dòng 6, cột D" in html
    assert "Dòng 6, cột E" in html and "Dòng 6, cột F" in html
    assert "Dòng 7, cột C: hộ này trùng với dòng 2" in html
    assert "Dòng 8, cột G–I" in html
    assert "12345" not in html  # even a wrong identity number is shown masked
    assert Household.objects.count() == 0 and Listing.objects.count() == 0


def test_sensitive_columns_are_written_with_the_right(client_for, dong_phuc_officer, tree):
    allowed = grant(dong_phuc_officer, "view_sensitive")
    post(client_for(allowed), tree.dong_phuc, [["01", "Vi Văn Sáu", "", 3, "nghèo", "Có người khuyết tật nặng",
                                                  "Tày", "có", "Liệt hai chân"]])
    sau = Household.objects.get(head_name="Vi Văn Sáu")
    assert sau.ethnicity == "Tày" and sau.has_disability is True and sau.health_note == "Liệt hai chân"


def test_a_file_that_is_not_a_spreadsheet_is_refused(client_for, dong_phuc_officer, tree):
    response = client_for(dong_phuc_officer).post(reverse("welfare:import", args=[tree.dong_phuc.pk]), {
        "year": 2026, "file": SimpleUploadedFile("ds.xlsx", b"not a workbook")})
    assert "Không đọc được tệp XLSX" in response.content.decode()


def test_the_template_downloads(client_for, dong_phuc_officer, tree):
    response = client_for(dong_phuc_officer).get(reverse("welfare:template", args=[tree.dong_phuc.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.active["A1"].value == "Mã khu dân cư"
