"""The results report (Báo cáo kết quả lấy ý kiến sự hài lòng) in ND 30 layout, for the recognition file."""

from django.utils import timezone

from core.formatting import format_date, format_number
from documents.nd30 import Annex, Heading, OfficialDocument, Paragraph, Recipients, Signer
from documents.tables import to_nd30

from .results import Results, fmt
from .tables import area_question_table, coverage_table, question_table

SUBJECT_PHRASE = {
    "ntm": "kết quả xây dựng nông thôn mới",
    "ntm_nc": "kết quả xây dựng xã nông thôn mới nâng cao",
    "ntm_km": "kết quả xây dựng xã nông thôn mới kiểu mẫu",
    "dtvm": "kết quả xây dựng phường đạt chuẩn đô thị văn minh",
    "custom": "",
}


def _in_text(name: str) -> str:
    """'Xã Đồng Phúc' -> 'xã Đồng Phúc' (the unit type in lower case inside a sentence)."""
    return name[:1].lower() + name[1:]


def results_report(results: Results) -> OfficialDocument:
    survey = results.survey
    unit = survey.unit
    province = unit.parent
    t = results.total
    phrase = SUBJECT_PHRASE.get(survey.subject) or survey.title
    blocks = [
        Heading("I.", "TỔ CHỨC LẤY Ý KIẾN"),
        Paragraph(f"Thực hiện Hướng dẫn số 90/HD-MTTW-BTT ngày 14/6/2022 của Ban Thường trực Ủy ban Trung ương "
                  f"MTTQ Việt Nam, Ban Thường trực Ủy ban MTTQ {_in_text(unit.name)} "
                  f"đã tổ chức lấy ý kiến sự hài lòng của người dân về {phrase} "
                  f"từ ngày {format_date(survey.starts_on)} đến ngày {format_date(survey.ends_on)}."),
        Paragraph("Mỗi hộ gia đình cử 01 người đại diện trả lời phiếu, bằng phiếu giấy do Ban Công tác Mặt trận "
                  "khu dân cư phát và thu lại, hoặc trực tuyến bằng mã phiếu riêng của hộ. Phiếu không ghi tên "
                  "người trả lời; kết quả được tổng hợp theo từng khu dân cư."),
        Paragraph(f"Phiếu gồm {len(results.questions)} câu hỏi"
                  + (f" theo {survey.criteria_set.name} ({survey.criteria_set.decision})" if survey.criteria_set
                     else "")
                  + " và 01 câu hỏi đánh giá chung."),
        Heading("II.", "KẾT QUẢ"),
        Heading("1.", "Số hộ được lấy ý kiến"),
        Paragraph(f"Tổng số hộ trong danh sách: {format_number(t.asked)} hộ, thuộc {len(results.rows)} khu dân cư; "
                  f"số hộ đã trả lời: {format_number(t.answered)} hộ; số phiếu thu về: {format_number(t.returned)} "
                  f"phiếu; tỷ lệ hộ được lấy ý kiến: {fmt(t.coverage)} (mức tối thiểu {fmt(survey.min_coverage)})."),
        Heading("2.", "Mức độ hài lòng"),
    ]
    if results.overall and t.returned:
        sat = t.satisfied.get(results.overall.pk, 0)
        blocks.append(Paragraph(f"Câu hỏi đánh giá chung: {format_number(sat)}/{format_number(t.returned)} phiếu "
                                f"hài lòng, đạt {fmt(results.overall_rate)}."))
    blocks.append(to_nd30(question_table(results), widths=[11, 58, 15, 14, 15, 15, 12]))
    blocks += [
        Heading("III.", "ĐÁNH GIÁ"),
        Paragraph(f"Đối chiếu ngưỡng hài lòng {fmt(survey.threshold)} và tỷ lệ hộ được lấy ý kiến tối thiểu "
                  f"{fmt(survey.min_coverage)}: **{results.verdict}**"),
    ]
    if results.failing_questions and t.returned:
        blocks.append(Paragraph("Các nội dung người dân chưa hài lòng ở mức ngưỡng: "
                                + "; ".join(f"câu {q.number}" for q in results.failing_questions)
                                + ". Đề nghị các cơ quan liên quan tiếp tục khắc phục."))
    return OfficialDocument(
        parent_body=f"ỦY BAN MTTQ VIỆT NAM {unit.name.upper()}",
        issuing_body="BAN THƯỜNG TRỰC",
        number=None, symbol="BC-MTTQ", place=unit.short_name, date=timezone.localdate(),
        type_name="BÁO CÁO",
        title=f"Kết quả lấy ý kiến sự hài lòng của người dân về {phrase or survey.title}",
        blocks=blocks,
        signer=Signer("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", ""),
        recipients=Recipients([f"Ban Thường trực Ủy ban MTTQ {_in_text(province.name)}" if province else
                               "Ban Thường trực Ủy ban MTTQ cấp trên",
                               f"Đảng ủy, HĐND, UBND {_in_text(unit.name)}", "Các khu dân cư"],
                              archive="VT"),
        annexes=[Annex("Phụ lục", "Kết quả lấy ý kiến theo khu dân cư",
                       [to_nd30(coverage_table(results)),
                        to_nd30(area_question_table(results), widths=[24, 11] + [9] * len(results.questions))], landscape=True)],
        issuer_in_text=f"Ban Thường trực Ủy ban MTTQ {_in_text(unit.name)}",
    )
