"""From the importer's extraction (plans.importer.parse_file) to a proposal the officer corrects and saves.

The importer gives the fields; this module turns them into the rows of a plan: header, basis documents,
the section outline with the unlabelled paragraphs under each section (read back from the text), contents
with criteria, targets split into clauses with suggested measures (plans.target_mapping), tasks from
"Tổ chức thực hiện", report requirements from the reporting deadlines, recipients.
"""

import datetime
import re

from core.text import fold

from . import target_mapping

STANDARD_SOCIO_POLITICAL = ["hoi-nong-dan", "hoi-lhpn", "doan-tncs", "hoi-ccb", "cong-doan"]


class NotAPlan(Exception):
    """The file was read, but it is not an official document we can make a plan from."""


def _date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _flatten(nodes, out=None):
    out = [] if out is None else out
    for node in nodes:
        out.append({"label": node.get("label") or "", "title": node.get("title") or "", "body": "",
                    "_children": node.get("children") or []})
        _flatten(node.get("children") or [], out)
    return out


_CLEAN = re.compile(r"\*+")


def _line_key(text: str) -> str:
    return " ".join(fold(_CLEAN.sub("", text)).split())


def attach_bodies(rows: list[dict], text: str, title: str = "") -> str:
    """Put each unlabelled paragraph of the text under the section it follows (rows in reading order);
    returns the opening paragraph(s) before the first section. Stops at the signature / 'Nơi nhận'."""
    lines = [" ".join(_CLEAN.sub("", line).split()) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    keys = [(fold(f"{r['label']} {r['title']}".strip())[:60], fold(r["title"])) for r in rows]
    title_key = _line_key(title)
    intro, current, i = [], -1, 0
    for line in lines:
        key = _line_key(line)
        if re.match(r"^(noi nhan|tm\.|kt\.|q\. |tl\.)", key):
            break
        if i < len(rows) and keys[i][0] and key.startswith(keys[i][0][: max(12, min(len(keys[i][0]), 60))]):
            current, i = i, i + 1
            continue
        if current < 0:
            if _is_header_line(line, key, title_key):
                continue
            intro.append(line)
            continue
        if key and key in keys[current][1]:  # a broken line of the section's own title (PDF)
            continue
        rows[current]["body"] = (rows[current]["body"] + "\n\n" + line).strip()
    return "\n\n".join(intro)


def _is_header_line(line, key, title_key):
    if title_key and key and key in title_key:
        return True
    letters = [c for c in line if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    return bool(re.match(r"^(so:|so |doc lap|cong hoa|.*, ngay \d+ thang \d+ nam \d{4})", key))


def _period_code(text: str, due: datetime.date | None, year: int | None) -> str | None:
    folded = fold(text)
    year = year or (due.year if due else None)
    if not year:
        return None
    if "6 thang" in folded or "sau thang" in folded:
        half = 2 if "cuoi nam" in folded or (due and due.month >= 11 and "dau nam" not in folded) else 1
        return f"{year}-h{half}"
    if m := re.search(r"quy (i{1,3}|iv|[1-4])", folded):
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m[1], None) or int(m[1])
        return f"{year}-q{q}"
    if "nam" in folded:
        return str(year)
    return None


def report_rows(deadlines: list[dict], year: int | None, plan_unit_level: str) -> list[dict]:
    """'Báo cáo 6 tháng gửi trước ngày 10/6/2026' → name, period code, due date, reporting level."""
    rows = []
    for item in deadlines or []:
        text, due = item.get("text") or "", _date(item.get("date"))
        folded = fold(text)
        if "bao cao" not in folded or not due:
            continue
        match = re.search(r"bao cao[^,;.]*?(?=\s+(?:gui|truoc|nop|chậm|cham)|$)", folded)
        name = text[match.start():match.end()].strip() if match else "Báo cáo"
        name = name[:1].upper() + name[1:]
        code = _period_code(name, due, year)
        rows.append({"name": name, "period": code, "cutoff_date": None, "due_date": due,
                     "reporter_level": "commune" if plan_unit_level in ("province", "district") else "area"})
    return rows


def _is_targets_heading(title: str) -> bool:
    return "chi tieu" in fold(title)


def _is_tasks_heading(title: str) -> bool:
    folded = fold(title)
    return "to chuc thuc hien" in folded or "phan cong" in folded


def target_rows(sections: list[dict], targets: list[dict], content_numbers: dict) -> list[dict]:
    """The importer's target clauses (plans.importer.targets: one per clause with its own figure, with the
    numbered item it came from, scope, organisation and suggested measure) → one review row each, so that the
    web review shows exactly what `import_plan --json` lists. `group` is the item's label in its section ("1.")."""
    rows = []
    for n, t in enumerate(targets or [], start=1):
        item = t.get("item") or f"{n}."
        group = item.rsplit(".", 2)[-2] + "." if item.count(".") >= 2 else item
        scope = t.get("scope") or "total"
        # the register's scopes are over the units of one level (communes or residential areas); a share of
        # households or people, or a count per district or organisation, is a total the officer refines
        share = scope in ("share_of_areas", "share_of_communes")
        each = scope in ("each_commune", "each_area", "each_unit")
        review_scope = "share_of_units" if share else "each_unit" if each else "total"
        level = (t.get("level") or "") if share or each else ""
        rows.append({"group": group, "text": t.get("text") or "", "measure": t.get("measure"), "scope": review_scope,
                     "level": level, "comparator": t.get("comparator") or ">=",
                     "threshold": _whole(t.get("value")), "unit_comparator": ">=" if share else "",
                     "unit_threshold": _whole(t.get("per_unit")) if share else None,
                     "org_kind": t.get("organisation"), "phase": t.get("phase")})
    return rows


def _whole(value):
    return int(value) if value is not None and value == int(value) else value


def task_rows(sections: list[dict], deadlines: list[dict]) -> list[dict]:
    """Bullets under 'Tổ chức thực hiện', each given to the numbered item above it."""
    rows = []
    dated = [(fold(d.get("text") or "")[:40], _date(d.get("date"))) for d in deadlines or []]
    for node in sections:
        if not _is_tasks_heading(node.get("title") or ""):
            continue
        for who in node.get("children") or []:
            assignee = who.get("title") or ""
            items = who.get("children") or [{"title": assignee}]
            folded = fold(assignee)
            level = "commune" if re.search(r"cac xa|cap xa|xa, phuong", folded) else (
                "area" if "khu dan cu" in folded else "")
            kinds = []
            if "to chuc chinh tri" in folded or "to chuc thanh vien" in folded:
                kinds = list(STANDARD_SOCIO_POLITICAL)
            elif org := target_mapping.organisation_for(assignee):
                kinds = [org]
            for item in items:
                text = item.get("title") or ""
                deadline = next((d for key, d in dated if key and key in fold(text)), None)
                rows.append({"text": text, "assignee": assignee, "unit_level": level, "organisation_kinds": kinds,
                             "deadline": deadline.isoformat() if deadline else None})
    return rows


def proposal(result: dict, source_text: str, unit) -> dict:
    """Everything the review page needs, as JSON-ready data (kept in the session until saved)."""
    nodes = len(_flatten(result.get("sections") or []))
    if not (result.get("title") and (nodes >= 2 or result.get("number"))):
        raise NotAPlan("Tệp đọc được nhưng không giống một văn bản kế hoạch: không thấy trích yếu và các mục "
                       "(I., 1., -). Hãy kiểm tra lại tệp.")
    from .cascade import bodies_for

    flat = _flatten(result.get("sections") or [])
    intro = attach_bodies(flat, source_text, result.get("title") or "")
    parent_body, issuer_in_text, place = bodies_for(unit)
    number, symbol = (result.get("number") or "").partition("/")[::2]
    issued_on = _date(result.get("date"))
    year = result.get("year") or (issued_on.year if issued_on else None)
    signer = result.get("signer") or {}
    if not signer.get("name"):  # the file does not say who signs: the unit's leaders do
        known = unit.signer()
        signer = {"authority": signer.get("authority") or known.get("signer_authority"),
                  "title": signer.get("title") or known.get("signer_title"), "name": known.get("signer_name")}
    content_numbers = {c["number"]: c for c in result.get("contents") or []}
    recipients = [r for r in result.get("recipients") or [] if not fold(r).startswith("luu")]
    archive = next((r.split(":", 1)[1].strip(" .") for r in result.get("recipients") or []
                    if fold(r).startswith("luu") and ":" in r), "VT")
    return {
        "header": {
            "doc_type": result.get("doc_type") or "KH", "number": number.strip(), "symbol": symbol.strip(),
            "parent_body": parent_body, "issuing_body": "BAN THƯỜNG TRỰC", "issuer_in_text": issuer_in_text,
            "place": result.get("place") or place, "issued_on": issued_on.isoformat() if issued_on else None,
            "title": result.get("title") or "",
            # a plan for a phase ("Tổng kết … giai đoạn 2016-2020") is for that phase, not its issue year
            "period": result.get("phase") or (str(year) if year else ""),
            "intro": intro, "signer_authority": signer.get("authority") or "",
            "signer_title": signer.get("title") or "", "signer_name": signer.get("name") or "",
            "archive": archive, "recipients": "\n".join(recipients),
        },
        "issuer": result.get("issuer") or "",
        "references": [{"kind": "basis", "number": r.get("number") or "", "date": r.get("date"),
                        "text": r.get("text") or ""} for r in result.get("references") or []]
        + [{"kind": "citation", "number": r.get("number") or "", "date": r.get("date"), "text": r.get("text") or ""}
           for r in result.get("citations") or []],
        "sections": [{"label": r["label"], "title": r["title"], "body": r["body"]} for r in flat],
        "contents": [{"content": c["number"], "text": c.get("text") or "", "criteria": c.get("criteria") or {}}
                     for c in result.get("contents") or []],
        "targets": target_rows(result.get("sections") or [], result.get("targets") or [], content_numbers),
        "tasks": task_rows(result.get("sections") or [], result.get("deadlines") or []),
        "reports": [dict(r, due_date=r["due_date"].isoformat()) for r in report_rows(
            result.get("deadlines") or [], year, unit.level)],
        "warnings": list(result.get("warnings") or []),
    }
