"""Exchange files: the API's value sets as CSV, XLSX or JSON, downloaded and uploaded (for platforms without an
API: Mặt trận số, a provincial data platform). The columns are the API's fields; the header row may use
either the Vietnamese labels below or the API's keys. Uploads are all or nothing (api.values.write)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from documents.tables import Column, Table, to_csv, to_xlsx

from . import values

MAX_BYTES = 10 * 1024 * 1024
FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

COLUMNS = [
    Column("period", "Kỳ"),
    Column("unit", "Mã đơn vị"),
    Column("unit_name", "Tên đơn vị"),
    Column("measure", "Mã chỉ số"),
    Column("measure_name", "Tên chỉ số"),
    Column("org_kind", "Tổ chức thành viên"),
    Column("value", "Giá trị"),
]
HEADER_KEYS = {c.label.lower(): c.key for c in COLUMNS} | {c.key: c.key for c in COLUMNS} | {"unit_id": "unit_id"}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class FileRejected(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages[:5]))
        self.messages = messages


def render(rows: list[dict], fmt: str, period_code: str) -> bytes:
    if fmt == "json":
        payload = {"period": period_code, "values": [
            {k: r[k] for k in ("unit", "unit_name", "measure", "measure_name", "org_kind", "value")} for r in rows]}
        return json.dumps(payload, ensure_ascii=False, indent=1).encode()
    table = Table(title="", columns=COLUMNS, rows=rows)
    return to_xlsx(table, sheet_title="So lieu") if fmt == "xlsx" else to_csv(table)


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """Rows of cells from an uploaded .xlsx or .csv (the one place that reads spreadsheets here: switch it to
    core.uploads when that lands)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:
            raise FileRejected(["Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel (.xlsx)."]) from None
        rows = [["" if v is None else str(v).strip() for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    else:
        for encoding in ("utf-8-sig", "cp1258"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise FileRejected(["Không đọc được tệp CSV: hãy lưu với bảng mã UTF-8."])
        try:
            dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t") if text.strip() else csv.excel
        except csv.Error:
            dialect = csv.excel
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    return [[unicodedata.normalize("NFC", c) for c in r] for r in rows]


def parse(filename: str, content: bytes) -> tuple[str | None, list[dict], list[str]]:
    """(period of the file or None, rows as API dicts each with its file line in "_line", labels per row)."""
    name = (filename or "").lower()
    if len(content) > MAX_BYTES:
        raise FileRejected([f"Tệp quá lớn (tối đa {MAX_BYTES // 1024 // 1024} MB)."])
    if name.endswith(".json"):
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise FileRejected(["Tệp JSON không hợp lệ."]) from None
        if not isinstance(data, dict) or not isinstance(data.get("values"), list):
            raise FileRejected(["Tệp JSON phải có dạng {\"period\": \"2026\", \"values\": [ … ]} như tệp tải về."])
        rows = data["values"]
        bad = [i for i, r in enumerate(rows) if not isinstance(r, dict)]
        if bad:
            raise FileRejected([f"Phần tử thứ {i + 1} của “values” không phải một đối tượng." for i in bad[:20]])
        period = data.get("period")
        return (str(period) if period not in (None, "") else None), rows, \
            [f"Phần tử {i + 1}" for i in range(len(rows))]
    if not name.endswith((".csv", ".xlsx")):
        raise FileRejected(["Sai loại tệp: chỉ nhận .csv, .xlsx hoặc .json (như tệp tải về)."])
    table = read_table(filename, content)
    start = next((i for i, r in enumerate(table) if any(HEADER_KEYS.get(c.lower()) == "measure" for c in r)), None)
    if start is None:
        raise FileRejected(["Không thấy dòng tiêu đề: cần các cột “Kỳ”, “Mã đơn vị”, “Mã chỉ số”, “Giá trị” "
                            "như tệp tải về."])
    keys = [HEADER_KEYS.get(c.lower()) for c in table[start]]
    missing = [c.label for c in COLUMNS if c.key in ("unit", "measure", "value") and c.key not in keys]
    if missing and not ("unit" in missing[0] and "unit_id" in keys):
        raise FileRejected([f"Thiếu cột {', '.join('“' + m + '”' for m in missing)}."])
    rows, labels = [], []
    for line, cells in enumerate(table[start + 1:], start=start + 2):
        if not any(cells):
            continue
        row = {k: (cells[i] if i < len(cells) else "") for i, k in enumerate(keys) if k}
        if row.get("unit_id"):
            try:
                row["unit_id"] = int(row["unit_id"])
            except ValueError:
                row["unit_id"] = None
        rows.append(row)
        labels.append(f"Dòng {line}")
    return None, rows, labels
