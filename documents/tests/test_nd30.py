import datetime
import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt
from pypdf import PdfReader

from documents import nd30
from documents.nd30 import (Annex, Bullet, Cell, Heading, OfficialDocument, Paragraph, Recipients, Signer,
                            TableBlock, blocks_from_text, number_line, render_docx, render_pdf)
from documents.samples import thai_nguyen_plan_2026


@pytest.fixture(scope="module")
def plan():
    return thai_nguyen_plan_2026()


@pytest.fixture(scope="module")
def docx_file(plan):
    return Document(io.BytesIO(render_docx(plan)))


@pytest.fixture(scope="module")
def pdf_text(plan):
    reader = PdfReader(io.BytesIO(render_pdf(plan)))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _all_text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def _near(length, mm):
    return abs(length - Mm(mm)) < Mm(0.1)


def test_number_line_follows_nd30():
    assert number_line(59, "KH-MTTQ-BTT") == "Số: 59/KH-MTTQ-BTT"
    assert number_line(5, "BC-MTTQ-BTT") == "Số: 05/BC-MTTQ-BTT"
    assert number_line(None, "KH-MTTQ-BTT") == "Số:      /KH-MTTQ-BTT"


def test_recipients_are_punctuated_and_end_with_the_archive():
    lines = Recipients(["UBND tỉnh", "- Các xã;"], archive="VT, TG-CTXH").lines()
    assert lines == ["- UBND tỉnh;", "- Các xã;", "- Lưu: VT, TG-CTXH."]


def test_heading_levels_come_from_labels():
    assert [Heading(label, "x").effective_level() for label in ("I.", "2.", "1.1.", "a)")] == [1, 2, 3, 4]


def test_blocks_from_text():
    long_heading = "Đoàn kết xây dựng đời sống văn hóa, chăm lo sự nghiệp giáo dục, phát triển nguồn nhân lực, " * 2
    text = (f"Căn cứ …\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n\n- Làm việc A\n\n2. 100% khu dân cư tổ chức Ngày hội.\n\n"
            f"3. {long_heading.strip(', ')}\n\na) Điểm")
    blocks = blocks_from_text(text)
    assert [type(b) for b in blocks] == [Paragraph, Heading, Heading, Bullet, Paragraph, Heading, Heading]
    assert blocks[1].label == "I." and blocks[1].text == "MỤC ĐÍCH"


def test_header_lines_break_before_the_unit():
    lines = nd30.body_lines("ỦY BAN MTTQ VIỆT NAM TỈNH THÁI NGUYÊN", 63, 13, False)
    assert lines == ["ỦY BAN MTTQ VIỆT NAM", "TỈNH THÁI NGUYÊN"]
    assert nd30.body_lines("BAN THƯỜNG TRỰC", 63, 13, True) == ["BAN THƯỜNG TRỰC"]


def test_docx_page_is_a4_with_nd30_margins(docx_file):
    section = docx_file.sections[0]
    assert _near(section.page_width, 210) and _near(section.page_height, 297)
    mm = {k: round(getattr(section, f"{k}_margin").mm, 1) for k in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20
    assert docx_file.styles["Normal"].font.name == "Times New Roman"
    assert docx_file.styles["Normal"].font.size == Pt(14)


def test_docx_landscape_annex_section(docx_file):
    annex = docx_file.sections[-1]
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert _near(annex.page_width, 297) and _near(annex.page_height, 210)


def test_docx_header_table(docx_file):
    header = docx_file.tables[0]
    left = [p for p in header.cell(0, 0).paragraphs if p.text]
    right = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in left] == ["ỦY BAN MTTQ VIỆT NAM", "TỈNH THÁI NGUYÊN", "BAN THƯỜNG TRỰC"]
    assert not left[0].runs[0].bold and left[2].runs[0].bold
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].runs[0].bold
    assert right[0].runs[0].font.size == Pt(13)
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc" and right[1].runs[0].bold
    assert right[1].runs[0].font.size == Pt(14)
    assert header.cell(1, 0).paragraphs[0].text == "Số: 15/KH-MTTQ-BTT"
    place = header.cell(1, 1).paragraphs[0]
    assert place.text == "Thái Nguyên, ngày 16 tháng 3 năm 2026" and place.runs[0].italic
    # the line under the issuer and under the motto: a top border on a short paragraph
    borders = header._tbl.xpath(".//w:pBdr/w:top")
    assert len(borders) == 2


def test_docx_body_and_signature(docx_file):
    paragraphs = docx_file.paragraphs
    type_name = next(p for p in paragraphs if p.text == "KẾ HOẠCH")
    assert type_name.runs[0].bold and type_name.runs[0].font.size == Pt(14)
    heading = next(p for p in paragraphs if p.text.startswith("I. MỤC ĐÍCH"))
    assert heading.runs[0].bold
    body = next(p for p in paragraphs if p.text.startswith("1. Tiếp tục đẩy mạnh"))
    assert body.paragraph_format.first_line_indent is not None
    assert body.paragraph_format.alignment == 3  # justify
    italic = [r.text for r in body.runs if r.italic]
    assert italic == ["Cuộc vận động"]
    sign = docx_file.tables[1]
    left = [p for p in sign.cell(0, 0).paragraphs if p.text]
    assert left[0].text == "Nơi nhận:" and left[0].runs[0].bold and left[0].runs[0].italic
    assert left[0].runs[0].font.size == Pt(12) and left[1].runs[0].font.size == Pt(11)
    assert left[-1].text == "- Lưu: VT, TG-CTXH."
    right = [p.text for p in sign.cell(0, 1).paragraphs if p.text]
    assert right == ["TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Đàm Quang Tuyền"]


def test_docx_annex_table(docx_file):
    table = docx_file.tables[-1]
    assert table.cell(0, 1).text == "Đơn vị"
    assert table.cell(4, 1).text == "Tổng cộng"
    assert table.cell(4, 6).text == "143.750.000"
    assert table.cell(3, 3).text == ""  # not reported is empty, not 0
    assert "Kèm theo Kế hoạch số 15/KH-MTTQ-BTT ngày 16/03/2026" in _all_text(docx_file)


def test_pdf_has_the_text(pdf_text):
    reader, text = pdf_text
    flat = " ".join(text.split())
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: 15/KH-MTTQ-BTT", "Thái Nguyên, ngày 16 tháng 3 năm 2026", "KẾ HOẠCH",
                     "I. MỤC ĐÍCH, YÊU CẦU", "Nơi nhận:", "TM. BAN THƯỜNG TRỰC", "Đàm Quang Tuyền",
                     "Tổng cộng", "143.750.000"):
        assert expected in flat
    first = reader.pages[0].mediabox
    assert round(float(first.width) * 25.4 / 72) == 210 and round(float(first.height) * 25.4 / 72) == 297
    last = reader.pages[-1].mediabox
    assert float(last.width) > float(last.height)  # the landscape annex


def test_pdf_embeds_a_serif_font(pdf_text):
    reader, _ = pdf_text
    fonts = set()
    for page in reader.pages[:1]:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Serif" in f or "Times" in f for f in fonts), fonts


def test_minimal_document_and_cong_van():
    doc = OfficialDocument(
        issuing_body="ỦY BAN MTTQ VIỆT NAM\nXÃ ĐỒNG PHÚC", symbol="MTTQ", place="Đồng Phúc",
        type_name="", title="báo cáo kết quả 6 tháng", number=7, date=datetime.date(2026, 6, 2),
        addressees=["Ban Thường trực Ủy ban MTTQ tỉnh"],
        blocks=[Paragraph("Nội dung."), TableBlock([[Cell("Chỉ tiêu", rowspan=2), Cell("Kết quả", colspan=2)],
                                                    ["Số", "Tỷ lệ"]], [["Ngày hội", "12", "100%"]])],
        signer=Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"),
    )
    document = Document(io.BytesIO(render_docx(doc)))
    text = _all_text(document)
    assert "Số: 07/MTTQ" in text and "V/v báo cáo kết quả 6 tháng" in text
    assert "Đồng Phúc, ngày 02 tháng 6 năm 2026" in text
    assert "Kính gửi: Ban Thường trực Ủy ban MTTQ tỉnh" in text
    pdf = PdfReader(io.BytesIO(render_pdf(doc)))
    assert "KT. CHỦ TỊCH" in pdf.pages[0].extract_text()


def test_missing_fonts_give_a_vietnamese_message(monkeypatch):
    monkeypatch.setattr(nd30, "_FONT_CANDIDATES", [("/nonexistent", "a", "b", "c", "d", False)])
    monkeypatch.delenv(nd30.FONT_DIR_ENV, raising=False)
    assert nd30.find_pdf_fonts() is None
    monkeypatch.setattr(nd30, "_registered", None)
    with pytest.raises(nd30.FontMissingError, match="fonts-liberation2"):
        nd30.pdf_fonts()


def test_fallback_font_is_dejavu(monkeypatch):
    monkeypatch.setattr(nd30, "_FONT_CANDIDATES", nd30._FONT_CANDIDATES[-1:])
    monkeypatch.delenv(nd30.FONT_DIR_ENV, raising=False)
    found = nd30.find_pdf_fonts()
    assert found is None or (found[0].endswith("dejavu") and found[2] is True)
