"""Read-side helpers: the household list as a table (masked unless allowed), and the summary of the register's
values per child unit read from the spine (indicators.summaries): the totals row is the unit's own rollup and the
gift rate is the spine's ratio, recomputed from its numerator and denominator."""

from core.collation import vi
from documents.tables import Column, Table
from indicators import summaries
from units.models import Level, Unit

from . import privacy
from .models import Listing, Status

SUMMARY_MEASURES = ["poor_households", "poor_households_gifted", "households_livelihood_supported",
                    "great_unity_houses_built", "great_unity_houses_repaired", "support_amount"]
RATE = "poor_households_gifted_rate"


def summary_table(unit: Unit, period) -> Table:
    """One row per child unit (per area on a commune page) with the register's values of `period`."""
    children = list(unit.children.filter(is_active=True).ordered()) if unit.level != Level.AREA else [unit]
    got = summaries.readings_by_code(unit, children, period, SUMMARY_MEASURES + [RATE])

    def row(u, label):
        r = {"unit": label}
        for code in SUMMARY_MEASURES:
            r[code] = summaries.number(summaries.value(got, code, u.pk))
        rate = summaries.value(got, RATE, u.pk)
        r["rate"] = None if rate is None else round(float(rate), 1)
        return r

    rows = [row(child, child.name) for child in children]
    table = Table(
        title=f"Hộ nghèo, cận nghèo và hỗ trợ — {unit.name}",
        subtitle=[f"{period.name if hasattr(period, 'name') else ''} (danh sách hộ năm {period.end.year})"],
        columns=[Column("unit", "Đơn vị"), Column("poor_households", "Hộ nghèo, cận nghèo", "integer"),
                 Column("poor_households_gifted", "Được thăm, tặng quà", "integer"),
                 Column("rate", "Tỷ lệ thăm, tặng quà", "percent"),
                 Column("households_livelihood_supported", "Hộ được hỗ trợ sinh kế", "integer"),
                 Column("great_unity_houses_built", "Nhà ĐĐK xây mới", "integer"),
                 Column("great_unity_houses_repaired", "Nhà ĐĐK sửa chữa", "integer"),
                 Column("support_amount", "Giá trị hỗ trợ (đồng)", "money")],
        rows=rows,
        note="Hộ được hỗ trợ sinh kế tính không trùng: một hộ được hỗ trợ nhiều lần chỉ tính một hộ. "
             "Dòng tổng cộng là số liệu tổng hợp của đơn vị trong hệ thống chỉ số.",
    )
    table.totals = row(unit, "Tổng cộng") if unit.level != Level.AREA else None
    return table


def export_table(user, unit: Unit, year: int, unmasked: bool) -> Table:
    """The year's list of `unit`: identity numbers masked unless `unmasked` (the caller checked the right and
    logged the reason); sensitive columns only for users allowed to see them."""
    sensitive = privacy.can_see_sensitive(user)
    listings = (Listing.objects.filter(year=year, household__unit__in=Unit.objects.subtree(unit))
                .select_related("household__unit").prefetch_related("household__circumstances")
                .order_by("household__unit__sort_key", vi("household__head_name")))
    columns = [Column("no", "STT", "integer", summable=False), Column("area", "Khu dân cư"),
               Column("head", "Họ tên chủ hộ"), Column("id", "Số CCCD"), Column("members", "Nhân khẩu", "integer"),
               Column("status", "Phân loại"), Column("tags", "Hoàn cảnh")]
    if sensitive:
        columns += [Column("ethnicity", "Dân tộc"), Column("disability", "Khuyết tật"), Column("health", "Sức khỏe")]
    rows = []
    for i, listing in enumerate(listings, start=1):
        h = listing.household
        row = {"no": i, "area": h.unit.name, "head": h.head_name,
               "id": h.id_number if unmasked else privacy.mask_id(h.id_number), "members": h.members,
               "status": Status(listing.status).label,
               "tags": "; ".join(t.name for t in h.circumstances.all() if sensitive or not t.is_sensitive)}
        if sensitive:
            row.update(ethnicity=h.ethnicity, health=h.health_note,
                       disability={True: "Có", False: "Không"}.get(h.has_disability, ""))
        rows.append(row)
    return Table(title=f"Danh sách hộ nghèo, cận nghèo năm {year} — {unit.name}", columns=columns, rows=rows,
                 subtitle=["Số định danh đầy đủ — tài liệu mật, không phát tán" if unmasked
                           else "Số định danh đã được che theo quy định bảo vệ dữ liệu cá nhân"])
