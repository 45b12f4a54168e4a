"""The adoption list (phân công nhận giúp đỡ hộ nghèo) and the sponsored children ("Kết nối yêu thương") as
files people keep in Excel: templates, imports and the ND 30 lists.

Imports take a commune's (column B names each row's area) or one area's file. Every row goes through the same
service as the form (`save_adoption`, `save_sponsorship`: scope, organisation, poor-list and date rules), each in
its own savepoint; any error on any row rolls the whole file back, and every error names its row and column.
Households are matched as the household import matches them: by identity number within the importer's scope,
else by area and head's name among households without a number.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts import audit
from accounts.scope import in_scope, organisation_filter, scope_queryset
from core.formatting import parse_money
from core.text import fold
from core.uploads import UploadError, column_letter, read_table
from documents.tables import Column, Table
from indicators.services import deferred
from units.models import Level, Unit

from . import privacy, services
from .models import Household

ADOPTION_HEADER = ["STT", "Mã khu dân cư", "Họ tên chủ hộ", "Số CCCD chủ hộ", "Đơn vị nhận giúp đỡ", "Từ năm",
                   "Đến năm", "Nội dung giúp đỡ"]
CHILD_HEADER = ["STT", "Mã khu dân cư", "Họ tên trẻ", "Năm sinh", "Hoàn cảnh", "Tổ chức đỡ đầu",
                "Người, đơn vị đỡ đầu khác", "Số tiền mỗi tháng (đồng)", "Từ ngày", "Đến ngày"]
ADOPTION_FIELDS = {"household": 2, "organisation": 4, "front_unit": 4, "from_year": 5, "to_year": 6,
                   "commitment": 7, "ended_early_on": 6}
CHILD_FIELDS = {"unit": 1, "child_name": 2, "birth_year": 3, "circumstance": 4, "organisation": 5,
                "sponsor_name": 6, "monthly_amount": 7, "starts_on": 8, "ends_on": 9}


def _key(text) -> str:
    return " ".join(fold(str(text or "")).split())


def _table(header, rows, title, note):
    columns = [Column(f"c{i}", label, "integer" if i == 0 else "text", summable=False)
               for i, label in enumerate(header)]
    return Table(title=title, subtitle=[note], columns=columns,
                 rows=[{f"c{i}": v for i, v in enumerate(row)} for row in rows])


def adoption_template() -> Table:
    return _table(ADOPTION_HEADER, [
        [1, "01", "Hoàng Văn Mạnh", "", "Hội Nông dân", datetime.date.today().year, datetime.date.today().year + 2,
         "Hỗ trợ con giống, hướng dẫn cách làm ăn"],
        [2, "01", "Lương Thị Hoa", "", "Mặt trận", datetime.date.today().year, datetime.date.today().year,
         "Vận động con đi học"]],
        "Phân công nhận giúp đỡ hộ nghèo, cận nghèo (mẫu)",
        "Mã khu dân cư như trên doanket; hộ phải có trong danh sách hộ nghèo, cận nghèo; đơn vị nhận giúp đỡ: tên "
        "tổ chức thành viên (ví dụ: Hội Nông dân) hoặc “Mặt trận”. Xóa các dòng ví dụ.")


def child_template() -> Table:
    year = datetime.date.today().year
    return _table(CHILD_HEADER, [
        [1, "01", "Nguyễn Thị Lan", year - 9, "Mồ côi cha", "Hội Liên hiệp Phụ nữ", "", "500.000",
         f"01/01/{year}", ""],
        [2, "01", "Hoàng Văn Nam", year - 12, "Mồ côi cả cha và mẹ", "", "Công ty TNHH An Phát", "1.000.000",
         f"01/01/{year}", f"31/12/{year + 2}"]],
        "Trẻ em được nhận đỡ đầu “Kết nối yêu thương” (mẫu)",
        "Ghi tổ chức đỡ đầu (tên tổ chức thành viên) hoặc người, đơn vị đỡ đầu khác; ngày dạng dd/mm/yyyy. Xóa "
        "các dòng ví dụ.")


def _rows(filename, content, header):
    table = read_table(filename, content)
    start = next((i for i, row in enumerate(table) if len(row) > 2 and _key(row[1]) == _key(header[1])
                  and _key(row[2]) == _key(header[2])), None)
    if start is None:
        raise UploadError(f"Không thấy dòng tiêu đề của tệp mẫu (cột B: “{header[1]}”, cột C: “{header[2]}”).")
    out = []
    for number, raw in enumerate(table[start + 1:], start=start + 2):
        cells = [str(c).strip() for c in (list(raw) + [""] * len(header))[:len(header)]]
        if len(raw) > len(header) and any(str(c).strip() for c in raw[len(header):]):
            raise UploadError(f"Dòng {number}, cột {column_letter(len(header))}: mẫu chỉ có {len(header)} cột.")
        if any(cells[1:]):
            out.append((number, cells))
    if not out:
        raise UploadError("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    return out


def _areas(actor, target: Unit) -> dict:
    if target.level == Level.AREA:
        return {target.code: target, "": target}
    if target.level == Level.COMMUNE:
        return {u.code: u for u in target.children.filter(level=Level.AREA) if in_scope(actor, u)}
    raise UploadError("Nhập danh sách ở trang của xã/phường hoặc của khu dân cư.")


def _where(number, header, index):
    return f"Dòng {number}, cột {column_letter(index)} ({header[index]})"


def _field_errors(exc, number, header, fields) -> list[str]:
    """A service's ValidationError, each message placed at its row and column."""
    if isinstance(exc, PermissionDenied):
        return [f"Dòng {number}: {exc}"]
    if hasattr(exc, "error_dict"):
        out = []
        for name, errors in exc.message_dict.items():
            index = fields.get(name)
            where = _where(number, header, index) if index is not None else f"Dòng {number}"
            out += [f"{where}: {message}" for message in errors]
        return out
    return [f"Dòng {number}: {message}" for message in exc.messages]


def _by_row(errors):
    """Errors in the file's order (matching households reports before the rows are read)."""
    import re

    return sorted(errors, key=lambda e: int(m.group(1)) if (m := re.match(r"Dòng (\d+)", e)) else 0)


def _int(text):
    text = text.replace(".", "").replace(",", "").strip()
    return int(text) if text.isdigit() else None


def _day(text):
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text.split(" ")[0], fmt).date()
        except ValueError:
            continue
    raise ValueError


def _households(actor, areas, rows, header):
    """{row number: household} matched by identity number in the actor's scope, else by area and name."""
    numbers = {cells[3].replace(" ", "").removesuffix(".0") for _, cells in rows} - {""}
    by_number = {h.id_number: h for h in scope_queryset(actor, Household.objects.filter(id_number__in=numbers))
                 .select_related("unit")}
    area_ids = {a.pk for a in areas.values()}
    by_name = {(h.unit_id, h.search_key): h for h in Household.objects.filter(unit_id__in=area_ids, id_number="")
               .select_related("unit")}
    found, errors = {}, []
    for number, cells in rows:
        code, name, id_text = cells[1], cells[2], cells[3].replace(" ", "").removesuffix(".0")
        area = areas.get(code)
        if area is None:
            errors.append(f"{_where(number, header, 1)}: không có khu dân cư mã “{code}” trong phạm vi nhập.")
            continue
        if id_text:
            household = by_number.get(id_text)
            if household is None or household.unit_id != area.pk:
                errors.append(f"{_where(number, header, 3)}: không có hộ số “{privacy.mask_id(id_text)}” ở "
                              f"{area.name} trong sổ hộ nghèo.")
                continue
        else:
            household = by_name.get((area.pk, fold(name)))
            if household is None:
                errors.append(f"{_where(number, header, 2)}: không có hộ “{name}” (không ghi số CCCD) ở {area.name} "
                              "trong sổ hộ nghèo.")
                continue
        found[number] = household
    return found, errors


def _adopter(actor, household, text, target):
    """(organisation, front unit) named by the cell: an organisation's name or kind, or “Mặt trận …”."""
    orgs, fronts = services.adopter_choices(actor, household)
    key = _key(text)
    org = organisation_filter(actor)
    if org is not None and not key:
        return org, None
    if key.startswith("mat tran") or key.startswith("mttq") or key == "uy ban mttq":
        named = [f for f in fronts if _key(f.name) in key]
        if named:
            return None, named[0]
        if target in fronts:
            return None, target
        return (None, fronts[0]) if fronts else (None, None)
    for o in orgs:
        if key in (_key(o.name), _key(o.kind.name)):
            return o, None
    return None, None


@transaction.atomic
def import_adoptions(actor, target: Unit, filename: str, content: bytes) -> int:
    header = ADOPTION_HEADER
    rows = _rows(filename, content, header)
    areas = _areas(actor, target)
    households, errors = _households(actor, areas, rows, header)
    made, seen = 0, {}
    with deferred():
        for number, cells in rows:
            household = households.get(number)
            if household is None:
                continue
            org, front = _adopter(actor, household, cells[4], target)
            row_errors = []
            if org is None and front is None:
                row_errors.append(f"{_where(number, header, 4)}: không có “{cells[4]}” trong các đơn vị nhận giúp đỡ "
                                  f"được hộ ở {household.unit.name}.")
            years = {}
            for index, name in ((5, "from_year"), (6, "to_year")):
                years[name] = _int(cells[index])
                if years[name] is None:
                    row_errors.append(f"{_where(number, header, index)}: “{cells[index]}” không phải năm (ví dụ "
                                      f"{datetime.date.today().year}).")
            if len(cells[7]) > 300:
                row_errors.append(f"{_where(number, header, 7)}: dài quá 300 ký tự.")
            key = (household.pk, getattr(org, "pk", None), getattr(front, "pk", None), years.get("from_year"))
            if key in seen:
                row_errors.append(f"{_where(number, header, 2)}: trùng với dòng {seen[key]}.")
            seen.setdefault(key, number)
            if row_errors:
                errors += row_errors
                continue
            data = {"organisation": org, "front_unit": front, "commitment": cells[7], **years}
            try:
                with transaction.atomic():
                    services.save_adoption(actor, household, data)
            except (ValidationError, PermissionDenied) as exc:
                errors += _field_errors(exc, number, header, ADOPTION_FIELDS)
            else:
                made += 1
        if errors:
            raise UploadError(_by_row(errors))
    audit.record(actor, audit.Action.IMPORT, target, verb="Nhập danh sách phân công nhận giúp đỡ hộ",
                 note=f"{filename}: {made} phân công")
    return made


def _organisation(actor, area, text):
    from units.models import MemberOrganisation

    key = _key(text)
    org = organisation_filter(actor)
    if org is not None:
        return org if not key or key in (_key(org.name), _key(org.kind.name)) else False
    if not key:
        return None
    units = area.ancestors() + [area]
    for o in (MemberOrganisation.objects.filter(unit__in=units, is_active=True).select_related("kind")
              .order_by("-unit__depth", "kind__order")):
        if key in (_key(o.name), _key(o.kind.name)):
            return o
    return False


@transaction.atomic
def import_children(actor, target: Unit, filename: str, content: bytes) -> int:
    header = CHILD_HEADER
    rows = _rows(filename, content, header)
    areas = _areas(actor, target)
    errors, made, seen = [], 0, {}
    with deferred():
        for number, cells in rows:
            row_errors = []
            area = areas.get(cells[1])
            if area is None:
                row_errors.append(f"{_where(number, header, 1)}: không có khu dân cư mã “{cells[1]}” trong phạm vi "
                                  "nhập.")
            birth_year = _int(cells[3])
            if cells[3] and birth_year is None:
                row_errors.append(f"{_where(number, header, 3)}: “{cells[3]}” không phải năm sinh.")
            org = _organisation(actor, area, cells[5]) if area is not None else None
            if org is False:
                row_errors.append(f"{_where(number, header, 5)}: không có tổ chức “{cells[5]}” hoạt động ở khu dân cư "
                                  "này" + (" (bạn chỉ nhập cho tổ chức của mình)." if organisation_filter(actor)
                                           else "."))
            amount = None
            try:
                amount = parse_money(cells[7])
            except ValueError as exc:
                row_errors.append(f"{_where(number, header, 7)}: {exc}")
            days = {}
            for index, name in ((8, "starts_on"), (9, "ends_on")):
                days[name] = None
                if cells[index]:
                    try:
                        days[name] = _day(cells[index])
                    except ValueError:
                        row_errors.append(f"{_where(number, header, index)}: “{cells[index]}” không phải ngày "
                                          "dd/mm/yyyy.")
            for index, limit in ((2, 120), (4, 200), (6, 200)):
                if len(cells[index]) > limit:
                    row_errors.append(f"{_where(number, header, index)}: dài quá {limit} ký tự.")
            key = (cells[1], _key(cells[2]), birth_year)
            if cells[2] and key in seen:
                row_errors.append(f"{_where(number, header, 2)}: trùng với dòng {seen[key]}.")
            seen.setdefault(key, number)
            if row_errors:
                errors += row_errors
                continue
            data = {"unit": area, "child_name": cells[2], "birth_year": birth_year, "circumstance": cells[4],
                    "organisation": org or None, "sponsor_name": cells[6], "monthly_amount": amount, **days}
            try:
                with transaction.atomic():
                    services.save_sponsorship(actor, data)
            except (ValidationError, PermissionDenied) as exc:
                errors += _field_errors(exc, number, header, CHILD_FIELDS)
            else:
                made += 1
        if errors:
            raise UploadError(_by_row(errors))
    audit.record(actor, audit.Action.IMPORT, target, verb="Nhập danh sách trẻ được đỡ đầu",
                 note=f"{filename}: {made} trẻ")
    return made


# --- ND 30 lists (documents.lists holds the layout) -------------------------------------------------------------

def adoptions_document(adoptions, unit, year):
    from core.text import in_sentence
    from documents.lists import list_document

    rows = [{"stt": n, "household": a.household.head_name, "area": a.household.unit.name,
             "adopter": a.adopter_name, "years": f"{a.from_year}–{a.to_year}", "commitment": a.commitment}
            for n, a in enumerate(adoptions, start=1)]
    table = Table(title="", subtitle=[], rows=rows, columns=[
        Column("stt", "STT", "integer", summable=False), Column("household", "Họ tên chủ hộ"),
        Column("area", "Khu dân cư"), Column("adopter", "Đơn vị nhận giúp đỡ"), Column("years", "Thời gian"),
        Column("commitment", "Nội dung giúp đỡ")])
    return list_document(
        unit, f"Phân công nhận giúp đỡ hộ nghèo, cận nghèo năm {year}", table, widths=[7, 19, 17, 22, 12, 23],
        intro=f"Thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, Ban Thường "
              f"trực Ủy ban MTTQ Việt Nam {in_sentence(unit.name)} phân công các tổ chức thành viên nhận giúp đỡ "
              f"hộ nghèo, hộ cận nghèo năm {year} ({len(rows)} hộ) như sau:")


def children_document(sponsorships, unit):
    from core.text import in_sentence
    from documents.lists import list_document

    rows = [{"stt": n, "child": s.child_name, "birth_year": str(s.birth_year), "area": s.unit.name,
             "circumstance": s.circumstance, "sponsor": s.sponsor, "monthly": s.monthly_amount,
             "starts_on": s.starts_on} for n, s in enumerate(sponsorships, start=1)]
    table = Table(title="", subtitle=[], rows=rows, columns=[
        Column("stt", "STT", "integer", summable=False), Column("child", "Họ tên trẻ"),
        Column("birth_year", "Năm sinh"), Column("area", "Khu dân cư"), Column("circumstance", "Hoàn cảnh"),
        Column("sponsor", "Người, đơn vị đỡ đầu"), Column("monthly", "Mỗi tháng (đồng)", "money"),
        Column("starts_on", "Từ ngày", "date")])
    return list_document(
        unit, "Trẻ em được nhận đỡ đầu “Kết nối yêu thương”", table.with_totals() if rows else table,
        widths=[6, 17, 9, 14, 15, 16, 12, 11],
        intro=f"Ban Thường trực Ủy ban MTTQ Việt Nam {in_sentence(unit.name)} lập danh sách trẻ em có hoàn cảnh "
              f"khó khăn được nhận đỡ đầu theo Chương trình “Kết nối yêu thương” ({len(rows)} trẻ) như sau:")
