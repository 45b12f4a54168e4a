"""Official documents in the layout of Nghị định 30/2020/NĐ-CP (công tác văn thư), as DOCX and PDF.

One data structure (`OfficialDocument` and its blocks) and two renderers that read it: `render_docx`
(python-docx) and `render_pdf` (reportlab). All sizes, margins and fonts of the layout are the
constants below, so both renderers agree.

    doc = OfficialDocument(
        parent_body="ỦY BAN MTTQ VIỆT NAM\\nTỈNH THÁI NGUYÊN", issuing_body="BAN THƯỜNG TRỰC",
        number=59, symbol="KH-MTTQ-BTT", place="Thái Nguyên", date=date(2026, 3, 16),
        type_name="KẾ HOẠCH", title="Thực hiện Cuộc vận động …",
        blocks=[Heading("I.", "MỤC ĐÍCH, YÊU CẦU"), Paragraph("…"), Bullet("…")],
        signer=Signer("TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Đàm Quang Tuyền"),
        recipients=Recipients(["BTT Ủy ban TWMTTQ Việt Nam", "UBND tỉnh *(để phối hợp)*"], archive="VT, TG-CTXH"),
    )
    render_docx(doc) -> bytes ; render_pdf(doc) -> bytes

Text may carry **bold** and *italic* marks and "\\n" for a forced line break.
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence, Union

logger = logging.getLogger(__name__)

# --- The layout (ND 30/2020, Phụ lục I) -----------------------------------------------------------

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # A4
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 20, 20  # 20-25 mm
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 30, 15  # 30-35 mm, 15-20 mm
HEADER_DISTANCE_MM = 10  # page number, in the top margin
HEADER_COLUMNS_MM = (65, 100)  # issuer | Quốc hiệu; together the text width (165 mm)
CELL_PADDING_MM = 1
FONT_NAME = "Times New Roman"

SIZE_PARENT_BODY = 13  # cơ quan chủ quản: caps, regular, 12-13
SIZE_ISSUING_BODY = 13  # cơ quan ban hành: caps, bold, 12-13
SIZE_NUMBER = 13  # "Số: …"
SIZE_NATIONAL_NAME = 13  # Quốc hiệu: caps, bold, 12-13
SIZE_MOTTO = 14  # Tiêu ngữ: bold, 13-14, line under it as long as the text
SIZE_PLACE_DATE = 14  # italic, 13-14
SIZE_TYPE_NAME = 14  # KẾ HOẠCH: caps, bold, 13-14
SIZE_TITLE = 14  # trích yếu: bold, 13-14
SIZE_BODY = 14  # 13-14, justified, first-line indent 1-1.27 cm
SIZE_TABLE = 12
SIZE_RECIPIENTS_LABEL = 12  # "Nơi nhận:": bold italic
SIZE_RECIPIENTS = 11
SIZE_SIGNER = 14  # authority and title caps bold; name bold
SIZE_PAGE_NUMBER = 13
FIRST_LINE_INDENT_MM = 12.7
PARAGRAPH_SPACE_PT = 6  # at least 6 pt between paragraphs
LINE_SPACING = 1.15  # between single and 1.5 lines
SIGNATURE_SPACE_LINES = 4  # room for the signature and seal

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# --- The document ---------------------------------------------------------------------------------


@dataclass
class Heading:
    """A numbered heading: label "I." / "1." / "1.1." / "a)" and its text. Level 1 is bold (roman
    numerals, usually in capitals), 2 bold, 3 bold italic, 4 italic."""

    label: str
    text: str
    level: int = 0  # 0: guessed from the label

    def effective_level(self) -> int:
        if self.level:
            return self.level
        label = self.label.strip()
        if re.fullmatch(r"[IVXLC]+\.?", label):
            return 1
        if re.fullmatch(r"\d+\.?", label):
            return 2
        if re.fullmatch(r"\d+(\.\d+)+\.?", label):
            return 3
        return 4


@dataclass
class Paragraph:
    """A body paragraph, justified with a first-line indent unless told otherwise."""

    text: str
    align: str = "justify"  # justify | left | center | right
    indent: bool = True
    bold: bool = False
    italic: bool = False


@dataclass
class Bullet:
    """A "- " item, as the plans list their tasks."""

    text: str


@dataclass
class Cell:
    """A table cell that spans columns or rows (header cells mostly)."""

    text: str
    colspan: int = 1
    rowspan: int = 1


CellValue = Union[str, Cell, None]


@dataclass
class TableBlock:
    """A simple bordered table: header rows (bold, centred, repeated on each page) and body rows.

    widths are relative; align is one of "left"/"center"/"right" per column. Rows of one body row
    whose first cell spans all columns act as group rows. `bold_last_row` sets a totals row in bold.
    """

    header_rows: list[list[CellValue]]
    rows: list[list[CellValue]]
    widths: Sequence[float] | None = None
    align: Sequence[str] | None = None
    title: str = ""
    bold_last_row: bool = False
    font_size: int = SIZE_TABLE

    @property
    def column_count(self) -> int:
        rows = self.header_rows or self.rows
        return sum(c.colspan if isinstance(c, Cell) else 1 for c in rows[0]) if rows else 0


@dataclass
class PageBreak:
    pass


Block = Union[Heading, Paragraph, Bullet, TableBlock, PageBreak]


@dataclass
class Annex:
    """A phụ lục after the signature: new page, optionally landscape (tables with one row per unit)."""

    label: str  # "Phụ lục" or "Phụ lục I"
    title: str
    blocks: list[Block] = field(default_factory=list)
    note: str | None = None  # "(Kèm theo Kế hoạch số …)"; None: written from the document
    landscape: bool = True


@dataclass
class Signer:
    """Signature block: authority "TM. BAN THƯỜNG TRỰC" or "KT. CHỦ TỊCH" (may hold "\\n" for two
    lines), title "PHÓ CHỦ TỊCH", name."""

    authority: str = ""
    title: str = ""
    name: str = ""


@dataclass
class Recipients:
    """'Nơi nhận:' items. Punctuation is ND 30's: each item '- …;' and the last '- Lưu: VT, ….'"""

    items: list[str] = field(default_factory=list)
    archive: str = "VT"

    def lines(self) -> list[str]:
        lines = []
        for item in self.items:
            item = item.strip().lstrip("-").strip().rstrip(";.,")
            lines.append(f"- {item};")
        if self.archive:
            lines.append(f"- Lưu: {self.archive.strip().rstrip('.')}.")
        return lines


@dataclass
class OfficialDocument:
    issuing_body: str  # "BAN THƯỜNG TRỰC" or "ỦY BAN MTTQ VIỆT NAM\nXÃ ĐỒNG PHÚC"
    symbol: str  # "KH-MTTQ-BTT"
    place: str  # "Thái Nguyên"
    type_name: str  # "KẾ HOẠCH"; "" for a công văn (then title goes under "Số:" as "V/v …")
    title: str  # trích yếu
    parent_body: str = ""  # "ỦY BAN MTTQ VIỆT NAM\nTỈNH THÁI NGUYÊN"
    number: int | str | None = None  # None: left blank, given when the document is registered
    date: datetime.date | None = None  # None: left blank, written on signing
    blocks: list[Block] = field(default_factory=list)
    signer: Signer | None = None
    recipients: Recipients | None = None
    addressees: list[str] = field(default_factory=list)  # "Kính gửi:" of a công văn
    annexes: list[Annex] = field(default_factory=list)
    issuer_in_text: str = ""  # "Ban Thường trực Ủy ban MTTQ tỉnh", as the annex note names the issuer
    landscape: bool = False  # PDF only: the whole document on A4 landscape (e.g. a dashboard for a meeting)

    @property
    def number_line(self) -> str:
        return number_line(self.number, self.symbol)

    @property
    def place_date(self) -> str:
        return place_date_line(self.place, self.date)

    def annex_note(self, annex: Annex) -> str:
        if annex.note is not None:
            return annex.note
        kind = (self.type_name or "Công văn").capitalize()
        number = f"{_number_text(self.number)}/{self.symbol}" if self.number else f"     /{self.symbol}"
        when = f" ngày {self.date:%d/%m/%Y}" if self.date else ""
        issuer = self.issuer_in_text or _title_case_body(" ".join(self.issuing_body.split()))
        return f"(Kèm theo {kind} số {number}{when} của {issuer})"


_PLACE = re.compile(r"\b(THÀNH PHỐ|THỊ XÃ|THỊ TRẤN|ĐẶC KHU|XÃ|PHƯỜNG|TỈNH|HUYỆN|QUẬN)\s+(.+)$")


def _title_case_body(text: str) -> str:
    """'BAN THƯỜNG TRỰC' -> 'Ban Thường trực', 'ỦY BAN MTTQ VIỆT NAM XÃ ĐỒNG PHÚC' -> 'Ủy ban MTTQ Việt Nam
    xã Đồng Phúc': a best guess at ND 30 capitals; set issuer_in_text when it matters."""
    place = ""
    match = _PLACE.search(text)
    if match:
        text = text[: match.start()].strip()
        place = f" {match.group(1).lower()} {match.group(2).title()}"
    out = []
    words = text.split()
    for i, word in enumerate(words):
        if word in {"MTTQ", "UBND", "HĐND", "TWMTTQ"}:
            out.append(word)
        elif i == 0 or word in {"VIỆT", "MẶT"} or words[i - 1] in {"BAN", "VIỆT"}:
            out.append(word.capitalize())
        else:
            out.append(word.lower())
    return " ".join(out) + place


def _number_text(number) -> str:
    if isinstance(number, int):
        return f"{number:02d}"  # ND 30: numbers below 10 take a leading zero
    return str(number).strip()


def number_line(number, symbol: str) -> str:
    """'Số: 59/KH-MTTQ-BTT'; 'Số: 05/…' below 10; blank number 'Số:      /KH-MTTQ-BTT'."""
    if number in (None, ""):
        return f"Số:      /{symbol}"
    return f"Số: {_number_text(number)}/{symbol}"


def place_date_line(place: str, date) -> str:
    from core.formatting import place_date_line as _line

    return _line(place, date)


# --- Text helpers shared by both renderers --------------------------------------------------------

_MARK = re.compile(r"(\*\*.+?\*\*|\*.+?\*)", re.S)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def runs(text: str, bold: bool = False, italic: bool = False) -> list[tuple[str, bool, bool]]:
    """'a **b** *c*' -> [('a ', F, F), ('b', T, F), (' ', F, F), ('c', F, T)] (with the given base)."""
    out = []
    for part in _MARK.split(nfc(text)):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append((part[2:-2], True, italic))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], bold, True))
        else:
            out.append((part, bold, italic))
    return out


def plain(text: str) -> str:
    return "".join(t for t, _, _ in runs(text))


def text_width_mm(text: str, size: float, bold: bool = False) -> float:
    """Width of a line in Times New Roman (Liberation Serif has the same metrics). Accents do not
    change the advance width, so reportlab's built-in Times metrics on the unaccented text suffice."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    folded = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.encode("latin-1", "replace").decode("latin-1")
    return stringWidth(folded, "Times-Bold" if bold else "Times-Roman", size) * 25.4 / 72


_BREAK_BEFORE = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "ĐẶC KHU", "THỊ TRẤN")


def body_lines(text: str, width_mm: float, size: float, bold: bool) -> list[str]:
    """Split the name of a body into lines for the header column: explicit '\\n' wins; otherwise a
    name too wide breaks before the unit word ('ỦY BAN MTTQ VIỆT NAM' / 'TỈNH THÁI NGUYÊN')."""
    text = nfc(text).strip()
    if not text:
        return []
    if "\n" in text:
        return [line.strip() for line in text.split("\n") if line.strip()]
    if text_width_mm(text, size, bold) <= width_mm:
        return [text]
    words = text.split()
    candidates = []
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        fits = text_width_mm(first, size, bold) <= width_mm and text_width_mm(second, size, bold) <= width_mm
        if fits:
            preferred = any(second.startswith(w + " ") for w in _BREAK_BEFORE)
            balance = abs(text_width_mm(first, size, bold) - text_width_mm(second, size, bold))
            candidates.append((not preferred, balance, [first, second]))
    if candidates:
        return min(candidates, key=lambda c: (c[0], c[1]))[2]
    return [text]  # let the renderer wrap it


def heading_style(level: int) -> tuple[bool, bool]:
    """(bold, italic) of a heading level."""
    return {1: (True, False), 2: (True, False), 3: (True, True)}.get(level, (False, True))


def _issuer_lines(doc: OfficialDocument) -> tuple[list[str], list[str]]:
    width = HEADER_COLUMNS_MM[0] - 2 * CELL_PADDING_MM
    parent = [line.upper() for line in body_lines(doc.parent_body, width, SIZE_PARENT_BODY, False)]
    issuer = [line.upper() for line in body_lines(doc.issuing_body, width, SIZE_ISSUING_BODY, True)]
    return parent, issuer


def _issuer_rule_mm(issuer: list[str]) -> float:
    """ND 30: the line under the issuer is 1/3 to 1/2 of the text; we take 40% of the widest line."""
    widest = max((text_width_mm(line, SIZE_ISSUING_BODY, True) for line in issuer), default=0)
    return max(widest * 0.4, 15)


def _title_rule_mm(title: str) -> float:
    usable = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
    widest = max(min(text_width_mm(plain(line), SIZE_TITLE, True), usable) for line in title.split("\n"))
    return max(widest / 3, 25)


def _motto_rule_mm() -> float:
    return text_width_mm(MOTTO, SIZE_MOTTO, True)


# --- DOCX -----------------------------------------------------------------------------------------


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as a .docx (A4, ND 30 margins and fonts)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    align_map = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }
    document = Document()
    _docx_base_style(document, qn, OxmlElement, Pt)

    section = document.sections[0]
    _docx_page(section, landscape=False, Mm=Mm, WD_ORIENT=WD_ORIENT)
    _docx_page_number(section, qn, OxmlElement, Pt, WD_ALIGN_PARAGRAPH)

    def paragraph(container, text="", size=SIZE_BODY, bold=False, italic=False, align="center",
                  indent=False, before=0, after=0, spacing=1.0, caps=False):
        p = container.add_paragraph()
        fmt = p.paragraph_format
        fmt.alignment = align_map[align]
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = spacing
        if indent:
            fmt.first_line_indent = Mm(FIRST_LINE_INDENT_MM)
        _docx_mark_size(p, size, qn, OxmlElement)
        for part, b, i in runs(text, bold, italic):
            if caps:
                part = part.upper()
            chunks = part.split("\n")
            for k, chunk in enumerate(chunks):
                run = p.add_run(chunk)
                run.font.size = Pt(size)
                run.font.bold = b
                run.font.italic = i
                if k < len(chunks) - 1:
                    run.add_break()
        return p

    def rule(container, width_mm, column_mm, before=0):
        """A centred horizontal line of width_mm: the top border of an empty, indented paragraph."""
        p = container.add_paragraph()
        fmt = p.paragraph_format
        side = max((column_mm - width_mm) / 2, 0)
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(2)
        _docx_mark_size(p, 2, qn, OxmlElement)
        pPr = p._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            top.set(qn(key), value)
        borders.append(top)
        pPr.append(borders)
        return p

    # Header: two borderless columns, two rows so that "Số:" and the place-date line share a line.
    left_mm, right_mm = HEADER_COLUMNS_MM
    header = document.add_table(rows=2, cols=2)
    _docx_table_geometry(header, [left_mm, right_mm], qn, OxmlElement, Mm, borders=False)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    parent, issuer = _issuer_lines(doc)
    cell = header.cell(0, 0)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for line in parent:
        paragraph(cell, line, SIZE_PARENT_BODY)
    for line in issuer:
        paragraph(cell, line, SIZE_ISSUING_BODY, bold=True)
    rule(cell, _issuer_rule_mm(issuer), left_mm - 2 * CELL_PADDING_MM, before=4)
    cell = header.cell(0, 1)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    paragraph(cell, NATIONAL_NAME, SIZE_NATIONAL_NAME, bold=True)
    paragraph(cell, MOTTO, SIZE_MOTTO, bold=True)
    rule(cell, _motto_rule_mm(), right_mm - 2 * CELL_PADDING_MM, before=4)
    cell = header.cell(1, 0)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    paragraph(cell, doc.number_line, SIZE_NUMBER, before=6)
    if not doc.type_name and doc.title:
        paragraph(cell, f"V/v {doc.title}", SIZE_NUMBER - 1, before=2)
    cell = header.cell(1, 1)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    paragraph(cell, doc.place_date, SIZE_PLACE_DATE, italic=True, before=6)

    if doc.type_name:
        paragraph(document, doc.type_name, SIZE_TYPE_NAME, bold=True, caps=True, before=18)
        paragraph(document, doc.title, SIZE_TITLE, bold=True)
        rule(document, _title_rule_mm(doc.title), PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM, before=2)
    if doc.addressees:
        _docx_addressees(document, doc.addressees, paragraph)
    first_body = document.add_paragraph()  # a little air between the title and the body
    first_body.paragraph_format.space_after = Pt(0)
    _docx_mark_size(first_body, 8, qn, OxmlElement)

    def body(blocks, text_width_mm):
        for block in blocks:
            if isinstance(block, Heading):
                bold, italic = heading_style(block.effective_level())
                label = f"{block.label} " if block.label else ""
                paragraph(document, f"{label}{block.text}", SIZE_BODY, bold=bold, italic=italic,
                          align="justify", indent=True, before=PARAGRAPH_SPACE_PT, spacing=LINE_SPACING)
            elif isinstance(block, Paragraph):
                paragraph(document, block.text, SIZE_BODY, bold=block.bold, italic=block.italic,
                          align=block.align, indent=block.indent, before=PARAGRAPH_SPACE_PT, spacing=LINE_SPACING)
            elif isinstance(block, Bullet):
                paragraph(document, f"- {block.text}", SIZE_BODY, align="justify", indent=True,
                          before=PARAGRAPH_SPACE_PT, spacing=LINE_SPACING)
            elif isinstance(block, TableBlock):
                _docx_table(document, block, text_width_mm, paragraph, qn, OxmlElement, Mm, Pt)
            elif isinstance(block, PageBreak):
                document.add_page_break()

    portrait_width = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
    landscape_width = PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
    body(doc.blocks, portrait_width)

    # Recipients (left) and signer (right) side by side.
    if doc.signer or doc.recipients:
        sign = document.add_table(rows=1, cols=2)
        _docx_table_geometry(sign, [portrait_width * 0.45, portrait_width * 0.55], qn, OxmlElement, Mm, borders=False)
        left, right = sign.cell(0, 0), sign.cell(0, 1)
        for c in (left, right):
            c.paragraphs[0]._p.getparent().remove(c.paragraphs[0]._p)
        if doc.recipients:
            paragraph(left, "Nơi nhận:", SIZE_RECIPIENTS_LABEL, bold=True, italic=True, align="left", before=6)
            for line in doc.recipients.lines():
                paragraph(left, line, SIZE_RECIPIENTS, align="left")
        else:
            paragraph(left, "")
        if doc.signer:
            _signer_paragraphs(doc.signer, lambda text, bold, before=0: paragraph(
                right, text, SIZE_SIGNER, bold=bold, before=before))

    for annex in doc.annexes:
        new = document.add_section()
        _docx_page(new, landscape=annex.landscape, Mm=Mm, WD_ORIENT=WD_ORIENT)
        new.different_first_page_header_footer = False  # annex pages carry their page number
        width = landscape_width if annex.landscape else portrait_width
        paragraph(document, annex.label, SIZE_TYPE_NAME, bold=True)
        paragraph(document, annex.title, SIZE_TITLE, bold=True, caps=True)
        paragraph(document, doc.annex_note(annex), SIZE_BODY - 1, italic=True, after=6)
        body(annex.blocks, width)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _signer_paragraphs(signer: Signer, emit):
    first = True
    for line in [*nfc(signer.authority).split("\n"), *nfc(signer.title).split("\n")]:
        if line.strip():
            emit(line.strip().upper(), True, 6 if first else 0)
            first = False
    for _ in range(SIGNATURE_SPACE_LINES):
        emit("", False)
    if signer.name:
        emit(signer.name, True)


def _docx_base_style(document, qn, OxmlElement, Pt):
    style = document.styles["Normal"]
    style.font.name = FONT_NAME
    style.font.size = Pt(SIZE_BODY)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT_NAME)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    core = document.core_properties
    core.author = "doanket"
    core.language = "vi-VN"


def _docx_mark_size(p, size, qn, OxmlElement):
    """Size of the paragraph mark, so that empty paragraphs have the height we want."""
    pPr = p._p.get_or_add_pPr()
    rPr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(size * 2)))
        rPr.append(el)
    pPr.append(rPr)


def _docx_page(section, landscape, Mm, WD_ORIENT):
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)


def _docx_page_number(section, qn, OxmlElement, Pt, WD_ALIGN_PARAGRAPH):
    """ND 30: page numbers centred in the top margin, from the second page on."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = p.add_run()
        run.font.size = Pt(SIZE_PAGE_NUMBER)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _docx_table_geometry(table, widths_mm, qn, OxmlElement, Mm, borders: bool):
    table.autofit = False
    tbl = table._tbl
    tblPr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(widths_mm) / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    for old in tblPr.findall(qn("w:tblW")):
        tblPr.remove(old)
    tblPr.append(width)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(int(CELL_PADDING_MM / 25.4 * 1440)))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblPr.append(margins)
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if borders:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        edges.append(el)
    tblPr.append(edges)
    for i, column in enumerate(table.columns):
        column.width = Mm(widths_mm[i])
        for cell in column.cells:
            cell.width = Mm(widths_mm[i])


def _docx_addressees(document, addressees, paragraph):
    if len(addressees) == 1:
        paragraph(document, f"Kính gửi: {addressees[0]}", SIZE_BODY, before=12)
        return
    paragraph(document, "Kính gửi:", SIZE_BODY, align="left", before=12)
    for name in addressees:
        p = paragraph(document, f"- {name};", SIZE_BODY, align="left")
        from docx.shared import Mm

        p.paragraph_format.left_indent = Mm(45)


def _column_widths(block: TableBlock, total_mm: float) -> list[float]:
    n = block.column_count
    rel = list(block.widths) if block.widths else [1] * n
    scale = total_mm / sum(rel)
    return [w * scale for w in rel]


def _grid(rows: list[list[CellValue]], n: int) -> list[list[tuple[int, int, Cell] | None]]:
    """Lay spanning cells out on an n-column grid: grid[r][c] = (row, col, cell) at the cell's origin,
    None where a span covers it."""
    grid: list[list] = [[False] * n for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for value in row:
            while c < n and grid[r][c] is not False:
                c += 1
            if c >= n:
                break
            cell = value if isinstance(value, Cell) else Cell("" if value is None else str(value))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < len(rows) and c + dc < n:
                        grid[r + dr][c + dc] = None
            grid[r][c] = (r, c, cell)
            c += cell.colspan
    return [[g if g is not False else (r, c, Cell("")) for c, g in enumerate(row)] for r, row in enumerate(grid)]


def _docx_table(document, block: TableBlock, width_mm, paragraph, qn, OxmlElement, Mm, Pt):
    n = block.column_count
    widths = _column_widths(block, width_mm)
    if block.title:
        paragraph(document, block.title, SIZE_BODY, bold=True, before=PARAGRAPH_SPACE_PT, after=3)
    all_rows = block.header_rows + block.rows
    grid = _grid(all_rows, n)
    table = document.add_table(rows=len(all_rows), cols=n)
    _docx_table_geometry(table, widths, qn, OxmlElement, Mm, borders=True)
    aligns = list(block.align) if block.align else ["left"] * n
    header_count = len(block.header_rows)
    for r in range(header_count):  # repeat the header on each page
        trPr = table.rows[r]._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        trPr.append(el)
    # table.cell() rebuilds the whole cell grid on every call (quadratic on big annexes): read the grid once,
    # and again only after a merge changes it.
    cells = table._cells
    for r, row in enumerate(grid):
        for c, slot in enumerate(row):
            if slot is None:
                continue
            _, _, cell = slot
            target = cells[r * n + c]
            if cell.colspan > 1 or cell.rowspan > 1:
                last_r, last_c = min(r + cell.rowspan, len(grid)) - 1, min(c + cell.colspan, n) - 1
                target = target.merge(cells[last_r * n + last_c])
                cells = table._cells
            is_header = r < header_count
            is_total = block.bold_last_row and r == len(grid) - 1
            p = target.paragraphs[0]
            p.paragraph_format.alignment = {"left": 0, "center": 1, "right": 2}["center" if is_header else aligns[c]]
            for part, b, i in runs(cell.text, is_header or is_total):
                run = p.add_run(part)
                run.font.size = Pt(block.font_size)
                run.font.bold = b
                run.font.italic = i
            p.paragraph_format.space_before = Pt(2)
            p.paragraph_format.space_after = Pt(2)
            if is_header:
                target.vertical_alignment = 1  # center
    document.add_paragraph()


# --- PDF ------------------------------------------------------------------------------------------

FONT_DIR_ENV = "DOANKET_FONT_DIR"
_FONT_CANDIDATES = [
    # (directory, regular, bold, italic, bold italic, is_fallback)
    ("/usr/share/fonts/truetype/msttcorefonts", "Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf",
     "Times_New_Roman_Italic.ttf", "Times_New_Roman_Bold_Italic.ttf", False),
    ("/usr/share/fonts/truetype/liberation2", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
     "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf", False),
    ("/usr/share/fonts/truetype/dejavu", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
     "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf", True),
]
FONT_MISSING_MESSAGE = (
    "Không tìm thấy phông chữ có dấu tiếng Việt để xuất PDF. Hãy cài gói phông Liberation Serif "
    "(tương thích Times New Roman): apt-get install fonts-liberation2"
)
FONT_FALLBACK_MESSAGE = (
    "Chưa cài phông Liberation Serif (tương thích Times New Roman); PDF đang dùng DejaVu Serif thay thế. "
    "Hãy cài: apt-get install fonts-liberation2"
)


class FontMissingError(RuntimeError):
    pass


@dataclass(frozen=True)
class PdfFonts:
    family: str
    directory: str
    fallback: bool


_registered: PdfFonts | None = None


def find_pdf_fonts() -> tuple[str, tuple[str, str, str, str], bool] | None:
    """(directory, four file names, is_fallback) of the first serif family with Vietnamese glyphs."""
    candidates = list(_FONT_CANDIDATES)
    custom = os.environ.get(FONT_DIR_ENV)
    if custom:
        candidates.insert(0, (custom, *_FONT_CANDIDATES[1][1:5], False))
    for directory, *files, fallback in candidates:
        if all((Path(directory) / f).is_file() for f in files):
            return directory, tuple(files), fallback
    return None


def pdf_fonts() -> PdfFonts:
    """Register the PDF font family once. Liberation Serif (Debian package fonts-liberation2; the
    older fonts-liberation has no Vietnamese) or Times New Roman if installed; DejaVu Serif with a
    warning otherwise; a clear error when none is there."""
    global _registered
    if _registered:
        return _registered
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    found = find_pdf_fonts()
    if not found:
        raise FontMissingError(FONT_MISSING_MESSAGE)
    directory, files, fallback = found
    if fallback:
        logger.warning(FONT_FALLBACK_MESSAGE)
    family = "ND30Serif"
    names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
    for name, filename in zip(names, files):
        pdfmetrics.registerFont(TTFont(name, str(Path(directory) / filename)))
    for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names):
        addMapping(family, bold, italic, name)
    _registered = PdfFonts(family, directory, fallback)
    return _registered


def _xml(text: str) -> str:
    """Our light markup -> reportlab paragraph markup (escaped)."""
    out = []
    for part, b, i in runs(text):
        s = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
        if b:
            s = f"<b>{s}</b>"
        if i:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF, drawn with reportlab in the same layout as render_docx."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, NextPageTemplate, PageTemplate,
                                    Spacer, Table, TableStyle)
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Paragraph as RLParagraph

    fonts = pdf_fonts()
    family = fonts.family
    aligns = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}

    def style(size, align="center", bold=False, italic=False, indent=False, before=0, after=0, spacing=1.0):
        name = family + ("-Bold" if bold else "") + ("-Italic" if italic and not bold else "")
        if bold and italic:
            name = f"{family}-BoldItalic"
        return ParagraphStyle(
            f"s{size}{align}{bold}{italic}{indent}{before}{after}{spacing}",
            fontName=name, fontSize=size, leading=size * 1.15 * spacing, alignment=aligns[align],
            firstLineIndent=FIRST_LINE_INDENT_MM * mm if indent else 0, spaceBefore=before, spaceAfter=after,
        )

    def para(text, size=SIZE_BODY, caps=False, **kw):
        text = nfc(text)
        if caps:
            text = text.upper()
        return RLParagraph(_xml(text), style(size, **kw))

    def rule(width_mm, before=1, after=0):
        return _Rule(width_mm * mm, before, after)

    left_mm, right_mm = HEADER_COLUMNS_MM
    parent, issuer = _issuer_lines(doc)
    left_top = [para(line, SIZE_PARENT_BODY) for line in parent]
    left_top += [para(line, SIZE_ISSUING_BODY, bold=True) for line in issuer]
    left_top.append(rule(_issuer_rule_mm(issuer), before=6))
    right_top = [para(NATIONAL_NAME, SIZE_NATIONAL_NAME, bold=True), para(MOTTO, SIZE_MOTTO, bold=True),
                 rule(_motto_rule_mm(), before=5)]
    left_bottom = [para(doc.number_line, SIZE_NUMBER, before=6)]
    if not doc.type_name and doc.title:
        left_bottom.append(para(f"V/v {doc.title}", SIZE_NUMBER - 1, before=2))
    right_bottom = [para(doc.place_date, SIZE_PLACE_DATE, italic=True, before=6)]
    header = Table([[left_top, right_top], [left_bottom, right_bottom]], colWidths=[left_mm * mm, right_mm * mm])
    header.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_MM * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_MM * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 6),  # a cell ignores its first paragraph's spaceBefore
    ]))
    story: list = [header]
    if doc.type_name:
        story.append(para(doc.type_name, SIZE_TYPE_NAME, bold=True, caps=True, before=18))
        story.append(para(doc.title, SIZE_TITLE, bold=True))
        story.append(rule(_title_rule_mm(doc.title), before=3))
    if doc.addressees:
        if len(doc.addressees) == 1:
            story.append(para(f"Kính gửi: {doc.addressees[0]}", before=12))
        else:
            story.append(para("Kính gửi:", align="left", before=12))
            for name in doc.addressees:
                p = para(f"- {name};", align="left")
                p.style = ParagraphStyle("kg", parent=p.style, leftIndent=45 * mm)
                story.append(p)
    story.append(Spacer(1, 8))

    def body(blocks, width_mm):
        out = []
        for block in blocks:
            if isinstance(block, Heading):
                bold, italic = heading_style(block.effective_level())
                label = f"{block.label} " if block.label else ""
                out.append(para(f"{label}{block.text}", bold=bold, italic=italic, align="justify", indent=True,
                                before=PARAGRAPH_SPACE_PT, spacing=LINE_SPACING))
            elif isinstance(block, Paragraph):
                out.append(para(block.text, bold=block.bold, italic=block.italic, align=block.align,
                                indent=block.indent, before=PARAGRAPH_SPACE_PT, spacing=LINE_SPACING))
            elif isinstance(block, Bullet):
                out.append(para(f"- {block.text}", align="justify", indent=True, before=PARAGRAPH_SPACE_PT,
                                spacing=LINE_SPACING))
            elif isinstance(block, TableBlock):
                out += _pdf_table(block, width_mm, para, family, Table, TableStyle, mm)
            elif isinstance(block, PageBreak):
                out.append(RLPageBreak())
        return out

    portrait_width = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
    landscape_width = PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
    story += body(doc.blocks, landscape_width if doc.landscape else portrait_width)

    if doc.signer or doc.recipients:
        left = []
        if doc.recipients:
            left.append(para("Nơi nhận:", SIZE_RECIPIENTS_LABEL, bold=True, italic=True, align="left", before=6))
            left += [para(line, SIZE_RECIPIENTS, align="left") for line in doc.recipients.lines()]
        right = []
        if doc.signer:
            _signer_paragraphs(doc.signer, lambda text, bold, before=0: right.append(
                para(text or "\u00a0", SIZE_SIGNER, bold=bold, before=before)))
        sign = Table([[left, right]], colWidths=[portrait_width * 0.45 * mm, portrait_width * 0.55 * mm])
        sign.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]))
        story.append(Spacer(1, 6))
        story.append(KeepTogether([sign]))

    current = "portrait"
    for annex in doc.annexes:
        wanted = "landscape" if annex.landscape else "portrait"
        story += [NextPageTemplate(wanted), RLPageBreak()]
        current = wanted
        width = landscape_width if annex.landscape else portrait_width
        story.append(para(annex.label, SIZE_TYPE_NAME, bold=True))
        story.append(para(annex.title, SIZE_TITLE, bold=True, caps=True))
        story.append(para(doc.annex_note(annex), SIZE_BODY - 1, italic=True, after=6))
        story += body(annex.blocks, width)
    del current

    def page_number(canvas, document):
        if document.page > 1:
            canvas.saveState()
            canvas.setFont(family, SIZE_PAGE_NUMBER)
            width, height = canvas._pagesize
            canvas.drawCentredString(width / 2, height - HEADER_DISTANCE_MM * mm - SIZE_PAGE_NUMBER * 0.8,
                                     str(document.page))
            canvas.restoreState()

    out = io.BytesIO()
    portrait_size, landscape_size = A4, landscape(A4)

    def frame(size, fid):
        return Frame(MARGIN_LEFT_MM * mm, MARGIN_BOTTOM_MM * mm,
                     size[0] - (MARGIN_LEFT_MM + MARGIN_RIGHT_MM) * mm,
                     size[1] - (MARGIN_TOP_MM + MARGIN_BOTTOM_MM) * mm,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=fid)

    template = BaseDocTemplate(
        out, pagesize=portrait_size, title=plain(f"{doc.type_name} {doc.title}".strip()),
        author=" ".join(nfc(doc.issuing_body).split()), lang="vi-VN",
    )
    page_templates = [
        PageTemplate("portrait", [frame(portrait_size, "p")], onPage=page_number, pagesize=portrait_size),
        PageTemplate("landscape", [frame(landscape_size, "l")], onPage=page_number, pagesize=landscape_size),
    ]
    template.addPageTemplates(page_templates[::-1] if doc.landscape else page_templates)  # the first one opens
    template.build(story)
    return out.getvalue()


def _rule_class():
    from reportlab.platypus.flowables import Flowable

    class Rule(Flowable):
        """A centred horizontal line with explicit room above it (HRFlowable's spacing is not kept
        inside table cells)."""

        def __init__(self, width, before, after, thickness=0.6):
            super().__init__()
            self.line_width, self.before, self.after, self.thickness = width, before, after, thickness

        def wrap(self, available_width, available_height):
            self.available = available_width
            return available_width, self.before + self.after + self.thickness

        def draw(self):
            x = (self.available - self.line_width) / 2
            y = self.after + self.thickness / 2
            self.canv.setLineWidth(self.thickness)
            self.canv.line(x, y, x + self.line_width, y)

    return Rule


def _Rule(width, before, after):
    global _RuleClass
    if _RuleClass is None:
        _RuleClass = _rule_class()
    return _RuleClass(width, before, after)


_RuleClass = None


def _pdf_table(block: TableBlock, width_mm, para, family, Table, TableStyle, mm):
    n = block.column_count
    widths = _column_widths(block, width_mm)
    all_rows = block.header_rows + block.rows
    grid = _grid(all_rows, n)
    header_count = len(block.header_rows)
    aligns = list(block.align) if block.align else ["left"] * n
    data, spans = [], []
    for r, row in enumerate(grid):
        line = []
        for c, slot in enumerate(row):
            if slot is None:
                line.append("")
                continue
            _, _, cell = slot
            is_header = r < header_count
            is_total = block.bold_last_row and r == len(grid) - 1
            line.append(para(cell.text or "", block.font_size, bold=is_header or is_total,
                             align="center" if is_header else aligns[c]))
            if cell.colspan > 1 or cell.rowspan > 1:
                spans.append(("SPAN", (c, r), (min(c + cell.colspan, n) - 1, min(r + cell.rowspan, len(grid)) - 1)))
        data.append(line)
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=header_count)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, header_count - 1 if header_count else 0), "MIDDLE"),
        ("VALIGN", (0, header_count), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *spans,
    ]))
    from reportlab.platypus import Spacer

    out = [Spacer(1, PARAGRAPH_SPACE_PT)]
    if block.title:
        out.append(para(block.title, SIZE_BODY, bold=True, after=3))
    out += [table, Spacer(1, PARAGRAPH_SPACE_PT)]
    return out


# --- Plain text -> blocks -------------------------------------------------------------------------

_HEADING = re.compile(r"^((?:[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\))\s+(.+)$")


def blocks_from_text(text: str) -> list[Block]:
    """Blocks from plain text written the way plans are: blank-line separated paragraphs; lines that
    start with 'I.', '1.', '1.1.' or 'a)' are headings, lines that start with '- ' are bullets.

    A numbered chunk that ends like a sentence ('.', ';', ':') or runs past about four lines is kept as
    a numbered paragraph: the targets of a plan are numbered paragraphs, not headings."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", nfc(text).strip()):
        line = " ".join(chunk.split())
        if not line:
            continue
        if line.startswith("- "):
            blocks.append(Bullet(line[2:]))
            continue
        match = _HEADING.match(line)
        if match and len(match.group(2)) <= 300 and not re.search(r"[.;:!?…]\W*$", match.group(2)):
            blocks.append(Heading(match.group(1), match.group(2)))
        else:
            blocks.append(Paragraph(line))
    return blocks
