"""Real files from a document's text, as an office would have them, to measure the importer on them:

    to_docx(text, path)   Word: the header (issuing body | quốc hiệu; Số | place and date) in a two-column
                          borderless table as in the ND 30 templates, then one paragraph per line
    to_pdf(text, path)    a PDF with a text layer made from the same layout (reportlab, a Vietnamese font)
    scanned_pdf(path)     a PDF with only an image on its page (a scan): no text layer
    long_docx(path, pages) a Word plan of about `pages` A4 pages, for the speed measure

Used by the tests (files generated in set-up, never committed) and by `python -m plans.importer_score
--format docx|pdf`.
"""

import re
from pathlib import Path

_QUOC_HIEU = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)|CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]", re.IGNORECASE)
_TYPE_LINE = re.compile(
    r"^(?:KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|HƯỚNG\s+DẪN|QUY\s+CHẾ|NGHỊ\s+QUYẾT|CHƯƠNG\s+TRÌNH|BÁO\s+CÁO|THÔNG\s+BÁO)"
)
_BODY_START = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|[IVX]+\.\s|\d+\.\s|Điều\s+\d|-\s)")


def split_tail(text: str) -> tuple[str, list[str], list[str]]:
    """A text laid out in two columns at its end ("Nơi nhận: …      TM. BAN THƯỜNG TRỰC") → (the text before,
    left column, right column), as Word keeps them in a borderless table. ([], []) when there is none."""
    raw = text.replace("\r", "").split("\n")
    start = next((i for i, line in enumerate(raw)
                  if re.search(r"\S\s{3,}\S", line.strip()) and re.search(r"Nơi\s+nhận|\b(?:TM|KT|TL)\.", line)), None)
    if start is None:
        return text, [], []
    left, right = [], []
    for line in raw[start:]:
        parts = [p for p in re.split(r"\s{3,}", line.strip()) if p]
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(" ".join(parts[1:]))
        elif parts and len(line) - len(line.lstrip()) >= 15:
            right.append(parts[0])
        elif parts:
            left.append(parts[0])
    return "\n".join(raw[:start]), left, right


def split_layout(text: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """(left top, right top, left bottom, right bottom, body lines) of a document's text."""
    from plans.importer.textnorm import layout_lines

    lines = []
    # the web copies break header cells into one-word lines ("ỦY" / "BAN NHÂN DÂN"); Word keeps them whole
    for line in layout_lines(text.replace("\r", "")).split("\n"):
        cells = [c.strip() for c in line.split("|")] if "|" in line else [line.strip()]
        lines.extend(c for c in cells if c)
    end = 0
    for i, line in enumerate(lines[:30]):
        if _TYPE_LINE.match(line) or _BODY_START.match(line) or len(line) > 120:
            break
        end = i + 1
    else:
        end = 0 if len(lines) <= 30 else end
    header, body = lines[:end], lines[end:]
    if not any(_QUOC_HIEU.search(x) or re.match(r"^Số\b", x) for x in header):
        header, body = [], lines  # a body without its header (web portals)
    left_top, right_top, left_bottom, right_bottom = [], [], [], []
    side = left_top
    for line in header:
        if _QUOC_HIEU.search(line):
            side = right_top
        elif re.search(r",\s*ngày\b", line):
            side = right_bottom
        elif re.match(r"^(?:Số|V/v)\b", line):
            side = left_bottom
        elif not re.fullmatch(r"[-–_=.\s]+", line):
            side = left_top  # the issuing body; a rule stays on the side of the line above it
        side.append(line)
    return left_top, right_top, left_bottom, right_bottom, body


def to_docx(text: str, path) -> Path:
    import docx
    from docx.shared import Pt

    text, tail_left, tail_right = split_tail(text)
    left_top, right_top, left_bottom, right_bottom, body = split_layout(text)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    if left_top or right_top or left_bottom or right_bottom:
        table = document.add_table(rows=2, cols=2)
        for (r, c), cell_lines in {(0, 0): left_top, (0, 1): right_top, (1, 0): left_bottom, (1, 1): right_bottom}.items():
            cell = table.cell(r, c)
            cell.paragraphs[0].text = cell_lines[0] if cell_lines else ""
            for line in cell_lines[1:]:
                cell.add_paragraph(line)
    for line in body:
        document.add_paragraph(line)
    if tail_left or tail_right:
        table = document.add_table(rows=1, cols=2)
        for c, cell_lines in enumerate((tail_left, tail_right)):
            cell = table.cell(0, c)
            cell.paragraphs[0].text = cell_lines[0] if cell_lines else ""
            for line in cell_lines[1:]:
                cell.add_paragraph(line)
    path = Path(path)
    document.save(path)
    return path


def _pdf_font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from documents.nd30 import find_pdf_fonts

    found = find_pdf_fonts()
    if not found:
        return None
    directory, files, _fallback = found
    name = "ImporterTestSerif"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(Path(directory) / files[0])))
    return name


def to_pdf(text: str, path) -> Path | None:
    """None when no font with Vietnamese letters is installed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    font = _pdf_font()
    if font is None:
        return None
    style = ParagraphStyle("body", fontName=font, fontSize=12, leading=15, spaceAfter=4)
    center = ParagraphStyle("center", parent=style, alignment=1)

    def para(s, st=style):
        return Paragraph(s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), st)

    text, tail_left, tail_right = split_tail(text)
    left_top, right_top, left_bottom, right_bottom, body = split_layout(text)
    story = []
    if left_top or right_top or left_bottom or right_bottom:
        cell = lambda lines: [para(x, center) for x in lines] or [para("")]  # noqa: E731
        story.append(Table([[cell(left_top), cell(right_top)], [cell(left_bottom), cell(right_bottom)]],
                           colWidths=[8 * cm, 9 * cm]))
    story.extend(para(line) for line in body)
    if tail_left or tail_right:
        story.append(Table([[[para(x) for x in tail_left] or [para("")], [para(x, center) for x in tail_right] or [para("")]]],
                           colWidths=[8 * cm, 9 * cm]))
    path = Path(path)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm).build(story)
    return path


def scanned_pdf(path) -> Path:
    """A page that only holds an image of text, as a scanner makes it."""
    import io

    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for k in range(40):
        draw.rectangle((120, 120 + k * 38, 1100 - (k % 5) * 90, 140 + k * 38), fill=40)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    buf.seek(0)
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return path


def long_docx(path, pages: int = 30) -> Path:
    """A plan of about `pages` A4 pages: the header table, then sections with targets, tasks and deadlines
    (about 450 words a page)."""
    header = (
        "ỦY BAN MTTQ VIỆT NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH THÁI NGUYÊN | Độc lập - Tự do - Hạnh phúc\n"
        "BAN THƯỜNG TRỰC\nSố: 59/KH-MTTQ-BTT | Thái Nguyên, ngày 16 tháng 3 năm 2026\nKẾ HOẠCH\n"
        "Thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” năm 2026\n"
        "Căn cứ Kế hoạch số 512/KH-MTTW-BTT ngày 10/01/2026 của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam;\n"
    )
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    parts = [header, "II. MỘT SỐ CHỈ TIÊU CỤ THỂ"]
    parts += [f"{k}. MTTQ mỗi xã, phường xây dựng ít nhất {k:02d} mô hình điểm khu dân cư tự quản; "
              f"100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc." for k in range(1, 7)]
    words = 0
    section = 2
    while words < pages * 450:
        parts.append(f"{roman[section % 12]}. NỘI DUNG THỰC HIỆN PHẦN {section}")
        for k in range(1, 9):
            line = (f"{k}. Ban Thường trực Ủy ban MTTQ Việt Nam các xã, phường tiếp tục tuyên truyền, vận động "
                    f"Nhân dân tham gia xây dựng nông thôn mới, đô thị văn minh; báo cáo kết quả gửi trước ngày "
                    f"{10 + k % 15}/{1 + k % 12}/2026 về Ban Thường trực Ủy ban MTTQ tỉnh (qua Ban Phong trào).")
            parts.append(line)
            parts.append("- Phối hợp với các tổ chức thành viên hỗ trợ sinh kế cho hộ nghèo, hộ cận nghèo, "
                         "xây dựng nhà Đại đoàn kết, chăm lo gia đình chính sách, người có công trên địa bàn.")
            words += len(line.split()) + 25
        section += 1
    parts.append("Nơi nhận:\n- Ban Thường trực UBTW MTTQ Việt Nam;\n- Lưu: VT.\nTM. BAN THƯỜNG TRỰC\nPHÓ CHỦ TỊCH\n"
                 "Đàm Quang Tuyền")
    return to_docx("\n".join(parts), path)
