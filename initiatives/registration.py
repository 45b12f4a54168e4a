"""The registration list on the seed's form ("DANH SÁCH Các công trình, mô hình, phần việc của … tham gia xây
dựng nông thôn mới, đô thị văn minh năm …", annex of the Bắc Kạn 2017 plan): download as XLSX/DOCX, upload
back from XLSX with row-level validation. An upload writes every row or none."""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts import audit, scope
from campaign.models import Content
from core.formatting import format_date
from core.text import fold
from core.uploads import UploadError, read_table
from documents.tables import Column, Table
from units.models import Level, Unit

from . import services
from .models import Initiative, Topic

MAX_BYTES = 5 * 1024 * 1024
TOPIC_SEPARATOR = ";"
# (key, header label, kind, width) — the upload finds columns by these labels, so order may change.
COLUMNS = [
    ("no", "STT", "integer", 6),
    ("title", "Tên công trình, mô hình, phần việc", "text", 40),
    ("kind", "Loại (mô hình/công trình/phần việc)", "text", 14),
    ("content", "Nội dung Cuộc vận động (1–5)", "integer", 10),
    ("unit_code", "Mã địa bàn", "text", 12),
    ("unit_name", "Địa bàn thực hiện", "text", 22),
    ("topics", "Chủ đề (cách nhau bởi dấu ;)", "text", 28),
    ("pilot", "Mô hình điểm (x)", "text", 8),
    ("self_managed", "Tự quản (x)", "text", 8),
    ("started_on", "Thời gian bắt đầu", "date", 12),
    ("money", "Kinh phí huy động (đồng)", "money", 16),
    ("workdays", "Ngày công", "integer", 10),
    ("land_m2", "Đất hiến (m²)", "integer", 10),
    ("description", "Ghi chú", "text", 30),
    ("id", "Mã số doanket (để trống khi thêm mới)", "integer", 12),
]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
KIND_WORDS = {"mo hinh": Initiative.Kind.MODEL, "cong trinh": Initiative.Kind.WORK,
              "phan viec": Initiative.Kind.CONTRIBUTION}
YES = {"x", "co", "1", "true", "dung", "yes"}
NO = {"", "khong", "0", "false", "no"}


def unit_code(unit: Unit) -> str:
    """A code that names a unit inside a drive: '19' province, '01933' commune, '01933.01' residential area."""
    if unit.level == Level.AREA:
        return f"{unit.parent.code}.{unit.code}"
    return unit.code


def title_line(drive, organisation) -> str:
    return (f"Các công trình, mô hình, phần việc của {organisation.name} tham gia xây dựng nông thôn mới, "
            f"đô thị văn minh năm {drive.year}")


def list_table(drive, organisation, initiatives) -> Table:
    columns = [Column(key, label, kind, width, summable=key in ("money", "workdays", "land_m2"))
               for key, label, kind, width in COLUMNS]
    rows = []
    for n, i in enumerate(initiatives, start=1):
        rows.append({
            "no": n, "title": i.title, "kind": i.get_kind_display(),
            "content": i.content.number if i.content_id else None,
            "unit_code": unit_code(i.unit), "unit_name": i.unit.name,
            "topics": f"{TOPIC_SEPARATOR} ".join(t.name for t in i.topics.all()),
            "pilot": "x" if i.is_pilot else "", "self_managed": "x" if i.is_self_managed else "",
            "started_on": i.started_on, "money": i.money, "workdays": i.workdays, "land_m2": i.land_m2,
            "description": i.description, "id": i.pk,
        })
    return Table(title="DANH SÁCH", columns=columns, rows=rows, subtitle=[
        title_line(drive, organisation),
        f"(Đợt đăng ký của Ban Thường trực Ủy ban MTTQ {drive.unit.name}, hạn {format_date(drive.deadline)})",
        f"Đơn vị: {organisation.name}",
    ], note=("Cột “Mã địa bàn”: mã xã/phường (5 chữ số), mã xã + “.” + mã khu dân cư (ví dụ 01933.01), hoặc "
             "mã tỉnh. Chủ đề lấy đúng tên trong doanket, cách nhau bởi dấu chấm phẩy."))


def download(user, drive, organisation, fmt):
    from django.http import Http404

    from documents.tables import xlsx_response

    rows = services.drive_list(drive, organisation)
    table = list_table(drive, organisation, rows)
    filename = f"Danh sách đăng ký {drive.year} - {organisation.name}"
    audit.record(user, audit.Action.EXPORT, drive, verb="Tải danh sách đăng ký", unit=drive.unit,
                 note=f"{organisation.name} ({fmt})")
    if fmt == "xlsx":
        return xlsx_response(table, filename)
    if fmt == "docx":
        from documents.responses import docx_response

        return docx_response(list_document(drive, organisation, table), filename)
    raise Http404("Định dạng không hỗ trợ.")


# The document's own headings (the upload's headers explain how to fill a column: not for a signed list) and
# widths in mm, summing to the landscape annex's 252 mm.
DOCUMENT_FONT_PT = 11
DOCUMENT_COLUMNS = {
    "no": ("STT", 11), "title": ("Tên công trình, mô hình, phần việc", 36), "kind": ("Loại", 17),
    "content": ("Nội dung Cuộc vận động", 13), "unit_name": ("Địa bàn thực hiện", 24), "topics": ("Chủ đề", 24),
    "pilot": ("Mô hình điểm", 13), "self_managed": ("Tự quản", 13), "started_on": ("Bắt đầu", 22),
    "money": ("Kinh phí huy động (đồng)", 27), "workdays": ("Ngày công", 13), "land_m2": ("Đất hiến (m²)", 15),
    "description": ("Ghi chú", 24),
}


def list_document(drive, organisation, table):
    """The list as the seed's annex, in ND 30 layout (landscape table, the organisation's signature)."""
    from documents.nd30 import Annex, OfficialDocument, Paragraph, Signer, TableBlock

    index = [i for i, c in enumerate(table.columns) if c.key in DOCUMENT_COLUMNS]
    header = [DOCUMENT_COLUMNS[table.columns[i].key][0] for i in index]
    display = table.display_rows()
    body = [[row[i] for i in index] for row in display]
    # Widths in mm of the landscape annex (252 mm between the margins) at 11 pt: "STT", a date dd/mm/yyyy and
    # an amount up to 1.234.567.890 fit on one line; only text columns wrap, and only between words.
    block = TableBlock(header_rows=[header], rows=body, font_size=DOCUMENT_FONT_PT,
                       widths=[DOCUMENT_COLUMNS[table.columns[i].key][1] for i in index])
    place = organisation.unit.short_name
    return OfficialDocument(
        parent_body="", issuing_body=organisation.name.upper(), symbol="", place=place, date=None,
        type_name="DANH SÁCH", title=title_line(drive, organisation),
        blocks=[Paragraph(f"(Đăng ký theo đợt của Ban Thường trực Ủy ban MTTQ {drive.unit.name}; hạn gửi "
                          f"{format_date(drive.deadline)})", align="center", indent=False, italic=True),
                Paragraph(f"Tổng số: {len(body)} công trình, mô hình, phần việc (chi tiết tại Phụ lục kèm theo).",
                          indent=True)],
        signer=Signer("", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"),
        annexes=[Annex("Phụ lục", "Danh sách công trình, mô hình, phần việc", [block], note="", landscape=True)],
    )


# --- upload -------------------------------------------------------------------------------------------------
@dataclass
class ParsedRow:
    line: int
    data: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _read_sheet(filename, content) -> list[list]:
    return read_table(filename, content, typed=True, allowed=(".xlsx",))


def _find_columns(rows):
    labels = {fold(label): key for key, label, _, _ in COLUMNS}
    for index, row in enumerate(rows):
        cells = [fold(_text(c)) for c in row]
        if cells and cells[0] == "stt":
            columns = {labels[c]: i for i, c in enumerate(cells) if c in labels}
            missing = [label for key, label, _, _ in COLUMNS if key in ("title", "unit_code") and key not in columns]
            if missing:
                raise UploadError([f"Dòng tiêu đề (dòng {index + 1}) thiếu cột: {', '.join(missing)}."])
            return index, columns
    raise UploadError(["Không thấy dòng tiêu đề của mẫu (ô đầu là “STT”): hãy dùng tệp mẫu tải về từ doanket."])


def _where(line, columns, key):
    label = next(lbl for k, lbl, _, _ in COLUMNS if k == key)
    return f"Dòng {line}, cột {LETTERS[columns[key]] if columns[key] < 26 else columns[key] + 1} ({label})"


def _number(raw, where, errors, allow_negative=False):
    text = _text(raw)
    if text == "":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = raw
    else:
        cleaned = re.sub(r"[\s.đ]", "", text.lower()).replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError:
            errors.append(f"{where}: “{text}” không phải số.")
            return None
    if value != int(value):
        errors.append(f"{where}: “{text}” phải là số nguyên.")
        return None
    if value < 0 and not allow_negative:
        errors.append(f"{where}: “{text}” là số âm; chỉ nhận số từ 0 trở lên.")
        return None
    return int(value)


def _date(raw, where, errors):
    if raw is None or _text(raw) == "":
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = _text(raw)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.append(f"{where}: “{text}” không phải ngày (ghi dd/mm/yyyy, ví dụ 15/02/2026).")
    return None


def _flag(raw, where, errors):
    word = fold(_text(raw))
    if word in YES:
        return True
    if word in NO:
        return False
    errors.append(f"{where}: “{_text(raw)}” — ghi “x” nếu có, để trống nếu không.")
    return False


def _resolve_unit(user, drive, organisation, code, name, where, errors, by_code, by_name):
    unit = by_code.get(code) if code else None
    if code and unit is None:
        errors.append(f"{where}: không có địa bàn mã “{code}” trong {drive.unit.name}.")
        return None
    if unit is None:
        matches = by_name.get(fold(name), []) if name else []
        if len(matches) != 1:
            errors.append(f"{where}: thiếu mã địa bàn" + (f" (tên “{name}” trùng hoặc không tìm thấy)." if name else "."))
            return None
        unit = matches[0]
    if not scope.in_scope(user, unit) or not unit.is_within(organisation.unit):
        errors.append(f"{where}: {unit.name} nằm ngoài phạm vi của bạn hoặc ngoài địa bàn của {organisation.name}.")
        return None
    return unit


def parse_list(user, drive, organisation, filename, content) -> list[ParsedRow]:
    rows = _read_sheet(filename, content)
    header_index, columns = _find_columns(rows)
    subtree = list(Unit.objects.subtree(drive.unit).filter(level__in=services.UNIT_LEVELS).select_related("parent"))
    by_code = {unit_code(u): u for u in subtree}
    by_name = {}
    for u in subtree:
        by_name.setdefault(fold(u.name), []).append(u)
    topics = {}
    for t in Topic.objects.all():
        topics[fold(t.name)] = t
        topics[t.code] = t
    contents = {c.number: c for c in Content.objects.all()}
    existing = {i.pk: i for i in drive.initiatives.filter(organisation=organisation)}
    parsed, seen_ids = [], {}

    def cell(raw_row, key):
        i = columns.get(key)
        return raw_row[i] if i is not None and i < len(raw_row) else None

    for offset, raw in enumerate(rows[header_index + 1:], start=header_index + 2):
        if not any(_text(c) for c in raw):
            continue
        first = fold(_text(raw[0]) if raw else "")
        if first.startswith("tong cong") or first.startswith("cot "):
            continue  # the totals row and the note under the table
        row = ParsedRow(line=offset)
        e = row.errors
        w = lambda key: _where(offset, columns, key)  # noqa: E731
        title = _text(cell(raw, "title"))
        if not title:
            if not any(_text(cell(raw, k)) for k in ("unit_code", "unit_name", "kind", "topics", "money")):
                continue  # a note line under the table
            e.append(f"{w('title')}: thiếu tên công trình, mô hình, phần việc.")
        elif len(title) > 300:
            e.append(f"{w('title')}: tên dài quá 300 ký tự.")
        kind_text = fold(_text(cell(raw, "kind"))) if "kind" in columns else ""
        kind = KIND_WORDS.get(kind_text) if kind_text else Initiative.Kind.MODEL
        if kind is None:
            e.append(f"{w('kind')}: “{_text(cell(raw, 'kind'))}” — ghi mô hình, công trình hoặc phần việc.")
        content = None
        if "content" in columns:
            number = _number(cell(raw, "content"), w("content"), e)
            if number is not None:
                content = contents.get(number)
                if content is None:
                    e.append(f"{w('content')}: “{number}” — nội dung phải từ 1 đến 5.")
        unit = _resolve_unit(user, drive, organisation, _text(cell(raw, "unit_code")), _text(cell(raw, "unit_name")),
                             w("unit_code"), e, by_code, by_name)
        chosen = []
        if "topics" in columns:
            for name in (_text(cell(raw, "topics")) or "").split(TOPIC_SEPARATOR):
                if not name.strip():
                    continue
                topic = topics.get(fold(name)) or topics.get(name.strip())
                if topic is None:
                    e.append(f"{w('topics')}: chủ đề “{name.strip()}” không có trong danh mục doanket.")
                else:
                    chosen.append(topic)
        data = {"title": title, "kind": kind, "content": content, "unit": unit, "topics": chosen,
                "organisation": organisation, "drive": drive}
        for key in ("pilot", "self_managed"):
            if key in columns:
                data["is_" + key] = _flag(cell(raw, key), w(key), e)
        if "started_on" in columns:
            data["started_on"] = _date(cell(raw, "started_on"), w("started_on"), e)
        for key in ("money", "workdays", "land_m2"):
            if key in columns:
                data[key] = _number(cell(raw, key), w(key), e)
        if "description" in columns:
            data["description"] = _text(cell(raw, "description"))
        if "id" in columns and _text(cell(raw, "id")):
            pk = _number(cell(raw, "id"), w("id"), e)
            if pk is not None:
                if pk not in existing:
                    e.append(f"{w('id')}: mã số {pk} không thuộc danh sách của {organisation.name} năm {drive.year}; "
                             "để trống khi thêm dòng mới.")
                elif pk in seen_ids:
                    e.append(f"{w('id')}: mã số {pk} trùng với dòng {seen_ids[pk]}.")
                else:
                    seen_ids[pk] = offset
                    row.data["instance"] = existing[pk]
        row.data.update(data)
        parsed.append(row)
    if not parsed:
        raise UploadError(["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."])
    return parsed


def import_list(user, drive, organisation, filename, content) -> dict:
    """Create or update the organisation's rows from an uploaded list; any error and nothing is written."""
    from accounts.models import Role

    scope.require_write(user, drive.unit)
    org = scope.organisation_filter(user)
    if (org and org.pk != organisation.pk) or user.role == Role.AREA_HEAD:
        raise PermissionDenied("Bạn chỉ nhập danh sách của tổ chức mình.")
    rows = parse_list(user, drive, organisation, filename, content)
    errors = [e for r in rows for e in r.errors]
    if errors:
        raise UploadError(errors)
    created = updated = 0
    try:
        with transaction.atomic():
            for row in rows:
                instance = row.data.pop("instance", None)
                services.save_initiative(user, row.data, instance)
                if instance is None:
                    created += 1
                else:
                    updated += 1
            audit.record(user, audit.Action.IMPORT, drive, verb="Nhập danh sách đăng ký", unit=drive.unit,
                         note=f"{organisation.name} — {filename}: {created} thêm mới, {updated} cập nhật")
    except (ValidationError, PermissionDenied) as exc:
        raise UploadError([f"Không nhập được, dữ liệu chưa thay đổi: {' '.join(getattr(exc, 'messages', [str(exc)]))}"])
    return {"rows": len(rows), "created": created, "updated": updated}
