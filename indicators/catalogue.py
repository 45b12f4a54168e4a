"""The campaign's measure catalogue, as data (loaded by `sync_measures`).

It covers every target of the Thái Nguyên 2026 plan (section II, targets 1–6) and the figures the campaign's
reports ask for. This is the only definition of a measure: registers claim a code by declaring how they derive it
(`Derivation` in indicators.registers), never by declaring the measure again.
Criteria are (criteria set code, criterion number): NTM 2026–2030 (QĐ 51/2025) and ĐTVM (QĐ 04/2022).
"""

from .registers import MeasureDef as M

NTM = "ntm-xa-2026-2030"
DTVM = "dtvm-2022"

MEASURES = [
    # --- Nội dung 1: kinh tế, giảm nghèo ------------------------------------------------------------------
    M("poor_households", "Số hộ nghèo, hộ cận nghèo", "count", "area", "sum", "hộ", 1, ((NTM, 6), (DTVM, 6)), order=10,
      description="Hộ nghèo, cận nghèo trong danh sách chính thức của năm kết thúc kỳ."),
    M("poor_households_gifted", "Số hộ nghèo, cận nghèo được hỗ trợ, thăm hỏi, tặng quà", "count", "area", "sum",
      "hộ", 1, ((NTM, 6),), order=11, description="Trong số hộ của danh sách năm, số hộ được thăm hỏi, tặng quà "
      "trong kỳ."),
    M("poor_households_gifted_rate", "Tỷ lệ hộ nghèo, cận nghèo được hỗ trợ, thăm hỏi, tặng quà", "ratio", "area",
      "ratio", "%", 1, ((NTM, 6),), numerator="poor_households_gifted", denominator="poor_households", scale=100,
      order=12),
    M("households_livelihood_supported", "Số hộ nghèo, cận nghèo được hỗ trợ sinh kế (mỗi hộ tính một lần)", "count",
      "area", "sum", "hộ", 1, ((NTM, 3), (NTM, 6)), order=13),
    M("poor_households_escaped", "Số hộ thoát nghèo", "count", "area", "sum", "hộ", 1, ((NTM, 6),), order=14,
      description="Hộ có tên trong danh sách hộ mới thoát nghèo của năm kỳ kết thúc."),
    M("households_adopted", "Số hộ nghèo, cận nghèo được tổ chức nhận giúp đỡ", "count", "area", "sum", "hộ", 1,
      by_organisation=True, order=14, description="Hộ đang được nhận giúp đỡ trong kỳ (mỗi hộ tính một lần cho mỗi "
      "tổ chức); Mặt trận nhận giúp đỡ tính ở dòng không thuộc tổ chức thành viên."),
    M("households_adopted_escaped", "Trong số hộ được nhận giúp đỡ, số hộ đã thoát nghèo", "count", "area", "sum",
      "hộ", 1, order=14, description="Hộ được nhận giúp đỡ trong kỳ có tên trong danh sách hộ mới thoát nghèo của "
      "năm kỳ kết thúc."),
    M("children_sponsored", "Số trẻ em mồ côi, có hoàn cảnh khó khăn được nhận đỡ đầu (“Kết nối yêu thương”)",
      "count", "area", "sum", "em", 1, order=14),
    M("great_unity_houses_built", "Số nhà Đại đoàn kết xây mới bàn giao", "count", "area", "sum", "căn", 1,
      ((NTM, 2),), order=15, description="Nhà bàn giao trong kỳ, tính ở khu dân cư của hộ được hỗ trợ."),
    M("great_unity_houses_repaired", "Số nhà Đại đoàn kết sửa chữa bàn giao", "count", "area", "sum", "căn", 1,
      ((NTM, 2),), order=16, description="Nhà bàn giao trong kỳ, tính ở khu dân cư của hộ được hỗ trợ."),
    M("money_mobilised", "Tổng số tiền vận động (tiền và hiện vật quy ra tiền)", "money", "any", "sum", "đồng", 1,
      by_organisation=True, order=17),
    M("workdays_mobilised", "Số ngày công lao động Nhân dân đóng góp", "number", "any", "sum", "ngày công", 1,
      order=18),
    M("land_donated_m2", "Diện tích đất Nhân dân hiến", "number", "any", "sum", "m²", 1, ((NTM, 2),), order=19),
    M("pilot_models", "Số mô hình điểm (do chính cấp này xây dựng)", "count", "any", "sum", "mô hình", 1,
      by_organisation=True, order=20),
    M("pilot_models_province_level", "Số mô hình điểm cấp tỉnh do MTTQ tỉnh xây dựng", "count", "province", "sum",
      "mô hình", 1, order=21),
    M("pilot_models_welfare", "Số mô hình điểm về an sinh cộng đồng", "count", "any", "sum", "mô hình", 1,
      ((NTM, 6),), by_organisation=True, order=22),
    M("poverty_help_models", "Số mô hình giúp nhau giảm nghèo", "count", "any", "sum", "mô hình", 1, ((NTM, 6),),
      by_organisation=True, order=23),
    M("support_amount", "Giá trị hỗ trợ hộ nghèo, cận nghèo", "money", "area", "sum", "đồng", 1, order=24),
    M("support_amount_from_funds", "Giá trị hỗ trợ từ quỹ của Mặt trận", "money", "area", "sum", "đồng", 1, order=25),
    M("support_amount_from_sponsors", "Giá trị hỗ trợ từ nhà tài trợ", "money", "area", "sum", "đồng", 1, order=26),
    M("support_amount_from_organisations", "Giá trị hỗ trợ của tổ chức thành viên", "money", "area", "sum", "đồng",
      1, by_organisation=True, order=27),
    M("support_amount_houses", "Giá trị hỗ trợ nhà Đại đoàn kết", "money", "area", "sum", "đồng", 1, order=28),
    M("support_amount_livelihood", "Giá trị hỗ trợ sinh kế", "money", "area", "sum", "đồng", 1, order=29),
    M("support_amount_gifts", "Giá trị quà thăm hỏi, tặng quà", "money", "area", "sum", "đồng", 1, order=29),
    M("fund_poor_receipts", "Số thu Quỹ “Vì người nghèo”", "money", "any", "sum", "đồng", 1, order=40,
      description="Các khoản thu trong kỳ của sổ quỹ mỗi cấp (không gồm số dư chuyển sang và tiền chuyển quỹ)."),
    M("fund_poor_disbursed", "Số chi Quỹ “Vì người nghèo”", "money", "any", "sum", "đồng", 1, order=41),
    M("fund_poor_peak_receipts", "Số thu Quỹ “Vì người nghèo” trong Tháng cao điểm (17/10–18/11)", "money", "any",
      "sum", "đồng", 1, order=42, description="Chỉ tính ở kỳ chứa trọn Tháng cao điểm."),
    # Kinh phí Cuộc vận động (budget/): dự toán, quyết toán của mỗi cấp, theo năm, cộng dồn lên các cấp
    # Các ban vận động, ban chỉ đạo (committees/): thành lập, kiện toàn (Cư Jút §II.5: "kiện toàn Ban vận động Quỹ
    # “Vì người nghèo” các cấp"); tính ở cấp có ban, cộng dồn lên các cấp
    M("committees_in_force", "Số ban vận động, ban chỉ đạo có quyết định còn hiệu lực", "count", "any", "sum", "ban",
      None, order=910, description="Ban có một lần thành lập hoặc kiện toàn còn hiệu lực trong kỳ (mỗi ban tính một "
      "lần), mọi loại ban."),
    M("committees_renewed", "Số ban vận động, ban chỉ đạo được kiện toàn", "count", "any", "sum", "ban", None,
      order=911, description="Ban có quyết định kiện toàn bắt đầu hiệu lực trong kỳ (mỗi ban tính một lần)."),
    M("budget_planned", "Kinh phí dự toán thực hiện Cuộc vận động", "money", "any", "sum", "đồng", None, order=900,
      description="Tổng các dòng dự toán của năm (mọi nguồn); chỉ tính ở kỳ chứa trọn năm."),
    M("budget_spent", "Kinh phí đã chi (quyết toán) thực hiện Cuộc vận động", "money", "any", "sum", "đồng", None,
      order=901, description="Tổng các dòng quyết toán của năm (mọi nguồn); chỉ tính ở kỳ chứa trọn năm."),
    M("budget_mobilised", "Kinh phí xã hội hóa huy động cho Cuộc vận động (quyết toán)", "money", "any", "sum",
      "đồng", None, order=902,
      description="Các dòng quyết toán từ nguồn xã hội hóa. Khác “Tổng số tiền vận động” (money_mobilised): số đó "
      "gồm mọi đóng góp của Nhân dân cho nông thôn mới, nhập trên biểu báo cáo."),
    # --- Nội dung 2: văn hóa, giáo dục, y tế ---------------------------------------------------------------
    M("households", "Tổng số hộ gia đình", "count", "area", "sum", "hộ", 2, order=29),
    M("families_total", "Tổng số hộ gia đình được bình xét danh hiệu Gia đình văn hóa", "count", "area", "sum", "hộ",
      2, order=30, description="Từ danh hiệu văn hóa xã nhập theo khu dân cư; năm danh hiệu là năm có ngày 31/12 "
      "trong kỳ."),
    M("cultural_families", "Số hộ đạt danh hiệu Gia đình văn hóa", "count", "area", "sum", "hộ", 2, ((NTM, 5),),
      order=31),
    # ND 86/2023: the share is of the families assessed that year (same rows, same year) — not of a household
    # count typed elsewhere, which belongs to another date and source.
    M("cultural_families_rate", "Tỷ lệ hộ đạt danh hiệu Gia đình văn hóa", "ratio", "area", "ratio", "%", 2,
      ((NTM, 5),), numerator="cultural_families", denominator="families_total", scale=100, order=32),
    M("cultural_area", "Khu dân cư đạt danh hiệu Thôn, Tổ dân phố văn hóa", "bool", "area", "count_yes",
      "khu dân cư", 2, ((NTM, 5), (DTVM, 7)), order=33),
    M("exemplary_communes", "Xã, phường đạt danh hiệu tiêu biểu", "bool", "commune", "count_yes", "xã", 2, order=33),
    M("great_unity_day_held", "Khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc", "bool", "area", "count_yes",
      "khu dân cư", 2, ((NTM, 5),), order=34),
    M("great_unity_day_participants", "Số người tham dự Ngày hội Đại đoàn kết toàn dân tộc", "count", "area", "sum",
      "người", 2, order=35),
    M("festivals", "Số hoạt động liên hoan văn hóa, thể thao có tính cộng đồng", "count", "any", "sum", "hoạt động",
      2, ((NTM, 5), (DTVM, 7)), order=36),
    M("commendation_events", "Số hoạt động biểu dương, khen thưởng mô hình tự quản của Nhân dân", "count", "any",
      "sum", "hoạt động", 2, order=37),
    M("awards_decided", "Số tập thể, cá nhân được khen thưởng trong Cuộc vận động", "count", "any", "sum", "lượt", 2,
      order=37),
    M("scholarships", "Số suất học bổng trao cho học sinh khó khăn", "count", "any", "sum", "suất", 2, ((NTM, 5),),
      order=38),
    M("gratitude_activities", "Số hoạt động đền ơn đáp nghĩa (kỷ niệm Ngày Thương binh – Liệt sĩ 27/7)", "count",
      "any", "sum", "hoạt động", 2, by_organisation=True, order=38),
    M("gratitude_mobilised", "Giá trị vận động cho hoạt động đền ơn đáp nghĩa", "money", "any", "sum", "đồng", 2,
      order=38),
    M("study_tours_held", "Số đoàn học tập kinh nghiệm, tham quan mô hình", "count", "any", "sum", "đoàn", 2,
      by_organisation=True, order=38, description="Đoàn đi trong kỳ, tính ở đơn vị tổ chức đoàn."),
    M("study_tour_participants", "Số người tham gia học tập kinh nghiệm, tham quan mô hình", "count", "any", "sum",
      "người", 2, order=38),
    M("propaganda_channel_uses", "Số lượt tuyên truyền theo các hình thức (hội nghị, họp thôn, mạng xã hội, pa nô, "
      "tờ rơi, sân khấu hóa, báo – đài)", "count", "any", "sum", "lượt", 2, order=38,
      description="Tổng số buổi, tin bài, sản phẩm của các hoạt động tuyên truyền ghi theo từng hình thức."),
    M("trainings_held", "Số lớp tập huấn", "count", "any", "sum", "lớp", 2, by_organisation=True, order=38),
    M("training_participants", "Số lượt người được tập huấn", "count", "any", "sum", "lượt người", 2, order=38),
    # --- Nội dung 3: môi trường, sáng – xanh – sạch – đẹp ----------------------------------------------------
    M("commune_plan_issued", "Xã có kế hoạch thực hiện Cuộc vận động đã ban hành trên doanket", "bool", "commune",
      "count_yes", "xã", 5, order=39, description="Tính từ các kế hoạch đã ban hành trong kỳ."),
    M("commune_env_plan", "Xã có kế hoạch thực hiện Chương trình “Sáng – Xanh – Sạch – Đẹp” giai đoạn 2026–2030",
      "bool", "commune", "count_yes", "xã", 3, ((NTM, 8),), order=40),
    M("self_managed_models", "Số mô hình hoạt động tự quản tại cộng đồng", "count", "area", "sum", "mô hình", 3,
      ((NTM, 8),), order=41),
    M("community_works", "Số công trình, mô hình, phần việc thiết thực phục vụ cộng đồng", "count", "area", "sum",
      "công trình", 3, ((NTM, 2), (NTM, 8)), order=42),
    M("organisation_models", "Số công trình, mô hình, phần việc của tổ chức thành viên", "count", "any", "sum",
      "mô hình", 3, by_organisation=True, order=42,
      description="Các công trình, mô hình, phần việc do một tổ chức thành viên đăng ký và thực hiện (cam kết của "
      "từng tổ chức, ví dụ “Hội Phụ nữ mỗi xã ít nhất 01 mô hình”)."),
    M("new_type_cooperatives", "Số hợp tác xã kiểu mới hoạt động hiệu quả", "count", "any", "sum", "hợp tác xã", 1,
      by_organisation=True, order=23,
      description="Mô hình có chủ đề “Hợp tác xã kiểu mới” trong sổ mô hình, công trình, phần việc."),
    M("pilot_models_green_clean", "Số mô hình điểm khu dân cư tự quản “Sáng – Xanh – Sạch – Đẹp”", "count", "any",
      "sum", "mô hình", 3, ((NTM, 8), (DTVM, 3)), order=43),
    M("env_cleanup_days", "Số buổi ra quân tổng vệ sinh môi trường", "count", "any", "sum", "buổi", 3, ((NTM, 8),),
      order=44),
    M("trees_planted", "Số cây xanh được trồng", "count", "any", "sum", "cây", 3, ((NTM, 8),), order=45),
    # --- Nội dung 4: pháp luật, trật tự an toàn xã hội -----------------------------------------------------
    M("covenant_civilised_rules", "Khu dân cư có mô hình nếp sống văn minh (việc cưới, việc tang, môi trường) được "
      "đưa vào hương ước, quy ước", "bool", "area", "count_yes", "khu dân cư", 4, ((NTM, 10), (DTVM, 4)), order=50),
    M("propaganda_integrated", "Ban Công tác Mặt trận lồng ghép tuyên truyền môi trường, phòng chống tội phạm, tệ nạn "
      "xã hội, nếp sống văn minh vào sinh hoạt khu dân cư", "bool", "area", "count_yes", "khu dân cư", 4,
      ((NTM, 10),), order=51),
    M("pilot_models_drugs_new", "Số mô hình điểm mới về phòng chống ma túy", "count", "any", "sum", "mô hình", 4,
      ((NTM, 10), (DTVM, 4)), order=52),
    M("security_self_managed_models", "Số mô hình tự quản về an ninh trật tự", "count", "area", "sum", "mô hình", 4,
      ((NTM, 10), (DTVM, 4)), order=53),
    M("drug_free_area", "Khu dân cư không ma túy", "bool", "area", "count_yes", "khu dân cư", 4, ((NTM, 10),),
      order=54),
    M("security_pledges", "Số hộ ký cam kết bảo đảm an ninh trật tự", "count", "area", "sum", "hộ", 4, order=55),
    M("border_days_held", "Số Ngày hội Biên phòng toàn dân được tổ chức", "count", "any", "sum", "ngày hội", 4,
      order=56),
    M("security_days_held", "Số Ngày hội toàn dân bảo vệ an ninh Tổ quốc được tổ chức", "count", "any", "sum",
      "ngày hội", 4, order=56),
    M("defence_days_held", "Số Ngày hội quốc phòng toàn dân được tổ chức", "count", "any", "sum", "ngày hội", 4,
      order=56),
    # --- Nội dung 5: dân chủ, giám sát, phản biện ----------------------------------------------------------
    M("supervisions_held", "Số cuộc giám sát", "count", "any", "sum", "cuộc", 5, ((NTM, 9), (DTVM, 9)), order=60,
      description="Cuộc giám sát (mọi hình thức trừ phản biện) bắt đầu trong kỳ."),
    M("social_critiques_held", "Số hoạt động phản biện xã hội", "count", "any", "sum", "hoạt động", 5, ((NTM, 9),),
      order=61),
    M("recommendations_made", "Số kiến nghị sau giám sát", "count", "any", "sum", "kiến nghị", 5, order=62,
      description="Kiến nghị gửi trong kỳ."),
    M("recommendations_answered_on_time", "Số kiến nghị được trả lời đúng hạn", "count", "any", "sum", "kiến nghị",
      5, order=63, description="Trong số kiến nghị gửi trong kỳ, số đã được trả lời không muộn hơn hạn."),
    M("recommendations_answered_rate", "Tỷ lệ kiến nghị được trả lời đúng hạn", "ratio", "any", "ratio", "%", 5,
      numerator="recommendations_answered_on_time", denominator="recommendations_made", scale=100, order=64),
    M("recommendations_overdue", "Số kiến nghị quá hạn chưa được trả lời", "count", "any", "sum", "kiến nghị", 5,
      order=64, description="Kiến nghị đã qua hạn mà chưa được trả lời, tính đến cuối kỳ (hoặc hôm nay nếu kỳ chưa "
      "kết thúc)."),
    M("recommendations_pending", "Số kiến nghị đang chờ trả lời", "count", "any", "sum", "kiến nghị", 5, order=64,
      description="Kiến nghị đã gửi mà chưa được trả lời (trong hạn hoặc quá hạn), tính đến cuối kỳ (hoặc hôm nay "
      "nếu kỳ chưa kết thúc)."),
    M("opinion_summaries_submitted", "Số báo cáo tình hình Nhân dân hằng quý đã gửi", "count", "commune", "sum",
      "báo cáo", 5, order=64, description="Báo cáo tình hình tư tưởng, dư luận Nhân dân của các xã, phường, đặc "
      "khu đã gửi lên cấp trên, cho các quý nằm trong kỳ."),
    M("dialogues_held", "Số cuộc đối thoại giữa chính quyền và Nhân dân", "count", "any", "sum", "cuộc", 5, order=65),
    M("citizen_meetings_held", "Số cuộc đối thoại, tiếp xúc cử tri, “Lắng nghe ý kiến của Nhân dân”", "count",
      "any", "sum", "cuộc", 5, order=65),
    M("dialogue_opinions", "Số ý kiến, kiến nghị Nhân dân nêu tại đối thoại, tiếp xúc cử tri", "count", "any", "sum",
      "ý kiến", 5, order=65),
    M("survey_households_in_scope", "Số hộ thuộc diện lấy ý kiến sự hài lòng", "count", "area", "sum", "hộ", 5,
      order=66),
    M("survey_households_asked", "Số hộ đã được lấy ý kiến sự hài lòng", "count", "area", "sum", "hộ", 5, order=67),
    M("survey_coverage_rate", "Tỷ lệ hộ được lấy ý kiến sự hài lòng", "ratio", "area", "ratio", "%", 5,
      numerator="survey_households_asked", denominator="survey_households_in_scope", scale=100, order=68),
    # HD 90/HD-MTTW-BTT: satisfaction decides a commune's or ward's recognition, and ballots are anonymous within
    # the commune, so these are the commune's figures, derived once collection has ended.
    M("survey_satisfied", "Số phiếu hài lòng chung với kết quả xây dựng nông thôn mới, đô thị văn minh", "count",
      "commune", "sum", "phiếu", 5, order=69,
      description="Phiếu trả lời “hài lòng” ở câu hỏi chung; tính khi đã kết thúc lấy ý kiến."),
    M("survey_returned", "Số phiếu lấy ý kiến thu về", "count", "commune", "sum", "phiếu", 5, order=70,
      description="Tính khi đã kết thúc lấy ý kiến."),
    M("survey_satisfaction_rate", "Tỷ lệ người dân hài lòng", "ratio", "commune", "ratio", "%", 5,
      numerator="survey_satisfied", denominator="survey_returned", scale=100, order=71),
]
