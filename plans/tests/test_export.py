import io

from docx import Document

from plans.export import build_document
from documents.nd30 import render_docx, render_pdf


def _docx_text(plan):
    document = Document(io.BytesIO(render_docx(build_document(plan))))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return "\n".join(texts)


def test_docx_has_header_number_title_body_signer_and_recipients(issued_province_plan):
    text = _docx_text(issued_province_plan)
    for expected in ["ỦY BAN MTTQ VIỆT NAM", "TỈNH THÁI NGUYÊN", "BAN THƯỜNG TRỰC", "Số: 59/KH-MTTQ-BTT",
                     "Thái Nguyên, ngày 16 tháng 3 năm 2026", "KẾ HOẠCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Thực hiện Cuộc vận động", "MỘT SỐ CHỈ TIÊU CỤ THỂ", "ít nhất 200 hộ nghèo",
                     "TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Đàm Quang Tuyền", "Nơi nhận",
                     "- BTT Ủy ban TWMTTQ Việt Nam;", "- Lưu: VT, TG-CTXH."]:
        assert expected in text, expected


def test_pdf_renders(issued_province_plan):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render_pdf(build_document(issued_province_plan))))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "59/KH-MTTQ-BTT" in text and "Đàm Quang Tuyền" in text


def test_export_views_return_files_and_are_audited(client_for, dong_phuc_officer, issued_province_plan):
    from accounts.models import AuditEvent

    client = client_for(dong_phuc_officer)
    r = client.get(f"/ke-hoach/{issued_province_plan.pk}/tai-ve.docx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    r = client.get(f"/ke-hoach/{issued_province_plan.pk}/tai-ve.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="Tải văn bản kế hoạch", actor=dong_phuc_officer).count() == 2
