import pytest

from plans.importer.targets import split_clauses
from plans.target_mapping import suggest

CASES = [
    ("100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
     ("great_unity_day_held", "share_of_units", "area", 100, 1)),
    ("MTTQ mỗi xã, phường chủ trì xây dựng ít nhất 03 mô hình điểm khu dân cư tự quản “Sáng - Xanh - Sạch - Đẹp”",
     ("pilot_models_green_clean", "each_unit", "commune", 3, None)),
    ("MTTQ và các tổ chức thành viên toàn tỉnh hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, hộ cận nghèo",
     ("households_livelihood_supported", "total", "", 200, None)),
    ("hỗ trợ, giúp đỡ, thăm hỏi, tặng quà 100% hộ nghèo, cận nghèo",
     ("poor_households_gifted_rate", "total", "", 100, None)),
    ("100% MTTQ cấp xã xây dựng ít nhất 01 mô hình điểm về an sinh cộng đồng",
     ("pilot_models_welfare", "share_of_units", "commune", 100, 1)),
    ("MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh (01 mô hình tại xã phía nam và 01 mô hình tại xã phía Bắc)",
     ("pilot_models_province_level", "total", "", 2, None)),
    ("90% trở lên khu dân cư có mô hình cụ thể thực hiện nếp sống văn minh trong việc cưới, việc tang, bảo vệ môi "
     "trường, được cụ thể hóa, bổ sung vào hương ước, quy ước của khu dân cư",
     ("covenant_civilised_rules", "share_of_units", "area", 90, 1)),
    ("100% Ủy ban MTTQ Việt Nam các xã, phường xây dựng kế hoạch, cụ thể hóa triển khai thực hiện Chương trình … "
     "Sáng - Xanh - Sạch - Đẹp” gắn với mô hình khu dân cư đoàn kết giai đoạn 2026 - 2030",
     ("commune_env_plan", "share_of_units", "commune", 100, 1)),
    ("Hội CCB ở mỗi xã xây dựng ít nhất 01 mô hình giúp nhau giảm nghèo",
     ("poverty_help_models", "each_unit", "commune", 1, None)),
    ("hỗ trợ sinh kế cho 1.000 hộ nghèo, hộ cận nghèo giai đoạn 2026 - 2030",
     ("households_livelihood_supported", "total", "", 1000, None)),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_suggestions(text, expected):
    s = suggest(text)
    assert (s.measure, s.scope, s.level, s.threshold, s.unit_threshold) == expected


def test_member_organisation_and_phase_are_read():
    s = suggest("Hội CCB ở mỗi xã xây dựng ít nhất 01 mô hình giúp nhau giảm nghèo")
    assert s.org_kind == "hoi-ccb"
    assert suggest("hỗ trợ sinh kế cho 1.000 hộ giai đoạn 2026 - 2030").phase == "2026-2030"
    assert suggest("giai đoạn 2026-2023 hỗ trợ sinh kế 10 hộ").phase is None


def test_phases_dates_and_anniversaries_are_not_thresholds():
    assert suggest("kỷ niệm 79 năm Ngày Thương binh - Liệt sĩ (27/7/1947-27/7/2026) hỗ trợ sinh kế").threshold is None


def test_a_target_paragraph_splits_into_clauses():
    text = ("MTTQ và các tổ chức thành viên toàn tỉnh hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, hộ cận nghèo; hỗ trợ, "
            "giúp đỡ, thăm hỏi, tặng quà 100% hộ nghèo, cận nghèo; MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh "
            "(01 mô hình tại xã phía nam và 01 mô hình tại xã phía Bắc của tỉnh) và 100% MTTQ cấp xã xây dựng ít "
            "nhất 01 mô hình điểm về an sinh cộng đồng.")
    clauses = split_clauses(text)
    assert len(clauses) == 4
    assert [suggest(c).measure for c in clauses] == ["households_livelihood_supported", "poor_households_gifted_rate",
                                                     "pilot_models_province_level", "pilot_models_welfare"]


def test_all_levels_means_every_commune():
    s = suggest("MTTQ các cấp tổ chức được ít nhất 01 hoạt động liên hoan văn hóa, thể thao có tính cộng đồng")
    assert (s.measure, s.scope, s.level, s.threshold) == ("festivals", "each_unit", "commune", 1)


def test_issue_16_phrases_point_at_the_new_register_measures():
    from plans.target_mapping import suggest

    cases = {
        "Mỗi xã tổ chức ít nhất 01 đoàn học tập kinh nghiệm, tham quan mô hình": "study_tours_held",
        "100% khu dân cư tổ chức ký cam kết bảo đảm an ninh trật tự": "security_pledges",
        "Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân": "dialogues_held",
        "Phân công các tổ chức thành viên nhận giúp đỡ hộ nghèo": "households_adopted",
        "Vận động nhận đỡ đầu trẻ em mồ côi “Kết nối yêu thương”": "children_sponsored",
        "Tổ chức Ngày hội Biên phòng toàn dân": "border_days_held",
    }
    for phrase, code in cases.items():
        assert suggest(phrase).measure == code, phrase
