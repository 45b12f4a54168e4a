"""Cleaning of extracted text and re-joining of lines broken by PDF extraction."""

import re
import statistics
import unicodedata

# Characters that legacy Vietnamese fonts put in PDF text layers instead of the real letters
# (the Cư Jút plan has "THƢỜNG" for "THƯỜNG"), plus invisible or layout-only code points.
_CHAR_FIXES = str.maketrans(
    {
        "\u01a2": "Ư",
        "\u01a3": "ư",
        "\u00d0": "Đ",
        "\u00f0": "đ",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
        "\u00ad": "",
        "\u2028": "\n",
        "\u2029": "\n",
        "\x0c": "\n",
        "\x0b": "\n",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\u2010": "-",
        "\u2011": "-",
    }
)



def normalize_text(text: str) -> str:
    """NFC, unified line endings, legacy-font letters fixed, bold/italic markers removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_CHAR_FIXES)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\t", "    ")
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?m)^(\s*)\*\s+", r"\1- ", text)  # "* item" bullets
    text = text.replace("*", "")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    return layout_lines(text)


_CELL_SEP = re.compile(r"\s*\|\s*")
_BULLETED_BASIS = re.compile(r"^(\s*)[-–—+•*]\s*(?=(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị)\b)")
_HEADER_ZONE = 40


def layout_lines(text: str) -> str:
    """Undo layouts that web pages and Word tables give the header.

    - cells of a table flattened with "|" ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI …|") become lines;
    - a basis clause written as a bullet ("- Căn cứ Luật …") loses its bullet;
    - in the header, a line of one word ("ỦY", "CỘNG", "Tiền", "VỀ") is joined to the next line,
      since table cells wrap there and no heading is a single word.
    """
    lines: list[str] = []
    in_body = False  # after the first section label a "- Căn cứ …" bullet is a task, not a basis
    for line in text.split("\n"):
        if "|" in line:
            cells = [c for c in _CELL_SEP.split(line)]
            if len(cells) > 1:
                lines.extend(c for c in cells if c.strip())
                continue
        in_body = in_body or bool(re.match(r"^\s*(?:[IVXLC]{1,6}\s*[.)]|\d{1,2}\s*[.)]|Điều\s+\d|Chương\s)", line))
        lines.append(line if in_body else _BULLETED_BASIS.sub(r"\1", line))
    out: list[str] = []
    for i, line in enumerate(lines):
        s = line.strip()
        if out and i < _HEADER_ZONE and _single_word(out[-1]) and s and not is_marker_line(s):
            out[-1] = out[-1].rstrip() + " " + s
            continue
        out.append(line)
    return "\n".join(out)


def _single_word(line: str) -> bool:
    s = line.strip()
    return bool(s) and " " not in s and len(s) <= 12 and s[0].isalpha() and s[0].isupper() and s.rstrip(":") == s and not s.endswith((".", ";"))


def clean(s: str) -> str:
    """Collapse whitespace of one logical line."""
    return re.sub(r"\s+", " ", s).strip()


MARKER_RE = re.compile(
    r"""^\s*(?:
        (?:PHẦN|Phần)\s+(?:[IVXLC]+|thứ\s+\w+)\b
      | (?:CHƯƠNG|Chương)\s+[IVXLC\d]+\b
      | [IVXLC]{1,6}\s*[.)]\s
      | Điều\s+\d+\s*[.:]
      | \d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]\s
      | \d{1,2}\.\d{1,2}(?:\.\d{1,2}){0,2}\s
      | [a-zđ]\s*[)]\s
      | [a-zđ]\.\s
      | [-–—+•▪●◦∙*]\s*\S
    )""",
    re.VERBOSE,
)

_TERMINAL = tuple(".;:!?")
_NEW_PARAGRAPH = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Nơi\s+nhận|Trên\s+đây|Nhằm|Để)\b")
_BASIS_START = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện)\s")
_HEADING = re.compile(r"^(?:[IVXLC]{1,6}\s*[.)]|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]?|[a-zđ]\))\s")


def is_marker_line(line: str) -> bool:
    return bool(MARKER_RE.match(line + " "))


def is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _starts_lower(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and s[0].isalpha() and s[0].islower()


def detect_broken_lines(lines: list[str]) -> tuple[bool, int]:
    """Does this text look like a PDF text layer with hard line breaks inside paragraphs?

    Returns (broken, threshold): lines at least `threshold` long were probably wrapped by the
    layout, not ended by the author.
    """
    lengths = [len(clean(x)) for x in lines if clean(x)]
    if len(lengths) < 12:
        return False, 0
    lengths.sort()
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    if not 45 <= p90 <= 140:
        return False, 0
    threshold = int(p90 * 0.72)
    long_share = sum(1 for n in lengths if n >= threshold) / len(lengths)
    return long_share >= 0.25, threshold


def reflow(lines: list[str]) -> list[str]:
    """Join continuation lines into logical paragraphs.

    A line is continued by the next non-blank line when that line starts with a lower-case letter,
    or, in text that was wrapped by a PDF layout, when the line is nearly full width and does not
    end a sentence. Lines that start with a section label or bullet always start a new paragraph.
    """
    broken, threshold = detect_broken_lines(lines)
    if broken:
        lengths = [len(clean(x)) for x in lines if clean(x)]
        median = statistics.median(lengths)
        # lone page numbers in PDF text
        lines = [x for x in lines if not re.fullmatch(r"\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*", x) or median < 10]
    out: list[str] = []
    pending_blank = False
    for raw in lines:
        line = clean(raw)
        if not line:
            pending_blank = True
            continue
        if out:
            prev = out[-1]
            join = False
            if (
                broken
                and re.match(r"^[-–]\s+[^\W\d_]+”?\s+[-–]\s", line)
                and len(_last_physical(prev)) >= threshold
                and not prev.endswith(_TERMINAL + ("”", '"', "»"))
                and not is_upper_line(prev)
            ):
                # a PDF line wrapped just before " - " of a name ("“Sáng" / "- Xanh - Sạch - Đẹp”"): real
                # bullets follow a line that ends a sentence or a heading, not a full-width line mid-phrase
                out[-1] = prev + "\u2063" + line
                pending_blank = False
                continue
            if not is_marker_line(line) and not is_upper_line(prev):
                if _starts_lower(line) and not is_upper_line(line):
                    join = True
                elif (
                    _BASIS_START.match(prev)
                    and not prev.endswith(_TERMINAL + (",",))
                    and not is_upper_line(line)
                    and not _NEW_PARAGRAPH.match(line)
                    and not re.match(r"^(?:Theo|Trên\s+cơ\s+sở)\b", line)
                ):
                    join = True
                elif (
                    broken
                    and len(_last_physical(prev)) >= threshold
                    and not prev.endswith(_TERMINAL + ("”", '"', "»"))
                    and not is_upper_line(line)
                    and not _NEW_PARAGRAPH.match(line)
                    and not (_HEADING.match(prev) and len(prev) < threshold * 1.25)
                ):
                    join = True
            if join:
                out[-1] = prev + "\u2063" + line  # invisible separator: remembers the physical break
                pending_blank = False
                continue
        if pending_blank and out and out[-1] != "":
            out.append("")
        out.append(line)
        pending_blank = False
    return [x.replace("\u2063", " ") for x in out]


def _last_physical(s: str) -> str:
    return s.rsplit("\u2063", 1)[-1]
