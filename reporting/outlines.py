"""The default review outline (đề cương báo cáo sơ kết, tổng kết), as data: loaded by a migration and by the demo.

The Thống Nhất review outline the issue cites (5-year review 2016–2020, due 18/02/2021) is not among the shared
documents (`../shared/seeds`, `../shared/corpus`), so this default is not a copy of it: it follows the usual
layout of a campaign review report — leadership and organisation, propaganda, the five contents with the figures
the spine knows for each, commendations, an overall assessment, lessons, directions for the next phase and
proposals. Each section names the catalogue measures whose figures it shows; a unit writes only the text. A unit
copies it and edits the copy to match its own superior's outline (reporting.reviews.copy_outline).
"""

DEFAULT_NAME = "Đề cương báo cáo tổng kết Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”"
DEFAULT_SOURCE = ("Đề cương mặc định theo bố cục thường dùng của báo cáo tổng kết Cuộc vận động; sao chép và sửa theo "
                  "đề cương của cấp trên")

# (label, title, guidance, measure codes)
DEFAULT_SECTIONS = [
    ("I.", "Công tác lãnh đạo, chỉ đạo, tổ chức triển khai",
     "Việc ban hành kế hoạch, hướng dẫn; kiện toàn Ban Chỉ đạo, Ban vận động; phân công các tổ chức thành viên; "
     "phối hợp với chính quyền cùng cấp.",
     ["commune_plan_issued"]),
    ("II.", "Công tác tuyên truyền, vận động",
     "Hình thức tuyên truyền (hội nghị, họp thôn, loa truyền thanh, mạng xã hội, pano, tờ rơi); số buổi, số lượt "
     "người; nội dung tuyên truyền được lồng ghép.",
     ["propaganda_integrated"]),
    ("III.", "Kết quả thực hiện các nội dung của Cuộc vận động",
     "Đánh giá chung kết quả thực hiện năm nội dung; từng nội dung viết ở các mục dưới đây.", []),
    ("1.", "Nội dung 1: Phát triển kinh tế, giảm nghèo bền vững, an sinh xã hội",
     "Kết quả vận động Quỹ “Vì người nghèo”, hỗ trợ nhà Đại đoàn kết, hỗ trợ sinh kế, mô hình giúp nhau giảm nghèo; "
     "số hộ thoát nghèo. Số liệu dưới đây do hệ thống tổng hợp từ các sổ theo dõi, không nhập lại.",
     ["money_mobilised", "fund_poor_receipts", "great_unity_houses_built", "great_unity_houses_repaired",
      "households_livelihood_supported", "poor_households_escaped", "poverty_help_models"]),
    ("2.", "Nội dung 2: Văn hóa, giáo dục, y tế; Ngày hội Đại đoàn kết toàn dân tộc",
     "Phong trào xây dựng gia đình văn hóa, khu dân cư văn hóa; tổ chức Ngày hội Đại đoàn kết toàn dân tộc; liên "
     "hoan văn hóa, thể thao; khuyến học.",
     ["cultural_families_rate", "great_unity_day_held", "festivals", "scholarships"]),
    ("3.", "Nội dung 3: Xây dựng môi trường sáng – xanh – sạch – đẹp, công trình phục vụ cộng đồng",
     "Mô hình tự quản, công trình, phần việc của Nhân dân và các tổ chức thành viên; ngày công, đất hiến; vệ sinh "
     "môi trường, trồng cây.",
     ["community_works", "organisation_models", "self_managed_models", "workdays_mobilised", "land_donated_m2",
      "trees_planted"]),
    ("4.", "Nội dung 4: Pháp luật, an ninh trật tự, nếp sống văn minh",
     "Hương ước, quy ước; mô hình tự quản về an ninh trật tự; khu dân cư không ma túy; hộ ký cam kết.",
     ["covenant_civilised_rules", "security_self_managed_models", "drug_free_area", "security_pledges"]),
    ("5.", "Nội dung 5: Giám sát, phản biện xã hội, lấy ý kiến sự hài lòng của Nhân dân",
     "Giám sát, phản biện; đối thoại; kết quả lấy ý kiến sự hài lòng của người dân về xây dựng nông thôn mới, đô "
     "thị văn minh.",
     ["supervisions_held", "social_critiques_held", "dialogues_held", "survey_satisfaction_rate"]),
    ("IV.", "Công tác thi đua, khen thưởng",
     "Số tập thể, cá nhân được biểu dương, khen thưởng; gương điển hình tiêu biểu (ghi tên, địa chỉ).",
     ["commendation_events", "awards_decided"]),
    ("V.", "Đánh giá chung: ưu điểm, hạn chế và nguyên nhân",
     "Nêu rõ kết quả nổi bật, những hạn chế, khó khăn và nguyên nhân (chủ quan, khách quan).", []),
    ("VI.", "Bài học kinh nghiệm", "Những bài học rút ra sau giai đoạn thực hiện.", []),
    ("VII.", "Phương hướng, nhiệm vụ giai đoạn tới",
     "Mục tiêu, chỉ tiêu và giải pháp chủ yếu cho giai đoạn tiếp theo.", []),
    ("VIII.", "Đề xuất, kiến nghị", "Với cấp ủy, chính quyền và Mặt trận cấp trên.", []),
]


def load_default(ReviewOutline, OutlineSection) -> object:
    """Create or refresh the default outline (idempotent); takes the models so a migration can call it."""
    outline, _ = ReviewOutline.objects.update_or_create(
        name=DEFAULT_NAME, unit=None, defaults={"kind": "tong_ket", "source": DEFAULT_SOURCE, "is_active": True})
    if not OutlineSection.objects.filter(outline=outline).exists():
        OutlineSection.objects.bulk_create([
            OutlineSection(outline=outline, label=label, title=title, guidance=guidance, measure_codes=codes,
                           order=i) for i, (label, title, guidance, codes) in enumerate(DEFAULT_SECTIONS, start=1)])
    return outline
