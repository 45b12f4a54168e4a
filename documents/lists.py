"""A list issued by a unit's Front standing committee (danh sách): the ND 30 header, a short introduction and
one table, signed by the standing committee. Registers pass a documents.tables.Table; the layout stays here."""

import datetime

from django.utils import timezone

from core.text import in_sentence
from units.models import Level

from .nd30 import OfficialDocument, Paragraph, Recipients, Signer
from .tables import Table, to_nd30


def front_bodies(unit) -> tuple[str, str]:
    """(cơ quan chủ quản, cơ quan ban hành) of a unit's Front committee."""
    if unit.level == Level.NATION:
        return "", "ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM"
    if unit.level == Level.AREA:
        return f"ỦY BAN MTTQ VIỆT NAM\n{unit.parent.name.upper()}", f"BAN CÔNG TÁC MẶT TRẬN\n{unit.name.upper()}"
    return f"ỦY BAN MTTQ VIỆT NAM\n{unit.name.upper()}", "BAN THƯỜNG TRỰC"


def list_document(unit, title: str, table: Table, *, intro: str = "", widths=None, symbol: str = "DS-MTTQ-BTT",
                  date: datetime.date | None = None, recipients=()) -> OfficialDocument:
    parent, issuer = front_bodies(unit)
    blocks = [Paragraph(intro)] if intro else []
    if table.rows:
        blocks.append(to_nd30(table, widths))
    else:
        blocks.append(Paragraph("(Chưa có tên trong danh sách.)", align="center", indent=False))
    area = unit.level == Level.AREA
    return OfficialDocument(
        parent_body=parent, issuing_body=issuer, symbol=symbol, place=(unit.parent if area else unit).short_name,
        date=date or timezone.localdate(), type_name="DANH SÁCH", title=title, blocks=blocks,
        signer=Signer("TM. BAN CÔNG TÁC MẶT TRẬN" if area else "TM. BAN THƯỜNG TRỰC",
                      "TRƯỞNG BAN" if area else "CHỦ TỊCH", ""),
        recipients=Recipients(list(recipients) or ["Các tổ chức thành viên (để thực hiện)",
                                                   "Ủy ban nhân dân cùng cấp (để phối hợp)"], archive="VT"),
        issuer_in_text=f"Ban Thường trực Ủy ban MTTQ Việt Nam {in_sentence(unit.name)}")
