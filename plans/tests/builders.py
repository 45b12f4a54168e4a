"""Tiny .docx and .pdf files built inside the tests, so the extraction paths are exercised too."""

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def make_pdf(lines: list[str], pages: int = 1) -> bytes:
    """A minimal PDF whose text layer holds `lines` (split over `pages` pages).

    The font is the standard Helvetica with a one-byte code per character and a ToUnicode map, which
    is all a text extractor needs; no font file and no third-party writer are involved.
    """
    chars = sorted({c for line in lines for c in line})
    if len(chars) > 250:
        raise ValueError("too many distinct characters for a one-byte font")
    code = {c: i + 1 for i, c in enumerate(chars)}
    per_page = -(-len(lines) // pages) if lines else 0
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] if lines else [[]]

    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    cmap = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <01> <FF> endcodespacerange"]
    items = list(code.items())
    for k in range(0, len(items), 100):
        block = items[k:k + 100]
        cmap.append(f"{len(block)} beginbfchar")
        cmap += [f"<{n:02X}> <{c.encode('utf-16-be').hex().upper()}>" for c, n in block]
        cmap.append("endbfchar")
    cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    cmap_bytes = "\n".join(cmap).encode("ascii")

    catalog = add(b"")  # filled below
    pages_obj = add(b"")
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap_bytes) + cmap_bytes + b"\nendstream")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % tounicode)
    kids = []
    for chunk in chunks:
        ops = ["BT", "/F1 10 Tf", "12 TL", "40 800 Td"]
        for line in chunk:
            ops.append("<" + "".join(f"{code[c]:02X}" for c in line) + "> Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("ascii") if chunk else b""
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        res = b"<< /Font << /F1 %d 0 R >> >>" % font if chunk else b"<< >>"
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources " % pages_obj
                        + res + b" /Contents %d 0 R >>" % content))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                              + b"] /Count %d >>" % len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


def _bookmark(paragraph, name="_GoBack"):
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), "0")
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _tracked(paragraph, kind, text):
    """A tracked insertion (kept) or deletion (dropped) inside a paragraph."""
    wrapper = OxmlElement("w:" + kind)
    wrapper.set(qn("w:id"), "1")
    wrapper.set(qn("w:author"), "x")
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    wrapper.append(run)
    paragraph._p.append(wrapper)


def make_docx(path):
    """An ND 30 style plan: header and signature in two-column tables, bold runs, a bookmark,
    a tracked insertion and deletion, a data table of targets."""
    d = docx.Document()
    header = d.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].add_run("ỦY BAN MTTQ VIỆT NAM").bold = True
    left.add_paragraph().add_run("TỈNH LÀO CAI").bold = True
    left.add_paragraph().add_run("BAN THƯỜNG TRỰC").bold = True
    p = left.add_paragraph("Số: ")
    p.add_run("27")
    p.add_run(" /KH-MTTQ-BTT")
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    right.add_paragraph().add_run("Lào Cai, ngày 05 tháng 3 năm 2024").italic = True
    d.add_paragraph().add_run("KẾ HOẠCH").bold = True
    title = d.add_paragraph()
    title.add_run("Thực hiện Cuộc vận động ").bold = True
    title.add_run("“Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” năm 2024").bold = True
    _bookmark(title)
    d.add_paragraph(
        "Căn cứ Kế hoạch số 301/KH-MTTW-BTT ngày 20/01/2024 của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam;"
    )
    d.add_paragraph("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh xây dựng kế hoạch như sau:")
    d.add_paragraph().add_run("I. CHỈ TIÊU").bold = True
    p = d.add_paragraph("1. Mỗi xã, phường, thị trấn xây dựng ít nhất ")
    _tracked(p, "ins", "02 mô hình")
    _tracked(p, "del", "09 công trình")
    p.add_run(" khu dân cư tự quản.")
    d.add_paragraph("2. 100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc.")
    d.add_paragraph().add_run("II. TỔ CHỨC THỰC HIỆN").bold = True
    d.add_paragraph("1. Ban Thường trực Ủy ban MTTQ Việt Nam các huyện, thị xã, thành phố")
    d.add_paragraph("- Báo cáo kết quả năm gửi trước ngày 20/11/2024.")
    table = d.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["STT", "Đơn vị", "Số mô hình"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1", "Huyện Bát Xát", "3"]):
        cell.text = text
    sig = d.add_table(rows=1, cols=2)
    left, right = sig.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    left.add_paragraph("- BTT UBTW MTTQ Việt Nam;")
    left.add_paragraph("- Thường trực Tỉnh ủy;")
    left.add_paragraph("- Lưu: VT, PT.")
    right.paragraphs[0].add_run("TM. BAN THƯỜNG TRỰC").bold = True
    right.add_paragraph().add_run("CHỦ TỊCH").bold = True
    right.add_paragraph("")
    right.add_paragraph().add_run("Giàng Seo Phử").bold = True
    d.save(path)
