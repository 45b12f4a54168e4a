"""Every warning a careful officer wants, each on a small document."""

from plans.importer import parse_text

HEAD = """ỦY BAN MTTQ VIỆT NAM
TỈNH CAO BẰNG
BAN THƯỜNG TRỰC
Số: 12/KH-MTTQ-BTT
MẶT TRẬN TỔ QUỐC VIỆT NAM
Cao Bằng, ngày 10 tháng 02 năm 2021

KẾ HOẠCH
Tổ chức các hoạt động năm 2021
"""
TAIL = """
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. BAN THƯỜNG TRỰC
CHỦ TỊCH
Hoàng Thị Lan
"""


def warnings(body, head=HEAD, tail=TAIL):
    return parse_text(head + body + tail)["warnings"]


def test_clean_document_has_no_warnings():
    assert warnings("I. MỤC ĐÍCH\n1. Ít nhất 02 mô hình ở mỗi xã.\nII. TỔ CHỨC THỰC HIỆN\n1. Các xã báo cáo trước ngày 15/11/2021.") == []


def test_label_used_twice():
    w = warnings("I. MỤC ĐÍCH\nII. NỘI DUNG\n1. Một\n1. Hai\nII. TỔ CHỨC THỰC HIỆN\n")
    assert any("Nhãn mục “II.” được dùng hai lần ở cùng một cấp" in x for x in w)
    assert any("Nhãn mục “1.” được dùng hai lần ở cùng một cấp trong mục “II. NỘI DUNG”" in x for x in w)


def test_numbering_gap():
    w = warnings("I. MỤC ĐÍCH\nIII. NỘI DUNG\n")
    assert any("Đánh số mục không liên tục: sau “I.” là “III.”" in x for x in w)


def test_reversed_ranges():
    w = warnings("I. NỘI DUNG\n- Thực hiện giai đoạn 2026-2023.\n- Tháng cao điểm từ ngày 18/11/2021 đến ngày 17/10/2021.\n")
    assert any("“giai đoạn 2026-2023” bị đảo ngược" in x for x in w)
    assert any("18/11/2021 đến ngày 17/10/2021" in x and "đảo ngược" in x for x in w)
    assert warnings("I. NỘI DUNG\n- Giai đoạn 2021 - 2025 (2003-2023).\n") == []


def test_deadline_before_issue_date():
    w = warnings("I. TỔ CHỨC THỰC HIỆN\n- Các xã gửi báo cáo trước ngày 05/01/2021.\n")
    assert any("Hạn 05/01/2021" in x and "sớm hơn ngày ban hành 10/02/2021" in x for x in w)


def test_weekday():
    assert warnings("I. NỘI DUNG\n- Tổ chức vào ngày 18/02/2021 (Thứ Năm).\n") == []
    w = warnings("I. NỘI DUNG\n- Tổ chức vào ngày 18/02/2021 (Thứ Sáu).\n")
    assert w == ["Ngày 18/02/2021 là Thứ Năm, không phải Thứ Sáu như văn bản ghi."]
    w = warnings("I. NỘI DUNG\n- Khai mạc vào Chủ nhật, ngày 18 tháng 02 năm 2021.\n")
    assert w == ["Ngày 18/02/2021 là Thứ Năm, không phải Chủ nhật như văn bản ghi."]
    assert warnings("I. NỘI DUNG\n- Họp vào thứ 5, ngày 18/02/2021.\n") == []


def test_impossible_date():
    w = warnings("I. NỘI DUNG\n- Tổ chức ngày 30/02/2021.\n")
    assert any("Ngày “30/02/2021” không tồn tại" in x for x in w)


def test_target_phrase_without_number():
    w = warnings("I. CHỈ TIÊU\n1. Ít nhất 02 mô hình ở mỗi xã.\n2. Phấn đấu ...% hộ gia đình đạt danh hiệu văn hóa.\n3. Duy trì các mô hình hiện có.\n")
    assert sum("Chỉ tiêu chưa có số liệu cụ thể" in x for x in w) == 2
    w = warnings("I. NỘI DUNG\n- Mỗi xã xây dựng ít nhất mô hình khu dân cư tự quản.\n")
    assert any("Chỉ tiêu chưa có số liệu cụ thể: “Mỗi xã xây dựng ít nhất mô hình" in x for x in w)


def test_missing_number_date_signer():
    w = warnings("I. NỘI DUNG\n- Tuyên truyền.\n", head="KẾ HOẠCH\nTổ chức các hoạt động năm 2021\n", tail="")
    assert "Không tìm thấy số, ký hiệu văn bản (dòng “Số: …”)." in w
    assert "Không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”)." in w
    assert "Không tìm thấy người ký (thẩm quyền, chức vụ, họ tên)." in w


def test_blank_number_and_date_in_a_draft():
    head = HEAD.replace("Số: 12/KH", "Số:      /KH").replace("ngày 10 tháng 02 năm 2021", "ngày    tháng    năm 2021")
    r = parse_text(head + "I. NỘI DUNG\n" + TAIL)
    assert r["number"] == "/KH-MTTQ-BTT" and r["doc_type"] == "KH" and r["date"] is None
    assert "Số văn bản “/KH-MTTQ-BTT” chưa điền số thứ tự." in r["warnings"]
    assert "Ngày ban hành còn để trống (chưa điền ngày, tháng)." in r["warnings"]


def test_type_name_and_number_disagree():
    r = parse_text(HEAD.replace("KẾ HOẠCH", "BÁO CÁO") + "I. KẾT QUẢ\n" + TAIL)
    assert r["doc_type"] == "KH"
    assert any("không khớp tên loại văn bản (“Báo cáo”)" in x for x in r["warnings"])


def test_warnings_are_nfc_vietnamese():
    import unicodedata

    w = warnings("I. MỤC ĐÍCH\nIII. NỘI DUNG\n- ngày 18/02/2021 (Thứ Sáu)\n", tail="")
    assert w and all(unicodedata.is_normalized("NFC", x) for x in w)
