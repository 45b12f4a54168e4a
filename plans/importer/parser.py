"""From the text of a Front document to one dict of fields. See the package docstring."""

import datetime as dt
import re

from . import dates, docnums, quantities
from . import targets as target_clauses
from .contact import find_contact
from .sections import BULLETS, Node, build_tree, match_label, roman_value
from .textnorm import clean, is_upper_line, normalize_text, reflow

KEYS = (
    "doc_type", "number", "issuer", "place", "date", "title", "year", "phase", "references", "citations",
    "sections", "contents", "targets", "deadlines", "assignees", "recipients", "signer", "contact",
    "warnings",
)

# type name line → code, longest first
TYPE_NAMES = [
    ("CHƯƠNG TRÌNH PHỐI HỢP", "CTrPH"), ("KẾ HOẠCH PHỐI HỢP", "KHPH"), ("KẾ HOẠCH LIÊN TỊCH", "KHLT"),
    ("HƯỚNG DẪN LIÊN TỊCH", "HDLT"), ("NGHỊ QUYẾT LIÊN TỊCH", "NQLT"), ("CHƯƠNG TRÌNH LIÊN TỊCH", "CTrLT"),
    ("QUY CHẾ PHỐI HỢP", "QCPH"), ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "CTr"), ("CHƯƠNG TRÌNH CÔNG TÁC", "CTr"),
    ("CHƯƠNG TRÌNH", "CTr"), ("KẾ HOẠCH", "KH"), ("BÁO CÁO", "BC"), ("HƯỚNG DẪN", "HD"),
    ("THÔNG BÁO", "TB"), ("QUYẾT ĐỊNH", "QĐ"), ("NGHỊ QUYẾT", "NQ"), ("TỜ TRÌNH", "TTr"), ("QUY CHẾ", "QC"),
    ("ĐỀ ÁN", "ĐA"), ("CHỈ THỊ", "CT"), ("KẾT LUẬN", "KL"), ("BIÊN BẢN", "BB"), ("CÔNG VĂN", "CV"),
]
_TYPE_BY_KEY = {name.replace(" ", ""): code for name, code in TYPE_NAMES}
TYPE_WORDS = {
    "KH": "Kế hoạch", "BC": "Báo cáo", "HD": "Hướng dẫn", "TB": "Thông báo", "CTr": "Chương trình",
    "CTrPH": "Chương trình phối hợp", "QĐ": "Quyết định", "NQ": "Nghị quyết", "TTr": "Tờ trình",
}

QUOC_HIEU = re.compile(
    r"C\s*Ộ\s*N\s*G\s+H\s*(?:Ò\s*A|O\s*À)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI$|^CHỦ\s+NGHĨA\s+VIỆT\s+NAM$",
    re.IGNORECASE,
)
TIEU_NGU = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.IGNORECASE)
FRONT_HEADING = re.compile(r"^(?:MẶT\s+TRẬN\s+TỔ\s+QUỐC\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM)$")
RULE = re.compile(r"^[\s\-–—_=*.~]+$")

AUTHORITY_LINE = re.compile(
    r"^(?:ỦY\s+BAN|UỶ\s+BAN|BAN\s|ĐOÀN\s+CHỦ\s+TỊCH|THƯỜNG\s+TRỰC|BỘ\s|HỘI\s+ĐỒNG|CHÍNH\s+PHỦ|THỦ\s+TƯỚNG|CHỦ\s+TỊCH)"
)
NOI_NHAN = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?P<p>T/M|TM|K/T|KT|T/L|TL|TUQ|Q)\s*[.:]?\s+(?P<rest>\S.*)$")


class AUTHORITY:
    """TM. / KT. / TL. / TUQ. / Q. followed by an upper-case body or title."""

    @staticmethod
    def match(s):
        m = _AUTHORITY.match(s)
        return m if m and is_upper_line(m["rest"]) else None
SIGNER_TITLE = re.compile(r"(CHỦ\s+TỊCH|TRƯỞNG|BÍ\s+THƯ|GIÁM\s+ĐỐC|VĂN\s+PHÒNG|ỦY\s+VIÊN|UỶ\s+VIÊN|THƯ\s+KÝ|PHÓ\s)")
SIGNED = re.compile(r"^\(?\s*(?:đã\s+ký|ký\s+tên|ký,\s*ghi\s+rõ|ký\s+và|ký\s+tên,\s*đóng\s+dấu)[^)]*\)?$", re.IGNORECASE)
_NOT_NAME_START = {
    "Nơi", "Lưu", "Như", "Kính", "Các", "Ban", "Ủy", "Uỷ", "Hội", "Sở", "Phòng", "Đảng", "Thường", "Văn",
    "Trung", "Công", "Lãnh", "Chi", "Tổ", "Mặt", "Ngày", "Số", "Kèm", "Danh", "Đơn", "Phụ", "Biểu",
    "Mẫu", "Ghi", "Trân", "Trên", "Đề", "Xã", "Phường", "Huyện", "Tỉnh", "Thôn", "Bản", "Cán", "Email",
    "Điện", "Người", "Thủ", "Chủ", "Phó", "Đồng", "Liên", "Quỹ", "Bộ", "Cục", "Tòa", "Viện",
}
APPENDIX = re.compile(r"^(?:PHỤ\s+LỤC|DANH\s+SÁCH|BIỂU\s+MẪU|BIỂU\s+\d|MẪU\s+SỐ|ĐƠN\s+VỊ\s*:|Phụ\s+lục\b)")

REF_START = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Theo|Thi\s+hành|Trên\s+cơ\s+sở)\b\s*(?:(?:nội\s+dung|tinh\s+thần|ý\s+kiến\s+chỉ\s+đạo\s+tại|chỉ\s+đạo\s+của)\s+)?",
    re.IGNORECASE,
)
DOC_WORDS = (
    r"(?:Hiến\s+pháp|Luật|Bộ\s+luật|Pháp\s+lệnh|Điều\s+lệ|Nghị\s+quyết(?:\s+liên\s+tịch)?|Nghị\s+định|Quyết\s+định|"
    r"Chỉ\s+thị|Thông\s+tư(?:\s+liên\s+tịch)?|Thông\s+tri|Kết\s+luận|Kế\s+hoạch(?:\s+liên\s+tịch|\s+phối\s+hợp)?|"
    r"Chương\s+trình(?:\s+hành\s+động|\s+phối\s+hợp|\s+liên\s+tịch|\s+công\s+tác)?|Hướng\s+dẫn(?:\s+liên\s+tịch)?|"
    r"Thông\s+báo(?:\s+kết\s+luận)?|Công\s+văn|Văn\s+bản|Đề\s+án|Quy\s+chế(?:\s+phối\s+hợp)?|Quy\s+định|Báo\s+cáo|"
    r"Tờ\s+trình|Công\s+điện|Chỉ\s+thị|Nghị\s+quyết)"
)
DOC_WORD_RE = re.compile(DOC_WORDS)
ORG_START = re.compile(
    r"^(?:Ban\s|Ủy\s+ban|Uỷ\s+ban|UBND|UB\s|HĐND|Hội\s|Đoàn\s|Liên\s+đoàn|Liên\s+minh|Liên\s+hiệp|Công\s+đoàn|Sở\s|"
    r"Phòng\s|Các\s+(?:tổ\s+chức|cơ\s+quan|sở|ban|hội|đoàn|đơn\s+vị|phòng|ngành|xã|huyện|cấp|Ủy\s+ban|Uỷ\s+ban|thành\s+viên|địa\s+phương|doanh\s+nghiệp|chi\s+hội|TCTV|tổ\s+chức)|Mặt\s+trận|MTTQ|Văn\s+phòng|Trung\s+tâm|Báo\s|Đài\s|Công\s+an|Bộ\s+Chỉ\s+huy|Ban\s+Chỉ\s+huy|"
    r"Cơ\s+quan|Đảng\s+ủy|Đảng\s+uỷ|Thường\s+trực|Tỉnh\s+đoàn|Huyện\s+đoàn|Thành\s+đoàn|Chi\s+hội|Quỹ\s|"
    r"Trường\s|Bệnh\s+viện|Ngân\s+hàng|Bưu\s+điện|Hợp\s+tác\s+xã|Doanh\s+nghiệp|Tổ\s+chức\s+(?:thành\s+viên|chính\s+trị|cơ\s+sở)|Cấp\s+ủy|Chính\s+quyền|"
    r"Cán\s+bộ|Đồng\s+chí|Tổ\s+dân\s+phố|Thôn\s|Bản\s)"
)
ASSIGN_VERBS = re.compile(
    r"\s(?:xây\s+dựng|chủ\s+trì|phối\s+hợp|đăng\s+ký|triển\s+khai|hướng\s+dẫn|chỉ\s+đạo|thực\s+hiện|"
    r"có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|căn\s+cứ|tham\s+mưu|theo\s+dõi|quan\s+tâm|tiếp\s+tục|"
    r"đẩy\s+mạnh|tăng\s+cường|bố\s+trí|tổng\s+hợp|tuyên\s+truyền|vận\s+động|chủ\s+động|nghiên\s+cứu|"
    r"đảm\s+bảo|bảo\s+đảm|cụ\s+thể\s+hóa|định\s+kỳ|gửi|là\s+cơ\s+quan|phụ\s+trách)\b"
)
ASSIGN_SECTION = re.compile(
    r"^(?:tổ\s+chức\s+thực\s+hiện|phân\s+công|trách\s+nhiệm|nội\s+dung\s+phối\s+hợp|nhiệm\s+vụ\s+(?:của|cụ\s+thể\s+của)|"
    r"giao\s+nhiệm\s+vụ|giải\s+pháp\s+và\s+tổ\s+chức\s+thực\s+hiện|tổ\s+chức\s+và\s+phân\s+công|"
    r"giao\s+(?:cho\s+)?(?:các\s+)?(?:sở|ban|ngành|cơ\s+quan|đơn\s+vị|phòng|tổ\s+chức)\b)",
    re.IGNORECASE,
)
TARGET_SECTION = re.compile(r"chỉ\s+tiêu", re.IGNORECASE)
DEADLINE_BEFORE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót|hạn\s+cuối|thời\s+hạn|hạn\s+nộp|hạn\s+gửi|không\s+muộn\s+hơn|"
    r"trong\s+ngày|đến\s+hết\s+ngày|xong\s+trước|hoàn\s+thành\s*:?|thời\s+gian\s+gửi\s*:?)"
    r"\s*(?:ngày|ngay)?\s*[:,]?\s*$",
    re.IGNORECASE,
)
RECURRING = re.compile(r"h[ằà]ng\s+năm|định\s+kỳ\s+năm|mỗi\s+năm", re.IGNORECASE)

CONTENT_KEYWORDS = [
    (1, r"kinh\s+tế|giảm\s+nghèo|làm\s+giàu"),
    (2, r"văn\s+hóa|văn\s+hoá|giáo\s+dục|sức\s+khỏe|đền\s+ơn"),
    (3, r"môi\s+trường|khí\s+hậu|cảnh\s+quan"),
    (4, r"pháp\s+luật|trật\s+tự|an\s+ninh"),
    (5, r"dân\s+chủ|giám\s+sát|phản\s+biện|hệ\s+thống\s+chính\s+trị"),
]


# --------------------------------------------------------------------------------------------


def parse_text(text: str) -> dict:
    """Parse the text of one document. Never raises on odd input; problems become warnings."""
    doc = _Doc(normalize_text(text or ""))
    return doc.result()


class _Doc:
    def __init__(self, text: str):
        self.text = text
        self.warnings: list[str] = []
        raw = text.split("\n")
        self.raw = raw
        type_raw = self._find_type_line([clean(x) for x in raw[:60]])
        tail = self._find_tail(raw, type_raw if type_raw is not None else 0)
        self.tail_lines = raw[tail:]
        paras = reflow(raw[:tail])
        self.paras = paras
        t = self._find_type_line(paras[:60])
        self.type_code_from_name = None
        if t is not None:
            self.type_code_from_name = _TYPE_BY_KEY[_type_key(paras[t])]
            header = paras[:t]
            rest = paras[t + 1:]
        else:
            header, rest = self._split_header_without_type(paras)
        self.header = [p for p in header if p]
        self.title, body = self._take_title(rest)
        self.body = body
        self.root, self.preamble = build_tree(body)
        self.issuing = self.issuing_sentence() if self.type_code_from_name is None else None

    # --- layout ---------------------------------------------------------------------------

    @staticmethod
    def _find_type_line(lines):
        for i, line in enumerate(lines):
            if _type_key(line) in _TYPE_BY_KEY:
                return i
            # the type name comes before the basis and the first section: a "QUYẾT ĐỊNH:" after the
            # "Căn cứ …" lines of a decision is its enacting formula, not its type line
            lab = match_label(line)
            if REF_START.match(line) and not is_upper_line(line) or (lab and lab[0] not in BULLETS):
                return None
        return None

    @staticmethod
    def _find_tail(raw, start):
        for i in range(start, len(raw)):
            first = re.split(r"\s{3,}", raw[i].strip())[0] if raw[i].strip() else ""
            if NOI_NHAN.match(first) or any(AUTHORITY.match(seg) for seg in _segments(raw[i])):
                if i > start:
                    return i
        # no "Nơi nhận" and no TM./KT.: a bare signer title near the end
        nonblank = [i for i in range(len(raw)) if raw[i].strip()]
        for i in nonblank[-12:]:
            segs = _segments(raw[i])
            if segs and is_upper_line(segs[-1]) and SIGNER_TITLE.search(segs[-1]) and len(segs[-1]) < 50 and i > start:
                return i
        return len(raw)

    @staticmethod
    def _split_header_without_type(paras):
        for i, p in enumerate(paras[:15]):
            if re.match(r"^(?:V/v|Về\s+việc|Kính\s+gửi)", p, re.IGNORECASE) or match_label(p) or REF_START.match(p):
                stop = i + 1 if p.lower().startswith(("v/v", "về việc")) else i
                if stop == i + 1:
                    # the "V/v" cell wraps; its lines and the place and date after it are still header
                    while stop < min(len(paras), i + 5) and paras[stop] and len(paras[stop]) < 120 and not (
                        REF_START.match(paras[stop]) or match_label(paras[stop]) or re.match(r"^Kính\s+gửi", paras[stop])
                    ):
                        stop += 1
                header = paras[:stop]
                # prose before the first basis clause is the opening of a body without a header
                if any(len(h) > 160 or (h.endswith(".") and not is_upper_line(h)) for h in header if h):
                    return [], paras
                return header, paras[stop:]
        return [], paras

    def _take_title(self, rest):
        title_lines = []
        i = 0
        while i < len(rest) and not rest[i]:
            i += 1
        vv = [k for k, h in enumerate(self.header) if re.match(r"^(?:V/v|Về\s+việc)\b", h, re.IGNORECASE)]
        if vv:
            k = vv[0]
            parts = [self.header[k]]
            # a "V/v" line wrapped by its table cell goes on until the place and date or the next field
            for h in self.header[k + 1:]:
                if re.search(r",\s*ngày\b|^Số\b|^Kính\s+gửi", h) or is_upper_line(h) or RULE.match(h):
                    break
                parts.append(h)
            vv_title = re.sub(r"^(?:V/v|Về\s+việc)\s*:?\s*", "", " ".join(parts), flags=re.IGNORECASE)
            # the place and date of the header often follow on the same physical line
            vv_title = re.sub(r"\s+(?:[A-ZĐÀ-Ỹ][^\s,]*\s+){0,5}[A-ZĐÀ-Ỹ][^\s,]*\s*,\s*ngày\b.*$", "", vv_title)
            title_lines.append(vv_title)
        elif self.type_code_from_name is None and not self.header:
            pass  # a body without its header: the first paragraph is prose, not a title
        else:
            while i < len(rest) and len(title_lines) < 5:
                line = rest[i]
                if not line:
                    if title_lines:
                        # a blank line ends the title unless the next line obviously continues it
                        nxt = rest[i + 1] if i + 1 < len(rest) else ""
                        if not nxt or not (nxt[0] in "“\"«(" or nxt[0].islower()) or len(nxt) > 200:
                            break
                    i += 1
                    continue
                first = not title_lines
                typed = self.type_code_from_name is not None
                upper = is_upper_line(line)
                if (
                    (REF_START.match(line) and not (
                        typed and first and (upper or re.match(r"^Thực\s+hiện", line) and not line.endswith((";", ":")))
                    ))
                    or match_label(line)
                    or re.match(r"^(?:Kính\s+gửi|Để\s|Nhằm\s|Năm\s+(?:19|20)\d\d|Trong\s|Hôm\s+nay|Qua\s)", line)
                    # an upper-case title goes on over several lines; an upper-case line after a
                    # mixed-case title, or the issuing body of a decision ("ỦY BAN NHÂN DÂN TỈNH …"), ends it
                    or (title_lines and upper and not (is_upper_line(title_lines[-1]) and not AUTHORITY_LINE.match(line)))
                    or (title_lines and ORG_START.match(line) and ASSIGN_VERBS.search(line[:160]))
                    or (first and not typed and len(line) > 200)
                ):
                    break
                title_lines.append(line)
                i += 1
        title = clean(" ".join(title_lines)) or None
        return title, rest[i:]

    # --- header fields ----------------------------------------------------------------------

    def number_and_type(self):
        number = None
        for line in self.header + self.paras[:25]:
            found = docnums.header_number(line)
            if found:
                number, _code, _m = found
                break
        self.number_from_appendix = False
        self.appendix_date = None
        if number is None:
            tail_text = clean(" ".join(self.tail_lines))
            m = re.search(r"Kèm\s+theo\s+(?:" + DOC_WORDS + r")\s+(?:số\s*:?\s*)?", tail_text)
            if m:
                nums = docnums.find_numbers(tail_text[m.end():m.end() + 60])
                if nums and nums[0][0] == 0:
                    number = nums[0][2]
                    self.number_from_appendix = True
                    after = tail_text[m.end() + nums[0][1]:m.end() + nums[0][1] + 40]
                    self.appendix_date = dates.parse_date(after)
        if number and number.startswith("/"):
            self.warnings.append(f"Số văn bản “{number}” chưa điền số thứ tự.")
        code = docnums.type_code_of(number) if number else None
        doc_type = code or self.type_code_from_name
        if doc_type is None and any(re.match(r"^(?:V/v|Về\s+việc|Kính\s+gửi)\b", h, re.IGNORECASE) for h in self.header + self.paras[:15]):
            doc_type = "CV"  # a công văn has no type name; its "V/v" line or "Kính gửi" shows it
        if doc_type is None and self.issuing:
            doc_type = self.issuing["doc_type"]
        if code and self.type_code_from_name and not _codes_agree(code, self.type_code_from_name):
            self.warnings.append(
                f"Ký hiệu “{code}” trong số văn bản không khớp tên loại văn bản "
                f"(“{TYPE_WORDS.get(self.type_code_from_name, self.type_code_from_name)}”)."
            )
        return doc_type, number

    def place_and_date(self):
        for line in self.header + self.paras[:12]:
            s = TIEU_NGU.sub(" ", QUOC_HIEU.sub(" ", line))
            m = re.search(r"(?P<place>[^\W\d_][^,;:]{0,60}?)\s*,\s*(?:ngày|ngay)\b(?P<rest>.*)$", s)
            if not m:
                continue
            place = m["place"]
            hn = docnums.header_number(place)
            if hn:
                place = place[hn[2].end():] if hn[2].end() <= len(place) else place
            place = re.split(r"\s{2,}", place.strip())[-1]
            place = re.sub(r"^(?:Số\s*:?\s*\S*\s+)", "", place).strip(" -–:.")
            place = _place_words(place)
            if not place and not re.match(r"^\s*(?:ngày|ngay)\s+(?:\d|…|\.)", "ngày" + m["rest"]):
                continue
            if not place:
                continue
            found = dates.find_dates("ngày" + m["rest"])
            if found and found[0][2]:
                return place or None, found[0][2]
            if found and found[0][2] is None:
                self.warnings.append(f"Ngày ban hành “{clean(found[0][3])}” không tồn tại.")
                return place or None, None
            if re.search(r"năm\s+(?:19|20)\d\d", m["rest"]):
                self.warnings.append("Ngày ban hành còn để trống (chưa điền ngày, tháng).")
                return place or None, None
        return None, None

    def issuer(self):
        lines = []
        seen_number = False
        for h in self.header:
            s = TIEU_NGU.sub(" ", QUOC_HIEU.sub(" ", h))
            hn = docnums.header_number(s)
            if hn:
                s = s[:hn[2].start()]
                seen_number = True
            s = re.sub(r"[^\W\d_][^,;]{0,60},\s*ngày.*$", "", s)
            s = clean(s.strip("*_-–— "))
            if not s or RULE.match(s) or not is_upper_line(s) or re.search(r"\bDỰ\s+THẢO\b", s):
                continue
            if re.match(r"^(?:V/V|KÍNH\s+GỬI)", s):
                continue
            if FRONT_HEADING.match(s) and (seen_number or lines):
                continue
            lines.append(s)
        if not lines:
            return None
        # "ỦY BAN MTTQ VIỆT NAM / HUYỆN CƯ JÚT / BAN THƯỜNG TRỰC": group lines into bodies (a line
        # that starts with a place or "VIỆT NAM" continues the body above). The issuer is the last
        # body; a bare "BAN THƯỜNG TRỰC" only means something together with its parent.
        bodies: list[list[str]] = []
        for line in lines:
            if bodies and (
                re.match(r"^(?:" + _ADMIN + r"|VIỆT\s+NAM|TRUNG\s+ƯƠNG)\b", line)
                # a name wrapped by a narrow table cell ("ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ" / "QUỐC VIỆT NAM"):
                # the next line starts with no body's first word, or the line above stops mid-name
                or not _BODY_WORD.match(line)
                or re.search(r"(?:[-–]|\bVÀ|\bBAN|\bNHÂN|\bTỔ|\bMẶT|\bTRẬN|\bHỘI|\bĐỒNG|\bCỦA|\bỦY)$", bodies[-1][-1])
            ):
                bodies[-1].append(line)
            else:
                bodies.append([line])
        last = " ".join(bodies[-1])
        if len(bodies) > 1 and re.match(r"^(?:BAN\s|BAN$|VĂN\s+PHÒNG|THƯỜNG\s+TRỰC|ĐOÀN\s+CHỦ\s+TỊCH|HỘI\s+ĐỒNG)", last):
            lines = [last, " ".join(bodies[-2])]
        else:
            lines = [last]
        return vn_case(" ".join(lines))

    def issuer_from_body(self, text):
        rx = re.compile(
            r"(?P<org>(?:Ban\s+Thường\s+trực|Thường\s+trực|Ban\s+Chỉ\s+đạo|Ban\s+Chấp\s+hành|Đoàn\s+Chủ\s+tịch|"
            r"Ủy\s+ban|Uỷ\s+ban|UBND|Đảng\s+ủy|Hội\s+\w+|Đoàn\s+\w+|Liên\s+đoàn\s+\w+|Chính\s+phủ)[^,;:.()“”\"]{0,110}?)\s+"
            r"(?:xây\s+dựng|ban\s+hành|triển\s+khai|hướng\s+dẫn|thông\s+báo|báo\s+cáo|quyết\s+định|thống\s+nhất|"
            r"đề\s+ra|tổ\s+chức|phối\s+hợp\s+xây\s+dựng)\s+(?:kế\s+hoạch|chương\s+trình|hướng\s+dẫn|báo\s+cáo|"
            r"thông\s+báo|quyết\s+định|như\s+sau|kết\s+quả|nội\s+dung|nghị\s+quyết|quy\s+chế)",
            re.IGNORECASE,
        )
        m = rx.search(text)
        if not m:
            return None
        org = clean(m["org"])
        # "Ủy ban nhân dân phường X phối hợp với Mặt trận … xây dựng Kế hoạch": the issuer is the first
        org = re.split(r"\s+(?:phối\s+hợp|cùng)\s+với\s+", org)[0]
        org = re.sub(r"\b(Tỉnh|Huyện|Xã|Phường|Thị\s+Trấn|Thị\s+trấn|Quận|Thị\s+Xã|Thị\s+xã|Thành\s+Phố|Thành\s+phố)(?=\s+[A-ZĐÀ-Ỹ])",
                     lambda x: x.group(1).lower(), org)
        if re.search(r"\s(?:về|của|ngày|số)\s", " " + org + " "):
            return None
        admin = re.search(r"\b(tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn)$", org)
        if admin:
            for cand in re.finditer(rf"\b{admin.group(1)}\s+([^\W\d_]+(?:[ -]+[^\W\d_]+){{0,4}})", self.text):
                words = []
                for w in re.split(r"(?<=\S)\s+", cand.group(1)):
                    if not w[0].isupper():
                        break
                    words.append(w)
                if words:
                    org = f"{org} {' '.join(words)}"
                    break
        return org[0].upper() + org[1:]

    def issuing_sentence(self):
        """"Ủy ban nhân dân tỉnh ban hành Kế hoạch <trích yếu> với các nội dung như sau:" — a body that has
        lost its header (web portals) still names the type of the document and, often, its subject."""
        rx = re.compile(
            r"(?:^|[.;]\s+|\s)(?:[^.;:]{0,160}?)\s(?:xây\s+dựng|ban\s+hành|phối\s+hợp\s+xây\s+dựng)\s+"
            r"(?P<type>Kế\s+hoạch(?:\s+liên\s+tịch)?|Chương\s+trình(?:\s+phối\s+hợp)?|Hướng\s+dẫn|Quy\s+chế(?:\s+phối\s+hợp)?|"
            r"Nghị\s+quyết(?:\s+liên\s+tịch)?|Quyết\s+định|Báo\s+cáo)\b(?P<rest>[^.:]*)",
            re.IGNORECASE,
        )
        for para in _opening_sentences((self.preamble + self.body)[:12]):
            m = rx.search(para)
            if not m:
                continue
            code = _TYPE_BY_KEY.get(_type_key(m["type"].upper()))
            rest = re.sub(r"\([^()]*\)", " ", m["rest"])
            rest = re.sub(r"^\s*(?:này|năm\s+nay)\b", "", rest)
            rest = re.sub(r"[,\s]*(?:với\s+(?:các|những)\s+nội\s+dung|cụ\s+thể|như\s+sau|gồm\s+các|sau\s+đây)\b.*$", "", rest)
            rest = clean(rest).strip(" ,;-")
            core = re.sub(r"\s*(?:trên|tại)\s+địa\s+bàn.*$", "", rest)
            core = re.sub(r"^(?:triển\s+khai|thực\s+hiện)$", "", core)
            title = rest[:1].upper() + rest[1:] if len(core.split()) >= 2 else None
            return {"doc_type": code, "title": title, "sentence": clean(para[m.start():m.end()])}
        return None

    def complete_issuer(self, issuer, place):
        """A header that says only "ỦY BAN NHÂN DÂN": its level and name are in the issuing line of a decision
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM") or in the opening sentence ("Ủy ban nhân dân tỉnh ban hành …")."""
        if not issuer or re.search(r"\b(?:tỉnh|huyện|xã|phường|thị\s+trấn|thành\s+phố|quận|thị\s+xã|đặc\s+khu|trung\s+ương|TW|TƯ)\b", issuer, re.IGNORECASE) or issuer.startswith(("Bộ ", "Chính phủ")):
            return issuer
        upper = r"\s+".join(re.escape(w) for w in issuer.upper().split())
        for m in re.finditer(r"^\s*" + upper + r"\s+" + _ADMIN + r"\s+([^\W\d_][^\n,;:]{1,40})$", self.text, re.MULTILINE):
            if is_upper_line(m.group(0)):
                return vn_case(m.group(0))
        spaced = r"\s+".join(re.escape(w) for w in issuer.split())
        m = re.search(spaced + r"\s+(tỉnh|huyện|xã|phường|thị\s+trấn|thành\s+phố|quận|thị\s+xã)\s+(?:ban\s+hành|xây\s+dựng)", self.text, re.IGNORECASE)
        if m and place:
            full = f"{issuer} {m.group(1).lower()} {place}"
            self.warnings.append(f"Phần tiêu đề chỉ ghi “{issuer}”; cơ quan ban hành đã bổ sung thành “{full}” theo câu mở đầu và địa danh.")
            return full
        return issuer

    # --- body fields -------------------------------------------------------------------------

    def references(self):
        refs = []
        # "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" with the documents as its items
        for node in self.root.children:
            if re.match(r"^(?:căn\s+cứ|cơ\s+sở)(?:\s+(?:pháp\s+lý|xây\s+dựng|ban\s+hành))?", node.title, re.IGNORECASE) and len(node.title) < 80:
                items = [" ".join([c.title, *c.paragraphs]) for c in node.children] + node.paragraphs
                for item in items:
                    refs.extend(_reference_clauses(item))
        started = False
        for para in self.preamble:
            if not REF_START.match(para):
                if started and not self.root.children:
                    break
                continue
            started = True
            for clause in _reference_clauses(para):
                refs.append(clause)
        return refs

    def citations(self, exclude: set[str]):
        out = []
        seen = set(exclude)
        texts = ([self.title] if self.title else []) + [p for p in self.body if p]
        for para in texts:
            nums = docnums.find_numbers(para)
            for k, (s, e, number, _code) in enumerate(nums):
                key = docnums.number_key(number)
                if key in seen:
                    continue
                seen.add(key)
                start = _doc_word_start(para, s)
                end_limit = nums[k + 1][0] if k + 1 < len(nums) else len(para)
                nxt = _doc_word_start(para, end_limit) if k + 1 < len(nums) else len(para)
                out.append(_ref_entry(para[start:max(e, min(nxt, end_limit))], number, para[e:e + 40]))
        return out

    def contents(self):
        best = []
        for node in self.root.walk():
            found = []
            for child in node.children:
                if child.kind in BULLETS:
                    continue
                n = _content_number(child)
                if n:
                    found.append((n, child))
            if len({n for n, _ in found}) >= 2 and len(found) > len(best):
                best = found
        out = []
        used = set()
        for n, child in best:
            if n in used:
                continue
            used.add(n)
            text = re.sub(r"^N[ộo]i\s+dung\s+(?:thứ\s+)?\d\s*[:.\-–]\s*", "", child.title, flags=re.IGNORECASE)
            text = re.sub(r"\s*\([^()]*tiêu\s+chí[^()]*\)\s*[.:;]?$", "", text, flags=re.IGNORECASE).strip()
            out.append({"number": n, "text": text, "criteria": criteria_of(child.full_text())})
        return sorted(out, key=lambda c: c["number"])

    def targets(self, doc_type):
        sections = [
            n for n in self.root.walk()
            if n.kind not in BULLETS and n.kind != "root" and TARGET_SECTION.search(n.title) and len(n.title) < 120
            and (n.children or n.paragraphs)
        ]
        # the innermost heading that names targets
        sections = [n for n in sections if not any(m is not n and _is_ancestor(n, m) for m in sections)]
        targets = []
        if sections:
            for sec in sections:
                for item, node in _items(sec):
                    found = target_clauses.clause_targets(_strip_item(item), node, in_target_section=True)
                    if not found:
                        self._warn_no_number(item)
                    targets.extend(found)
            return self._check_measures(targets)
        # no target section: sentences anywhere in the body whose numbers are marked as targets
        nodes = [n for n in self.root.walk() if n.kind != "root"]
        if doc_type == "BC":
            nodes = [
                n for n in nodes
                if any(re.search(r"phương\s+hướng|nhiệm\s+vụ|chỉ\s+tiêu|kế\s+hoạch", a.title, re.IGNORECASE)
                       for a in _ancestors(n) if a.kind not in BULLETS)
            ]
        paras = [(p, n) for n in nodes for p in [n.title, *n.paragraphs]]
        if not self.root.children and doc_type != "BC":
            paras = [(p, None) for p in self.preamble if not REF_START.match(p)]
        for para, node in paras:
            for sentence in _sentences(para):
                if any(q.triggered for q in quantities.find_quantities(sentence)):
                    targets.extend(target_clauses.clause_targets(_strip_item(sentence), node, in_target_section=False))
                else:
                    self._warn_no_number(sentence, strict=True)
        return self._check_measures(targets)

    def _check_measures(self, targets):
        for t in targets:
            if t["measure"] is None:
                self.warnings.append(f"Chỉ tiêu chưa gắn được chỉ số, cần chọn tay: “{_short(t['text'])}”.")
        return targets

    def _warn_no_number(self, text, strict=False):
        placeholder = re.search(r"(?:\.{2,}|…+|_{2,})\s*%|(?:ít\s+nhất|tối\s+thiểu|đạt)\s*(?:\.{2,}|…+|_{2,})", text)
        vague = re.search(r"\b(?:ít\s+nhất|tối\s+thiểu|không\s+dưới|không\s+ít\s+hơn|trở\s+lên)\b", text)
        if placeholder or (not strict and not re.search(r"\d", text)) or (
            strict and vague and not re.search(r"\d|một|hai|ba\b|bốn|năm|sáu|bảy|tám|chín|mười", text[vague.start():vague.end() + 30])
        ):
            self.warnings.append(f"Chỉ tiêu chưa có số liệu cụ thể: “{_short(text)}”.")

    def deadlines(self, issue_date, year):
        out = []
        default_year = issue_date.year if issue_date else year
        paras = [p for p in self.body if p and p not in self.preamble]
        for para in paras:
            for clause in _clauses(para):
                found = [
                    f for f in dates.find_dates(clause, default_year, allow_short=True)
                    if DEADLINE_BEFORE.search(clause[max(0, f[0] - 40):f[0]])
                ]
                prev_end = 0
                for s, e, date, raw, has_year in found:
                    if date is None:
                        if has_year:
                            self.warnings.append(f"Ngày “{clean(raw)}” không tồn tại.")
                        continue
                    if not has_year and issue_date and date < issue_date and RECURRING.search(clause):
                        date = dates.make_date(date.year + 1, date.month, date.day) or date
                    if len(found) > 1:
                        # several deadlines in one clause: each gets its own part of the sentence
                        text = re.sub(r"^(?:và|,)\s*", "", _strip_item(clause[prev_end:e]))
                        prev_end = e
                    else:
                        text = _strip_item(clause)
                    out.append({"date": date.isoformat(), "text": text, "kind": _deadline_kind(clause),
                                "recurring": bool(RECURRING.search(clause))})
                    if issue_date and date < issue_date:
                        self.warnings.append(
                            f"Hạn {dates.format_vn(date)} (“{_short(text)}”) sớm hơn ngày ban hành "
                            f"{dates.format_vn(issue_date)}."
                        )
        return out

    def assignees(self):
        out: list[str] = []
        for node in self.root.walk():
            if node.kind in BULLETS or node.kind == "root" or not ASSIGN_SECTION.search(node.title):
                continue
            if len(node.title) > 100:
                continue
            strict = re.match(r"^(?:tổ\s+chức\s+thực\s+hiện|phân\s+công|trách\s+nhiệm|giao)", node.title, re.IGNORECASE)
            for child in node.children:
                if child.kind in BULLETS:
                    name = _org_after_giao(child.title)
                elif strict or not (ASSIGN_VERBS.search(child.title) or len(child.title) > 100):
                    name = _org_name(child.title)
                else:
                    name = None
                if name:
                    out.append(name)
                for sub in child.children:
                    if sub.kind in BULLETS:
                        name = _org_after_giao(sub.title)
                        if name:
                            out.append(name)
        return _dedupe_orgs(out)

    # --- tail ------------------------------------------------------------------------------

    def tail(self):
        recipients: list[str] = []
        sig: list[str] = []
        in_recipients = False
        for raw in self.tail_lines:
            segs = _segments(raw)
            if not segs:
                continue
            if APPENDIX.match(segs[0]) and (sig or recipients):
                break
            left_parts = []
            for k, seg in enumerate(segs):
                if _is_signature_seg(seg):
                    sig.append(seg)
                elif seg.startswith("(") and left_parts:
                    left_parts[-1] += " " + seg
                elif seg.startswith("(") and k > 0 and recipients and in_recipients:
                    recipients[-1] += " " + seg
                else:
                    left_parts.append(seg)
            for seg in left_parts:
                m = NOI_NHAN.match(seg)
                if m:
                    in_recipients = True
                    seg = seg[m.end():].strip()
                    if not seg:
                        continue
                if not in_recipients:
                    continue
                if re.match(r"^[-–—+•*]\s*", seg):
                    recipients.append(re.sub(r"^[-–—+•*]\s*", "", seg))
                elif recipients and (seg[0].islower() or not recipients[-1].rstrip().endswith((";", ".", ","))) and len(seg) < 80 and not is_upper_line(seg):
                    recipients[-1] += " " + seg
                elif not recipients:
                    recipients.append(seg)
                else:
                    in_recipients = False
        recipients = [r for r in (_clean_recipient(x) for x in recipients) if r]
        return recipients, _signer(sig)

    # --- warnings about the whole text ------------------------------------------------------

    def structure_warnings(self):
        for node in self.root.walk():
            by_kind: dict[str, list[Node]] = {}
            for c in node.children:
                if c.kind in BULLETS:
                    continue
                by_kind.setdefault(c.kind, []).append(c)
            for kind, nodes in by_kind.items():
                seen = {}
                for c in nodes:
                    if c.label in seen:
                        where = f" trong mục “{node.label} {_short(node.title, 40)}”" if node.label else ""
                        self.warnings.append(
                            f"Nhãn mục “{c.label}” được dùng hai lần ở cùng một cấp{where}: "
                            f"“{_short(seen[c.label].title, 40)}” và “{_short(c.title, 40)}”."
                        )
                    else:
                        seen[c.label] = c
                values = [_label_value(c) for c in nodes]
                if None in values or len(set(values)) != len(values):
                    continue
                for a, b in zip(values, values[1:]):
                    if b > a + 1:
                        self.warnings.append(
                            f"Đánh số mục không liên tục: sau “{_label_text(kind, a)}” là “{_label_text(kind, b)}”."
                        )

    def text_warnings(self, body_texts):
        for text in body_texts:
            for m in re.finditer(r"(?<![\d/.])((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?![\d/])", text):
                a, b = int(m.group(1)), int(m.group(2))
                if a > b:
                    ctx = re.search(r"(giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|từ\s+năm)\s*$", text[max(0, m.start() - 20):m.start()], re.IGNORECASE)
                    label = f"{ctx.group(1)} " if ctx else ""
                    self.warnings.append(
                        f"Khoảng thời gian “{label}{m.group(0)}” bị đảo ngược: năm bắt đầu ({a}) sau năm kết thúc ({b})."
                    )
            for m in re.finditer(r"từ\s+năm\s+((?:19|20)\d\d)\s+đến\s+(?:hết\s+)?năm\s+((?:19|20)\d\d)", text, re.IGNORECASE):
                if int(m.group(1)) > int(m.group(2)):
                    self.warnings.append(f"Khoảng thời gian “{m.group(0)}” bị đảo ngược.")
            found = dates.find_dates(text)
            for (s1, e1, d1, r1, _), (s2, e2, d2, r2, _) in zip(found, found[1:]):
                gap = text[e1:s2]
                if d1 and d2 and d1 > d2 and re.fullmatch(r"\s*(?:[-–—]|đến(?:\s+hết)?|tới)\s*(?:ngày\s*)?", gap, re.IGNORECASE):
                    self.warnings.append(
                        f"Khoảng thời gian “{clean(text[s1:e2])}” bị đảo ngược: ngày bắt đầu sau ngày kết thúc."
                    )
            for s, e, d, raw, _ in found:
                if d is None:
                    continue
                after = re.match(r"\s*[(\[,–-]?\s*" + dates._WD + r"(?![\wÀ-ỹ])", text[e:e + 20])
                before = re.search(dates._WD + r"\s*[,(]?\s*(?:ngày\s*)?$", text[max(0, s - 20):s])
                if re.match(r"ngày", raw, re.IGNORECASE) and not before:
                    before = re.search(dates._WD + r"\s*[,(]?\s*$", text[max(0, s - 20):s])
                m = after or before
                if not m:
                    continue
                said = dates.weekday_index(m.group("wd"))
                if said != d.weekday():
                    self.warnings.append(
                        f"Ngày {dates.format_vn(d)} là {dates.WEEKDAY_NAMES[d.weekday()]}, "
                        f"không phải {clean(m.group('wd'))} như văn bản ghi."
                    )
            for s, e, d, raw, has_year in found:
                if d is None and has_year:
                    msg = f"Ngày “{clean(raw)}” không tồn tại."
                    if msg not in self.warnings:
                        self.warnings.append(msg)

    # --- result ----------------------------------------------------------------------------

    def result(self) -> dict:
        doc_type, number = self.number_and_type()
        place, date = self.place_and_date()
        if date is None and self.number_from_appendix and self.appendix_date:
            date = self.appendix_date
        issuer = self.complete_issuer(self.issuer(), place)
        if self.title is None and self.issuing and self.issuing["title"]:
            self.title = self.issuing["title"]
            self.warnings.append(
                f"Không có trích yếu ở phần đầu; trích yếu được lấy từ câu “{_short(self.issuing['sentence'], 120)}”."
            )
        if issuer is None:
            issuer = self.issuer_from_body(" ".join(_opening_sentences(self.preamble[:6] + self.body[:8])))
            if issuer is None:
                issuer = self.issuer_from_body(clean(" ".join(self.tail_lines)))
            if issuer:
                self.warnings.append(
                    f"Văn bản không có phần tiêu đề (cơ quan ban hành); cơ quan ban hành “{issuer}” được suy ra từ nội dung."
                )
        if self.number_from_appendix:
            self.warnings.append(
                f"Phần đầu văn bản không có số, ký hiệu; số “{number}” được lấy từ dòng “Kèm theo …” ở phụ lục."
            )
        year = _year(self.title, date, self.body)
        refs = self.references()
        exclude = {docnums.number_key(r["number"]) for r in refs if r["number"]}
        if number:
            exclude.add(docnums.number_key(number))
        citations = self.citations(exclude)
        targets = self.targets(doc_type)
        deadlines = self.deadlines(date, year)
        recipients, signer = self.tail()
        self.structure_warnings()
        self.text_warnings(([self.title] if self.title else []) + [p for p in self.body if p])

        missing = []
        if not number:
            missing.append("Không tìm thấy số, ký hiệu văn bản (dòng “Số: …”).")
        if not date and not any("Ngày ban hành" in w for w in self.warnings):
            missing.append("Không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”).")
        if not signer:
            missing.append("Không tìm thấy người ký (thẩm quyền, chức vụ, họ tên).")
        elif not signer["name"]:
            missing.append("Không tìm thấy họ tên người ký.")
        if not self.root.children and not number and not self.type_code_from_name:
            missing.append("Không nhận ra cấu trúc văn bản (tên loại, số, các mục I., 1., …); kết quả có thể không đầy đủ.")
        warnings = []
        for w in missing + self.warnings:
            if w not in warnings:
                warnings.append(w)
        return {
            "doc_type": doc_type,
            "number": number,
            "issuer": issuer,
            "place": place,
            "date": date.isoformat() if date else None,
            "title": _pretty_quotes(self.title) if self.title else None,
            "year": year,
            "phase": _phase(self.title),
            "references": refs,
            "citations": citations,
            "sections": [c.to_dict() for c in self.root.children],
            "contents": self.contents(),
            "targets": targets,
            "deadlines": deadlines,
            "assignees": self.assignees(),
            "recipients": recipients,
            "signer": signer,
            "contact": find_contact(self.text),
            "warnings": warnings,
        }


# --- helpers -----------------------------------------------------------------------------------


_ORG_AFTER_BASIS = re.compile(
    r"[.,;]\s+(?=(?:Ban\s|Ủy\s+ban|Uỷ\s+ban|UBND|Thường\s+trực|Đoàn\s|Chính\s+phủ|Hội\s|Liên\s+đoàn|Đảng\s+ủy)\S*)"
)


def _opening_sentences(paras):
    """The body's own sentences among the first paragraphs: a basis clause ("Căn cứ …", "Thực hiện …") is
    skipped, except for what follows it in the same paragraph ("…; Ban Thường trực … ban hành Kế hoạch …")."""
    for para in paras:
        if not para or match_label(para):
            continue
        if REF_START.match(para):
            tails = list(_ORG_AFTER_BASIS.finditer(para))
            if not tails:
                continue
            para = para[tails[-1].end():]
        yield para


def _deadline_kind(text: str) -> str | None:
    """'report' for a report's due date, 'registration' for the member organisations' registration of their
    works and models (the registration drive), else None."""
    if re.search(r"\bđăng\s+ký\b", text, re.IGNORECASE):
        return "registration"
    if re.search(r"\bbáo\s+cáo\b", text, re.IGNORECASE):
        return "report"
    return None


def _type_key(line: str) -> str:
    s = re.sub(r"\s+", "", line.strip().rstrip(":").strip("*_ "))
    s = re.sub(r"\((?:DỰTHẢO|DựThảo|Dựthảo)\)$", "", s)
    return s


def _codes_agree(a, b):
    a, b = a.upper(), b.upper()
    return a == b or a.startswith(b) or b.startswith(a) or (a, b) in {("QD", "QĐ"), ("QĐ", "QD")}


def _segments(line: str) -> list[str]:
    return [clean(s) for s in re.split(r"\s{3,}", line.strip()) if clean(s)]


def _is_signature_seg(seg: str) -> bool:
    if AUTHORITY.match(seg) or SIGNED.match(seg):
        return True
    if is_upper_line(seg) and SIGNER_TITLE.search(seg) and len(seg) < 50 and not seg.startswith(("-", "+")):
        return True
    return _is_name(seg)


def _is_name(seg: str) -> bool:
    seg = re.sub(r"\s*\(?(?:đã\s+ký|đã ký)\)?\s*$", "", seg, flags=re.IGNORECASE).strip()
    tokens = seg.split()
    if not 2 <= len(tokens) <= 5 or tokens[0] in _NOT_NAME_START:
        return False
    for t in tokens:
        t = t.replace("'", "").replace("’", "")
        if not t or not t.isalpha() or not t[0].isupper() or (len(t) > 1 and not t[1:].islower()):
            return False
    return True


def _signer(sig: list[str]):
    if not sig:
        return None
    authority, title, name = [], None, None
    for seg in sig:
        m = AUTHORITY.match(seg)
        if m and title is None:
            prefix = m["p"].replace("/", "").upper()
            authority.append(f"{prefix}. {clean(m['rest'])}")
        elif SIGNED.match(seg):
            continue
        elif is_upper_line(seg) and title is None:
            title = seg
        elif _is_name(seg) and name is None and (title or authority):
            name = re.sub(r"\s*\(?đã\s+ký\)?\s*$", "", seg, flags=re.IGNORECASE).strip()
    if not authority and not title and not name:
        return None
    return {"authority": " ".join(authority) or None, "title": title, "name": name}


def _clean_recipient(s: str) -> str:
    s = clean(s)
    s = re.sub(r"^[-–—+•*]\s*", "", s)
    return s.rstrip(" ;,.").strip()


_CASE_PHRASES = [
    ("MẶT TRẬN TỔ QUỐC", "Mặt trận Tổ quốc"), ("VIỆT NAM", "Việt Nam"), ("ỦY BAN", "Ủy ban"), ("UỶ BAN", "Ủy ban"),
    ("BAN THƯỜNG TRỰC", "Ban Thường trực"), ("THƯỜNG TRỰC", "Thường trực"), ("NHÂN DÂN", "nhân dân"),
    ("TRUNG ƯƠNG", "Trung ương"), ("BAN CHẤP HÀNH", "Ban Chấp hành"), ("BAN CHỈ ĐẠO", "Ban Chỉ đạo"),
    ("ĐOÀN CHỦ TỊCH", "Đoàn Chủ tịch"), ("HỘI ĐỒNG", "Hội đồng"), ("VĂN PHÒNG", "Văn phòng"),
    ("HỘI NÔNG DÂN", "Hội Nông dân"), ("HỘI LIÊN HIỆP PHỤ NỮ", "Hội Liên hiệp Phụ nữ"),
    ("HỘI CỰU CHIẾN BINH", "Hội Cựu chiến binh"), ("HỒ CHÍ MINH", "Hồ Chí Minh"), ("ĐẢNG ỦY", "Đảng ủy"),
    ("LIÊN ĐOÀN LAO ĐỘNG", "Liên đoàn Lao động"), ("HỘI NGƯỜI CAO TUỔI", "Hội Người cao tuổi"),
    ("HỘI KHUYẾN HỌC", "Hội Khuyến học"), ("BAN CÔNG TÁC MẶT TRẬN", "Ban Công tác Mặt trận"),
]
_BODY_WORD = re.compile(
    r"^(?:ỦY\s+BAN|UỶ\s+BAN|BAN\s|BỘ\s|HỘI\s|ĐOÀN\s|THƯỜNG\s+TRỰC|VĂN\s+PHÒNG|MẶT\s+TRẬN|ĐẢNG\s|LIÊN\s|CHÍNH\s+PHỦ|"
    r"SỞ\s|PHÒNG\s|CÔNG\s+AN|TRUNG\s+TÂM|CỤC\s|UBND|HĐND|MTTQ|CÔNG\s+ĐOÀN|QUỸ\s|TỈNH\s+ỦY|HUYỆN\s+ỦY|THÀNH\s+ỦY|"
    r"ĐẢNG\s+ỦY|CHI\s+BỘ|HỘI\s+ĐỒNG|BAN$)"
)
_ADMIN = r"(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|THÔN|BẢN|TỔ DÂN PHỐ)"
_ACRONYM = re.compile(r"^[A-ZĐ]{2,}$")


def vn_case(s: str) -> str:
    """'BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN CƯ JÚT' → 'Ban Thường trực Ủy ban MTTQ Việt Nam huyện Cư Jút'."""
    s = clean(s)
    if re.match(r"^BỘ\s", s) and is_upper_line(s):
        # a ministry: "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Công an"
        parts = re.split(r"(\s+VÀ\s+|,\s+)", s[3:].strip())
        out = []
        for part in parts:
            if re.fullmatch(r"\s+VÀ\s+|,\s+", part):
                out.append(part.lower())
            else:
                out.append(part[:1] + part[1:].lower())
        return "Bộ " + "".join(out)
    placeholders = {}
    for k, (up, cased) in enumerate(_CASE_PHRASES):
        key = f"\x01{k}\x01"
        if up in s:
            s = s.replace(up, key)
            placeholders[key] = cased

    def admin(m):
        name = " ".join(w.capitalize() for w in m.group(2).split())
        name = re.sub(r"-(\w)", lambda x: "-" + x.group(1).upper(), name)
        return f"{m.group(1).lower()} {name}"

    s = re.sub(rf"\b{_ADMIN}\s+((?:[^\s\x01]+\s*?)+?)(?=\s*(?:\x01|$|\b{_ADMIN}\b))", admin, s)
    words = []
    for w in s.split(" "):
        if "\x01" in w or not w:
            words.append(w)
        elif w.isupper() and (_ACRONYM.match(w) and not re.search(r"[AEIOUYĂÂÊÔƠƯÀ-Ỹ]", w[1:]) or w in {"MTTQ", "UBND", "HĐND", "TNCS", "CCB", "LHPN", "KH-KT", "TW", "TƯ", "MTTW", "CNXH", "HTX", "UBMTTQ", "BTT"}):
            words.append(w)
        elif w.isupper():
            words.append(w.lower())
        else:
            words.append(w)
    s = " ".join(words)
    for key, cased in placeholders.items():
        s = s.replace(key, cased)
    s = s.strip()
    return s[:1].upper() + s[1:]


def _pretty_quotes(s: str) -> str:
    out = []
    open_ = True
    for i, ch in enumerate(s):
        if ch in "\"“”«»„":
            prev = s[i - 1] if i else " "
            opening = prev.isspace() or prev in "([{"
            out.append("“" if opening else "”")
            open_ = not opening
        else:
            out.append(ch)
    return "".join(out)


def _doc_word_start(para: str, pos: int) -> int:
    window = para[max(0, pos - 45):pos]
    best = None
    for m in DOC_WORD_RE.finditer(window):
        best = m
    if best:
        return max(0, pos - 45) + best.start()
    return pos


def _ref_entry(text: str, number: str | None, after: str) -> dict:
    date = None
    if number:
        m = re.match(r"^[\s,;]*(?:ban\s+hành\s+)?(?:ngày\s*)?", after, re.IGNORECASE)
        found = dates.find_dates(after)
        if found and found[0][0] <= (m.end() if m else 0) + 5 and found[0][2]:
            date = found[0][2]
    text = clean(text).strip(" ,;.:")
    return {"number": number, "date": date.isoformat() if date else None, "text": text}


def _reference_clauses(para: str) -> list[dict]:
    body = REF_START.sub("", para, count=1)
    parts = _split_top(body, ";")
    pieces = []
    for part in parts:
        # "…, Chương trình số 06/…" starts another document; "…, Ban Thường trực … ban hành" ends the list
        sub = re.split(
            r",\s+(?=" + DOC_WORDS + r"\s+(?:số\s+)?\d)|,\s+(?=(?:Ban\s+Thường\s+trực|Thường\s+trực|Ủy\s+ban|Uỷ\s+ban|UBND|Ban\s+Chỉ\s+đạo)[^;]{0,120}?\s(?:ban\s+hành|xây\s+dựng|triển\s+khai|thống\s+nhất|hướng\s+dẫn|báo\s+cáo|thông\s+báo|quyết\s+định)\s)",
            part,
        )
        for piece in sub:
            pieces.extend(_split_complete_and(piece))
    out = []
    for piece in pieces:
        piece = REF_START.sub("", clean(piece), count=1)
        piece = re.sub(r"^(?:và|cùng)\s+", "", piece).strip(" ,;.")
        if not piece:
            continue
        if ORG_START.match(piece) and re.search(r"\s(?:ban\s+hành|xây\s+dựng|triển\s+khai|thống\s+nhất|hướng\s+dẫn|báo\s+cáo|thông\s+báo|quyết\s+định)\s", piece[:200]):
            break
        nums = docnums.find_numbers(piece)
        if not nums and not DOC_WORD_RE.match(re.sub(r"^(?:[Đđ]iều|[Kk]hoản|[Đđ]iểm)\s+\d+\w*\s*,?\s*(?:của\s+)?", "", piece)):
            continue
        if nums:
            # every numbered document of the clause is a basis of its own: "Quyết định số 217-QĐ/TW và số
            # 218-QĐ/TW ngày 12/12/2013" (one date for both), "Văn bản số 1805/… ngày …, Báo cáo số 233/… ngày …"
            entries = []
            for k, (s, e, number, _) in enumerate(nums):
                nxt = nums[k + 1][0] if k + 1 < len(nums) else len(piece)
                start = 0 if k == 0 else _doc_word_start(piece, s)
                end = _doc_word_start(piece, nxt) if k + 1 < len(nums) else len(piece)
                entries.append(_ref_entry(piece[start:max(e, end)] if k else piece, number, piece[e:e + 40]))
                if k + 1 < len(nums) and re.fullmatch(r"\s*(?:và|,)\s*(?:số\s*)?", piece[e:nxt]):
                    entries[-1]["_shares_date"] = True
            for k in range(len(entries) - 2, -1, -1):
                if entries[k].pop("_shares_date", False) and entries[k]["date"] is None:
                    entries[k]["date"] = entries[k + 1]["date"]
            out.extend(entries)
        else:
            d = dates.find_dates(piece)
            entry = _ref_entry(piece, None, "")
            if d and d[0][2] and (
                re.match(r"ngày", d[0][3], re.IGNORECASE)
                or re.search(r"ngày\s*$", piece[max(0, d[0][0] - 6):d[0][0]] + " ", re.IGNORECASE)
            ):
                entry["date"] = d[0][2].isoformat()
            out.append(entry)
    return out


_NEXT_DOC = re.compile(r"\s*" + DOC_WORDS + r"\s+(?:số\s+)?\d")


def _split_complete_and(piece: str) -> list[str]:
    """"Luật Thi đua, Khen thưởng (2003) và Luật sửa đổi … (2013)" → two documents; but "Luật sửa đổi … của
    Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương" stays one (its left part names no date)."""
    out = []
    rest = piece
    while True:
        m = None
        for cand in re.finditer(r"\s+và\s+(?=" + DOC_WORDS + r"\b)", rest):
            left = rest[:cand.start()]
            if re.search(r"\((?:19|20)\d\d\)\s*$|năm\s+(?:19|20)\d\d\s*$", left) or dates.find_dates(left[-30:]):
                m = cand
                break
        if not m:
            out.append(rest)
            return out
        out.append(rest[:m.start()])
        rest = rest[m.end():]


def _split_top(text: str, sep: str) -> list[str]:
    """Split on sep outside quotes and parentheses. A quotation still open when sep is followed by
    another numbered document ("… “Hãy hành động …; Kế hoạch số 34/…") was never closed: split there."""
    parts, buf, depth, quote = [], [], 0, False
    for pos, ch in enumerate(text):
        if ch in "“«":
            quote = True
        elif ch in "”»":
            quote = False
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == sep and quote and depth == 0 and _NEXT_DOC.match(text, pos + 1):
            quote = False
        if ch == sep and depth == 0 and not quote:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _sentences(para: str) -> list[str]:
    para = _strip_label(para)
    pieces: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+", para):
        if pieces and piece and not (piece[0].isupper() or piece[0] in "“\"(«"):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return [p.strip() for p in pieces if p.strip()]


def _clauses(para: str) -> list[str]:
    out = []
    for s in _sentences(para):
        out.extend(x.strip() for x in _split_top(s, ";") if x.strip())
    return out


def _strip_label(text: str) -> str:
    lab = match_label(text)
    return lab[3] if lab else text


def _strip_item(text: str) -> str:
    return clean(_strip_label(text)).rstrip(" ;,.").removesuffix("/").strip()


def _short(text: str, n: int = 80) -> str:
    text = clean(text)
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _items(sec: Node) -> list[tuple[str, Node]]:
    """The items of a targets section with the node each came from."""
    labelled = [n for n in sec.walk() if n is not sec]
    leaves = [n for n in labelled if not n.children]
    if leaves:
        out = [(p, sec) for p in sec.paragraphs if p]  # unlabelled paragraphs directly under it are items too
        for n in leaves:
            out.append((" ".join([n.title, *n.paragraphs]), n))
        return out
    items = []
    for p in sec.paragraphs:
        parts = [x for x in _split_top(p, ";") if x.strip()]
        items.extend((x, sec) for x in (parts if len(parts) > 1 else [p]))
    return items


def _is_ancestor(a: Node, b: Node) -> bool:
    p = b.parent
    while p is not None:
        if p is a:
            return True
        p = p.parent
    return False


def _ancestors(n: Node):
    while n is not None:
        yield n
        n = n.parent


def _content_number(node: Node) -> int | None:
    m = re.match(r"^N[ộo]i\s+dung\s+(?:thứ\s+)?(\d)\b", node.title, re.IGNORECASE)
    if m and 1 <= int(m.group(1)) <= 5:
        return int(m.group(1))
    if not re.match(r"^(?:Đoàn\s+kết|Vận\s+động\s+đoàn\s+kết)", node.title):
        return None
    head = node.title[:140]
    for n, rx in CONTENT_KEYWORDS:
        if re.search(rx, head, re.IGNORECASE):
            label_n = re.match(r"^(\d+)", node.label)
            return n if not label_n or int(label_n.group(1)) in range(1, 6) else n
    return None


def criteria_of(text: str) -> dict:
    ntm: list[int] = []
    dtvm: list[int] = []
    rx = re.compile(
        r"tiêu\s+chí\s*(?:số\s*)?(?P<list>\d{1,2}(?:\s*(?:,|;|và|-|–|đến|tới)\s*(?:tiêu\s+chí\s*(?:số\s*)?)?\d{1,2}(?![/\d]))*)",
        re.IGNORECASE,
    )
    fam_rx = re.compile(r"nông\s+thôn\s+mới|ntm|đô\s+thị\s+văn\s+minh|đtvm|đô\s+thị|phường", re.IGNORECASE)
    for m in rx.finditer(text):
        nums = _expand(m["list"])
        after = re.split(r"[;()]|tiêu\s+chí", text[m.end():m.end() + 80], maxsplit=1, flags=re.IGNORECASE)[0]
        before_all = text[max(0, m.start() - 60):m.start()]
        before = re.split(r"[;(]", before_all)[-1]
        pick = fam_rx.search(after)
        if not pick:
            found = list(fam_rx.finditer(before)) or list(fam_rx.finditer(before_all))
            pick = found[-1] if found else None
        fam = None
        if pick:
            word = pick.group(0).lower()
            fam = "ntm" if word.startswith(("nông", "ntm")) else "dtvm"
        target = dtvm if fam == "dtvm" else ntm
        for n in nums:
            if n not in target:
                target.append(n)
    return {"ntm": ntm, "dtvm": dtvm}


def _expand(s: str) -> list[int]:
    s = re.sub(r"tiêu\s+chí\s*(?:số\s*)?", "", s, flags=re.IGNORECASE)
    out = []
    for part in re.split(r"\s*(?:,|;|và)\s*", s):
        m = re.match(r"(\d+)\s*(?:-|–|đến|tới)\s*(\d+)", part)
        if m and int(m.group(1)) < int(m.group(2)) <= 30:
            out.extend(range(int(m.group(1)), int(m.group(2)) + 1))
        elif part.strip().isdigit():
            out.append(int(part))
    return out


def _org_name(title: str) -> str | None:
    t = clean(title)
    t = re.sub(r"^(?:Đề\s+nghị|Giao(?:\s+cho)?|Đối\s+với|Trách\s+nhiệm\s+của|Nhiệm\s+vụ\s+của)\s+", "", t, flags=re.IGNORECASE)
    if not ORG_START.match(t):
        m = re.search(r",\s+((?:Ban\s+Thường\s+trực|Ủy\s+ban|Uỷ\s+ban|UBND|Hội\s|Đoàn\s|Các\s+tổ\s+chức)[^:;]*)", t)
        if not m:
            return None
        t = m.group(1)
    t = t[0].upper() + t[1:]
    t = re.split(r"\s*[:;]|\.\s|\.$", t)[0]
    v = ASSIGN_VERBS.search(t)
    if v:
        t = t[: v.start()]
    t = t.strip(" ,.-–")
    if len(t) < 4 or len(t) > 160:
        return None
    return t


def _org_after_giao(title: str) -> str | None:
    m = re.match(r"^(?:Giao(?:\s+cho)?|Đề\s+nghị)\s+(.+)$", clean(title))
    if not m:
        return None
    return _org_name(m.group(1))


def _dedupe_orgs(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        key = n.casefold()
        if any(o.casefold() == key or o.casefold().startswith(key + " ") for o in out):
            continue
        out = [o for o in out if not key.startswith(o.casefold() + " ")] + [n] if any(
            key.startswith(o.casefold() + " ") for o in out
        ) else out + [n]
    return out


def _label_value(node: Node):
    label = node.label.rstrip(".):")
    if node.kind == "roman":
        return roman_value(label)
    if node.kind == "arabic":
        return int(label) if label.isdigit() else None
    if node.kind == "letter":
        return "abcdđeghiklmnopqrstuvxy".find(label) if label in "abcdđeghiklmnopqrstuvxy" else None
    if node.kind == "article":
        m = re.search(r"\d+", label)
        return int(m.group(0)) if m else None
    if node.kind == "decimal":
        return int(label.split(".")[-1])
    return None


def _label_text(kind, value):
    if kind == "roman":
        vals = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for v, r in vals:
            while value >= v:
                out += r
                value -= v
        return out + "."
    if kind == "letter":
        return "abcdđeghiklmnopqrstuvxy"[value] + ")"
    if kind == "article":
        return f"Điều {value}"
    return f"{value}."


def _year(title, date, body):
    if title:
        m = re.search(r"năm\s+((?:19|20)\d\d)(?!\s*[-–—]\s*\d)", title)
        if m:
            return int(m.group(1))
    if date:
        return date.year
    if title:
        m = re.search(r"((?:19|20)\d\d)\s*[-–—]\s*(?:19|20)\d\d", title)
        if m:
            return int(m.group(1))
    # no fallback to a year in the body: there it is almost always a cited document's
    return None


def _phase(title):
    """"giai đoạn 2022-2025", "nhiệm kỳ 2019 - 2024", "(2016-2018)" in the title → "2022-2025"."""
    if not title:
        return None
    m = re.search(
        r"(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|từ\s+năm|\()\s*((?:19|20)\d\d)\s*(?:[-–—]|đến(?:\s+năm)?)\s*((?:19|20)\d\d)",
        title, re.IGNORECASE,
    )
    if not m or int(m.group(1)) > int(m.group(2)):
        return None
    return f"{m.group(1)}-{m.group(2)}"


def _place_words(text: str) -> str:
    """The place is the run of capitalised words just before ", ngày" ("Tp. Hồ Chí Minh", "Cư Jút")."""
    words = []
    for w in reversed(text.split()):
        if len(words) >= 6 or not re.fullmatch(r"(?:T[Pp]\.|TX\.|[A-ZĐÀ-Ỹ][^\W\d_]*(?:[-–][A-ZĐÀ-Ỹ][^\W\d_]*)?)", w):
            break
        if not w[:1].isupper():
            break
        words.append(w)
    return " ".join(reversed(words))
