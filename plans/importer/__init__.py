"""Rule-based import of Front plan documents (Kế hoạch, Báo cáo, Hướng dẫn, Chương trình phối hợp,
Thông báo, Quyết định …) from .docx, .pdf (text layer) and .txt.

Public API (stable; other apps call only these):

    parse_file(path) -> dict     read a file and parse it; raises PlanImportError (Vietnamese message)
    parse_text(text) -> dict     parse already extracted text; never raises on odd input
    extract_text(path) -> str    only the text extraction step
    PlanImportError              unreadable input: missing, empty, > 20 MB, broken, scanned PDF, .doc
    MAX_FILE_SIZE                20 MB
    KEYS                         the keys of the result, in order

The result always has exactly these keys (null or [] when absent):

    doc_type    type code; from the number when there is one ("CTrPH"), else from the type name
    number      "59/KH-MTTQ-BTT" (spaces removed, dashes unified)
    issuer      "Ban Thường trực Ủy ban MTTQ Việt Nam huyện Cư Jút"
    place       "Cư Jút"
    date        ISO "2023-03-16"
    title       the trích yếu
    year        the plan's year (title "năm 2026", else the issue date; never a cited document's)
    phase       "2016-2020" when the title names a multi-year period, else None
    references  documents it is based on ("Căn cứ …", "Thực hiện …"): [{"number","date","text"}]
    citations   every other numbered document cited in the title or body, same shape
    sections    [{"label": "I.", "title": "MỤC ĐÍCH, YÊU CẦU", "children": [...]}]: I. / 1. / 1.1. / a) / - / +
    contents    the campaign's five contents found as headings, with the criteria each serves:
                [{"number": 1, "text": "...", "criteria": {"ntm": [10, 11], "dtvm": [6]}}]
    targets     one per target clause (plans.importer.targets): [{"text","value","unit","comparator",
                "is_percent","scope","organisation","measure","item","level","per_unit","phase"}], from the
                items of a "chỉ tiêu" section, or, when there is none, from the sentences with a marked
                number (ít nhất, tối thiểu, trở lên, %, …); split on ";", "và" and ", 01 …"
    deadlines   [{"date","text","kind","recurring"}] for "trước ngày 10/6/2026", "chậm nhất 15/11",
                "Trước 15/02 hằng năm"; kind "report" | "registration" | None
    assignees   organisations/units given tasks under "Tổ chức thực hiện" / "Nội dung phối hợp" …
    recipients  one per "Nơi nhận" line item
    signer      {"authority": "TM. BAN THƯỜNG TRỰC", "title": "PHÓ CHỦ TỊCH", "name": "Trần Thị Hòa"}
    contact     the contact person of the reporting regime ("Cán bộ phụ trách theo dõi, tổng hợp: Đồng chí …,
                SĐT: …; Email: …"): {"name","phone","email"}, or None
    warnings    Vietnamese sentences for the officer

comparator is one of ">=", "<=", "<". unit is "%" for percentages.

Scope vocabulary of a target (`scope`):

    total                   total over the issuer's whole area (default)
    phase_total             total over a multi-year phase ("giai đoạn 2026 - 2030")
    each_commune            for every commune ("mỗi xã, phường", "ở xã, phường, thị trấn", "MTTQ cấp xã")
    each_district           for every district (plans before 7/2025: "mỗi huyện")
    each_area               for every residential area ("mỗi khu dân cư", "mỗi thôn")
    each_organisation       for every member organisation ("mỗi tổ chức thành viên", "mỗi hội")
    each_unit               for every Front committee at every level ("MTTQ các cấp")
    share_of_areas          a percentage of residential areas / their Ban Công tác Mặt trận
    share_of_communes       a percentage of communes / commune Front committees
    share_of_districts      a percentage of districts
    share_of_households     a percentage of households ("100% hộ nghèo, cận nghèo")
    share_of_organisations  a percentage of organisations, branches, units
    share_of_people         a percentage of people (members, officers, residents)
    share                   any other percentage

Not targets: criteria numbers ("Tiêu chí 10, 11"), anniversaries ("kỷ niệm 85 năm"), durations
("01 năm", "6 tháng"), phases and terms ("giai đoạn 2021-2025"), dates, document numbers, phone
numbers, and numbers inside quoted names ("gia đình 5 không, 3 sạch").
"""

from pathlib import Path

from .extract import MAX_FILE_SIZE, PlanImportError, extract_text
from .parser import KEYS, parse_text

__all__ = ["KEYS", "MAX_FILE_SIZE", "PlanImportError", "extract_text", "parse_file", "parse_text"]


def parse_file(path: str | Path) -> dict:
    """Read a .docx, .pdf or .txt file and parse it. Raises PlanImportError if it cannot be read."""
    return parse_text(extract_text(path))
