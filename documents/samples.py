"""A sample plan, built by hand from the Thái Nguyên 2026 plan (shared/seeds), shortened.

Used by the tests and to look at the output:

    .venv/bin/python -m documents.samples /tmp/sample   # writes /tmp/sample.docx and /tmp/sample.pdf

The seed text has no header; the number and date here are illustrative.
"""

import datetime
import sys

from documents.nd30 import Annex, OfficialDocument, Recipients, Signer, blocks_from_text
from documents.tables import Column, Table, to_nd30

CAMPAIGN = "“Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”"

PLAN_TEXT = f"""
Thực hiện Chương trình hành động số 03/CTr-MTTQ-UB của Ủy ban MTTQ tỉnh về thực hiện Nghị quyết Đại hội đại biểu MTTQ Việt Nam tỉnh Thái Nguyên lần thứ I, nhiệm kỳ 2025 - 2030; Thông báo số 09/TB-MTTQ-BTT ngày 09/01/2026 của Ban Thường trực Ủy ban MTTQ tỉnh về việc định hướng nhiệm vụ trọng tâm công tác Mặt trận năm 2026, Ban Thường trực Ủy ban MTTQ tỉnh ban hành Kế hoạch thực hiện Cuộc vận động {CAMPAIGN} năm 2026 trên địa bàn tỉnh Thái Nguyên, cụ thể như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Tiếp tục đẩy mạnh thực hiện Cuộc vận động {CAMPAIGN} (sau đây viết tắt là *Cuộc vận động*) trên địa bàn tỉnh; phát huy vai trò, trách nhiệm của Ủy ban MTTQ Việt Nam và các tổ chức thành viên trong công tác phối hợp vận động các tầng lớp Nhân dân tích cực tham gia các phong trào thi đua yêu nước; huy động nguồn lực góp phần thực hiện các chỉ tiêu, nhiệm vụ Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững năm 2026 của tỉnh.

2. Tiếp tục củng cố, nâng cao chất lượng thực hiện Cuộc vận động, cụ thể hóa các chỉ tiêu, nhiệm vụ phù hợp với mô hình chính quyền địa phương 2 cấp. Thực hiện phương châm hướng về cơ sở, phát huy vai trò nòng cốt của Ban Công tác Mặt trận ở khu dân cư, tổ chức triển khai Cuộc vận động thiết thực, hiệu quả, với các chỉ tiêu cụ thể, tránh hình thức.

II. MỘT SỐ CHỈ TIÊU CỤ THỂ

1. MTTQ và các tổ chức thành viên toàn tỉnh hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, hộ cận nghèo; hỗ trợ, giúp đỡ, thăm hỏi, tặng quà 100% hộ nghèo, cận nghèo; MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh (01 mô hình tại xã phía nam và 01 mô hình tại xã phía Bắc của tỉnh) và 100% MTTQ cấp xã xây dựng ít nhất 01 mô hình điểm về an sinh cộng đồng.

2. 100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc; 100% Ban Công tác Mặt trận lồng ghép nội dung tuyên truyền về bảo vệ môi trường, phòng chống tội phạm, tệ nạn xã hội, thực hiện nếp sống văn minh vào sinh hoạt khu dân cư.

3. MTTQ mỗi xã, phường chủ trì xây dựng ít nhất 03 mô hình điểm khu dân cư tự quản “Sáng - Xanh - Sạch - Đẹp” gắn với khu dân cư đoàn kết, ấm no, hạnh phúc; xây dựng mới ít nhất 01 mô hình điểm về phòng chống ma túy gắn với đảm bảo an ninh trật tự.

III. NỘI DUNG THỰC HIỆN

1. Đoàn kết tham gia phát triển kinh tế, tích cực giúp nhau giảm nghèo bền vững, nâng cao cuộc sống, khuyến khích làm giàu chính đáng

- Chủ trì phối hợp với các tổ chức thành viên, nòng cốt là các tổ chức chính trị - xã hội vận động Nhân dân, đoàn viên, hội viên tích cực tham gia các hoạt động hỗ trợ, giúp đỡ các hộ nghèo, cận nghèo, gia đình khó khăn trên địa bàn. Hỗ trợ, giúp đỡ, thăm hỏi, tặng quà 100% hộ nghèo, cận nghèo.

- Triển khai thực hiện có hiệu quả Đề án số 02/ĐA-MTTQ-BTT ngày 10/3/2026 của Ban Thường trực Ủy ban MTTQ tỉnh về “Hỗ trợ sinh kế cho 1.000 hộ nghèo, hộ cận nghèo, phấn đấu thoát nghèo bền vững giai đoạn 2026 - 2030”.

2. Đoàn kết xây dựng đời sống văn hóa, chăm lo sự nghiệp giáo dục, phát triển nguồn nhân lực, chăm sóc sức khỏe nhân dân; xây dựng gia đình văn hóa; phát huy truyền thống đền ơn, đáp nghĩa, tương thân, tương ái

- MTTQ các cấp tổ chức ít nhất 01 hoạt động liên hoan văn hóa, thể thao có tính cộng đồng. Cấp tỉnh tổ chức Liên hoan nghệ thuật quần chúng “Bài ca đại đoàn kết các dân tộc” tỉnh Thái Nguyên lần thứ nhất.

3. Đoàn kết tham gia bảo vệ môi trường, ứng phó với biến đổi khí hậu, xây dựng cảnh quan môi trường sáng - xanh - sạch - đẹp

- Tiếp tục duy trì và xây dựng, nhân rộng các mô hình khu dân cư tự quản bảo vệ môi trường do Mặt trận Tổ quốc chủ trì và các mô hình của các tổ chức thành viên đã và đang triển khai.

4. Đoàn kết chấp hành pháp luật, bảo đảm trật tự an toàn xã hội

- Vận động Nhân dân thực hiện tốt hương ước, quy ước của cộng đồng; sống và làm việc theo pháp luật.

5. Đoàn kết phát huy dân chủ, tích cực tham gia giám sát và phản biện xã hội, góp phần xây dựng hệ thống chính trị cơ sở trong sạch vững mạnh

- Hướng dẫn tổ chức, triển khai lấy ý kiến sự hài lòng của người dân về kết quả xây dựng nông thôn mới của các xã khi có hướng dẫn của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam.

IV. TỔ CHỨC THỰC HIỆN

1. Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh

- Giao Ban Tuyên giáo, công tác xã hội chủ trì tham mưu giúp Ban Thường trực Ủy ban MTTQ tỉnh triển khai thực hiện kế hoạch; theo dõi, đánh giá, tổng hợp kết quả thực hiện Cuộc vận động của các địa phương và tổ chức thành viên.

2. Ban Thường trực Ủy ban MTTQ Việt Nam các xã, phường

- Định kỳ tổng hợp, gửi báo cáo kết quả thực hiện Cuộc vận động về Ban Thường trực Ủy ban MTTQ tỉnh để tổng hợp, báo cáo chung theo quy định.

V. CHẾ ĐỘ BÁO CÁO

Đề nghị các tổ chức thành viên của Mặt trận Tổ quốc tỉnh, Ban Thường trực Ủy ban MTTQ các xã, phường định kỳ gửi báo cáo kết quả thực hiện kế hoạch về Ban Thường trực Ủy ban MTTQ tỉnh để tổng hợp, báo cáo theo quy định. **Báo cáo 6 tháng gửi trước ngày 10/6/2026; báo cáo năm gửi trước ngày 15/11/2026.**

(Cán bộ phụ trách theo dõi, tổng hợp: Đồng chí Nguyễn Thị Lê, SĐT: 0977.713.613)./.
"""

RECIPIENTS = [
    "BTT Ủy ban TWMTTQ Việt Nam",
    "Ban Vận động xã hội UBTW MTTQ Việt Nam",
    "Ủy ban nhân dân tỉnh *(để phối hợp)*",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Các sở: NN & MT, DT&TG, VH-TT&DL",
    "Các TCTV của MTTQ tỉnh *(phối hợp thực hiện)*",
    "Ủy ban MTTQ các xã, phường *(thực hiện)*",
]


def targets_table() -> Table:
    """An illustrative annex: one row per commune (figures made up for the sample)."""
    columns = [
        Column("no", "STT", "integer", 6, summable=False),
        Column("unit", "Đơn vị", "text", 28),
        Column("areas", "Số khu dân cư", "integer"),
        Column("day", "Số KDC tổ chức Ngày hội", "integer"),
        Column("rate", "Tỷ lệ KDC tổ chức Ngày hội", "percent"),
        Column("models", "Mô hình điểm tự quản", "integer"),
        Column("money", "Quỹ “Vì người nghèo” (đồng)", "money"),
        Column("date", "Ngày báo cáo", "date"),
    ]
    rows = [
        {"no": 1, "unit": "Phường Phan Đình Phùng", "areas": 48, "day": 48, "rate": 100, "models": 4,
         "money": 125_500_000, "date": datetime.date(2026, 11, 10)},
        {"no": 2, "unit": "Xã Đồng Phúc", "areas": 21, "day": 20, "rate": 95.2, "models": 3,
         "money": 18_250_000, "date": datetime.date(2026, 11, 12)},
        {"no": 3, "unit": "Xã Bằng Thành", "areas": 17, "day": None, "rate": None, "models": None,
         "money": None, "date": None},
    ]
    table = Table("Kết quả thực hiện một số chỉ tiêu năm 2026", columns, rows).with_totals()
    table.totals["rate"] = round(68 * 100 / 69, 1)  # recomputed from its parts, never averaged
    return table


def thai_nguyen_plan_2026(with_annex: bool = True) -> OfficialDocument:
    annexes = []
    if with_annex:
        annexes.append(Annex(
            "Phụ lục", "Tổng hợp kết quả thực hiện chỉ tiêu theo xã, phường",
            [to_nd30(targets_table(), widths=[6, 30, 12, 14, 14, 14, 22, 14])],
        ))
    return OfficialDocument(
        parent_body="ỦY BAN MTTQ VIỆT NAM TỈNH THÁI NGUYÊN",
        issuing_body="BAN THƯỜNG TRỰC",
        issuer_in_text="Ban Thường trực Ủy ban MTTQ tỉnh",
        number=15,
        symbol="KH-MTTQ-BTT",
        place="Thái Nguyên",
        date=datetime.date(2026, 3, 16),
        type_name="KẾ HOẠCH",
        title=f"Thực hiện Cuộc vận động {CAMPAIGN} và Chương trình Mặt trận Tổ quốc tham gia bảo vệ môi trường, "
              f"xây dựng khu dân cư “Sáng - Xanh - Sạch - Đẹp” gắn với mô hình khu dân cư đoàn kết, "
              f"ấm no, hạnh phúc năm 2026",
        blocks=blocks_from_text(PLAN_TEXT),
        signer=Signer("TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Đàm Quang Tuyền"),
        recipients=Recipients(RECIPIENTS, archive="VT, TG-CTXH"),
        annexes=annexes,
    )


if __name__ == "__main__":
    from documents.nd30 import render_docx, render_pdf

    stem = sys.argv[1] if len(sys.argv) > 1 else "/tmp/sample"
    doc = thai_nguyen_plan_2026()
    with open(f"{stem}.docx", "wb") as f:
        f.write(render_docx(doc))
    with open(f"{stem}.pdf", "wb") as f:
        f.write(render_pdf(doc))
    print(f"{stem}.docx {stem}.pdf")
