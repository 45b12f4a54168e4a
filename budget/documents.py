"""The estimate (dự toán) and the settlement (quyết toán) of a year's budget as ND 30 documents (layout from
documents.nd30), with every total in words."""

from core.formatting import format_date, format_money, money_in_words
from documents.nd30 import Heading, OfficialDocument, Paragraph, Recipients, Signer, TableBlock
from core.text import in_sentence
from units.models import Level

from . import services
from .models import Budget, Stage


def bodies(unit) -> tuple[str, str]:
    """(cơ quan chủ quản, cơ quan ban hành) of a unit's Front committee."""
    if unit.level == Level.NATION:
        return "", "ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM"
    return f"ỦY BAN MTTQ VIỆT NAM\n{unit.name.upper()}", "BAN THƯỜNG TRỰC"


def _number(text: str):
    """'12/DT-MTTQ' -> (12, 'DT-MTTQ'); '' -> (None, default symbol)."""
    head, _, tail = (text or "").partition("/")
    return (int(head), tail) if head.strip().isdigit() and tail else (None, "")


def _lines_block(budget: Budget, stage: str) -> TableBlock:
    lines = list(budget.lines.filter(stage=stage).select_related("item", "source"))
    total = budget.planned if stage == Stage.ESTIMATE else budget.spent
    rows = [[str(i), l.activity, l.item.name, l.source.name, format_money(l.amount).removesuffix(" đ")]
            for i, l in enumerate(lines, start=1)]
    rows.append(["", "Cộng", "", "", format_money(total).removesuffix(" đ")])
    return TableBlock(header_rows=[["STT", "Hoạt động, nội dung", "Nội dung chi", "Nguồn", "Số tiền (đồng)"]],
                      rows=rows, widths=[7, 33, 27, 15, 18], align=["center", "left", "left", "left", "right"],
                      bold_last_row=True)


def _summary_block(rows: list[dict], key: str, label: str, stages) -> TableBlock:
    header = ["STT", label] + [s.label for s in stages]
    body = [[str(i), str(r[key])] + [format_money(r["planned" if s == Stage.ESTIMATE else "spent"])
                                     .removesuffix(" đ") for s in stages] for i, r in enumerate(rows, start=1)]
    widths = [8, 62, 30] if len(stages) == 1 else [8, 52, 20, 20]
    return TableBlock(header_rows=[header], rows=body, widths=widths,
                      align=["center", "left"] + ["right"] * len(stages))


def estimate(budget: Budget) -> OfficialDocument:
    unit = budget.unit
    parent, issuer = bodies(unit)
    number, symbol = _number(budget.estimate_number)
    items = [r for r in services.by_item(budget) if r["planned"]]
    sources = [r for r in services.by_source(budget) if r["planned"]]
    blocks = [
        Paragraph("Căn cứ Thông tư số 121/2017/TT-BTC ngày 15/11/2017 của Bộ Tài chính quy định về quản lý và sử "
                  "dụng kinh phí thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn "
                  "minh”;"),
        Paragraph(f"Căn cứ Kế hoạch thực hiện Cuộc vận động năm {budget.year} của Ban Thường trực Ủy ban MTTQ Việt "
                  f"Nam {in_sentence(unit.name)},"),
        Paragraph(f"Ban Thường trực Ủy ban MTTQ Việt Nam {in_sentence(unit.name)} lập dự toán kinh phí thực hiện "
                  f"Cuộc vận động năm {budget.year} như sau:"),
        Heading("I.", "TỔNG DỰ TOÁN"),
        Paragraph(f"Tổng kinh phí dự toán: **{format_money(budget.planned)}**."),
        Paragraph(f"(Bằng chữ: *{money_in_words(budget.planned)}*.)"),
        Heading("II.", "DỰ TOÁN THEO NGUỒN KINH PHÍ"),
        _summary_block(sources, "source", "Nguồn kinh phí", [Stage.ESTIMATE]),
        Heading("III.", "DỰ TOÁN THEO NỘI DUNG CHI"),
        _summary_block(items, "item", "Nội dung chi (Thông tư 121/2017/TT-BTC)", [Stage.ESTIMATE]),
        Heading("IV.", "CHI TIẾT THEO HOẠT ĐỘNG"),
        _lines_block(budget, Stage.ESTIMATE),
    ]
    if budget.note:
        blocks.append(Paragraph(budget.note, italic=True))
    return OfficialDocument(
        parent_body=parent, issuing_body=issuer, number=number, symbol=symbol or "DT-MTTQ-BTT",
        place=unit.short_name, date=budget.estimate_on, type_name="DỰ TOÁN",
        title=f"Kinh phí thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” "
              f"năm {budget.year}",
        blocks=blocks, signer=Signer("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", ""),
        recipients=Recipients(["Ban Thường trực Ủy ban MTTQ cấp trên", "Ủy ban nhân dân cùng cấp",
                               "Cơ quan tài chính cùng cấp"], archive="VT"),
        issuer_in_text=f"Ban Thường trực Ủy ban MTTQ Việt Nam {in_sentence(unit.name)}")


def settlement(budget: Budget) -> OfficialDocument:
    unit = budget.unit
    parent, issuer = bodies(unit)
    number, symbol = _number(budget.settlement_number)
    both = (Stage.ESTIMATE, Stage.SETTLEMENT)
    rest = budget.planned - budget.spent
    blocks = [
        Paragraph("Căn cứ Thông tư số 121/2017/TT-BTC ngày 15/11/2017 của Bộ Tài chính quy định về quản lý và sử "
                  "dụng kinh phí thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn "
                  "minh”;"),
        Paragraph(f"Ban Thường trực Ủy ban MTTQ Việt Nam {in_sentence(unit.name)} quyết toán kinh phí thực hiện "
                  f"Cuộc vận động năm {budget.year} như sau:"),
        Heading("I.", "TỔNG HỢP"),
        Paragraph(f"1. Kinh phí dự toán: **{format_money(budget.planned)}** "
                  f"(bằng chữ: *{money_in_words(budget.planned)}*)."),
        Paragraph(f"2. Kinh phí đã chi, đề nghị quyết toán: **{format_money(budget.spent)}** "
                  f"(bằng chữ: *{money_in_words(budget.spent)}*)."),
        Paragraph(f"Trong đó, kinh phí xã hội hóa đã huy động: {format_money(budget.mobilised)} "
                  f"(bằng chữ: *{money_in_words(budget.mobilised)}*)."),
        Paragraph(f"3. {'Kinh phí chưa sử dụng' if rest >= 0 else 'Chi vượt dự toán'}: "
                  f"{format_money(abs(rest))} (bằng chữ: *{money_in_words(abs(rest))}*)."),
        Heading("II.", "QUYẾT TOÁN THEO NGUỒN KINH PHÍ"),
        _summary_block(services.by_source(budget), "source", "Nguồn kinh phí", both),
        Heading("III.", "QUYẾT TOÁN THEO NỘI DUNG CHI"),
        _summary_block(services.by_item(budget), "item", "Nội dung chi (Thông tư 121/2017/TT-BTC)", both),
        Heading("IV.", "CHI TIẾT THEO HOẠT ĐỘNG"),
        _lines_block(budget, Stage.SETTLEMENT),
    ]
    if budget.settlement_on:
        blocks.append(Paragraph(f"Số liệu quyết toán đến ngày {format_date(budget.settlement_on)}.", italic=True))
    return OfficialDocument(
        parent_body=parent, issuing_body=issuer, number=number, symbol=symbol or "QT-MTTQ-BTT",
        place=unit.short_name, date=budget.settlement_on, type_name="QUYẾT TOÁN",
        title=f"Kinh phí thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” "
              f"năm {budget.year}",
        blocks=blocks, signer=Signer("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", ""),
        recipients=Recipients(["Ban Thường trực Ủy ban MTTQ cấp trên", "Cơ quan tài chính cùng cấp"],
                              archive="VT, KT"),
        issuer_in_text=f"Ban Thường trực Ủy ban MTTQ Việt Nam {in_sentence(unit.name)}")
