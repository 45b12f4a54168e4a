"""The dashboard as a PDF for the meeting file: A4 landscape, ND 30 header, the panels as tables."""

from django.utils import timezone

from core.formatting import format_date, format_money, format_percent
from documents.nd30 import Cell, Heading, OfficialDocument, Paragraph, TableBlock


def _bodies(unit):
    place = unit.name
    for prefix in ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu "):
        if place.startswith(prefix):
            place = place[len(prefix):]
    if unit.level == "nation":
        return "ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM", "BAN THƯỜNG TRỰC", "Hà Nội"
    return f"ỦY BAN MTTQ VIỆT NAM\n{unit.name.upper()}", "BAN THƯỜNG TRỰC", place


def _money(value):
    return format_money(value) if value is not None else "Chưa báo cáo"


def dashboard_document(unit, period, plan, data) -> OfficialDocument:
    parent, issuer, place = _bodies(unit)
    s = data["summary"]
    blocks = [Paragraph(f"Số liệu tổng hợp tự động từ doanket đến ngày {format_date(timezone.localdate())}; "
                        f"kỳ: {period.name}" + (f"; kế hoạch: {plan.short_title}" if plan else "") + ".",
                        italic=True),
              Heading("I.", "CHỈ TIÊU"),
              Paragraph(f"Tổng số {s['total']} chỉ tiêu: {s['met']} đạt, {s['behind']} chưa đạt, "
                        f"{s['no_data']} chưa có số liệu.")]
    rows = []
    for g in data["groups"]:
        rows.append([Cell(str(g.content) if g.content else "Chỉ tiêu khác", colspan=6)])  # a group row
        for r in g.rows:
            rows.append([r.target.text, r.target.rule_label, r.value_text,
                         format_percent(r.progress_percent, 0) if r.progress_percent is not None else "—",
                         r.evaluation.status_label, r.last_value_text])
    if rows:
        blocks.append(TableBlock(header_rows=[["Chỉ tiêu", "Mức", "Kết quả", "Tiến độ", "Đánh giá",
                                               "Cùng kỳ năm trước"]], rows=rows, widths=[40, 14, 14, 8, 10, 14],
                                 align=["left", "left", "right", "right", "center", "right"]))
    rep = data["reporting"]
    if rep:
        c = rep["completeness"]
        blocks += [Heading("II.", "TÌNH HÌNH GỬI BÁO CÁO"),
                   Paragraph(f"{rep['round'].name} (hạn {format_date(rep['round'].due_date)}): {c.received}/"
                             f"{c.expected} đơn vị đã gửi, {c.on_time} đúng hạn, {c.late} muộn, {c.missing} quá hạn "
                             f"chưa gửi, {c.pending} chưa đến hạn.")]
        if rep["late"]:
            blocks.append(Paragraph("Đơn vị muộn hoặc chưa gửi: " + "; ".join(
                f"{r.submission.organisation or r.submission.unit} ({r.label.lower()})" for r in rep["late"]) + "."))
    f = data["funds"]
    blocks += [Heading("III.", "QUỸ “VÌ NGƯỜI NGHÈO” VÀ CÁC QUỸ"),
               TableBlock(header_rows=[["Khoản", "Kỳ này", "Cùng kỳ năm trước"]],
                          rows=[["Số thu Quỹ “Vì người nghèo” (toàn địa bàn)", _money(f["receipts"]),
                                 _money(f["receipts_last"])],
                                ["Số chi Quỹ “Vì người nghèo” (toàn địa bàn)", _money(f["disbursed"]),
                                 _money(f["disbursed_last"])],
                                ["Thu trong Tháng cao điểm (17/10–18/11)", _money(f["peak"]), _money(f["peak_last"])]]
                          + [[f"Sổ {fund.name}: thu / chi / số dư cuối kỳ",
                              f"{format_money(sm.receipts)} / {format_money(sm.disbursements)} / "
                              f"{format_money(sm.closing)}", ""] for fund, sm in f["books"]],
                          widths=[50, 30, 20], align=["left", "right", "right"])]
    o = data["oversight"]
    if o and o["rows"]:
        blocks += [Heading("IV.", "KIẾN NGHỊ SAU GIÁM SÁT"),
                   TableBlock(header_rows=[["Cơ quan", "Đã gửi", "Quá hạn chưa trả lời", "Chưa đến hạn"]],
                              rows=[[r["agency__name"], str(r["sent"]), str(r["overdue"]), str(r["waiting"])]
                                    for r in o["rows"]], widths=[55, 15, 15, 15],
                              align=["left", "right", "right", "right"])]
    return OfficialDocument(
        parent_body=parent, issuing_body=issuer, symbol="BC-MTTQ-BTT", place=place, date=timezone.localdate(),
        type_name="BÁO CÁO NHANH", title=f"Tình hình thực hiện Cuộc vận động {period.name.lower()} — {unit.name}",
        blocks=blocks, landscape=True)
