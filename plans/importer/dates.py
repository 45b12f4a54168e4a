"""Vietnamese dates: "ngày 16 tháng 3 năm 2023", "16/3/2023", "16-03-2023", "15/02" (no year)."""

import datetime as dt
import re

_D = r"(?P<d>\d{1,2})"
_M = r"(?P<m>\d{1,2})"
_Y = r"(?P<y>\d{4})"

# "ngày 16 tháng 3 năm 2023" (the words may be missing or doubled spaces may occur)
WORDS_DATE = re.compile(
    rf"(?:ngày\s*)?(?<!\d){_D}\s+tháng\s+{_M}\s+năm\s+{_Y}(?!\d)", re.IGNORECASE
)
NUMERIC_DATE = re.compile(rf"(?<![\d/.]){_D}\s?[/.\-]\s?{_M}\s?[/.\-]\s?{_Y}(?![\d/])")
# "15/02" or "10/6" without a year; callers decide whether the context makes it a date
SHORT_DATE = re.compile(rf"(?<![\d/.,]){_D}\s?/\s?{_M}(?![\d/]|\s?[/.\-]\s?\d)")
SHORT_WORDS_DATE = re.compile(rf"(?<!\d){_D}\s+tháng\s+{_M}(?!\s+năm\s+\d)(?!\d)", re.IGNORECASE)


def make_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None, allow_short: bool = False):
    """Yield (start, end, date_or_None, raw, has_year) for every date in text, left to right.

    An impossible date such as 31/02/2024 yields date None so callers can warn about it.
    """
    found = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    for rx, has_year in ((WORDS_DATE, True), (NUMERIC_DATE, True)):
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
            if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), make_date(y, mo, d), m.group(0), True))
    if allow_short:
        for rx in (SHORT_WORDS_DATE, SHORT_DATE):
            for m in rx.finditer(text):
                if not free(m.start(), m.end()):
                    continue
                d, mo = int(m["d"]), int(m["m"])
                if not (1 <= mo <= 12 and 1 <= d <= 31):
                    continue
                taken.append((m.start(), m.end()))
                date = make_date(default_year, mo, d) if default_year else None
                found.append((m.start(), m.end(), date, m.group(0), False))
    found.sort(key=lambda x: x[0])
    return found


def parse_date(text: str) -> dt.date | None:
    for _s, _e, date, _raw, _y in find_dates(text):
        if date:
            return date
    return None


WEEKDAYS = {
    "hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "bốn": 2, "4": 2, "năm": 3, "5": 3,
    "sáu": 4, "6": 4, "bảy": 5, "7": 5,
}
WEEKDAY_NAMES = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
_WD = r"(?P<wd>[Tt]hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Bb]ốn|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|[Cc]hủ\s+[Nn]hật|CN)"
WEEKDAY_RE = re.compile(_WD + r"(?![\wÀ-ỹ])")


def weekday_index(word: str) -> int:
    w = " ".join(word.lower().split())
    if w in ("chủ nhật", "cn"):
        return 6
    return WEEKDAYS[w.split()[1]]


def format_vn(date: dt.date) -> str:
    return f"{date.day:02d}/{date.month:02d}/{date.year}"
