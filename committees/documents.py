"""The decision that sets a committee up or renews it (quyết định thành lập / kiện toàn), in the ND 30 layout of
documents.nd30."""

from core.formatting import format_date
from documents.nd30 import OfficialDocument, Paragraph, Recipients, Signer, TableBlock
from core.text import in_sentence
from units.models import Level

from .models import Term

DEFAULT_DUTIES = ("{name} có nhiệm vụ giúp Ban Thường trực Ủy ban MTTQ Việt Nam {unit} tổ chức, vận động và "
                  "theo dõi việc thực hiện theo kế hoạch; Trưởng ban phân công nhiệm vụ cụ thể cho từng thành viên.")


def bodies(unit) -> tuple[str, str]:
    if unit.level == Level.NATION:
        return "", "ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM"
    return f"ỦY BAN MTTQ VIỆT NAM\n{unit.name.upper()}", "BAN THƯỜNG TRỰC"


def _number(text: str):
    head, _, tail = (text or "").partition("/")
    return (int(head), tail) if head.strip().isdigit() and tail else (None, "")


def decision(term: Term) -> OfficialDocument:
    committee = term.committee
    unit = committee.unit
    parent, issuer = bodies(unit)
    number, symbol = _number(term.decision_number)
    verb = "Kiện toàn" if term.is_renewal else "Thành lập"
    members = list(term.members.order_by("order", "pk"))
    previous = committee.terms.filter(number__lt=term.number).order_by("-number").first()
    blocks = [
        Paragraph(f"BAN THƯỜNG TRỰC ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM {unit.name.upper()}", align="center",
                  indent=False, bold=True),
        Paragraph("Căn cứ Luật Mặt trận Tổ quốc Việt Nam năm 2015;"),
        Paragraph("Căn cứ Điều lệ Mặt trận Tổ quốc Việt Nam;"),
        Paragraph("Căn cứ Kế hoạch thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn "
                  "minh” và yêu cầu nhiệm vụ,"),
        Paragraph("QUYẾT ĐỊNH:", align="center", indent=False, bold=True),
        Paragraph(f"**Điều 1.** {verb} {committee.name} {in_sentence(unit.name)} gồm các ông (bà) có tên sau:"),
        TableBlock(header_rows=[["STT", "Họ và tên", "Chức vụ, cơ quan", "Chức danh trong ban"]],
                   rows=[[str(i), m.full_name, m.office, m.position] for i, m in enumerate(members, start=1)],
                   widths=[8, 30, 38, 24], align=["center", "left", "left", "left"]),
        Paragraph("**Điều 2.** " + (committee.kind.duties.strip() or DEFAULT_DUTIES).format(
            name=committee.name, unit=in_sentence(unit.name))),
    ]
    effect = f"**Điều 3.** Quyết định có hiệu lực kể từ ngày {format_date(term.started_on)}"
    if previous is not None:
        number = f"số {previous.decision_number} " if previous.decision_number else ""
        effect += f" và thay thế quyết định {number}ngày {format_date(previous.decided_on)}"
    blocks.append(Paragraph(effect + f". Các ông (bà) có tên tại Điều 1 và các cơ quan, đơn vị liên quan chịu "
                                     "trách nhiệm thi hành Quyết định này."))
    return OfficialDocument(
        parent_body=parent, issuing_body=issuer, number=number, symbol=symbol or "QĐ-MTTQ-BTT",
        place=unit.short_name, date=term.decided_on, type_name="QUYẾT ĐỊNH",
        title=f"Về việc {verb.lower()} {committee.name} {in_sentence(unit.name)}",
        blocks=blocks, signer=Signer("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", ""),
        recipients=Recipients(["Như Điều 3", "Ban Thường trực Ủy ban MTTQ cấp trên (để báo cáo)",
                               "Ủy ban nhân dân cùng cấp (để phối hợp)"], archive="VT"),
        issuer_in_text=f"Ban Thường trực Ủy ban MTTQ Việt Nam {in_sentence(unit.name)}")
