"""Vietnamese formatting, in one place: dates dd/mm/yyyy, numbers 1.234.567, money in đồng, amounts in
words, and the place-date line of official documents."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone


def format_number(value, decimals: int = 0) -> str:
    """1234567 -> '1.234.567'; 12.5 with decimals=1 -> '12,5'. None -> '' (not reported is not zero)."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_money(value) -> str:
    """Integer đồng: 1234567 -> '1.234.567 đ'."""
    if value is None or value == "":
        return ""
    return f"{format_number(int(value))} đ"


MAX_MONEY = 10**15  # a million billion đồng: anything larger is a typing slip
MAX_NUMBER = MAX_MONEY
_MONEY_SUFFIX = re.compile(r"\s*(đồng|vnđ|vnd|đ)\s*$", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:[. ]\d{3})+")
_DECIMAL_COMMA = re.compile(r"(\d+|\d{1,3}(?:[. ]\d{3})+),(\d+)")
_DECIMAL_POINT = re.compile(r"\d+\.\d+")  # 12.5: the canonical text of the API and the exchange files


class NumberError(ValidationError, ValueError):
    """A number that cannot be read; its message is Vietnamese and names what was typed. Both a ValidationError
    (forms, services) and a ValueError (plain callers)."""

    def __str__(self):
        return " ".join(self.messages)


def parse_number(raw, *, integral: bool = False, negative: bool = True, money: bool = False,
                 max_value=MAX_NUMBER) -> Decimal | None:
    """The one reader of numbers typed the Vietnamese way (forms, report forms, the API, exchange files, money
    boxes) -> Decimal; "" or None -> None (not reported).

    Accepts 15.000.000, 15000000, 15 000 000 (also with no-break spaces), 12,5 and 1.234,5 (decimal comma),
    12.5 (the canonical text the API and exchange files write) where fractions are allowed, and JSON numbers.
    Refuses 15tr, words, fractions where the measure is integral (`integral`), negatives unless `negative`.
    With `money` a trailing đ / đồng / VNĐ is allowed and messages speak of đồng.
    Raises NumberError (a ValidationError and a ValueError) with a Vietnamese message."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NumberError(f"“{raw}” không phải là số.")
    if isinstance(raw, (int, Decimal, float)):
        try:
            value = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
        except InvalidOperation:
            raise NumberError(f"“{raw}” không phải là số.") from None
        text = str(raw)
    else:
        text = str(raw).replace("\u00a0", " ").replace("\u202f", " ").strip()
        if text == "":
            return None
        if money:
            text = _MONEY_SUFFIX.sub("", text).strip()
        value = _read_text(raw, text, integral, money)
    if not value.is_finite() or abs(value) >= max_value:
        raise NumberError(f"“{raw}” quá lớn.")
    if integral and value != value.to_integral_value():
        if money:
            raise NumberError(f"“{raw}”: số tiền tính bằng đồng, không có phần lẻ.")
        raise NumberError(f"“{raw}”: phải là số nguyên (không có phần lẻ).")
    if value < 0 and not negative:
        raise NumberError("Số tiền không được âm." if money else "Không nhận số âm.")
    return value


def _read_text(raw, text: str, integral: bool, money: bool) -> Decimal:
    sign = -1 if text[:1] in "-−" and text[1:2] != "" else 1
    body = text[1:].strip() if sign < 0 else text
    if re.fullmatch(r"\d+", body) or _GROUPED.fullmatch(body):
        return sign * Decimal(re.sub(r"[. ]", "", body))
    if m := _DECIMAL_COMMA.fullmatch(body):
        return sign * Decimal(f"{re.sub(r'[. ]', '', m[1])}.{m[2]}")
    if _DECIMAL_POINT.fullmatch(body) and not integral:
        return sign * Decimal(body)
    if money:
        raise NumberError(f"“{raw}” không phải số tiền: viết bằng chữ số, ví dụ 15.000.000.")
    if _DECIMAL_POINT.fullmatch(body):
        raise NumberError(f"“{raw}”: phải là số nguyên; hàng nghìn ngăn bằng dấu chấm, ví dụ 1.500.")
    raise NumberError(f"“{raw}” không phải là số: viết bằng chữ số, ví dụ 1.500 hoặc 12,5.")


def parse_money(raw) -> int | None:
    """An amount of đồng as Vietnamese write it -> int; "" -> None. Accepts 15.000.000, 15000000,
    15 000 000 and 15.000.000 đ; refuses 15tr, 15,5 and 15.00 with a Vietnamese message (NumberError, a
    ValueError). The reading is parse_number's."""
    value = parse_number(raw, integral=True, money=True, max_value=MAX_MONEY)
    return None if value is None else int(value)


def format_percent(value, decimals: int = 1) -> str:
    if value is None:
        return ""
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def format_date(value) -> str:
    """date or datetime -> 'dd/mm/yyyy' (datetimes in Asia/Ho_Chi_Minh)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value.strftime("%d/%m/%Y")


def format_datetime(value) -> str:
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y %H:%M")


# --- Amounts in words ("Số tiền bằng chữ") --------------------------------------------------------
#
# The formal reading used on Vietnamese financial statements, receipts and fund books:
#   * every group of three digits after the first non-zero one is read in full, so an empty hundreds
#     place is said: 2.025 -> "hai nghìn không trăm hai mươi lăm";
#   * an empty tens place before a unit is "linh" (not "lẻ"): 105 -> "một trăm linh năm";
#   * 1 after "mươi" is "mốt" (21 "hai mươi mốt"), but "một" after "mười" and "linh" (11, 101);
#   * 5 after "mười"/"mươi" is "lăm" (15, 25), but "năm" after "linh" (105);
#   * 4 after "mươi" is "tư" (24 "hai mươi tư"); everywhere else it is "bốn" (14 "mười bốn",
#     104 "một trăm linh bốn", 400 "bốn trăm"). This is the one place where "tư" is standard; we apply
#     it everywhere in the system so that the same number always reads the same way;
#   * scales are "nghìn" (not "ngàn"), "triệu", "tỷ"; above a thousand billion the scales repeat:
#     "nghìn tỷ", "triệu tỷ", "tỷ tỷ";
#   * negative numbers start with "âm".
# num2words gets these wrong (2025 -> "hai nghìn lẻ hai mươi lăm"), so it is not used.

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _three_digits(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; full=True reads the hundreds even when it is zero ("không trăm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 4:
            words.append("tư")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 10^9; full=True when a higher group has already been read."""
    words: list[str] = []
    for scale, size in (("triệu", 1_000_000), ("nghìn", 1_000), ("", 1)):
        group = n // size % 1000
        if group:
            words += _three_digits(group, full)
            if scale:
                words.append(scale)
            full = True
    return words


def _words(n: int, full: bool = False) -> list[str]:
    billions, rest = divmod(n, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += _words(billions, full) + ["tỷ"]
        full = True
    if rest:
        words += _below_billion(rest, full)
    return words


def amount_in_words(n: int) -> str:
    """Formal Vietnamese reading of an integer, lower case: 2025 -> 'hai nghìn không trăm hai mươi lăm'.

    0 -> 'không'; negative numbers start with 'âm'. See the rules above.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        if isinstance(n, (Decimal, float)) and n == int(n):
            n = int(n)
        else:
            raise ValueError(f"amount_in_words needs an integer, got {n!r}")
    if n == 0:
        return "không"
    prefix = "âm " if n < 0 else ""
    return prefix + " ".join(_words(abs(n)))


def money_in_words(n: int) -> str:
    """Sentence form used after "Số tiền bằng chữ:": 2025 -> 'Hai nghìn không trăm hai mươi lăm đồng'."""
    text = f"{amount_in_words(n)} đồng"
    return text[0].upper() + text[1:]


# --- Place and date line of an official document (ND 30/2020/NĐ-CP) -------------------------------


def place_date_line(place: str, date=None) -> str:
    """'Cư Jút, ngày 16 tháng 3 năm 2023' as ND 30 writes it.

    Days 1-9 and months 1-2 take a leading zero ('ngày 05 tháng 02 năm 2026'); months 3-12 do not.
    Without a date (a draft awaiting signature) the day and month are left blank to be written by hand.
    """
    if date is None:
        return f"{place}, ngày      tháng      năm {datetime.date.today().year}"
    if isinstance(date, datetime.datetime):
        if timezone.is_aware(date):
            date = timezone.localtime(date)
        date = date.date()
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"
