"""Document numbers and symbols ("số và ký hiệu"): 59/KH-MTTQ-BTT, 121/2017/TT-BTC, 13-ĐA/TU."""

import re

_CH = r"(?:[^\W_]|&)"  # any letter or digit (Vietnamese ones too: "UBTƯMTTQVN"), or "&"
_CODE = rf"[A-ZĐ]{_CH}*(?![\w])"
# after a hyphen: mixed case is allowed ("QĐ-TTg"); after a spaced hyphen only capitals
# ("83/KH-MTTQ -BTT"), so that "59/KH-MTTQ-BTT - Cư Jút" does not swallow the place name.
_PART = rf"(?:[-–—][A-ZĐ0-9]{_CH}*(?![\w])|\s?[-–—]\s?[A-ZĐ0-9][A-ZĐ0-9&]*(?![\w]))"
# a symbol chain: "KH-MTTQ-BTT", "QCPH/UBND-UBMTTQ", "NQLT/CP-UBTƯMTTQVN"
_SYMBOL = rf"{_CODE}{_PART}*(?:/{_CODE}{_PART}*)*"

# "59/KH-MTTQ-BTT", "59 /KH-MTTQ-BTT", "121/2017/TT-BTC"
STATE_NUMBER = re.compile(
    rf"(?<![\w/])(?P<n>\d{{1,5}}[a-z]?)\s?(?:/\s?(?P<y>(?:19|20)\d\d)\s?)?/\s?(?P<sym>{_SYMBOL})"
)
# Party style: "13-ĐA/TU", "05-CT/TW", "123-KH/MTTQ-BTT"
PARTY_NUMBER = re.compile(
    rf"(?<![\w/])(?P<n>\d{{1,5}})\s?-\s?(?P<code>[A-ZĐ][A-Za-zĐđ]*)\s?/\s?(?P<org>[A-ZĐ][A-Za-zĐđ]*{_PART}*)(?![\w])"
)
# "Số: 59 /KH-MTTQ-BTT" in the header; the digits may be left blank in a draft
HEADER_NUMBER = re.compile(
    rf"\bSố\s*[:.]?\s*(?P<n>\d{{1,5}}[a-z]?)?\s*(?:/\s*(?P<y>(?:19|20)\d\d)\s*)?/\s*(?P<sym>{_SYMBOL})"
)
PARTY_HEADER_NUMBER = re.compile(
    rf"\bSố\s*[:.]?\s*(?P<n>\d{{1,5}})\s*-\s*(?P<code>[A-ZĐ][A-Za-zĐđ]*)\s*/\s*(?P<org>[A-ZĐ][A-Za-zĐđ]*{_PART}*)"
)

# canonical spelling of type codes ("Ctr" in a number means "CTr")
_CODES = {
    "KH": "KH", "BC": "BC", "HD": "HD", "TB": "TB", "CTR": "CTr", "CTRPH": "CTrPH", "QĐ": "QĐ",
    "QD": "QĐ", "NQ": "NQ", "TTR": "TTr", "CT": "CT", "KL": "KL", "ĐA": "ĐA", "QC": "QC",
    "QCPH": "QCPH", "KHPH": "KHPH", "KHLT": "KHLT", "CTRLT": "CTrLT", "NQLT": "NQLT", "TT": "TT",
    "NĐ": "NĐ", "HD-LT": "HD-LT", "HDLT": "HDLT", "CV": "CV", "BB": "BB", "GM": "GM", "TTLT": "TTLT",
}


def canonical_code(code: str | None) -> str | None:
    if not code:
        return None
    return _CODES.get(code.upper(), code)


def _sym(s: str) -> str:
    return re.sub(r"\s*[-–—]\s*", "-", s.strip())


def format_state(n: str | None, y: str | None, sym: str) -> str:
    parts = [n or ""]
    if y:
        parts.append(y)
    parts.append(_sym(sym))
    return "/".join(parts)


def format_party(n: str, code: str, org: str) -> str:
    return f"{n}-{code}/{_sym(org)}"


def find_numbers(text: str):
    """Yield (start, end, normalised number, type code) for every document number in text."""
    out = []
    for m in PARTY_NUMBER.finditer(text):
        out.append((m.start(), m.end(), format_party(m["n"], m["code"], m["org"]), m["code"]))
    for m in STATE_NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e, *_ in out):
            continue
        sym = _sym(m["sym"])
        out.append((m.start(), m.end(), format_state(m["n"], m["y"], sym), re.split(r"[-/]", sym)[0]))
    out.sort()
    return out


def header_number(text: str):
    """The document's own number from a "Số:" line: (normalised number, type code) or None."""
    m = PARTY_HEADER_NUMBER.search(text)
    if m:
        return format_party(m["n"], m["code"], m["org"]), m["code"], m
    m = HEADER_NUMBER.search(text)
    if m:
        sym = _sym(m["sym"])
        return format_state(m["n"], m["y"], sym), re.split(r"[-/]", sym)[0], m
    return None


def type_code_of(number: str | None) -> str | None:
    if not number:
        return None
    m = re.match(r"^\d*[a-z]?-([^/]+)/", number)  # party style
    if m:
        return canonical_code(m.group(1))
    parts = number.split("/")
    for part in parts[1:]:
        if not part.isdigit():
            code = part.split("-")[0]
            # a known type code ("KH", "QĐ", "NQLT" …); "4836/BNN-VPĐP" (a công văn) names only its issuer
            return canonical_code(code) if code.upper() in _CODES else None
    return None


def number_key(number: str) -> str:
    return number.upper().replace(" ", "")
