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
    return text


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
            if not is_marker_line(line) and not is_upper_line(prev):
                if _starts_lower(line) and not is_upper_line(line):
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
