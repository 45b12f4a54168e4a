import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import Plan

SEED = "/work/shared/seeds/ke-hoach-thai-nguyen-2026.txt"


def _upload(client, unit, name, content):
    return client.post(f"/ke-hoach/nhap/?don-vi={unit.pk}", {"file": SimpleUploadedFile(name, content)})


def _review_post_data(page: str) -> dict:
    """Every input, textarea and selected option of the review form, as the browser would send them."""
    data = {}
    for m in re.finditer(r'<input[^>]*name="([^"]+)"[^>]*>', page):
        tag = m[0]
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[m[1]] = _unescape(value[1]) if value else ""
    for m in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[m[1]] = _unescape(m[2].lstrip("\n"))
    for m in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', m[2])
        data[m[1]] = [_unescape(c) for c in chosen] if "multiple" in m[0] else (_unescape(chosen[0]) if chosen else "")
    return data


def _unescape(text):
    import html

    return html.unescape(text)


@pytest.fixture
def seed_bytes():
    with open(SEED, "rb") as fh:
        return fh.read()


def test_upload_review_correct_and_save(client_for, province_officer, tree, seed_bytes):
    client = client_for(province_officer)
    r = _upload(client, tree.province, "ke-hoach.txt", seed_bytes)
    assert r.status_code == 302 and "/ke-hoach/nhap/kiem-tra/" in r["Location"]
    page = client.get(r["Location"]).content.decode()
    assert "MỘT SỐ CHỈ TIÊU CỤ THỂ" in page and "Văn bản gốc" in page
    assert "được dùng hai lần" in page  # the importer's warning is shown
    assert Plan.objects.count() == 0  # nothing saved yet
    data = _review_post_data(page)
    data["plan-number"], data["plan-symbol"], data["plan-issued_on"] = "59", "KH-MTTQ-BTT", "2026-03-16"
    r = client.post(r["Location"], data)
    assert r.status_code == 302, r.content.decode()[:3000]
    plan = Plan.objects.get()
    assert plan.number_symbol == "59/KH-MTTQ-BTT" and plan.unit == tree.province and plan.period.code == "2026"
    assert plan.sections.filter(depth=1).count() == 5
    assert plan.signer_name == "Đàm Quang Tuyền" and plan.recipients.count() == 10 and plan.archive == "VT, TG-CTXH"
    reports = list(plan.report_requirements.values_list("name", "period__code", "due_date"))
    assert [(n, p, d.isoformat()) for n, p, d in reports] == [("Báo cáo 6 tháng", "2026-h1", "2026-06-10"),
                                                               ("Báo cáo năm", "2026", "2026-11-15")]
    assert plan.tasks.count() >= 10 and plan.contents.count() == 5
    assert plan.intro.startswith("Thực hiện Chương trình hành động số 03/CTr-MTTQ-UB")
    assert plan.references.filter(kind="basis").count() == 3
    assert plan.sections.get(label="IV.").body.startswith("Đề nghị các tổ chức thành viên")


def test_scanned_pdf_is_refused_in_vietnamese_and_nothing_saved(client_for, province_officer, tree):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    r = _upload(client_for(province_officer), tree.province, "scan.pdf", buf.getvalue())
    page = r.content.decode()
    assert r.status_code == 200 and ("lớp chữ" in page or "quét" in page)
    assert Plan.objects.count() == 0


@pytest.mark.parametrize("name, content, words", [
    ("ke-hoach.docx", b"PK\x03\x04 not really a zip", "hỏng"),
    ("anh.png", b"\x89PNG\r\n\x1a\n....", "Chỉ nhận tệp"),
    ("thu.txt", "Chào anh, tối nay họp chi bộ lúc 7 giờ.".encode(), "không giống một văn bản kế hoạch"),
    ("rong.txt", b"", "rỗng"),
])
def test_bad_files_get_a_clear_message(client_for, province_officer, tree, name, content, words):
    r = _upload(client_for(province_officer), tree.province, name, content)
    assert r.status_code == 200
    assert words in r.content.decode()
    assert Plan.objects.count() == 0


def test_a_file_over_20_mb_is_refused(client_for, province_officer, tree):
    big = b"a" * (20 * 1024 * 1024 + 1)
    r = _upload(client_for(province_officer), tree.province, "to.txt", big)
    assert "tối đa 20 MB" in r.content.decode() and Plan.objects.count() == 0


def test_import_pages_are_scoped(client_for, other_officer, leader, org_officer, tree):
    assert client_for(other_officer).get(f"/ke-hoach/nhap/?don-vi={tree.dong_phuc.pk}").status_code == 404
    assert client_for(leader).get("/ke-hoach/nhap/").status_code == 403
    assert client_for(org_officer).get("/ke-hoach/nhap/").status_code == 403


def test_review_without_an_upload_sends_back(client_for, province_officer):
    r = client_for(province_officer).get("/ke-hoach/nhap/kiem-tra/?ma=khong-co", follow=True)
    assert "hết hạn" in r.content.decode()


def test_the_original_text_pane_shows_accents_on_their_letters(client_for, province_officer, tree, seed_bytes):
    import unicodedata

    text = seed_bytes.decode()
    text = text.replace("và Kế hoạch thực hiện Đề án", "và Kê \u0301hoạch thực hiện Đề án", 1)
    text = text.replace("Thực hiện Chương trình hành động", unicodedata.normalize("NFD", "Thực hiện Chương trình hành động"), 1)
    client = client_for(province_officer)
    r = _upload(client, tree.province, "ke-hoach.txt", text.encode())
    page = client.get(r["Location"]).content.decode()
    pane = re.search(r'<pre class="source[^"]*">(.*?)</pre>', page, re.S)[1]
    assert "và Kế hoạch thực hiện Đề án" in pane and "Thực hiện Chương trình hành động" in pane
    assert pane == unicodedata.normalize("NFC", pane) and "\u0301" not in pane


def test_review_folds_confident_clauses_and_picks_measures_by_typing(client_for, province_officer, tree, seed_bytes):
    from indicators.models import Measure

    client = client_for(province_officer)
    url = _upload(client, tree.province, "ke-hoach.txt", seed_bytes)["Location"]
    page = client.get(url).content.decode()
    confident = page.count('<details class="card rowform confident-row">')
    clauses = len(re.findall(r'name="targets-\d+-text"', page))
    assert 0 < confident < clauses  # what was read well is folded, the rest stays open
    assert "cần xem lại" in page
    # one shared list of measures instead of a select of every measure on every clause
    assert page.count('<datalist id="measure-list">') == 1 and not re.search(r'<select[^>]*name="targets-\d+-measure"', page)
    livelihood = Measure.objects.get(code="households_livelihood_supported")
    assert f'value="{livelihood.name}"' in page  # the box shows the measure's name, not its code
    data = _review_post_data(page)
    data["plan-number"], data["plan-symbol"] = "59", "KH-MTTQ-BTT"
    data["targets-0-measure"] = "chỉ số không có"
    response = client.post(url, data)
    assert response.status_code == 200 and "Không có chỉ số “chỉ số không có”" in response.content.decode()
    data["targets-0-measure"] = livelihood.name.lower()  # typed without care for capitals: still found
    assert client.post(url, data).status_code == 302
    assert Plan.objects.get().targets.order_by("order", "pk")[0].measure == livelihood
