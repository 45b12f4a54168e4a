"""The plan's contact person for its reporting regime (Thái Nguyên 2026 §IV):

    (Cán bộ phụ trách theo dõi, tổng hợp: Đồng chí Nguyễn Thị Lê, SĐT: 0977.713.613; Email: …@gmail.com)

→ {"name": "Nguyễn Thị Lê", "phone": "0977713613", "email": "…@gmail.com"}, or None when the plan names no one.
A phone or e-mail alone is not a contact person: a name must be given next to it.
"""

import re

_INTRO = re.compile(
    r"(?:cán\s+bộ\s+(?:phụ\s+trách|theo\s+dõi|đầu\s+mối)[^:]{0,60}|đầu\s+mối\s+liên\s+hệ|liên\s+hệ|người\s+liên\s+hệ)"
    r"\s*:?\s*(?:(?:đồng\s+chí|đ/c|ông|bà)\.?\s+)?"
    r"(?P<name>[A-ZÀ-Ỹ][^\W\d_]*(?:\s+[A-ZÀ-Ỹ][^\W\d_]*){1,5})",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?:sđt|số\s+điện\s+thoại|điện\s+thoại|đt|đtdđ)\s*:?\s*(?P<phone>\+?\d[\d .]{7,14}\d)", re.IGNORECASE)
_EMAIL = re.compile(r"(?:e-?mail|thư\s+điện\s+tử)\s*:?\s*(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)


def _is_capitalised_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words)


def find_contact(text: str) -> dict | None:
    for m in _INTRO.finditer(text or ""):
        name = m["name"].strip()
        # the name stops at the first word that is not capitalised (", SĐT", "số điện thoại")
        words = []
        for word in name.split():
            if not word[:1].isupper() or word.lower() in {"sđt", "email", "đt", "điện"}:
                break
            words.append(word)
        name = " ".join(words)
        if not _is_capitalised_name(name):
            continue
        # the rest of the sentence: a PDF may break it across lines ("Email:\nnguyen…@gmail.com")
        tail = re.split(r"\n\s*\n|\)", text[m.end():m.end() + 200], maxsplit=1)[0].replace("\n", " ")
        phone = _PHONE.search(tail)
        email = _EMAIL.search(tail)
        if not (phone or email):
            continue
        return {"name": name, "phone": re.sub(r"[ .]", "", phone["phone"]) if phone else "",
                "email": email["email"].rstrip(".") if email else ""}
    return None
