"""The register contract: how an app that keeps facts (initiatives, activities, households, funds …) derives
measures from them. The catalogue (`indicators/catalogue.py`) is the only definition of a measure; a register
claims catalogue codes and declares, for each, *how* it is derived. `indicators` owns the rest: which periods a
change touches, deriving every period that exists, the rollup and the integrity checks (see docs/registers.md).

    from indicators.registers import Count, Derivation, During, Register, register

    @register
    class ActivitiesRegister(Register):
        code = "activities"
        name = "Sổ hoạt động"
        derivations = [
            Derivation("festivals", model=Activity, window=During("held_on"), filter=Q(kind="festival"),
                       aggregate=Count(), organisation="organisation__kind"),
        ]

After a write to its rows a register says only which rows changed, inside the transaction of the write:
`indicators.services.changed("activities", unit, start, end)`.
"""

from __future__ import annotations

import contextvars
import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec
from typing import Callable

from django.db.models import Q

_REGISTERS: dict[str, "Register"] = {}
_DISCOVERED = False


_AS_OF: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar("spine_as_of", default=None)


def today() -> datetime.date:
    """The day measures "as at today" are judged on (Derivation(daily=True)): the day the daily job runs for
    (`as_of`), otherwise today."""
    from django.utils import timezone

    return _AS_OF.get() or timezone.localdate()


@contextmanager
def as_of(day: datetime.date):
    """Derive date-dependent measures as at `day` (the daily job run for a given date)."""
    token = _AS_OF.set(day)
    try:
        yield
    finally:
        _AS_OF.reset(token)


# --- measure definitions (the catalogue's rows) -----------------------------------------------------------
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


# --- which rows count in a period (evaluated in SQL for bulk work, in Python for one unit's rows) -----------
class Window:
    fields: tuple[str, ...] = ()

    def q(self, period) -> Q:
        raise NotImplementedError

    def test(self, row: dict, period) -> bool:
        raise NotImplementedError


@dataclass(frozen=True)
class During(Window):
    """Events: the row's date lies in the period (a Great Unity Day, a receipt, a supervision)."""

    date: str

    @property
    def fields(self):
        return (self.date,)

    def q(self, period):
        return Q(**{f"{self.date}__gte": period.start, f"{self.date}__lte": period.end})

    def test(self, row, period):
        day = row[self.date]
        return day is not None and period.start <= day <= period.end


@dataclass(frozen=True)
class Running(Window):
    """Stocks: the row started by the period's end and had not ended before its start (a model running)."""

    start: str
    end: str | None = None

    @property
    def fields(self):
        return (self.start,) + ((self.end,) if self.end else ())

    def q(self, period):
        q = Q(**{f"{self.start}__lte": period.end})
        if self.end:
            q &= Q(**{f"{self.end}__isnull": True}) | Q(**{f"{self.end}__gte": period.start})
        return q

    def test(self, row, period):
        begun = row[self.start]
        if begun is None or begun > period.end:
            return False
        ended = row[self.end] if self.end else None
        return ended is None or ended >= period.start


@dataclass(frozen=True)
class Until(Window):
    """Accumulated state: every row dated up to the period's end counts (a covenant as amended so far)."""

    date: str

    @property
    def fields(self):
        return (self.date,)

    def q(self, period):
        return Q(**{f"{self.date}__lte": period.end})

    def test(self, row, period):
        day = row[self.date]
        return day is not None and day <= period.end


@dataclass(frozen=True)
class Within(Window):
    """Rows that stand for a span of their own (a quarter's summary): the row's span lies inside the period, so a
    quarterly summary counts in its quarter, its half and its year, never in a month."""

    start: str
    end: str

    @property
    def fields(self):
        return (self.start, self.end)

    def q(self, period):
        return Q(**{f"{self.start}__gte": period.start, f"{self.end}__lte": period.end})

    def test(self, row, period):
        start, end = row[self.start], row[self.end]
        return start is not None and end is not None and period.start <= start and end <= period.end


@dataclass(frozen=True)
class InYear(Window):
    """Yearly lists and titles: the row's year is the year the period stands for (`year_of(period)`, None when the
    period stands for none — a quarter that does not end a title year)."""

    year: str
    year_of: Callable = field(default=lambda period: period.end.year)

    @property
    def fields(self):
        return (self.year,)

    def q(self, period):
        year = self.year_of(period)
        return Q(pk__in=[]) if year is None else Q(**{self.year: year})

    def test(self, row, period):
        year = self.year_of(period)
        return year is not None and row[self.year] == year


# --- how matching rows become one value --------------------------------------------------------------------
@dataclass(frozen=True)
class Count:
    """Number of matching rows."""

    field: str = "pk"
    distinct: bool = True


@dataclass(frozen=True)
class CountDistinct(Count):
    """Number of distinct values of a field (households supported, counted once)."""

    field: str = "pk"


@dataclass(frozen=True)
class Sum:
    """Sum of a field over matching rows (rows whose field is NULL are left out); `sign` -1 for credits."""

    field: str
    sign: int = 1


@dataclass(frozen=True)
class Any:
    """Yes/no: yes when a matching row exists (or, with `field`, when one has that field true)."""

    field: str | None = None


ZERO, NOT_REPORTED = "zero", "not_reported"


@dataclass(frozen=True)
class Derivation:
    """How one catalogue measure is derived from a register's rows.

    model         the Django model (or "app.Model") holding the rows
    unit          path to the unit the value belongs to ("unit", "household__unit", "fund__unit")
    organisation  path to the member-organisation kind, for measures split by organisation ("organisation__kind")
    window        which rows count in a period: During, Running, Until, Within, InYear
    filter        which rows count at all (a Q; joins allowed)
    aggregate     Count(), CountDistinct(field), Sum(field), Any(field=None)
    missing       ZERO: the register knows every unit: no matching row reads 0 (not stored);
                  NOT_REPORTED: only units with rows report (titles entered per area, survey rolls)
    compute       escape hatch for the few measures that need code: compute(period, unit_ids) ->
                  {(unit_id, org_kind_id or None): value}; a missing key is not reported (or 0 with ZERO)
    daily         the value also depends on today's date ("overdue as at today"): re-derived every day
    """

    measure: str
    model: object = None
    unit: str = "unit"
    organisation: str | None = None
    window: Window | None = None
    filter: Q = field(default_factory=Q)
    aggregate: object = field(default_factory=Count)
    missing: str = ZERO
    compute: Callable | None = None
    daily: bool = False  # depends on today's date too (re-derived by the daily job)

    def __post_init__(self):
        if self.compute is None and (self.model is None or self.window is None):
            raise ValueError(f"{self.measure}: a derivation needs model and window, or compute")
        if self.missing not in (ZERO, NOT_REPORTED):
            raise ValueError(f"{self.measure}: missing must be ZERO or NOT_REPORTED")

    def get_model(self):
        if isinstance(self.model, str):
            from django.apps import apps

            return apps.get_model(self.model)
        return self.model


class Register:
    """Base class: subclasses set `code`, `name` (Vietnamese, shown as the value's source) and `derivations`."""

    code: str = ""
    name: str = ""
    derivations: list[Derivation] = []

    @property
    def label(self) -> str:
        return self.name or self.code

    @property
    def codes(self) -> list[str]:
        return [d.measure for d in self.derivations]

    def derivation(self, code: str) -> Derivation:
        for d in self.derivations:
            if d.measure == code:
                return d
        raise LookupError(code)


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


def as_decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, datetime.date):
        raise TypeError("a date is not a value")
    return Decimal(value)
