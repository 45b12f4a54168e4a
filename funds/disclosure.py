"""Public disclosure (công khai) of one fund book for one period: the page, the XLSX table and the ND 30
statement (DOCX) all come from `statement(fund, period)`, so they always agree with the book.

No beneficiary's personal data appears: spending is shown by category only; receipts by donor type, with the
names of organisations and businesses (individual donors are counted, not named).
"""

import re
from dataclasses import dataclass

from core.formatting import format_date, format_money, money_in_words
from documents.tables import Column, Table
from units.models import Level

from . import services
from .models import Fund

_PERIOD = re.compile(r"^\d{4}(-h[12]|-q[1-4]|-\d{2})?$")


@dataclass
class Statement:
    fund: Fund
    period_code: str
    period_name: str
    start: object
    end: object
    summary: services.Summary
    receipts: list
    spending: list
    donors: list

    @property
    def receipts_in_words(self):
        return money_in_words(self.summary.receipts)

    @property
    def spending_in_words(self):
        return money_in_words(self.summary.disbursements)

    @property
    def closing_in_words(self):
        return money_in_words(self.summary.closing)


def parse_period(code: str):
    """(start, end, name) of a year, half, quarter or month code, without writing anything (public pages)."""
    from campaign.periods import _spec

    if not _PERIOD.match(code or ""):
        raise ValueError(f"Mã kỳ không hợp lệ: {code}")
    _kind, start, end, name = _spec(code)
    return start, end, name


def statement(fund: Fund, period_code: str) -> Statement:
    start, end, name = parse_period(period_code)
    return Statement(fund=fund, period_code=period_code, period_name=name, start=start, end=end,
                     summary=services.summary(fund, start, end),
                     receipts=services.receipts_by_donor_type(fund, start, end),
                     spending=services.spending_by_category(fund, start, end),
                     donors=services.public_donors(fund, start, end))


def table(st: Statement) -> Table:
    """The statement as one table (page and XLSX): every section, even when empty, and each donor once."""
    s = st.summary
    rows = [{"no": "I", "item": "Số dư đầu kỳ", "count": None, "amount": s.opening},
            {"no": "II", "item": "Tổng thu trong kỳ", "count": s.receipt_count, "amount": s.receipts}]
    rows += [{"no": f"{i}", "item": label, "count": n, "amount": amount}
             for i, (label, amount, n) in enumerate(st.receipts, start=1)]
    rows.append({"no": "III", "item": "Nhận từ quỹ cấp khác", "count": None, "amount": s.transfers_in})
    rows.append({"no": "IV", "item": "Tổng chi trong kỳ", "count": None, "amount": s.disbursements})
    rows += [{"no": f"{i}", "item": label, "count": n, "amount": amount}
             for i, (label, amount, n) in enumerate(st.spending, start=1)]
    rows.append({"no": "V", "item": "Chuyển cho quỹ cấp khác", "count": None, "amount": s.transfers_out})
    rows.append({"no": "VI", "item": "Số dư cuối kỳ", "count": None, "amount": s.closing})
    if s.peak_receipts is not None:
        rows.append({"no": "", "item": "Trong đó thu trong “Tháng cao điểm” (17/10–18/11)", "count": None,
                     "amount": s.peak_receipts})
    rows.append({"no": "VII", "item": "Cơ quan, tổ chức, doanh nghiệp ủng hộ"
                 + ("" if st.donors else ": không có trong kỳ"), "count": None,
                 "amount": sum(a for _, _, a in st.donors) or None})
    rows += [{"no": f"{i}", "item": f"{name} ({kind.lower()})", "count": None, "amount": amount}
             for i, (name, kind, amount) in enumerate(st.donors, start=1)]
    return Table(
        title=f"Công khai thu, chi {st.fund.name} — {st.fund.unit.name}",
        subtitle=[f"{st.period_name} (từ {format_date(st.start)} đến {format_date(st.end)})"],
        columns=[Column("no", "STT"), Column("item", "Nội dung"), Column("count", "Số lượt", "integer"),
                 Column("amount", "Số tiền (đồng)", "money")],
        rows=rows,
        note=f"Tổng thu bằng chữ: {st.receipts_in_words}. Tổng chi bằng chữ: {st.spending_in_words}. "
             f"Số dư cuối kỳ bằng chữ: {st.closing_in_words}. Số dư chuyển sang từ năm trước hoặc sổ cũ nằm trong "
             "số dư đầu kỳ, không tính vào tổng thu.",
    )


def _place(unit) -> str:
    return unit.short_name


def _bodies(unit) -> tuple[str, str]:
    if unit.level == Level.NATION:
        return "", "ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM"
    return f"ỦY BAN MTTQ VIỆT NAM\n{unit.name.upper()}", "BAN THƯỜNG TRỰC"


def document(st: Statement):
    from documents.nd30 import Heading, OfficialDocument, Paragraph, Recipients, Signer, TableBlock

    from .services import today

    s, unit = st.summary, st.fund.unit
    parent, issuer = _bodies(unit)
    donors = [[str(i), name, kind, format_money(amount)] for i, (name, kind, amount) in enumerate(st.donors, 1)]
    blocks = [
        Paragraph(f"Ban Thường trực Ủy ban MTTQ Việt Nam {unit.name} công khai kết quả thu, chi {st.fund.name} "
                  f"{st.period_name.lower()} (từ ngày {format_date(st.start)} đến ngày {format_date(st.end)}) "
                  "như sau:"),
        Heading("I.", "SỐ DƯ, TỔNG THU VÀ TỔNG CHI"),
        Paragraph(f"1. Số dư đầu kỳ: **{format_money(s.opening)}**."),
        Paragraph(f"2. Tổng thu trong kỳ: **{format_money(s.receipts)}** ({s.receipt_count} lượt). "
                  f"Bằng chữ: *{st.receipts_in_words}*."),
        Paragraph(f"3. Nhận từ quỹ cấp khác: {format_money(s.transfers_in)}."),
        Paragraph(f"4. Tổng chi trong kỳ: **{format_money(s.disbursements)}**. Bằng chữ: *{st.spending_in_words}*."),
        Paragraph(f"5. Chuyển cho quỹ cấp khác: {format_money(s.transfers_out)}."),
        Paragraph(f"6. Số dư cuối kỳ: **{format_money(s.closing)}**. Bằng chữ: *{st.closing_in_words}*."),
    ]
    if s.peak_receipts is not None:
        blocks.append(Paragraph(f"Trong đó, số thu trong “Tháng cao điểm vì người nghèo” (17/10–18/11): "
                                f"{format_money(s.peak_receipts)}."))
    blocks.append(Heading("II.", "CHI TIẾT THU THEO NGUỒN"))
    blocks.append(TableBlock(header_rows=[["STT", "Nguồn thu", "Số lượt", "Số tiền (đồng)"]], widths=[8, 50, 14, 28],
                             align=["center", "left", "right", "right"], bold_last_row=True,
                             rows=[[str(i), label, str(n), format_money(a)] for i, (label, a, n)
                                   in enumerate(st.receipts, 1)] + [["", "Cộng", "", format_money(s.receipts)]]))
    blocks.append(Paragraph("Các cơ quan, tổ chức, doanh nghiệp ủng hộ:", indent=False, bold=True))
    if donors:
        blocks.append(TableBlock(header_rows=[["STT", "Tên", "Loại", "Số tiền"]], rows=donors, widths=[8, 50, 20, 22],
                                 align=["center", "left", "left", "right"]))
    else:
        blocks.append(Paragraph("Không có trong kỳ.", italic=True))
    blocks.append(Heading("III.", "CHI TIẾT CHI THEO KHOẢN CHI"))
    blocks.append(TableBlock(header_rows=[["STT", "Khoản chi", "Số lượt", "Số tiền (đồng)"]], widths=[8, 50, 14, 28],
                             align=["center", "left", "right", "right"], bold_last_row=True,
                             rows=[[str(i), label, str(n), format_money(a)] for i, (label, a, n)
                                   in enumerate(st.spending, 1)] + [["", "Cộng", "", format_money(s.disbursements)]]))
    blocks.append(Paragraph("Danh sách hộ được hỗ trợ được niêm yết tại khu dân cư theo quy định; văn bản này "
                            "không nêu thông tin cá nhân của người được hỗ trợ.", italic=True))
    return OfficialDocument(
        parent_body=parent, issuing_body=issuer, number=None, symbol="TB-MTTQ-BTT", place=_place(unit),
        date=today(), type_name="THÔNG BÁO", title=f"Công khai thu, chi {st.fund.name} {st.period_name.lower()}",
        blocks=blocks, signer=Signer("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", ""),
        recipients=Recipients(["Các tổ chức thành viên", "Ban Công tác Mặt trận các khu dân cư (để niêm yết)",
                               "Cổng thông tin điện tử"], archive="VT"),
        issuer_in_text=f"Ban Thường trực Ủy ban MTTQ Việt Nam {unit.name}")
