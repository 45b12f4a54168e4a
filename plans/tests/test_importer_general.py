"""Shapes of real plans the corpus taught us, written as small documents of our own (no corpus text):
header layouts, symbol chains, multi-line titles, bodies without a header, basis citations, criteria,
phases, clause splitting, number words and the warnings an officer must read."""

from plans.importer import parse_text
from plans.importer.quantities import find_quantities, words_value

TABLE_HEADER = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
HUYỆN TÂN AN | Độc lập - Tự do - Hạnh phúc |
Số: 01/QCPH/UBND-UBMTTQ | Tân An, ngày 05 tháng 3 năm 2024 |
QUY CHẾ PHỐI HỢP
Giữa Ủy ban nhân dân và Ủy ban MTTQ Việt Nam huyện Tân An
Căn cứ Quyết định số 217-QĐ/TW và số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị;
Căn cứ Nghị quyết liên tịch số 19/2008/NQLT/CP-UBTUMTTQVN ngày 22/8/2008 của Chính phủ và Ủy ban Trung ương MTTQ Việt Nam;
Điều 1. Phạm vi
"""


def test_a_header_in_a_two_column_table_gives_issuer_number_place_and_date():
    r = parse_text(TABLE_HEADER)
    assert r["issuer"] == "Ủy ban nhân dân huyện Tân An"  # never "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert r["number"] == "01/QCPH/UBND-UBMTTQ" and r["doc_type"] == "QCPH"
    assert (r["place"], r["date"]) == ("Tân An", "2024-03-05")


def test_two_numbers_sharing_one_date_are_two_basis_documents():
    refs = parse_text(TABLE_HEADER)["references"]
    assert [(x["number"], x["date"]) for x in refs] == [
        ("217-QĐ/TW", "2013-12-12"), ("218-QĐ/TW", "2013-12-12"), ("19/2008/NQLT/CP-UBTUMTTQVN", "2008-08-22"),
    ]


def test_a_title_that_goes_on_to_the_next_line_is_kept_whole():
    r = parse_text("""ỦY BAN MTTQ VIỆT NAM
TỈNH AN GIANG
Số: 12/KH-MTTQ-BTT
An Giang, ngày 01 tháng 10 năm 2015
KẾ HOẠCH
Tổ chức tháng cao điểm “Vì người nghèo”
Từ 17 tháng 10 đến 18 tháng 11 năm 2015
I. MỤC ĐÍCH
1. Vận động ủng hộ Quỹ.
""")
    assert r["title"] == "Tổ chức tháng cao điểm “Vì người nghèo” Từ 17 tháng 10 đến 18 tháng 11 năm 2015"


def test_a_body_without_header_takes_no_date_or_place_from_a_cited_document():
    r = parse_text("""Thực hiện Thông tri số 25/TTr-MTTW-BTT ngày 10/5/2020 của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam, Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Bình xây dựng Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2020 như sau:
1. Mục đích
- Phát huy truyền thống đoàn kết.
- Tiếp tục thực hiện Kế hoạch số 12/KH-UBND, ngày 03/4/2019 của UBND huyện.
""")
    assert r["date"] is None and r["place"] is None
    assert r["references"][0]["number"] == "25/TTr-MTTW-BTT"
    assert r["issuer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Bình"
    assert r["doc_type"] == "KH"
    assert r["title"] == "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2020"
    assert r["year"] == 2020
    assert any("trích yếu được lấy từ câu" in w for w in r["warnings"])


CRITERIA_PLAN = """ỦY BAN MTTQ VIỆT NAM
HUYỆN HÒA VANG
BAN THƯỜNG TRỰC
Số: 30/KH-MTTQ-BTT
Hòa Vang, ngày 10 tháng 01 năm 2021
KẾ HOẠCH
Tổng kết Cuộc vận động giai đoạn 2016-2020
II. NỘI DUNG
1. Đoàn kết tham gia phát triển kinh tế, giúp nhau giảm nghèo (Tiêu chí 10, 11, 12, 13 trong xây dựng nông thôn mới; Tiêu chí số 6 trong xây dựng đô thị văn minh)
- Vận động Nhân dân.
2. Đoàn kết xây dựng đời sống văn hóa (Tiêu chí 14, 15, 16 nông thôn mới; tiêu chí 7, 8 đô thị văn minh)
- Xây dựng gia đình văn hóa.
III. CHỈ TIÊU
1. Hỗ trợ ít nhất hai mươi hộ nghèo; xây dựng không dưới 05 mô hình điểm và 90% trở lên khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc.
2. Phấn đấu tối thiểu 30 nhà Đại đoàn kết.
3. Tổ chức tốt các hoạt động.
IV. TỔ CHỨC THỰC HIỆN
Báo cáo kết quả gửi trước ngày 15/12/2020.
"""


def test_contents_map_to_their_criteria_and_the_phase_is_the_period():
    r = parse_text(CRITERIA_PLAN)
    assert [(c["number"], c["criteria"]) for c in r["contents"]] == [
        (1, {"ntm": [10, 11, 12, 13], "dtvm": [6]}), (2, {"ntm": [14, 15, 16], "dtvm": [7, 8]}),
    ]
    assert (r["year"], r["phase"]) == (2021, "2016-2020")


def test_each_clause_with_its_own_figure_is_a_target_with_number_words_and_comparators():
    t = parse_text(CRITERIA_PLAN)["targets"]
    assert [(x["item"], x["value"], x["comparator"], x["is_percent"], x["scope"], x["measure"]) for x in t] == [
        ("III.1.", 20, ">=", False, "total", None),
        ("III.1.", 5, ">=", False, "total", "pilot_models"),
        ("III.1.", 90, ">=", True, "share_of_areas", "great_unity_day_held"),
        ("III.2.", 30, ">=", False, "total", "great_unity_houses_built"),
    ]


def test_warnings_name_what_a_human_must_check():
    w = parse_text(CRITERIA_PLAN.replace("III. CHỈ TIÊU", "II. CHỈ TIÊU"))["warnings"]
    assert any("“II.” được dùng hai lần" in x for x in w)
    assert any("chưa có số liệu" in x and "Tổ chức tốt các hoạt động" in x for x in w)  # a target without a figure
    assert any("chưa gắn được chỉ số" in x and "hai mươi hộ nghèo" in x for x in w)  # a target without a measure
    assert any("15/12/2020" in x and "sớm hơn ngày ban hành" in x for x in w)  # a deadline before the plan's date
    reversed_range = parse_text(CRITERIA_PLAN.replace("giai đoạn 2016-2020", "giai đoạn 2020-2016"))
    assert reversed_range["phase"] is None
    assert any("bị đảo ngược" in x for x in reversed_range["warnings"])


def test_vietnamese_number_words():
    assert [words_value(w) for w in ("hai mươi", "mười lăm", "một trăm linh năm", "ba mươi mốt")] == [20, 15, 105, 31]
    assert [(q.value, q.comparator) for q in find_quantities("không dưới 05 mô hình; tối đa hai cuộc")] == [
        (5, ">="), (2, "<=")]
