"""The consolidated report of a round, drafted by the system: figures from the rollup (against targets and the
same period of the previous year), the children's narratives compiled per content with attribution, and an
annex with one row per reporter. One `Consolidated` feeds the page, the DOCX (ND 30) and the XLSX annex."""

from __future__ import annotations

from dataclasses import dataclass, field

from campaign.models import Content
from campaign.periods import previous_same
from core.formatting import format_date, format_number, format_percent
from documents.nd30 import (Annex, Bullet, Heading, OfficialDocument, Paragraph, Recipients, Signer, TableBlock)
from documents.tables import Column, Table, to_nd30
from units.models import Level

from . import completeness
from . import figures as spine_figures
from .models import SECTIONS, ReportingRound, State, Submission

COMPILED_STATES = (State.SUBMITTED, State.ACCEPTED, State.LOCKED)
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


@dataclass
class Figure:
    code: str
    name: str
    unit_label: str
    value_type: str
    content: int | None
    value: object
    previous: object
    targets: list = field(default_factory=list)
    own_level: bool = False  # the issuer itself is where the measure is captured
    from_register: bool = False  # derived by a register (so known for every unit, reported or not)
    unsent_included: int = 0  # reporters that have not sent their report whose values are inside `value`

    @property
    def unsent_note(self) -> str:
        """Whether the figure includes values of units that have not sent their report (it is read from the
        spine, which knows the registers' values of every unit, and any value typed into a report not yet sent)."""
        if not self.unsent_included:
            return "Không gồm số liệu của đơn vị chưa gửi báo cáo"
        if self.from_register:
            return f"Gồm số liệu tính từ sổ theo dõi của {self.unsent_included} đơn vị chưa gửi báo cáo"
        return f"Gồm số liệu đã nhập nhưng chưa gửi của {self.unsent_included} đơn vị"

    def show(self, value) -> str:
        return _show(value, self.value_type, self.unit_label, self.own_level)

    @property
    def value_text(self) -> str:
        return self.show(self.value)

    @property
    def change(self):
        if isinstance(self.value, (int, float)) and isinstance(self.previous, (int, float)) and \
                not isinstance(self.value, bool):
            return self.value - self.previous
        return None


@dataclass
class Consolidated:
    round: ReportingRound
    state: completeness.Completeness
    figures: list[Figure]
    narratives: dict  # content number -> section key -> [(reporter name, text)]
    general: list  # [(reporter name, text)]
    annex: Table
    contents: dict  # number -> Content
    unsent: list = field(default_factory=list)  # completeness rows of reporters whose report is not (yet) in
    review: list = field(default_factory=list)  # a review round: [(section, [Figure], [(reporter name, text)])]

    @property
    def unsent_names(self) -> list[str]:
        return [r.submission.reporter_name for r in self.unsent]


def content_list() -> list[tuple[int, Content | None]]:
    """The five contents, numbered 1-5 even where the campaign's rows are missing (then shown by number)."""
    by_number = {c.number: c for c in Content.objects.all()}
    return [(n, by_number.get(n)) for n in range(1, 6)]


def _show(value, value_type="count", unit_label="", own_level=False) -> str:
    """A figure as text; a yes/no measure read above its capture level is the number of units saying yes."""
    if value is None:
        return "chưa báo cáo"
    if isinstance(value, bool) or (value_type == "bool" and own_level):
        return "Có" if value else "Không"
    if value_type == "bool":
        return f"{format_number(value)} {unit_label or 'đơn vị'}"
    if value_type == "ratio":
        return format_percent(value)
    if value_type == "money":
        return f"{format_number(value)} đồng"
    return format_number(value, 0 if float(value).is_integer() else 1)


def build(rnd: ReportingRound, on=None) -> Consolidated:
    state = completeness.compute(rnd, on)
    subs = [r.submission for r in state.rows]
    compiled = sorted((s for s in subs if s.state in COMPILED_STATES),
                      key=lambda s: (s.organisation_id is not None, s.unit.sort_key,
                                     s.organisation.name if s.organisation else ""))
    narratives = {n: {key: [] for key, _ in SECTIONS} for n in range(1, 6)}
    general = []
    for s in compiled:
        for n in range(1, 6):
            for key, _ in SECTIONS:
                text = s.narrative(n, key)
                if text:
                    narratives[n][key].append((s.reporter_name, text))
        if s.general:
            general.append((s.reporter_name, s.general))

    fields = spine_figures.measures(rnd.measure_codes)
    previous = previous_same(rnd.period)
    now = spine_figures.rollup_values([rnd.issuer], rnd.period, rnd.measure_codes).get(rnd.issuer.pk, {})
    before = spine_figures.rollup_values([rnd.issuer], previous, rnd.measure_codes).get(rnd.issuer.pk, {}) \
        if previous else {}
    targets = spine_figures.targets_for(rnd)
    unsent = [r for r in state.rows if r.submission.state not in COMPILED_STATES]
    unsent_units = [r.submission.unit for r in unsent if not r.submission.organisation_id]
    unsent_values = spine_figures.rollup_values(unsent_units, rnd.period, rnd.measure_codes)
    figures = [Figure(m.code, m.name, m.unit_label, m.value_type, m.content.number if m.content_id else None,
                      now.get(m.code), before.get(m.code), targets.get(m.code, []), m.level == rnd.issuer.level,
                      m.source == m.Source.REGISTER,
                      sum(1 for u in unsent_units if m.code in unsent_values.get(u.pk, {})))
               for m in fields]

    unit_ids = [s.unit for s in subs if not s.organisation_id]
    per_unit = spine_figures.rollup_values(unit_ids, rnd.period, rnd.measure_codes)
    per_org = {s.pk: spine_figures.rollup_values([s.unit], rnd.period, rnd.measure_codes,
                                                 s.organisation.kind_id).get(s.unit_id, {})
               for s in subs if s.organisation_id}
    columns = [Column("no", "STT", "integer", summable=False), Column("unit", "Đơn vị báo cáo"),
               Column("status", "Tình hình gửi"), Column("state", "Trạng thái"),
               Column("date", "Ngày gửi", "date")]
    kinds = {"count": "integer", "money": "money", "ratio": "percent", "bool": "text", "number": "integer"}
    columns += [Column(m.code, f"{m.name}{f' ({m.unit_label})' if m.unit_label else ''}", kinds.get(m.value_type,
                                                                                                    "integer"),
                       summable=m.value_type in ("count", "money")) for m in fields]
    rows = []
    for i, r in enumerate(sorted(state.rows, key=lambda r: (r.submission.organisation_id is not None,
                                                            r.submission.unit.sort_key)), start=1):
        s = r.submission
        row = {"no": i, "unit": s.reporter_name, "status": r.label, "state": s.get_state_display(),
               "date": s.submitted_on()}
        values = per_unit.get(s.unit_id, {}) if not s.organisation_id else per_org[s.pk]
        for m in fields:
            v = values.get(m.code)
            if m.value_type == "bool" and v is not None:
                v = ("Có" if v else "Không") if m.level == s.unit.level else f"{format_number(v)} {m.unit_label}"
            row[m.code] = v
        rows.append(row)
    annex = Table(title=f"Tổng hợp theo đơn vị: {rnd.name}",
                  subtitle=[f"{rnd.issuer.name} · kỳ {rnd.period} · số liệu tính đến ngày {format_date(rnd.cut_off)}"],
                  columns=columns, rows=rows,
                  note="Ô trống: đơn vị chưa báo cáo chỉ số này (không phải bằng 0).")
    if any(c.summable and c.kind in ("integer", "money") for c in columns[5:]):
        annex = annex.with_totals()
    review = []
    if rnd.is_review:
        by_code = {f.code: f for f in figures}
        for section in rnd.review_sections:
            texts = [(s.reporter_name, s.review_text(section["key"])) for s in compiled if s.review_text(section["key"])]
            review.append((section, [by_code[c] for c in section["measures"] if c in by_code], texts))
    return Consolidated(rnd, state, figures, narratives, general, annex, dict(content_list()), unsent, review)


def figure_table(c: Consolidated) -> Table:
    previous = previous_same(c.round.period)
    return Table(
        title="",
        columns=[Column("no", "STT", "integer", summable=False), Column("name", "Chỉ số"),
                 Column("value", f"Kỳ này ({c.round.period})"),
                 Column("previous", f"Cùng kỳ năm trước ({previous})" if previous else "Cùng kỳ năm trước"),
                 Column("target", "Chỉ tiêu"), Column("progress", "Đánh giá"),
                 Column("unsent", "Đơn vị chưa gửi báo cáo")],
        rows=[{"no": i, "name": f.name + (f" ({f.unit_label})" if f.unit_label else ""),
               "value": f.show(f.value), "previous": f.show(f.previous) if previous else "–",
               "target": "; ".join(t["label"] for t in f.targets) or "–",
               "progress": "; ".join(t["verdict"] for t in f.targets) or "–",
               "unsent": f.unsent_note if c.unsent else "–"}
              for i, f in enumerate(c.figures, start=1)])


def _body_names(unit):
    """'ỦY BAN MTTQ VIỆT NAM\\nTỈNH THÁI NGUYÊN' for a province; the nation's own name for central."""
    if unit.level == Level.NATION:
        return "ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM", "BAN THƯỜNG TRỰC"
    return f"ỦY BAN MTTQ VIỆT NAM\n{unit.name.upper()}", "BAN THƯỜNG TRỰC"


def _receiver_of(unit) -> str:
    parent = unit.parent
    if parent is None or parent.level == Level.NATION:
        return "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam"
    return f"Ban Thường trực Ủy ban MTTQ {parent.name[0].lower()}{parent.name[1:]}"


def _figure_line(c: Consolidated, f: Figure) -> str:
    suffix = f" {f.unit_label}" if f.unit_label and f.value is not None and f.value_type in ("count", "number") else ""
    line = f"{f.name}: {f.show(f.value)}{suffix}"
    if f.previous is not None:
        line += f" (cùng kỳ năm trước: {f.show(f.previous)}{suffix})"
    for t in f.targets:
        line += f"; chỉ tiêu {t['label']}: {t['verdict']}"
    if c.unsent and f.value is not None:
        line += f" ({f.unsent_note[0].lower()}{f.unsent_note[1:]})"
    return line + "."


def _review_blocks(c: Consolidated) -> list:
    """A review report follows its outline: each section's figures from the spine, then what the units wrote."""
    blocks = []
    conference = c.round.conference
    if conference is not None:
        text = (f"Ngày {format_date(conference.held_on)}, {c.round.issuer.name} tổ chức "
                f"{(conference.title or conference.get_kind_display())[0].lower()}"
                f"{(conference.title or conference.get_kind_display())[1:]}")
        if conference.participants:
            text += f" với {format_number(conference.participants)} đại biểu tham dự"
        if conference.commended:
            text += f"; biểu dương, khen thưởng {format_number(conference.commended)} tập thể, cá nhân"
        blocks.append(Paragraph(text + "."))
    for section, figs, texts in c.review:
        blocks.append(Heading(section["label"], section["title"]))
        blocks += [Bullet(_figure_line(c, f)) for f in figs]
        blocks += [Bullet(f"**{who}:** {text}") for who, text in texts]
        if not figs and not texts:
            blocks.append(Paragraph("*Chưa có đơn vị viết mục này.*"))
    return blocks


def document(c: Consolidated) -> OfficialDocument:
    rnd, st = c.round, c.state
    issuer = rnd.issuer
    if rnd.is_review:
        return _review_document(c)
    blocks = [Heading("I.", "TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ")] + _status_blocks(c)
    blocks.append(Heading("II.", "KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA CUỘC VẬN ĐỘNG"))
    return _period_document(c, blocks)


def _status_blocks(c: Consolidated) -> list:
    rnd, st = c.round, c.state
    blocks = [Paragraph(f"Đến ngày {format_date(st.on)}, có {st.received}/{st.expected} đơn vị đã gửi "
                        f"{rnd.name[0].lower()}{rnd.name[1:]} (hạn gửi {format_date(rnd.due_date)}): "
                        f"{st.on_time} đơn vị gửi đúng hạn, {st.late} đơn vị gửi muộn; "
                        f"{st.accepted} báo cáo đã được tiếp nhận, {st.returned} báo cáo đang được trả lại để sửa. "
                        f"Tỷ lệ gửi đúng hạn đạt {format_percent(st.on_time_rate or 0)}.")]
    missing = [r.submission.reporter_name for r in c.unsent if r.status == completeness.Status.MISSING]
    if missing:
        blocks.append(Paragraph(f"Còn {len(missing)} đơn vị quá hạn chưa gửi báo cáo: {', '.join(missing)}."))
    pending = [r.submission.reporter_name for r in c.unsent if r.status == completeness.Status.PENDING]
    if pending:
        blocks.append(Paragraph(f"{len(pending)} đơn vị chưa gửi báo cáo (chưa đến hạn): {', '.join(pending)}."))
    returned = [r.submission.reporter_name for r in c.unsent if r.submission.first_submitted_at]
    if returned:
        blocks.append(Paragraph(f"{len(returned)} báo cáo đang được trả lại để sửa, chưa tổng hợp phần đánh giá: "
                                f"{', '.join(returned)}."))
    if c.unsent:
        blocks.append(Paragraph(
            f"Phần đánh giá bằng lời dưới đây chỉ tổng hợp từ báo cáo đã gửi. Số liệu lấy từ hệ thống tính đến ngày "
            f"{format_date(st.on)}: số liệu tính từ các sổ theo dõi (mô hình, hoạt động, hộ, quỹ…) gồm cả "
            f"{len(c.unsent)} đơn vị chưa gửi báo cáo; từng chỉ số ghi rõ có gồm số liệu của các đơn vị này hay "
            "không."))
    return blocks


def _period_document(c: Consolidated, blocks: list) -> OfficialDocument:
    rnd, issuer = c.round, c.round.issuer
    if c.general:
        blocks.append(Paragraph("**Đánh giá chung của các đơn vị:**", indent=False))
        blocks += [Bullet(f"**{who}:** {text}") for who, text in c.general]
    for n in range(1, 6):
        content = c.contents.get(n)
        blocks.append(Heading(f"{n}.", f"Nội dung {n}: {content.name if content else ''}".strip()))
        figs = [f for f in c.figures if f.content == n]
        blocks += [Bullet(_figure_line(c, f)) for f in figs]
        for key, label in SECTIONS:
            items = c.narratives[n][key]
            if not items:
                continue
            blocks.append(Paragraph(f"*{label}:*", indent=False))
            blocks += [Bullet(f"**{who}:** {text}") for who, text in items]
        if not figs and not any(c.narratives[n].values()):
            blocks.append(Paragraph("*Chưa có đơn vị báo cáo nội dung này.*"))
    title = (f"Kết quả thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”\n"
             f"{str(rnd.period)[0].lower()}{str(rnd.period)[1:]}")
    return _official(c, blocks, title, "III.")


def _review_document(c: Consolidated) -> OfficialDocument:
    rnd = c.round
    blocks = [Heading("", "TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ", level=1)] + _status_blocks(c) + _review_blocks(c)
    kind = rnd.get_kind_display()
    title = (f"{kind} thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”\n"
             f"{str(rnd.period)[0].lower()}{str(rnd.period)[1:]}")
    return _official(c, blocks, title, "")


def _official(c: Consolidated, blocks: list, title: str, figures_label: str) -> OfficialDocument:
    rnd, issuer = c.round, c.round.issuer
    if c.figures:
        blocks.append(Heading(figures_label, "SỐ LIỆU CHỦ YẾU"))
        blocks.append(to_nd30(figure_table(c), widths=[6, 34, 15, 15, 18, 18, 20]))
    annex = Annex("Phụ lục", c.annex.title, [to_nd30(c.annex)], landscape=True)
    parent_body, issuing_body = _body_names(issuer)
    return OfficialDocument(
        parent_body=parent_body, issuing_body=issuing_body, number=None, symbol="BC-MTTQ-BTT",
        place=issuer.short_name, date=None, type_name="BÁO CÁO",
        title=title,
        blocks=blocks,
        signer=Signer("TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", ""),
        recipients=Recipients([_receiver_of(issuer), "Thường trực Ủy ban MTTQ cùng cấp", "Các đơn vị báo cáo"],
                              archive="VT"),
        annexes=[annex],
        issuer_in_text=f"Ban Thường trực Ủy ban MTTQ {issuer.name[0].lower()}{issuer.name[1:]}",
    )


def compiled_narratives(c: Consolidated) -> dict:
    """The children's narratives joined per content and section, for the issuer's own report upward."""
    out = {}
    for n in range(1, 6):
        sections = {key: "\n".join(f"{who}: {text}" for who, text in c.narratives[n][key])
                    for key, _ in SECTIONS if c.narratives[n][key]}
        if sections:
            out[str(n)] = sections
    return out
