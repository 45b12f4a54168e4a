"""The register interface: how an app that keeps facts (initiatives, activities, households, funds …) derives
measures from them. An app declares its registers in `<app>/measures.py`; nothing else needs editing.

    from indicators.registers import Register, MeasureDef, register

    @register
    class ActivitiesRegister(Register):
        code = "activities"
        measures = [MeasureDef(code="great_unity_day_held", name="…", value_type="bool", level="area",
                               aggregation="count_yes", unit_label="khu dân cư", content=2)]

        def compute(self, measure_code, period, units):
            return {(unit.pk, None): True for unit in units if ...}

After any write to its rows, the register's service calls, inside its transaction,
`indicators.services.refresh("activities", unit=<unit of the row>, on=<date of the row>)`.
A MeasureDef whose code is already in the catalogue claims that measure: it becomes read-only on forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec

_REGISTERS: dict[str, "Register"] = {}
_DISCOVERED = False


@dataclass(frozen=True)
class MeasureDef:
    code: str
    name: str
    value_type: str = "count"  # count, bool, money, number, ratio
    level: str = "area"  # area, commune, province, any
    aggregation: str = "sum"  # sum, count_yes, ratio, min, max, last
    unit_label: str = ""
    content: int | None = None  # campaign content number 1–5
    criteria: tuple = ()  # ((criteria set code, criterion number), …)
    by_organisation: bool = False
    numerator: str = ""  # measure codes, for ratios
    denominator: str = ""
    scale: int = 1
    description: str = ""
    order: int = 1000

    def fields(self) -> dict:
        return {"name": self.name, "value_type": self.value_type, "level": self.level,
                "aggregation": self.aggregation, "unit_label": self.unit_label, "by_organisation": self.by_organisation,
                "scale": self.scale, "description": self.description, "order": self.order}


class Register:
    """Base class: subclasses set `code`, `name` (Vietnamese, shown as the value's source) and `measures`."""

    code: str = ""
    name: str = ""
    measures: list[MeasureDef] = []

    def compute(self, measure_code: str, period, units) -> dict[tuple[int, int | None], Decimal | int | bool]:
        """Values of `measure_code` for these units (all at the measure's capture level) in `period`
        (use period.start / period.end), keyed by (unit_id, org_kind_id or None). A missing key: not reported."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        return self.name or self.code


def register(cls):
    """Class decorator: make a register known (by its code) to indicators."""
    if not cls.code:
        raise ValueError(f"{cls.__name__} has no code")
    _REGISTERS[cls.code] = cls()
    return cls


def discover():
    """Import `<app>.measures` in every installed app (once), which registers their registers."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    from django.apps import apps

    for config in apps.get_app_configs():
        name = f"{config.name}.measures"
        if find_spec(name) is not None:
            import_module(name)
    _DISCOVERED = True


def all_registers() -> dict[str, Register]:
    discover()
    return dict(_REGISTERS)


def get_register(code: str) -> Register:
    discover()
    try:
        return _REGISTERS[code]
    except KeyError:
        raise LookupError(f"Không có sổ theo dõi với mã {code!r}.") from None


def unregister(code: str):
    """For tests that define a throw-away register."""
    _REGISTERS.pop(code, None)
