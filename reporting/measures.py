"""The only place where reporting talks to the spine (app `indicators`): which measures a round asks for,
which of them a register or the children's rollup already knows (shown read-only), the stored values, and
the writes of a submitted form's values. Nothing here stores a value itself.

Until the spine is installed every function answers "no measures", so the workflow and narratives work alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.apps import apps


def installed() -> bool:
    return apps.is_installed("indicators")


@dataclass
class Field:
    """One measure on a report form."""

    code: str
    name: str
    value_type: str  # count | bool | money | number | ratio
    unit_label: str = ""
    content: int | None = None
    read_only: bool = False
    source: str = ""  # why it is read-only: "Sổ theo dõi mô hình", "Tổng hợp từ các khu dân cư"
    known: object = None  # the value the register or rollup knows


def measures(codes) -> list:
    if not installed() or not codes:
        return []
    from indicators.models import Measure

    by_code = {m.code: m for m in Measure.objects.filter(code__in=codes).select_related("content")}
    return [by_code[c] for c in codes if c in by_code]


def parse(value_type: str, raw, label: str):
    """A typed value from form text; None for empty (not reported). Raises ValueError with a Vietnamese message."""
    text = ("" if raw is None else str(raw)).strip()
    if text == "":
        return None
    if value_type == "bool":
        if text.lower() in {"1", "co", "có", "true", "yes"}:
            return True
        if text.lower() in {"0", "khong", "không", "false", "no"}:
            return False
        raise ValueError(f"“{label}”: chọn Có hoặc Không.")
    cleaned = text.replace(" ", "")
    if value_type in {"count", "money"}:
        cleaned = cleaned.replace(".", "").replace(",", "")
        if not cleaned.isdigit():
            kind = "số tiền (đồng, số nguyên)" if value_type == "money" else "số nguyên không âm"
            raise ValueError(f"“{label}”: “{text}” không phải {kind}.")
        return int(cleaned)
    try:
        number = Decimal(cleaned.replace(".", "").replace(",", ".") if "," in cleaned else cleaned)
    except InvalidOperation:
        raise ValueError(f"“{label}”: “{text}” không phải một số.") from None
    if number < 0:
        raise ValueError(f"“{label}”: không được âm.")
    return int(number) if number == number.to_integral_value() else float(number)


def plain(value):
    """A JSON-ready form of a stored value (Decimal → int/float)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def form_fields(sub) -> list[Field]:
    """The measures of the submission's round as form fields, with what is already known read-only."""
    if not installed():
        return []
    return _spine_form_fields(sub)


def write_values(actor, sub) -> None:
    """Store a submitted form's values through the spine (which keeps history and rolls them up)."""
    if installed():
        _spine_write_values(actor, sub)


def _spine_form_fields(sub):  # filled in when the spine lands
    return []


def _spine_write_values(actor, sub):
    return None


def rollup_values(units, period, codes) -> dict[int, dict[str, object]]:
    """{unit id: {measure code: value}} from the spine's rollup (each unit with everything under it)."""
    if not installed() or not codes or period is None:
        return {}
    return _spine_rollup_values(list(units), period, list(codes))


def targets_for(rnd) -> dict[str, list[dict]]:
    """{measure code: [{"label", "threshold", "actual", "met"}]} for the issuer's targets in the round's period."""
    if not installed():
        return {}
    return _spine_targets(rnd)


def _spine_rollup_values(units, period, codes):
    return {}


def _spine_targets(rnd):
    return {}


def all_measures() -> list:
    """Every active measure a round may ask for (empty until the spine is installed)."""
    if not installed():
        return []
    from indicators.models import Measure

    return list(Measure.objects.filter(is_active=True).select_related("content"))


def demo_measures() -> list:
    """The measures the demo rounds ask for (the spine's form measures of the campaign), if installed."""
    if not installed():
        return []
    return _spine_demo_measures()


def demo_values(rnd, subs, rng) -> None:
    """Demo: the submitted submissions' values, stored through the spine (bulk)."""
    if installed() and rnd.measure_codes:
        _spine_demo_values(rnd, subs, rng)


def _spine_demo_measures():
    return []


def _spine_demo_values(rnd, subs, rng):
    return None


def accepted_value_mismatches() -> list[str]:
    """'Unit · measure: submitted X, stored Y' for accepted submissions whose values differ from the spine's."""
    if not installed():
        return []
    return _spine_mismatches()


def _spine_mismatches():
    return []
