import csv
import datetime
import io

from django.template.loader import render_to_string
from openpyxl import load_workbook

from documents.responses import content_disposition, docx_response, pdf_response
from documents.samples import targets_table, thai_nguyen_plan_2026
from documents.tables import Column, Table, csv_response, to_csv, to_nd30, to_xlsx, xlsx_response


def _sheet(table):
    return load_workbook(io.BytesIO(to_xlsx(table))).active


def _find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(text)


def test_totals_sum_reported_values_only():
    table = Table("T", [Column("u", "Đơn vị"), Column("n", "Số", "integer"), Column("m", "Tiền", "money"),
                        Column("r", "Tỷ lệ", "percent")],
                  [{"u": "A", "n": 2, "m": None, "r": 50}, {"u": "B", "n": None, "m": None, "r": None}])
    totals = table.with_totals().totals
    assert totals == {"u": "Tổng cộng", "n": 2, "m": None, "r": None}


def test_xlsx_numbers_not_formulas_and_empty_when_not_reported():
    ws = _sheet(targets_table())
    assert ws["A1"].value == "Kết quả thực hiện một số chỉ tiêu năm 2026"
    header = _find(ws, "Đơn vị")
    assert header.font.bold
    assert ws.freeze_panes == f"A{header.row + 1}"
    total = _find(ws, "Tổng cộng")
    money = ws.cell(row=total.row, column=7)
    assert money.value == 143_750_000 and money.data_type == "n" and money.font.bold
    assert money.number_format == "#,##0"
    rate = ws.cell(row=total.row, column=5)
    assert abs(rate.value - 0.986) < 1e-9 and rate.number_format == "0.0%"
    assert ws.cell(row=total.row, column=1).value is None  # STT is not summed
    missing = _find(ws, "Xã Bằng Thành")
    assert [ws.cell(row=missing.row, column=c).value for c in range(4, 9)] == [None] * 5
    date = ws.cell(row=header.row + 1, column=8)
    assert date.value.date() == datetime.date(2026, 11, 10) and date.number_format == "dd/mm/yyyy"
    for row in ws.iter_rows():
        for cell in row:
            assert not (isinstance(cell.value, str) and cell.value.startswith("="))


def test_csv_has_bom_and_plain_values():
    data = to_csv(targets_table())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][1] == "Đơn vị"
    assert rows[2] == ["2", "Xã Đồng Phúc", "21", "20", "95.2", "3", "18250000", "12/11/2026"]
    assert rows[3][3:] == ["", "", "", "", ""]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][6] == "143750000"


def test_display_and_nd30_block():
    table = targets_table()
    assert table.display_rows()[1][6] == "18.250.000"
    assert table.display_rows()[1][4] == "95,2%"
    block = to_nd30(table)
    assert block.rows[-1][1] == "Tổng cộng" and block.bold_last_row
    assert block.align[6] == "right"


def test_html_include_renders_the_same_table():
    html = render_to_string("documents/table.html", {"table": targets_table()})
    assert "Xã Đồng Phúc" in html and "18.250.000" in html and "Tổng cộng" in html
    assert '<td class="num">18.250.000</td>' in html


def test_content_disposition_keeps_vietnamese_names():
    header = content_disposition("Kế hoạch 2026.docx")
    assert header.startswith('attachment; filename="Ke_hoach_2026.docx"; ')
    assert "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%202026.docx" in header


def test_responses():
    response = xlsx_response(targets_table(), "Kết quả năm 2026")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "K%E1%BA%BFt" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    response = csv_response(targets_table(), "Kết quả.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    response = docx_response(thai_nguyen_plan_2026(with_annex=False), "Kế hoạch")
    assert response.content[:2] == b"PK" and 'filename="Ke_hoach.docx"' in response["Content-Disposition"]
    response = pdf_response(thai_nguyen_plan_2026(with_annex=False), "Kế hoạch")
    assert response.content.startswith(b"%PDF") and response["Content-Disposition"].startswith("inline;")
