"""Periods are made on demand from their code, so every year has its halves, quarters and months."""

import calendar
import datetime
import re

from django.db import transaction

from .models import Period

Kind = Period.Kind


def _spec(code: str):
    if m := re.fullmatch(r"(\d{4})-(\d{4})", code):
        a, b = int(m[1]), int(m[2])
        if b < a:
            raise ValueError(f"Giai đoạn {code} có năm kết thúc trước năm bắt đầu.")
        return Kind.PHASE, datetime.date(a, 1, 1), datetime.date(b, 12, 31), f"Giai đoạn {a}–{b}"
    if m := re.fullmatch(r"(\d{4})", code):
        y = int(m[1])
        return Kind.YEAR, datetime.date(y, 1, 1), datetime.date(y, 12, 31), f"Năm {y}"
    if m := re.fullmatch(r"(\d{4})-h([12])", code):
        y, h = int(m[1]), int(m[2])
        start = datetime.date(y, 1 if h == 1 else 7, 1)
        end = datetime.date(y, 6, 30) if h == 1 else datetime.date(y, 12, 31)
        return Kind.HALF, start, end, f"6 tháng {'đầu' if h == 1 else 'cuối'} năm {y}"
    if m := re.fullmatch(r"(\d{4})-q([1-4])", code):
        y, q = int(m[1]), int(m[2])
        start = datetime.date(y, 3 * q - 2, 1)
        end = datetime.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        return Kind.QUARTER, start, end, f"Quý {['I', 'II', 'III', 'IV'][q - 1]} năm {y}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", code):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise ValueError(f"Tháng không hợp lệ trong mã kỳ {code}.")
        return Kind.MONTH, datetime.date(y, mo, 1), datetime.date(y, mo, calendar.monthrange(y, mo)[1]), \
            f"Tháng {mo} năm {y}"
    raise ValueError(f"Mã kỳ không hợp lệ: {code} (ví dụ 2026, 2026-h1, 2026-q2, 2026-05, 2026-2030).")


def get_period(code: str) -> Period:
    """The period with this code, created if needed: '2026', '2026-h1', '2026-q3', '2026-05', '2021-2025'.
    A new period is derived by the spine in the same transaction (indicators.apps.period_created), so nobody
    can read it before its register values are there."""
    kind, start, end, name = _spec(code)
    period = Period.objects.filter(code=code).first()
    if period is None:
        with transaction.atomic():
            period, _ = Period.objects.get_or_create(code=code, defaults={"kind": kind, "start": start, "end": end,
                                                                           "name": name})
    return period


def year_codes(year: int) -> list[str]:
    """The periods a year is reported in: the year, its halves and quarters."""
    return [str(year), f"{year}-h1", f"{year}-h2"] + [f"{year}-q{q}" for q in range(1, 5)]


def open_periods(today: datetime.date) -> list[Period]:
    """The daily job: the current and the next year exist with their halves and quarters (each derived when
    created), plus the current month."""
    codes = year_codes(today.year) + year_codes(today.year + 1) + [f"{today:%Y-%m}"]
    return [get_period(code) for code in codes]


def previous_same(period: Period) -> Period | None:
    """The same period one year earlier (for 'so với cùng kỳ năm trước'); None for phases."""
    if period.kind == Kind.PHASE:
        return None
    year = int(period.code[:4])
    return get_period(f"{year - 1}{period.code[4:]}")
