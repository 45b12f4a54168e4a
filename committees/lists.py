"""A committee's member list as a spreadsheet: the current composition exported (XLSX/CSV), a template to fill,
and an uploaded list read for “Thành lập” / “Kiện toàn” with every error by row and column. Reading writes
nothing: the services take the parsed list, so a bad file leaves the committee as it was."""

from core.text import fold
from core.uploads import UploadError, column_letter, read_table
from documents.tables import Column, Table

from .models import Term

HEADER = ["STT", "Họ và tên", "Chức danh trong ban", "Chức vụ, cơ quan"]
LIMITS = {1: 120, 2: 120, 3: 200}


def _columns():
    return [Column("stt", HEADER[0], "integer", summable=False), Column("full_name", HEADER[1], width=28),
            Column("position", HEADER[2], width=24), Column("office", HEADER[3], width=40)]


def members_table(term: Term) -> Table:
    committee = term.committee
    members = term.members.filter(ended_on__isnull=True).order_by("order", "pk")
    verb = "Kiện toàn" if term.is_renewal else "Thành lập"
    decision = f"số {term.decision_number} " if term.decision_number else ""
    return Table(title=f"Thành viên {committee.name} — {committee.unit.name}",
                 subtitle=[f"{verb} lần {term.number}, quyết định {decision}ngày {term.decided_on:%d/%m/%Y}"],
                 columns=_columns(),
                 rows=[{"stt": n, "full_name": m.full_name, "position": m.position, "office": m.office}
                       for n, m in enumerate(members, start=1)])


def template_table() -> Table:
    return Table(title="Danh sách thành viên ban (mẫu)",
                 subtitle=["Mỗi dòng một người; cột “Chức vụ, cơ quan” có thể để trống. Xóa hai dòng ví dụ."],
                 columns=_columns(),
                 rows=[{"stt": 1, "full_name": "Nguyễn Văn An", "position": "Trưởng ban",
                        "office": "Chủ tịch Ủy ban MTTQ xã"},
                       {"stt": 2, "full_name": "Trần Thị Bình", "position": "Phó Trưởng ban",
                        "office": "Phó Chủ tịch Ủy ban nhân dân xã"}])


def _key(text) -> str:
    return " ".join(fold(str(text or "")).split())


def parse_members_file(filename: str, content: bytes) -> list[dict]:
    """The members of an uploaded list (the export's or the template's columns). Raises UploadError naming every
    bad row and column; an empty list is an error too."""
    table = read_table(filename, content)
    start = next((i for i, row in enumerate(table) if len(row) > 1 and _key(row[1]) == _key(HEADER[1])), None)
    if start is None:
        raise UploadError(f"Không thấy dòng tiêu đề của tệp mẫu (cột B: “{HEADER[1]}”).")
    errors, members, seen = [], [], {}
    for number, raw in enumerate(table[start + 1:], start=start + 2):
        cells = [str(c).strip() for c in (list(raw) + [""] * 4)[:4]]
        if len(raw) > 4 and any(str(c).strip() for c in raw[4:]):
            errors.append(f"Dòng {number}, cột {column_letter(4)}: mẫu chỉ có {len(HEADER)} cột "
                          f"({', '.join(HEADER)}).")
        if not any(cells[1:]):
            continue
        row_errors = []
        for index in (1, 2, 3):
            value = cells[index]
            where = f"Dòng {number}, cột {column_letter(index)} ({HEADER[index]})"
            if index < 3 and not value:
                row_errors.append(f"{where}: chưa ghi.")
            elif len(value) > LIMITS[index]:
                row_errors.append(f"{where}: dài quá {LIMITS[index]} ký tự.")
        name = " ".join(cells[1].split())
        key = (_key(name), _key(cells[3]))
        if name and key in seen:
            row_errors.append(f"Dòng {number}, cột {column_letter(1)} ({HEADER[1]}): trùng với dòng {seen[key]}.")
        elif name:
            seen[key] = number
        errors += row_errors
        if not row_errors:
            members.append({"full_name": name, "position": cells[2], "office": cells[3]})
    if errors:
        raise UploadError(errors)
    if not members:
        raise UploadError("Tệp không có thành viên nào dưới dòng tiêu đề.")
    return members
