"""Vietnamese formatting, in one place: dates dd/mm/yyyy, numbers 1.234.567, money in đồng."""

import datetime
from decimal import Decimal

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
