"""How a value reads in Vietnamese: "—" when not reported (never 0), có/không, percentages, đồng."""

from decimal import Decimal

from core.formatting import format_money, format_number, format_percent

NOT_REPORTED = "—"


def _number(value) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return format_number(value)
    return format_number(value, 2).rstrip("0").rstrip(",")


def show(measure, reading, is_area=None) -> str:
    """One unit's value as text. `reading` is an indicators.queries.Reading (or None)."""
    if reading is None or reading.value is None:
        return NOT_REPORTED
    area = reading.is_area if is_area is None else is_area
    if measure.is_bool:
        if area:
            return "Có" if reading.value > 0 else "Không"
        return f"{_number(reading.value)}/{reading.reporting}"
    if measure.is_ratio:
        return format_percent(reading.value, 1) if measure.scale == 100 else _number(round(reading.value, 2))
    if measure.value_type == "money":
        return format_money(reading.value)
    return _number(reading.value)


def export_value(measure, reading):
    """The value as a number for XLSX/CSV (None = not reported = empty cell)."""
    if reading is None or reading.value is None:
        return None
    if measure.is_ratio:
        return float(round(reading.value, 2))
    value = reading.value
    return int(value) if value == value.to_integral_value() else float(value)
