"""Import of budget lines from XLSX/CSV: the export's own file comes back in, errors name row and column, and a
bad file writes nothing."""

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from budget import services
from budget.models import Stage
from core.uploads import UploadError
from documents.tables import to_xlsx


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


HEADER = ["STT", "Hoạt động, nội dung", "Nội dung chi (TT 121/2017)", "Nguồn kinh phí", "Số tiền (đồng)", "Ghi chú"]


def test_the_exported_file_imports_back_unchanged(dong_phuc_officer, dong_phuc_budget):
    content = to_xlsx(services.lines_table(dong_phuc_budget, Stage.ESTIMATE))
    assert services.import_lines(dong_phuc_officer, dong_phuc_budget, Stage.ESTIMATE, "du-toan.xlsx", content) == 2
    dong_phuc_budget.refresh_from_db()
    assert dong_phuc_budget.planned == 30_000_000


def test_a_csv_replaces_the_settlement_with_names_or_codes(dong_phuc_officer, dong_phuc_budget):
    content = csv_bytes([HEADER, ["1", "Ngày hội thôn Nà Hai", "ngay-hoi", "Ngân sách nhà nước cấp xã", "12.000.000"],
                         ["2", "Tờ rơi", "tuyen-truyen", "xa hoi hoa: dong gop tu nguyen cua nhan dan", "3000000"]])
    assert services.import_lines(dong_phuc_officer, dong_phuc_budget, Stage.SETTLEMENT, "qt.csv", content) == 2
    dong_phuc_budget.refresh_from_db()
    assert (dong_phuc_budget.planned, dong_phuc_budget.spent, dong_phuc_budget.mobilised) == (
        30_000_000, 15_000_000, 3_000_000)


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(dong_phuc_officer, dong_phuc_budget):
    content = csv_bytes([HEADER, ["1", "", "ngay-hoi", "nsnn-xa", "1000"],
                         ["2", "Tờ rơi", "khong-co", "nsnn-xa", "-5"],
                         ["3", "Pano", "tuyen-truyen", "ngan sach trung uong", "15,5"]])
    with pytest.raises(UploadError) as e:
        services.import_lines(dong_phuc_officer, dong_phuc_budget, Stage.SETTLEMENT, "qt.csv", content)
    errors = e.value.errors
    assert "Dòng 2, cột B (Hoạt động, nội dung): chưa ghi." in errors
    assert any(m.startswith("Dòng 3, cột C (Nội dung chi)") for m in errors)
    assert "Dòng 3, cột E (Số tiền): không được âm." in errors
    assert any(m.startswith("Dòng 4, cột D (Nguồn kinh phí)") for m in errors)
    assert any(m.startswith("Dòng 4, cột E (Số tiền)") and "không có phần lẻ" in m for m in errors)
    dong_phuc_budget.refresh_from_db()
    assert dong_phuc_budget.spent == 25_000_000 and dong_phuc_budget.lines.filter(stage="settlement").count() == 2


def test_a_file_without_the_header_is_refused(dong_phuc_officer, dong_phuc_budget):
    with pytest.raises(UploadError) as e:
        services.import_lines(dong_phuc_officer, dong_phuc_budget, Stage.ESTIMATE, "x.csv", b"a,b,c\n1,2,3\n")
    assert "dòng tiêu đề" in str(e.value)


def test_a_wrong_file_type_is_refused(dong_phuc_officer, dong_phuc_budget):
    with pytest.raises(ValidationError):
        services.import_lines(dong_phuc_officer, dong_phuc_budget, Stage.ESTIMATE, "x.pdf", b"%PDF-1.4")


def test_the_export_has_the_lines_and_the_total(dong_phuc_budget):
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(services.lines_table(dong_phuc_budget, Stage.SETTLEMENT)))).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Ngày hội ở 2 thôn" in values and 20_000_000 in values and 25_000_000 in values
