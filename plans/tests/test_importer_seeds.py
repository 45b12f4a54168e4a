"""Field by field on the three real plans in fixtures/seeds (expected values read off the documents)."""

from pathlib import Path

import pytest

from plans.importer import KEYS, parse_file

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def cu_jut():
    return parse_file(SEEDS / "ke-hoach-cu-jut-2023.txt")


@pytest.fixture(scope="module")
def bac_kan():
    return parse_file(SEEDS / "ke-hoach-phoi-hop-bac-kan-2017.txt")


@pytest.fixture(scope="module")
def thai_nguyen():
    return parse_file(SEEDS / "ke-hoach-thai-nguyen-2026.txt")


@pytest.mark.parametrize("name", [p.name for p in sorted(SEEDS.glob("*.txt"))])
def test_exact_keys(name):
    assert tuple(parse_file(SEEDS / name)) == KEYS


# --- Cư Jút 2023: text extracted from a PDF, broken lines, "Ƣ" for "Ư", two-column signature ---


def test_cu_jut_header(cu_jut):
    assert cu_jut["doc_type"] == "KH"
    assert cu_jut["number"] == "59/KH-MTTQ-BTT"
    assert cu_jut["issuer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam huyện Cư Jút"
    assert cu_jut["place"] == "Cư Jút"
    assert cu_jut["date"] == "2023-03-16"
    assert cu_jut["year"] == 2023
    assert cu_jut["title"] == (
        "Triển khai thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”"
    )


def test_cu_jut_references_and_citations(cu_jut):
    refs = cu_jut["references"]
    assert [r["number"] for r in refs] == [None, "226/KH-MTTQ-BTT"]
    assert refs[0]["text"].startswith("Chương trình công tác năm 2023")
    assert refs[1]["date"] == "2023-03-07"
    assert [(c["number"], c["date"]) for c in cu_jut["citations"]] == [
        ("121/2017/TT-BTC", "2017-11-15"),
        ("33/2018/NQ-HĐND", None),
    ]


def test_cu_jut_sections(cu_jut):
    secs = cu_jut["sections"]
    assert [s["label"] for s in secs] == ["I.", "II.", "III.", "IV."]
    assert secs[1]["title"] == "NỘI DUNG, PHƯƠNG THỨC TỔ CHỨC THỰC HIỆN"
    assert [c["label"] for c in secs[1]["children"]] == ["1.", "2.", "3.", "4.", "5."]
    # a heading broken over two PDF lines is one title
    assert secs[1]["children"][3]["title"] == (
        "Công tác tổ chức Ngày hội đại đoàn kết toàn dân tộc và các Ngày hội khác tại địa phương"
    )
    assert [c["label"] for c in secs[1]["children"][0]["children"]] == ["-", "-"]
    assert all("Ƣ" not in s["title"] and "ƣ" not in s["title"] for s in secs)


def test_cu_jut_no_false_targets(cu_jut):
    # "05 nội dung", "01 năm", "20 năm … (2003-2023)" are not targets
    assert cu_jut["targets"] == []
    assert cu_jut["deadlines"] == []
    assert cu_jut["contents"] == []


def test_cu_jut_tail(cu_jut):
    assert cu_jut["assignees"] == [
        "Ban Thường trực Ủy ban MTTQ huyện",
        "Ban Thường trực Ủy ban MTTQ Việt Nam các xã, thị trấn",
        "Các tổ chức thành viên của Ủy ban MTTQ Việt Nam huyện",
    ]
    assert len(cu_jut["recipients"]) == 9
    assert cu_jut["recipients"][0] == "Ủy ban MTTQ Việt Nam tỉnh"
    assert cu_jut["recipients"][1] == "Thường trực Huyện ủy (b/cáo)"
    assert cu_jut["recipients"][-1] == "Lưu VP"
    assert cu_jut["signer"] == {"authority": "TM. BAN THƯỜNG TRỰC", "title": "PHÓ CHỦ TỊCH", "name": "Trần Thị Hòa"}
    assert cu_jut["warnings"] == []


# --- Bắc Kạn 2017: no header; number and date only in the annex line "Kèm theo Kế hoạch số …" ---


def test_bac_kan_header(bac_kan):
    assert bac_kan["doc_type"] == "KH"
    assert bac_kan["number"] == "129/KH-MTTQ-BTT"
    assert bac_kan["date"] == "2017-06-21"
    assert bac_kan["year"] == 2017
    assert bac_kan["place"] is None
    assert bac_kan["issuer"] == "Ban Thường trực Uỷ ban MTTQ Việt Nam tỉnh Bắc Kạn"
    assert bac_kan["title"].startswith("Phối hợp thống nhất thực hiện Cuộc vận động “Toàn dân")


def test_bac_kan_references(bac_kan):
    assert bac_kan["references"] == [
        {
            "number": "77/HD-MTTW-BTT",
            "date": "2017-04-20",
            "text": "Hướng dẫn số 77/HD-MTTW-BTT ngày 20/4/2017 của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam "
            "về hiệp thương phối hợp thống nhất thực hiện cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn "
            "mới, đô thị văn minh”",
        }
    ]
    assert bac_kan["citations"] == []


def test_bac_kan_organisation_commitments_are_targets_with_their_organisation_and_measure(bac_kan):
    targets = bac_kan["targets"]
    # Phụ nữ, Đoàn, CCB (two models), NCT "ít nhất 01 mô hình" and "ít nhất ở mỗi xã … có 01 Hợp tác xã"
    assert len(targets) == 6
    assert all(t["value"] == 1 and t["comparator"] == ">=" and t["scope"] == "each_commune" for t in targets)
    assert [t["unit"] for t in targets] == ["mô hình"] * 5 + ["hợp tác xã"]
    # the organisation is the one whose section the commitment is in, not a partner named in the sentence
    assert [t["organisation"] for t in targets] == ["hoi-lhpn", "doan-tncs", "hoi-ccb", "hoi-ccb", "hoi-nct",
                                                    "lien-minh-htx"]
    # each a measure the spine splits by organisation, so the target can be evaluated for that organisation
    assert [t["measure"] for t in targets] == ["organisation_models", "organisation_models", "poverty_help_models",
                                               "organisation_models", "organisation_models", "new_type_cooperatives"]
    assert [t["item"] for t in targets] == ["II.3.", "II.4.", "II.5.", "II.5.", "II.7.", "II.9."]
    assert targets[2]["text"].startswith("Hướng dẫn, chỉ đạo Hội Cựu chiến binh ở mỗi xã")
    assert targets[3]["text"].startswith("01 mô hình về thực hiện Phong trào bảo vệ an ninh Tổ quốc")
    # "gia đình 5 không, 3 sạch", "05 nội dung", "Định kỳ 6 tháng, 01 năm" are not targets
    assert not any(t["value"] in (3, 5, 6) for t in targets)
    assert not any("chưa gắn được chỉ số" in w for w in bac_kan["warnings"])


def test_bac_kan_deadlines(bac_kan):
    # "Trước 15/02 hằng năm" in a plan of 21/6/2017: next is 15/02/2018
    assert [d["date"] for d in bac_kan["deadlines"]] == ["2018-02-15", "2017-07-15"]
    assert bac_kan["deadlines"][1]["text"] == "Năm 2017 đăng ký trước ngày 15/7/2017"
    # the registration drive: member organisations register their works and models before 15/02 each year
    assert [(d["kind"], d["recurring"]) for d in bac_kan["deadlines"]] == [("registration", True), ("registration", False)]


def test_bac_kan_assignees_and_signer(bac_kan):
    a = bac_kan["assignees"]
    assert a[:3] == ["Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn", "Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"]
    assert "Liên hiệp các Hội Khoa học- Kỹ thuật tỉnh" in a
    assert "Các tổ chức thành viên của Ủy ban MTTQ Việt Nam tỉnh" in a
    assert bac_kan["recipients"] == []
    assert bac_kan["signer"] == {"authority": "TM. BAN THƯỜNG TRỰC", "title": "CHỦ TỊCH", "name": "Lý Quang Vịnh"}
    assert any("Kèm theo" in w for w in bac_kan["warnings"])


# --- Thái Nguyên 2026: no header, markdown bold markers, duplicate "III.", reversed range -------


def test_thai_nguyen_header(thai_nguyen):
    assert thai_nguyen["doc_type"] == "KH"
    assert thai_nguyen["number"] is None
    assert thai_nguyen["date"] is None
    assert thai_nguyen["year"] == 2026
    assert thai_nguyen["issuer"] == "Ban Thường trực Ủy ban MTTQ tỉnh Thái Nguyên"
    assert thai_nguyen["title"].startswith("Thực hiện Cuộc vận động “Toàn dân đoàn kết")
    assert thai_nguyen["title"].endswith("ấm no, hạnh phúc năm 2026")


def test_thai_nguyen_references(thai_nguyen):
    assert [(r["number"], r["date"]) for r in thai_nguyen["references"]] == [
        ("03/CTr-MTTQ-UB", None),
        ("09/TB-MTTQ-BTT", "2026-01-09"),
        ("06/Ctr-MTTQ-BTT", "2026-01-30"),
    ]
    assert [c["number"] for c in thai_nguyen["citations"]] == [
        "02/ĐA-MTTQ-BTT", "113/HD-MTTQ-BTT", "26/NQ-MTTW-ĐCT", "94/KH-UBND", "394/NQ-CP", "13-ĐA/TU",
    ]


def test_thai_nguyen_every_target_clause_of_the_six_items(thai_nguyen):
    t = thai_nguyen["targets"]
    assert [(x["item"], x["value"], x["is_percent"], x["scope"], x["measure"]) for x in t] == [
        ("II.1.", 200, False, "total", "households_livelihood_supported"),
        ("II.1.", 100, True, "share_of_households", "poor_households_gifted_rate"),
        ("II.1.", 2, False, "total", "pilot_models_province_level"),
        ("II.1.", 100, True, "share_of_communes", "pilot_models_welfare"),
        ("II.2.", 100, True, "share_of_communes", "commune_env_plan"),
        ("II.3.", 100, True, "share_of_areas", "self_managed_models"),
        ("II.3.", 100, True, "share_of_areas", "community_works"),
        ("II.3.", 90, True, "share_of_areas", "covenant_civilised_rules"),
        ("II.4.", 100, True, "share_of_areas", "great_unity_day_held"),
        ("II.4.", 100, True, "share_of_areas", "propaganda_integrated"),
        ("II.5.", 3, False, "each_commune", "pilot_models_green_clean"),
        ("II.5.", 1, False, "each_commune", "pilot_models_drugs_new"),
        ("II.6.", 1, False, "each_unit", "festivals"),
        ("II.6.", 1, False, "each_unit", "commendation_events"),
    ]
    assert all(x["comparator"] == ">=" for x in t)
    assert t[0]["text"] == "MTTQ và các tổ chức thành viên toàn tỉnh hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, hộ cận nghèo"
    assert t[7]["text"].startswith("90% trở lên khu dân cư có mô hình cụ thể thực hiện nếp sống văn minh")
    assert t[2]["text"].startswith("MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh")
    # "100% khu dân cư … ít nhất 01 mô hình …, 01 công trình …": the same share of areas, one each
    assert (t[6]["per_unit"], t[6]["level"]) == (1, "area")


def test_thai_nguyen_deadlines(thai_nguyen):
    assert thai_nguyen["deadlines"] == [
        {"date": "2026-06-10", "text": "Báo cáo 6 tháng gửi trước ngày 10/6/2026", "kind": "report", "recurring": False},
        {"date": "2026-11-15", "text": "báo cáo năm gửi trước ngày 15/11/2026", "kind": "report", "recurring": False},
    ]


def test_thai_nguyen_sections_and_contents(thai_nguyen):
    assert [s["label"] for s in thai_nguyen["sections"]] == ["I.", "II.", "III.", "III.", "IV."]
    contents = thai_nguyen["contents"]
    assert [c["number"] for c in contents] == [1, 2, 3, 4, 5]
    assert contents[2]["text"].startswith("Đoàn kết tham gia bảo vệ môi trường")
    assert all(c["criteria"] == {"ntm": [], "dtvm": []} for c in contents)


def test_thai_nguyen_tail(thai_nguyen):
    assert thai_nguyen["signer"] == {"authority": "TM. BAN THƯỜNG TRỰC", "title": "PHÓ CHỦ TỊCH", "name": "Đàm Quang Tuyền"}
    r = thai_nguyen["recipients"]
    assert len(r) == 11
    assert r[2] == "Ủy ban nhân dân tỉnh (để phối hợp)"
    assert r[-1] == "Lưu: VT, TG-CTXH"
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam các xã, phường" in thai_nguyen["assignees"]


def test_thai_nguyen_warnings(thai_nguyen):
    w = "\n".join(thai_nguyen["warnings"])
    assert "Không tìm thấy số, ký hiệu" in w
    assert "Không tìm thấy ngày ban hành" in w
    assert "Nhãn mục “III.” được dùng hai lần" in w
    assert "giai đoạn 2026-2023" in w and "đảo ngược" in w
    assert "người ký" not in w  # the signer is there
    # anniversaries are not ranges: "(27/7/1947-27/7/2026)" raises nothing
    assert "1947" not in w


def test_bac_kan_every_organisation_commitment_reads_a_measure_split_by_organisation(bac_kan):
    from indicators.catalogue import MEASURES

    by_organisation = {m.code for m in MEASURES if m.by_organisation}
    assert all(t["measure"] in by_organisation for t in bac_kan["targets"])


def test_thai_nguyen_names_the_reporting_contact_person():
    from plans.importer import parse_file

    result = parse_file(SEEDS / "ke-hoach-thai-nguyen-2026.txt")
    assert result["contact"] == {"name": "Nguyễn Thị Lê", "phone": "0977713613",
                                 "email": "nguyenthile12071989@gmail.com"}


def test_a_plan_without_a_contact_person_has_none(bac_kan):
    assert bac_kan["contact"] is None


def test_a_phone_number_without_a_name_is_not_a_contact_person():
    from plans.importer.contact import find_contact

    assert find_contact("Mọi thắc mắc liên hệ: SĐT: 0977.713.613") is None
    assert find_contact("Liên hệ: đồng chí Trần Văn Bình, điện thoại 0208 3855 123") == {
        "name": "Trần Văn Bình", "phone": "02083855123", "email": ""}


def test_a_contact_line_broken_by_a_pdf_still_gives_the_email():
    from plans.importer.contact import find_contact

    text = ("(Cán bộ phụ trách theo dõi, tổng hợp: Đồng chí Nguyễn Thị Lê, SĐT: 0977.713.613; Email:\n"
            "nguyenthile12071989@gmail.com)/.\nTM. BAN THƯỜNG TRỰC\nSĐT: 0123456789")
    assert find_contact(text) == {"name": "Nguyễn Thị Lê", "phone": "0977713613",
                                  "email": "nguyenthile12071989@gmail.com"}
