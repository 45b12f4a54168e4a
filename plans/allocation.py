"""Splitting a plan's total target among its communes: even, by residential areas, by households; and the
allocation as an XLSX sheet (download, fill, upload). Nothing here writes: a split or a file only proposes
numbers on the allocation page, and the officer saves them (plans.services.save_allocations).

    largest_remainder(200, {a: 1, b: 1, c: 1}) -> {a: 67, b: 67, c: 66}   integers that add up exactly
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Q, Sum

from core.uploads import UploadError, read_table
from units.models import Level, Unit

METHODS = {"even": "Chia đều", "areas": "Theo số khu dân cư", "households": "Theo số hộ"}
COLUMNS = ["Mã xã", "Xã, phường", "Số khu dân cư", "Số hộ", "Giao"]


@dataclass
class Commune:
    unit: Unit
    areas: int
    households: int | None  # the commune's own count, else the sum over its areas; None when nobody knows


def communes(plan_unit: Unit) -> list[Commune]:
    """The active communes under the plan's unit in Vietnamese order, with their area and household counts
    (units.Unit.households: kept on residential areas, sometimes on the commune itself)."""
    units = list(Unit.objects.subtree(plan_unit, include_self=False).filter(level=Level.COMMUNE, is_active=True)
                 .annotate(n_areas=Count("children", filter=Q(children__level=Level.AREA, children__is_active=True)),
                           area_households=Sum("children__households",
                                               filter=Q(children__level=Level.AREA, children__is_active=True)))
                 .ordered())
    return [Commune(u, u.n_areas, u.households if u.households is not None else u.area_households) for u in units]


def largest_remainder(total: int, weights: dict) -> dict:
    """Integers proportional to `weights` that add up to `total` exactly (Hamilton's method): each gets the
    whole part of its share, the units left go to the largest fractions (ties: the order given)."""
    weight_sum = sum(weights.values())
    if weight_sum <= 0:
        raise ValueError("no weight")
    shares = {k: Decimal(total) * Decimal(w) / Decimal(weight_sum) for k, w in weights.items()}
    out = {k: int(s) for k, s in shares.items()}
    left = total - sum(out.values())
    order = sorted(weights, key=lambda k: shares[k] - out[k], reverse=True)  # stable: ties keep the order
    for k in order[:left]:
        out[k] += 1
    return out


def split(rows: list[Commune], total, method: str) -> tuple[dict[int, int], list[str]]:
    """({unit id: share}, warnings) for a whole total split by `method` among `rows`."""
    if method not in METHODS:
        raise ValueError(f"Không có cách chia “{method}”.")
    if total is None:
        raise ValueError("Chỉ tiêu chưa có con số tổng để chia.")
    total = Decimal(total)
    if total != total.to_integral_value() or total < 0:
        raise ValueError("Chỉ chia được một tổng là số nguyên không âm.")
    if not rows:
        raise ValueError("Không có xã, phường nào để chia.")
    warnings = []
    if method == "even":
        weights = {c.unit.pk: 1 for c in rows}
    elif method == "areas":
        weights = {c.unit.pk: c.areas for c in rows}
        if missing := [c.unit.name for c in rows if not c.areas]:
            warnings.append(f"{len(missing)} xã chưa có khu dân cư nên không được giao: {', '.join(missing[:5])}"
                            f"{' …' if len(missing) > 5 else ''}.")
    else:
        weights = {c.unit.pk: c.households or 0 for c in rows}
        if missing := [c.unit.name for c in rows if not c.households]:
            warnings.append(f"{len(missing)} xã chưa có số hộ nên không được giao: {', '.join(missing[:5])}"
                            f"{' …' if len(missing) > 5 else ''}. Cập nhật số hộ ở trang khu dân cư.")
    try:
        return largest_remainder(int(total), weights), warnings
    except ValueError:
        raise ValueError(f"Không chia được {METHODS[method].lower()}: chưa xã nào có số liệu.") from None


def parse_value(text: str) -> Decimal:
    """'1.234' → 1234, '12,5' → 12.5, '15' → 15 (the Vietnamese way); ValueError otherwise."""
    text = "".join(str(text).split())
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0:
        raise ValueError(text)
    return value


def read_file(filename: str, content: bytes, rows: list[Commune]) -> dict[int, Decimal | None]:
    """{unit id: value or None} from an uploaded allocation sheet (the downloaded one, filled in). Every problem
    is an UploadError naming its row and column; nothing is taken when there is one."""
    table = read_table(filename, content)
    start = next((i for i, r in enumerate(table) if r and str(r[0]).lower().startswith("mã")), None)
    if start is None:
        raise UploadError(["Không thấy dòng tiêu đề: cột A phải là “Mã xã” như tệp tải về từ trang phân bổ."])
    by_code = {c.unit.code: c.unit for c in rows}
    values, seen, errors = {}, {}, []
    for line, raw in enumerate(table[start + 1:], start=start + 2):
        cells = [str(c or "").strip() for c in (raw + [""] * 5)[:5]]
        if not any(cells):
            continue
        code, name, _, _, value = cells
        if " " in code and not any(cells[1:]):
            continue  # the sheet's note under the table, not a commune
        unit = by_code.get(code)
        if not code:
            errors.append(f"Dòng {line}, cột A (Mã xã): thiếu mã xã.")
            continue
        if unit is None:
            errors.append(f"Dòng {line}, cột A (Mã xã): không có xã, phường mã “{code}”{f' ({name})' if name else ''}"
                          " thuộc đơn vị ban hành kế hoạch.")
            continue
        if unit.pk in seen:
            errors.append(f"Dòng {line}, cột A (Mã xã): {unit.name} đã có ở dòng {seen[unit.pk]}.")
            continue
        seen[unit.pk] = line
        if not value:
            values[unit.pk] = None
            continue
        try:
            values[unit.pk] = parse_value(value)
        except ValueError:
            errors.append(f"Dòng {line}, cột E (Giao): “{value}” không phải là số không âm ({unit.name}).")
    if errors:
        raise UploadError(errors)
    if not seen:
        raise UploadError(["Tệp không có dòng xã, phường nào dưới dòng tiêu đề."])
    return values


def table(target, rows: list[Commune], current: dict):
    """The allocation as a documents.tables.Table (the XLSX to download, fill and upload back)."""
    from documents.tables import Column, Table

    from core.formatting import format_number

    whole = all(v == int(v) for v in current.values() if v is not None)

    def shown(v):
        return None if v is None else int(v) if whole else format_number(v, 2)

    total = f"{format_number(target.threshold, 0 if target.threshold == int(target.threshold) else 2)}" \
        if target.threshold is not None else "chưa có"
    return Table(
        title="Phân bổ chỉ tiêu cho các xã, phường",
        subtitle=[" ".join(target.text.split())[:200], f"{target.plan} · tổng cần giao: {total}"],
        columns=[Column("code", COLUMNS[0], width=12), Column("name", COLUMNS[1], width=32),
                 Column("areas", COLUMNS[2], "integer"), Column("households", COLUMNS[3], "integer"),
                 Column("value", COLUMNS[4], "integer" if whole else "text", summable=False)],
        rows=[{"code": c.unit.code, "name": c.unit.name, "areas": c.areas, "households": c.households,
               "value": shown(current.get(c.unit.pk))} for c in rows],
        note="Điền cột “Giao” (để trống: xã không nhận chỉ tiêu này), giữ nguyên cột “Mã xã”, rồi tải lên ở trang "
             "phân bổ.")
