"""Numbers that are targets, and the ones that only look like them."""

import re
from dataclasses import dataclass

from . import dates, docnums

_WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}

# longest first; value is the canonical unit
_UNITS = [
    ("tỷ đồng", "tỷ đồng"), ("triệu đồng", "triệu đồng"), ("nghìn đồng", "nghìn đồng"),
    ("ngàn đồng", "nghìn đồng"), ("đồng", "đồng"),
    ("hộ gia đình", "hộ"), ("hộ", "hộ"), ("mô hình", "mô hình"), ("công trình", "công trình"),
    ("phần việc", "phần việc"), ("hoạt động", "hoạt động"), ("khu dân cư", "khu dân cư"),
    ("ngôi nhà", "nhà"), ("căn nhà", "nhà"), ("nhà", "nhà"), ("lượt người", "lượt người"),
    ("lượt", "lượt"), ("người", "người"), ("suất học bổng", "suất học bổng"), ("suất quà", "suất quà"),
    ("phần quà", "phần quà"), ("suất", "suất"), ("học bổng", "học bổng"), ("câu lạc bộ", "câu lạc bộ"),
    ("tổ hợp tác", "tổ hợp tác"), ("hợp tác xã", "hợp tác xã"), ("gia đình", "gia đình"),
    ("học sinh", "học sinh"), ("hội nghị", "hội nghị"), ("buổi", "buổi"), ("cuộc", "cuộc"),
    ("lớp", "lớp"), ("đợt", "đợt"), ("ngày công", "ngày công"), ("km", "km"), ("ha", "ha"),
    ("tấn", "tấn"), ("cây xanh", "cây"), ("cây", "cây"), ("tin, bài", "tin, bài"), ("tin bài", "tin, bài"),
    ("sản phẩm", "sản phẩm"), ("doanh nghiệp", "doanh nghiệp"), ("tập thể", "tập thể"),
    ("cá nhân", "cá nhân"), ("đoàn viên", "đoàn viên"), ("hội viên", "hội viên"), ("cán bộ", "cán bộ"),
    ("thôn", "thôn"), ("xã", "xã"), ("phường", "phường"), ("tổ dân phố", "tổ dân phố"),
    ("chương trình", "chương trình"), ("điểm", "điểm"), ("tuyến", "tuyến"), ("đầu mối", "đầu mối"),
    ("cuộc giám sát", "cuộc giám sát"), ("ngày hội", "ngày hội"), ("tổ", "tổ"), ("chi hội", "chi hội"),
]

_NOT_BEFORE = re.compile(
    r"(?:tiêu\s+chí(?:\s+số)?|nội\s+dung(?:\s+số)?|điều|khoản|điểm|(?<!tổng )số|lần\s+thứ|thứ|kỷ\s+niệm|giai\s+đoạn|"
    r"nhiệm\s+kỳ|quý|khóa|khoá|mẫu|phụ\s+lục|biểu|thôn|xóm|ấp|bản|tổ|đội|khu|khối|phường|quận|"
    r"sđt|điện\s+thoại|ngày|tháng|năm|chương|mục|trang|lần|bước|version|phiên\s+bản|km|quốc\s+lộ|tỉnh\s+lộ|"
    r"đường|hẻm|ngõ|phòng|nhà\s+số|tầng|cấp|hạng|loại|nhóm|đợt\s+thứ|top|lớp)\s*$",
    re.IGNORECASE,
)
_NOT_AFTER = re.compile(
    r"^\s*(?:năm|tháng|ngày|tuần|giờ|phút|quý|nội\s+dung|tiêu\s+chí|cấp\b|không\b|sạch|tốt\b|"
    r"bên\b|lần\s+thứ|mặt\b|chữ\b|trọng\s+tâm|đặc\s+điểm|nhiệm\s+vụ|giải\s+pháp|yêu\s+cầu|mục\s+tiêu|"
    r"nhóm|chương|phần\b|/|:|\)|-\s*\d|–\s*\d|điều\b|khoản\b|\.\d|,\d{3})",
    re.IGNORECASE,
)
_GE = re.compile(
    r"(ít\s+nhất|tối\s+thiểu|không\s+dưới|không\s+ít\s+hơn|trên|phấn\s+đấu(?:\s+\S+){0,3}|đạt(?:\s+từ)?|"
    r"đảm\s+bảo|bảo\s+đảm)\s*$",
    re.IGNORECASE,
)
_LE = re.compile(r"(tối\s+đa|không\s+quá|không\s+vượt\s+quá|(?<!không )dưới|xuống\s+dưới|giảm\s+(?:xuống\s+)?còn|còn)\s*$", re.IGNORECASE)
_TRIGGER_BEFORE = re.compile(
    r"(ít\s+nhất|tối\s+thiểu|không\s+dưới|không\s+ít\s+hơn|tối\s+đa|không\s+quá|phấn\s+đấu|chỉ\s+tiêu)",
    re.IGNORECASE,
)
_TRO_LEN = re.compile(r"^\s*(?:%\s*)?(?:trở\s+lên|trở\s+xuống)", re.IGNORECASE)

NUMBER = re.compile(
    r"(?<![\w.,/])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/])(?P<pct>\s?%|\s+phần\s+trăm)?"
)
_DIGIT_WORDS = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín)"
_NUMBER_WORDS = rf"(?:{_DIGIT_WORDS}|mười|mươi|trăm|nghìn|ngàn|linh|lẻ)"
WORD_NUMBER = re.compile(
    rf"(?:ít\s+nhất|tối\s+thiểu|không\s+dưới|không\s+ít\s+hơn|phấn\s+đấu(?:\s+đạt)?|đạt|tối\s+đa|không\s+quá)\s+"
    rf"(?P<w>(?:{_NUMBER_WORDS}\s+)*{_NUMBER_WORDS})(?=\s)",
    re.IGNORECASE,
)


def words_value(words: str) -> int | None:
    """Vietnamese number words → value: "hai mươi" 20, "mười lăm" 15, "một trăm linh năm" 105."""
    digits = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
              "tám": 8, "chín": 9}
    total, current, last = 0, 0, None
    for w in words.lower().split():
        if w in digits:
            current += digits[w]
        elif w == "mười":
            current += 10
        elif w == "mươi":
            current = (current or 1) * 10
        elif w == "trăm":
            current = (current or 1) * 100
        elif w in ("nghìn", "ngàn"):
            total += (current or 1) * 1000
            current = 0
        elif w in ("linh", "lẻ"):
            pass
        else:
            return None
        last = w
    value = total + current
    return value if value and last else None
_PHONE = re.compile(r"(?<!\d)0\d{2,3}[.\s]?\d{3}[.\s]?\d{3,4}(?!\d)")
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d(?!\d)")
_TIME = re.compile(r"\b\d{1,2}\s?(?:giờ|h)(?![^\W\d_])\s?\d{0,2}")
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}


@dataclass
class Quantity:
    value: float | int
    unit: str | None
    is_percent: bool
    start: int
    end: int
    comparator: str
    triggered: bool  # an explicit word (ít nhất, trở lên, %...) says this is a target


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotes of any kind; an opener without a closer within 150 characters is ignored."""
    spans = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        closer = _QUOTE_PAIRS.get(ch) or ('"' if ch == '"' else None)
        if closer:
            j = text.find(closer, i + 1, min(n, i + 150))
            if ch == '"':
                alt = text.find("”", i + 1, min(n, i + 150))
                if alt != -1 and (j == -1 or alt < j):
                    j = alt
            elif ch == "“":
                alt = text.find('"', i + 1, min(n, i + 150))
                if alt != -1 and (j == -1 or alt < j):
                    j = alt
            if j != -1:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def _masked(text: str) -> str:
    """Blank out dates, document numbers, phone numbers and year ranges, keeping offsets."""
    chars = list(text)

    def blank(a, b):
        for k in range(a, b):
            if chars[k] not in "\n":
                chars[k] = "#"

    for s, e, *_ in dates.find_dates(text, allow_short=True):
        blank(s, e)
    for s, e, *_ in docnums.find_numbers(text):
        blank(s, e)
    for rx in (_PHONE, _YEAR_RANGE, _TIME):
        for m in rx.finditer(text):
            blank(m.start(), m.end())
    return "".join(chars)


def parse_number(s: str) -> float | int:
    s = s.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    v = float(s)
    return int(v) if v.is_integer() else v


def _unit_after(text: str, pos: int) -> str | None:
    rest = text[pos:pos + 40].lstrip()
    low = rest.lower()
    for word, canon in _UNITS:
        if low.startswith(word) and (len(low) == len(word) or not low[len(word)].isalpha()):
            return canon
    m = re.match(r"([^\W\d_]+)", rest)
    return m.group(1).lower() if m else None


def find_quantities(text: str) -> list[Quantity]:
    masked = _masked(text)
    quotes = quoted_spans(text)
    out: list[Quantity] = []
    for m in NUMBER.finditer(masked):
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in quotes):
            continue
        is_pct = bool(m["pct"])
        num_end = m.end("num")
        before = masked[max(0, s - 40):s]
        after = masked[num_end:num_end + 30]
        if not is_pct:
            if _NOT_BEFORE.search(before) or _NOT_AFTER.match(after):
                continue
            if re.search(r"[(\[]\s*$", before) and re.match(r"\s*[)\]]", after):
                continue
        value = parse_number(m["num"])
        if not is_pct and isinstance(value, int) and 1900 <= value <= 2100 and _unit_after(text, num_end) not in dict(_UNITS).values():
            continue
        unit = "%" if is_pct else _unit_after(text, e)
        if unit is None:
            continue
        clause_before = re.split(r"[;.!?]\s", before)[-1]
        comparator = ">="
        triggered = is_pct
        if _LE.search(clause_before):
            comparator = "<" if re.search(r"dưới\s*$", clause_before) else "<="
            triggered = True
        elif _GE.search(clause_before) or _TRIGGER_BEFORE.search(masked[max(0, s - 70):s]):
            triggered = True
        if _TRO_LEN.match(masked[e:e + 20]) or _TRO_LEN.match(masked[num_end:num_end + 20]):
            comparator = ">=" if "lên" in masked[num_end:num_end + 20] else "<="
            triggered = True
        out.append(Quantity(value, unit, is_pct, s, e, comparator, triggered))
    for m in WORD_NUMBER.finditer(masked):
        if any(a <= m.start("w") < b for a, b in quotes):
            continue
        unit = _unit_after(text, m.end("w"))
        value = words_value(m["w"])
        if unit and value and not re.match(r"(?:năm|tháng|ngày)\b", unit):
            le = re.match(r"(?:tối\s+đa|không\s+quá)", m.group(0), re.IGNORECASE)
            out.append(Quantity(value, unit, False, m.start("w"), m.end("w"), "<=" if le else ">=", True))
    out.sort(key=lambda q: q.start)
    return out


# --- scope --------------------------------------------------------------------

SCOPES = {
    "total": "tổng trên toàn địa bàn của đơn vị ban hành (mặc định)",
    "phase_total": "tổng trong cả giai đoạn nhiều năm (“giai đoạn 2026 - 2030”)",
    "each_commune": "mỗi xã/phường/thị trấn/đặc khu (“mỗi xã”, “ở xã, phường”)",
    "each_district": "mỗi huyện/quận/thị xã/thành phố (văn bản trước 7/2025)",
    "each_area": "mỗi khu dân cư (thôn, bản, tổ dân phố)",
    "each_organisation": "mỗi tổ chức thành viên / mỗi hội, đoàn thể",
    "each_unit": "mỗi cấp Mặt trận (“MTTQ các cấp”)",
    "share_of_areas": "tỷ lệ khu dân cư (thôn, tổ dân phố, Ban Công tác Mặt trận)",
    "share_of_communes": "tỷ lệ xã, phường (Ủy ban MTTQ cấp xã)",
    "share_of_districts": "tỷ lệ huyện, quận, thị xã",
    "share_of_households": "tỷ lệ hộ, gia đình",
    "share_of_organisations": "tỷ lệ tổ chức thành viên, chi hội, cơ sở",
    "share_of_people": "tỷ lệ người (đoàn viên, hội viên, cán bộ, người dân)",
    "share": "tỷ lệ khác",
}

_AREA = r"(?:khu\s+dân\s+cư|thôn|bản|tổ\s+dân\s+phố|ấp|xóm|buôn|làng|khối\s+phố|Ban\s+Công\s+tác\s+Mặt\s+trận)"
_COMMUNE = r"(?:xã|phường|thị\s+trấn|đặc\s+khu|cơ\s+sở|đơn\s+vị\s+cấp\s+xã)"
_DISTRICT = r"(?:huyện|quận|thị\s+xã|thành\s+phố\s+thuộc\s+tỉnh)"


def infer_scope(text: str, q: Quantity) -> str:
    if q.is_percent:
        after = text[q.end:q.end + 80].lower().lstrip()
        after = re.sub(r"^(?:trở\s+lên|trở\s+xuống|số)\s*", "", after)
        after = re.sub(r"^(?:các|những)\s+", "", after)
        if re.match(rf"{_AREA.lower()}", after):
            return "share_of_areas"
        if re.match(r"(?:ủy\s+ban\s+|uỷ\s+ban\s+|ub\s+)?(?:mttq|mặt\s+trận)[^,;.]{0,30}?(?:cấp\s+)?(?:các\s+)?" + _COMMUNE, after) or re.match(_COMMUNE, after):
            return "share_of_communes"
        if re.match(r"(?:ủy\s+ban\s+|ub\s+)?(?:mttq\s+)?[^,;.]{0,25}?" + _DISTRICT, after) and "xã" not in after[:25]:
            return "share_of_districts"
        if re.match(r"(?:hộ|gia\s+đình)", after):
            return "share_of_households"
        if re.match(r"(?:tổ\s+chức|chi\s+hội|chi\s+đoàn|cơ\s+quan|đơn\s+vị|doanh\s+nghiệp|hợp\s+tác\s+xã)", after):
            return "share_of_organisations"
        if re.match(r"(?:đoàn\s+viên|hội\s+viên|cán\s+bộ|người|nhân\s+dân|học\s+sinh|lao\s+động|cử\s+tri|thanh\s+niên|phụ\s+nữ|cựu\s+chiến\s+binh)", after):
            return "share_of_people"
        return "share"
    before = text[max(0, q.start - 140):q.start]
    before = re.split(r"[;.!?]\s", before)[-1].lower()
    clause = before + text[q.start:q.end + 80].lower().split(";")[0]
    if re.search(r"mỗi\s+" + _AREA.lower(), before):
        return "each_area"
    if re.search(r"mỗi\s+(?:ủy\s+ban\s+)?(?:mttq\s+)?(?:việt\s+nam\s+)?" + _COMMUNE, before) or re.search(
        r"(?:ở|tại)\s+(?:các\s+|mỗi\s+)?" + _COMMUNE + r"\b", before
    ) or re.search(r"(?:mttq|mặt\s+trận[^,;]{0,15}?)\s+cấp\s+xã", before):
        return "each_commune"
    if re.search(r"mỗi\s+" + _DISTRICT, before):
        return "each_district"
    if re.search(r"mỗi\s+(?:tổ\s+chức|hội|đoàn\s+thể|cơ\s+quan|đơn\s+vị)", before):
        return "each_organisation"
    if re.search(r"mỗi\s+cấp|(?:mttq|mặt\s+trận|ủy\s+ban|uỷ\s+ban|hội|đoàn|công\s+đoàn)(?:\s+[^\s,;]+){0,4}?\s+các\s+cấp", before):
        return "each_unit"
    if re.search(r"giai\s+đoạn\s+(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d", clause):
        return "phase_total"
    return "total"
