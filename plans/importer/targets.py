"""Target clauses: one numbered item ("3. 100% khu dân cư …; 90% trở lên khu dân cư …") → one target per
clause that has its own figure, each with its value, comparator, scope, organisation, suggested measure
and the item it came from. The web review (plans.from_import) and `import_plan --json` both use these.
"""

import re

from plans import target_mapping

from . import quantities
from .sections import BULLETS, Node

# the scope of a clause that names no subject is the one of the clause before it in the same item:
# "MTTQ mỗi xã … ít nhất 03 mô hình …; xây dựng mới ít nhất 01 mô hình …" (both for every commune)
_SUBJECT = re.compile(
    r"^(?:\d{1,3}(?:,\d+)?\s*%|(?:mỗi|từng|các|100)\b|MTTQ|Mặt\s+trận|Ủy\s+ban|Uỷ\s+ban|UBND|UB\s|Ban\s|Hội\s|Đoàn\s|"
    r"Liên\s+đoàn|Công\s+đoàn|Khu\s+dân\s+cư|Thôn|Tổ\s+dân\s+phố|Xã|Phường)",
    re.IGNORECASE,
)
_LEVEL = {
    "share_of_areas": "area", "each_area": "area", "share_of_communes": "commune", "each_commune": "commune",
    "each_unit": "commune", "share_of_districts": "district", "each_district": "district",
}


def split_clauses(text: str) -> list[str]:
    """Split on ';' and 'và' before a figure, then on ', 01 công trình …' when the
    clause already has a figure of its own. 'hoặc' joins alternatives of one target and is not split."""
    out = []
    for part in _split_parts(text):
        qs = quantities.find_quantities(part)
        cuts = [0]
        for q in qs[1:]:
            before = part[:q.start]
            m = re.search(r",\s*(?:(?:ít\s+nhất|tối\s+thiểu|không\s+dưới)\s+)?$", before)
            if m and any(p.end <= m.start() and p.start >= cuts[-1] for p in qs):
                cuts.append(m.start())
        pieces = [part[a:b] for a, b in zip(cuts, cuts[1:] + [len(part)])]
        out.extend(p.strip(" ,;.") for p in pieces if p.strip(" ,;."))
    return out


def _split_parts(text: str) -> list[str]:
    """Split on ';' and on 'và' before a figure or a subject, never inside parentheses, keeping clauses whose
    figure is written in words."""
    text = " ".join(text.split())
    parts, depth, current, i = [], 0, "", 0
    while i < len(text):
        ch = text[i]
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0 and ch == ";":
            parts.append(current)
            current = ""
        elif depth == 0 and (m := re.match(r" và (?=\d{1,3}(?:,\d+)?\s*%|(?:MTTQ|Ủy ban|UB)[^;]*?\d)", text[i:])):
            parts.append(current)
            current = ""
            i += len(m[0]) - 1
        else:
            current += ch
        i += 1
    parts.append(current)
    return [p.strip(" .,;") for p in parts if p.strip(" .,;")]


def item_label(node: Node | None) -> str | None:
    """'II.3.' for a clause under '3.' under 'II.'; bullets do not count."""
    labels = []
    while node is not None and node.kind != "root":
        if node.kind not in BULLETS and node.label:
            labels.append(node.label.rstrip(".):").strip())
        node = node.parent
    return ".".join(reversed(labels)) + "." if labels else None


def heading_organisation(node: Node | None) -> str | None:
    """The member organisation whose heading the clause is under ('3. Hội Liên hiệp Phụ nữ tỉnh')."""
    node = node.parent if node is not None else None
    while node is not None and node.kind != "root":
        if node.kind not in BULLETS and len(node.title) < 100:
            org = target_mapping.organisation_for(node.title)
            if org:
                return org
        node = node.parent
    return None


def subject_organisation(clause: str, q) -> str | None:
    """'Hội CCB ở mỗi xã xây dựng …' → hoi-ccb; organisations after 'phối hợp với' are partners, not subjects."""
    before = clause[:q.start] if q else clause
    before = re.split(r"\s(?:phối\s+hợp|cùng)\s+với\s|\svới\s", before)[0]
    return target_mapping.organisation_for(before)


def pick(qs, triggered_only: bool):
    chosen = [q for q in qs if q.triggered] if triggered_only else qs
    if not chosen and not triggered_only:
        return None
    return (chosen or qs)[0] if chosen else None


def clause_targets(text: str, node: Node | None, in_target_section: bool) -> list[dict]:
    """The target clauses of one item (in a 'chỉ tiêu' section) or one sentence elsewhere."""
    out: list[dict] = []
    org_heading = heading_organisation(node)
    item = item_label(node)
    clauses = split_clauses(text)
    for clause in clauses:
        qs = quantities.find_quantities(clause)
        if not qs:
            continue
        q = next((x for x in qs if x.triggered), None) if not in_target_section and len(clauses) == 1 else None
        q = q or next((x for x in qs if x.triggered), qs[0])
        scope = quantities.infer_scope(clause, q)
        value, is_percent, unit, comparator = q.value, q.is_percent, q.unit, q.comparator
        suggestion = target_mapping.suggest(clause)
        per_unit = suggestion.unit_threshold if scope.startswith("share") else None
        prev = out[-1] if out else None
        if prev and not _SUBJECT.match(clause) and scope in ("total", "phase_total") and prev["scope"] not in ("total", "phase_total"):
            scope = prev["scope"]
            if scope.startswith("share"):
                # "100% khu dân cư … ít nhất 01 mô hình …, 01 công trình …": the same share, another count
                per_unit = value if not is_percent else per_unit
                value, is_percent, unit, comparator = prev["value"], True, "%", prev["comparator"]
        measure = target_mapping.measure_for(clause)
        if is_percent and scope in ("share_of_households", "total", "share"):
            measure = target_mapping.RATIO_OF.get(measure, measure)
        organisation = org_heading or subject_organisation(clause, q)
        if organisation and (measure or unit in ("mô hình", "công trình", "phần việc")):
            measure = target_mapping.measure_for_organisation(measure, organisation)
        out.append({
            "text": clause,
            "value": value,
            "unit": unit,
            "comparator": comparator,
            "is_percent": is_percent,
            "scope": scope,
            "organisation": organisation,
            "measure": measure,
            "item": item,
            "level": _LEVEL.get(scope, ""),
            "per_unit": per_unit,
            "phase": suggestion.phase,
        })
    return out
