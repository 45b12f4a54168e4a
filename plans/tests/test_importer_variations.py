"""Our own variations: other provinces, years and kinds, district level, PDF text, docx and pdf files."""

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from plans.importer import KEYS, PlanImportError, extract_text, parse_file, parse_text

from .builders import make_docx, make_pdf

FIX = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def test_province_plan_with_criteria_mapping():
    r = parse_file(FIX / "kh-tinh-criteria-2023.txt")
    assert r["number"] == "83/KH-MTTQ-BTT"  # "83/KH-MTTQ -BTT" normalised
    assert (r["issuer"], r["place"], r["date"], r["year"]) == (
        "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Bình Định", "Quy Nhơn", "2023-02-15", 2023,
    )
    assert r["title"] == "Thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” năm 2023"
    assert [x["number"] for x in r["references"]] == ["318/QĐ-TTg", "04/2022/QĐ-TTg", "512/KH-MTTW-BTT"]
    assert r["references"][2]["date"] == "2023-01-10"  # "ngày 10 tháng 01 năm 2023"
    # 318/QĐ-TTg is cited again in the body, but it is already a reference
    assert [x["number"] for x in r["citations"]] == ["25/2021/NQ-HĐND"]
    assert [(c["number"], c["criteria"]) for c in r["contents"]] == [
        (1, {"ntm": [10, 11, 12, 13], "dtvm": [6]}),
        (2, {"ntm": [14, 15, 16], "dtvm": [7, 8]}),
        (3, {"ntm": [17], "dtvm": [3]}),
        (4, {"ntm": [19], "dtvm": [4]}),
        (5, {"ntm": [18], "dtvm": [9]}),
    ]
    assert r["contents"][0]["text"].endswith("khuyến khích làm giàu chính đáng")
    assert [(t["value"], t["unit"], t["comparator"], t["is_percent"], t["scope"]) for t in r["targets"]] == [
        (2, "mô hình", ">=", False, "each_district"),
        (95, "%", ">=", True, "share_of_households"),
        (20, "tỷ đồng", ">=", False, "total"),
        (500, "nhà", ">=", False, "phase_total"),
        (100, "%", ">=", True, "share_of_communes"),
    ]
    assert r["deadlines"] == [
        {"date": "2023-06-10", "text": "báo cáo kết quả 6 tháng trước ngày 10/6/2023", "kind": "report", "recurring": False},
        {"date": "2023-11-20", "text": "báo cáo năm chậm nhất ngày 20/11/2023", "kind": "report", "recurring": False},
    ]
    assert r["signer"] == {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn Dũng"}
    assert len(r["recipients"]) == 6
    # "Thứ Bảy, ngày 18/11/2023" is right; "kỷ niệm 93 năm" is no target
    assert r["warnings"] == []


def test_commune_report_before_2025():
    r = parse_file(FIX / "bc-xa-2024.txt")
    assert (r["doc_type"], r["number"], r["date"], r["place"]) == ("BC", "15/BC-MTTQ", "2024-06-05", "Tân Lợi")
    assert r["issuer"] == "Ủy ban MTTQ xã Tân Lợi"
    assert r["year"] == 2024
    # results ("đã hỗ trợ 25 hộ", "96% hộ") are not targets; the "phương hướng" section has two
    assert [(t["value"], t["unit"], t["scope"]) for t in r["targets"]] == [(100, "%", "share_of_areas"), (5, "nhà", "total")]
    assert [d["date"] for d in r["deadlines"]] == ["2024-11-15"]
    assert r["signer"]["name"] == "Hoàng Văn Bình"
    assert r["recipients"] == ["BTT UB MTTQ huyện (b/c)", "Đảng ủy, UBND xã", "Lưu: VP"]


def test_combined_type_ctrph():
    r = parse_file(FIX / "ctrph-tinh-2022.txt")
    assert r["doc_type"] == "CTrPH"
    assert r["number"] == "02/CTrPH-MTTQ-HND"
    assert r["title"].startswith("Giữa Ban Thường trực")
    assert "«" not in r["title"] and "“Toàn dân" in r["title"]
    assert r["references"][0]["number"] == "05/CTrPH-MTTW-HNDVN"
    assert [(t["value"], t["scope"]) for t in r["targets"]] == [(1, "each_commune"), (70, "share_of_households")]
    assert r["deadlines"] == [{"date": "2022-11-30", "text": "gửi báo cáo kết quả hằng năm trước ngày 30/11", "kind": "report",
                              "recurring": True}]
    assert r["assignees"] == ["Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh", "Ban Thường vụ Hội Nông dân tỉnh"]


def test_decision_with_articles():
    r = parse_file(FIX / "qd-khen-thuong-2025.txt")
    assert (r["doc_type"], r["number"], r["date"]) == ("QĐ", "245/QĐ-MTTQ-BTT", "2025-10-17")
    assert r["issuer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ngãi"
    assert r["title"].startswith("Về việc tặng Bằng khen")
    assert [s["label"] for s in r["sections"]] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert r["references"][0] == {"number": None, "date": None, "text": "Luật Mặt trận Tổ quốc Việt Nam năm 2015"}
    assert r["references"][1]["number"] == "05/QC-MTTQ-BTT"
    assert r["targets"] == []  # "12 tập thể và 20 cá nhân" are awards, not targets
    assert r["recipients"] == ["Như Điều 3", "Lưu: VT, PT"]


def test_district_plan_from_broken_pdf_text():
    r = parse_file(FIX / "kh-huyen-pdf-broken-2022.txt")
    assert r["number"] == "41/KH-MTTQ-BTT"  # "41 /KH-MTTQ- BTT"
    assert r["issuer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam huyện Thạch Hà"
    assert (r["place"], r["date"]) == ("Thạch Hà", "2022-04-08")
    assert r["title"] == "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư và thực hiện Cuộc vận động năm 2022"
    assert r["references"][0]["number"] == "120/KH-MTTQ-BTT"
    assert r["references"][0]["text"].endswith("năm 2022")
    assert [(t["value"], t["unit"], t["scope"]) for t in r["targets"]] == [
        (100, "%", "share_of_areas"), (1, "mô hình", "each_commune"), (30, "nhà", "total"),
    ]
    assert r["targets"][0]["text"].endswith("kỷ niệm 92 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam")
    assert r["deadlines"][0]["date"] == "2022-11-25"
    assert r["signer"] == {"authority": "TM. BAN THƯỜNG TRỰC", "title": "CHỦ TỊCH", "name": "Phan Văn Hùng"}
    assert r["recipients"] == ["Ban Thường trực UB MTTQ tỉnh", "Thường trực Huyện ủy (b/cáo)", "UB MTTQ các xã, thị trấn", "Lưu VP"]
    w = "\n".join(r["warnings"])
    assert "Ngày 15/10/2022 là Thứ Bảy, không phải Thứ Hai" in w
    assert "Chỉ tiêu chưa có số liệu cụ thể" in w


def test_nfd_crlf_and_quotes_give_the_same_result():
    text = (FIX / "kh-tinh-criteria-2023.txt").read_text(encoding="utf-8")
    base = parse_text(text)
    messy = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    assert parse_text(messy) == base


def test_numeric_and_word_dates_alike():
    a = parse_text("ỦY BAN MTTQ VIỆT NAM XÃ A\nSố: 1/KH-MTTQ\nXã A, ngày 16 tháng 3 năm 2023\nKẾ HOẠCH\nVề việc x")
    b = parse_text("ỦY BAN MTTQ VIỆT NAM XÃ A\nSố: 1/KH-MTTQ\nXã A, ngày 16/3/2023\nKẾ HOẠCH\nVề việc x")
    assert a["date"] == b["date"] == "2023-03-16"


def test_empty_and_non_plan_text():
    r = parse_text("")
    assert tuple(r) == KEYS
    assert r["sections"] == [] and r["targets"] == [] and r["signer"] is None
    r = parse_text("Danh sách đi chợ: rau, thịt, cá.")
    assert any("Không nhận ra cấu trúc văn bản" in w for w in r["warnings"])


# --- files -----------------------------------------------------------------------------------


def test_docx_extraction_and_parse(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    make_docx(path)
    text = extract_text(path)
    assert "09 công trình" not in text  # tracked deletion dropped
    assert "_GoBack" not in text and "**" not in text
    r = parse_file(path)
    assert (r["number"], r["date"], r["place"]) == ("27/KH-MTTQ-BTT", "2024-03-05", "Lào Cai")
    assert r["issuer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Lào Cai"
    assert r["title"] == "Thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” năm 2024"
    assert r["references"][0]["number"] == "301/KH-MTTW-BTT"
    assert [(t["value"], t["unit"], t["scope"]) for t in r["targets"]] == [(2, "mô hình", "each_commune"), (100, "%", "share_of_areas")]
    assert r["deadlines"] == [{"date": "2024-11-20", "text": "Báo cáo kết quả năm gửi trước ngày 20/11/2024", "kind": "report",
                              "recurring": False}]
    assert "STT | Đơn vị | Số mô hình" in text  # data tables keep their rows
    assert r["recipients"] == ["BTT UBTW MTTQ Việt Nam", "Thường trực Tỉnh ủy", "Lưu: VT, PT"]
    assert r["signer"] == {"authority": "TM. BAN THƯỜNG TRỰC", "title": "CHỦ TỊCH", "name": "Giàng Seo Phử"}
    assert r["warnings"] == []


def test_pdf_extraction_and_parse(tmp_path):
    lines = (FIX / "kh-huyen-pdf-broken-2022.txt").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(make_pdf(lines, pages=2))
    assert parse_file(path) == parse_file(FIX / "kh-huyen-pdf-broken-2022.txt")


def test_scanned_pdf_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    with pytest.raises(PlanImportError, match="không có lớp văn bản"):
        parse_file(path)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("a.txt", b"", "rỗng"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".doc"),
        ("a.docx", b"PK\x03\x04garbage", "hỏng"),
        ("a.pdf", b"%PDF-1.4 garbage", "hỏng"),
        ("a.bin", b"\x00\x01\x02\x03" * 10, "không phải văn bản"),
    ],
)
def test_unreadable_files(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanImportError, match=message):
        parse_file(path)


def test_file_over_20_mb_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(PlanImportError, match="20 MB"):
        parse_file(path)


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps ê, ơ, ư … precomposed and writes tone marks as combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
        out.append(base + "".join(c for c in nfd if c in tones))
    return "".join(out).encode("cp1258")


def test_legacy_encodings(tmp_path):
    text = "KẾ HOẠCH\nThực hiện Cuộc vận động năm 2024\nI. MỤC ĐÍCH\n1. Ít nhất 01 mô hình ở mỗi xã."
    for enc in ("utf-8-sig", "cp1258", "utf-16"):
        path = tmp_path / f"{enc}.txt"
        path.write_bytes(_cp1258(text) if enc == "cp1258" else text.encode(enc))
        r = parse_file(path)
        assert r["doc_type"] == "KH" and r["year"] == 2024, enc
        assert r["title"] == "Thực hiện Cuộc vận động năm 2024", enc


# --- command ---------------------------------------------------------------------------------


def _run(*args):
    return subprocess.run(
        [sys.executable, "manage.py", "import_plan", *args], cwd=ROOT, capture_output=True, timeout=120
    )


def test_command_json():
    proc = _run(str(FIX / "seeds" / "ke-hoach-thai-nguyen-2026.txt"), "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout.decode("utf-8"))
    assert tuple(data) == KEYS
    # every target clause, not one per numbered item: "90% trở lên khu dân cư …" and "02 mô hình điểm cấp tỉnh"
    # are there, each with its measure, scope, organisation and the item it came from
    assert len(data["targets"]) == 14
    assert len({t["item"] for t in data["targets"]}) == 6
    by_value = {(t["value"], t["measure"]): t for t in data["targets"]}
    assert by_value[(90, "covenant_civilised_rules")]["scope"] == "share_of_areas"
    assert by_value[(2, "pilot_models_province_level")]["item"] == "II.1."
    assert set(data["targets"][0]) >= {"text", "value", "unit", "comparator", "is_percent", "scope", "organisation",
                                       "measure", "item"}
    assert "Đàm Quang Tuyền" in proc.stdout.decode("utf-8")  # ensure_ascii=False


def test_command_summary_and_error(tmp_path):
    proc = _run(str(FIX / "seeds" / "ke-hoach-cu-jut-2023.txt"))
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert "Số, ký hiệu: 59/KH-MTTQ-BTT" in out and "Người ký: TM. BAN THƯỜNG TRỰC" in out
    proc = _run(str(tmp_path / "khong-co.docx"), "--json")
    assert proc.returncode != 0
    assert proc.stdout == b""
    assert "Không tìm thấy tệp" in proc.stderr.decode("utf-8")
