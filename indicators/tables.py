"""The tables the pages show and download (one builder per table: the HTML page, XLSX and CSV share it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from documents.tables import Column, Table
from units.models import Level, Unit

from .display import NOT_REPORTED, export_value, show
from .models import Measure
from .pending import flush_for_read
from .queries import Reading, prefetch, readings, shared_counts
from .registers import all_registers

LEVEL_WORD = {"area": "khu dân cư", "commune": "xã, phường", "province": "tỉnh, thành phố"}


def source_label(measure: Measure) -> str:
    if measure.is_ratio:
        return "Tính từ tử số và mẫu số"
    if measure.source == Measure.Source.REGISTER:
        reg = all_registers().get(measure.register)
        return f"Tự động: {reg.label if reg else measure.register}"
    return "Nhập trên biểu mẫu"


def active_measures(content=None):
    qs = Measure.objects.filter(is_active=True).select_related("content", "numerator", "denominator")
    if content:
        qs = qs.filter(content__number=content)
    return list(qs)


def level_counts(unit: Unit) -> dict[str, int]:
    rows = Unit.objects.subtree(unit).filter(is_active=True).values("level").annotate(n=Count("id"))
    return {r["level"]: r["n"] for r in rows}


@dataclass
class Row:
    number: int
    measure: Measure
    reading: Reading | None
    text: str
    units_reporting: int | None
    units_total: int | None
    source: str

    @property
    def coverage(self) -> str:
        if (self.units_total is None or self.reading is None or self.measure.level == "any"
                or self.measure.absent_is_zero):  # a register that knows every unit: no coverage to show
            return ""
        return f"{self.units_reporting}/{self.units_total} {LEVEL_WORD.get(self.measure.level, '')}"


def unit_rows(unit: Unit, period, measures, org_kind_id=None) -> list[Row]:
    """Every measure's value at `unit` (its own value combined with everything under it)."""
    counts = level_counts(unit)
    rows = []
    got = {}
    with shared_counts():
        flush_for_read()  # this transaction's register writes first, as `readings` does
        prefetch([unit], measures, [period], org_kind_id)  # every measure's aggregate of the unit in one query
        for m in measures:  # areas (no aggregates): one small indexed read per measure
            got[m.pk] = readings(m, [unit], period, org_kind_id).get(unit.pk)
    for i, m in enumerate(measures, start=1):
        r = got[m.pk]
        reporting = r.reporting if r else 0
        rows.append(Row(i, m, r, show(m, r, unit.is_area), reporting, counts.get(m.level), source_label(m)))
    return rows


def unit_table(unit: Unit, period, rows: list[Row]) -> Table:
    return Table(
        title=f"Chỉ số Cuộc vận động – {unit.name} – {period.name}",
        subtitle=[f"Đơn vị: {unit.name}", f"Kỳ: {period.name} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})"],
        columns=[Column("stt", "STT", "integer", summable=False), Column("code", "Mã chỉ số"),
                 Column("name", "Chỉ số"), Column("unit", "Đơn vị tính"),
                 Column("value", "Giá trị", "integer", summable=False),
                 Column("rate", "Tỷ lệ (%)", "percent", summable=False), Column("text", "Hiển thị"), Column("reporting", "Số đơn vị báo cáo", "integer", summable=False),
                 Column("source", "Nguồn")],
        rows=[{"stt": r.number, "code": r.measure.code, "name": r.measure.name, "unit": r.measure.unit_label,
               **_value_cells(r.measure, r.reading), "text": r.text if r.reading else "",
               "reporting": r.units_reporting if r.reading else None, "source": r.source} for r in rows],
        note="Ô trống (—): chưa báo cáo, không phải 0. Tỷ lệ tính lại từ tổng tử số và tổng mẫu số.",
    )


def _value_cells(measure, reading) -> dict:
    """Ratios go to the percent column, whole numbers to the value column; the exact text is always shown."""
    value = export_value(measure, reading)
    if measure.is_ratio:
        return {"value": None, "rate": value}
    return {"value": value if isinstance(value, int) else None, "rate": None}


@dataclass
class ChildRow:
    unit: Unit
    reading: Reading | None
    text: str
    own: bool = False  # the value captured at the unit itself (not a child)


def child_rows(unit: Unit, period, measure: Measure, org_kind_id=None) -> tuple[ChildRow, list[ChildRow]]:
    """(the unit's total, one row per child); a child without data reads "—"."""
    children = list(unit.children.filter(is_active=True).ordered())
    got = readings(measure, [unit, *children], period, org_kind_id)
    total = ChildRow(unit, got.get(unit.pk), show(measure, got.get(unit.pk), unit.is_area))
    rows = [ChildRow(c, got.get(c.pk), show(measure, got.get(c.pk), c.is_area)) for c in children]
    if unit.level != Level.AREA and measure.captured_at(unit) and not measure.is_ratio:
        from .queries import own_values

        own = own_values(unit, period, [measure], org_kind_id).get(measure.pk)
        if own is not None:
            reading = Reading(own.value, 1, int(own.value > 0), is_area=True)
            rows.insert(0, ChildRow(unit, reading, show(measure, reading, True), own=True))
    return total, rows


def children_table(unit: Unit, period, measure: Measure, total: ChildRow, rows: list[ChildRow]) -> Table:
    return Table(
        title=f"{measure.name} – {unit.name} – {period.name}",
        subtitle=[f"Đơn vị tính: {measure.unit_label}" if measure.unit_label else "", f"Kỳ: {period.name}"],
        columns=[Column("stt", "STT", "integer", summable=False), Column("unit", "Đơn vị"),
                 Column("value", "Giá trị", "percent" if measure.is_ratio else "integer", summable=False),
                 Column("text", "Hiển thị"), Column("reporting", "Số đơn vị báo cáo", "integer", summable=False)],
        rows=[{"stt": i, "unit": f"{r.unit.name} (tại cấp này)" if r.own else r.unit.name,
               "value": export_value(measure, r.reading), "text": r.text if r.reading else "",
               "reporting": r.reading.reporting if r.reading else None} for i, r in enumerate(rows, start=1)],
        totals={"unit": f"Tổng {unit.name}", "value": export_value(measure, total.reading),
                "text": total.text if total.reading else "", "reporting": total.reading.reporting
                if total.reading else None},
        note="Ô trống: chưa báo cáo, không phải 0.",
    )


__all__ = ["NOT_REPORTED", "unit_rows", "unit_table", "child_rows", "children_table", "source_label"]
