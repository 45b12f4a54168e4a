"""Value sets (like DHIS2's dataValueSets): the values captured in a unit's subtree for one period, read and
written in the one format shared by the API and the exchange files (CSV/XLSX/JSON).

A row: {"period": "2026", "unit": "01933/01", "measure": "great_unity_day_held", "org_kind": null, "value": "1"}.
`unit` is the unit's reference: the official code of a province or commune ("19", "01933"), or for units
whose code is unique only under their parent, "<parent reference>/<code>" ("01933/01" is thôn 01 of
Xã Đồng Phúc). Writes go through indicators.services.save_entries (the one write path: scope, capture level,
register-owned, type; audited, rolled up), all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from accounts import scope
from campaign.models import Period
from indicators import services
from indicators.models import DataValue, Measure
from units.models import Level, OrganisationKind, Unit

OFFICIAL_LEVELS = (Level.NATION, Level.PROVINCE, Level.COMMUNE)
MAX_ROWS = 20000


def unit_ref(unit: Unit, parents: dict[int, Unit] | None = None) -> str:
    """'19', '01933', '01933/01' (parents: {id: Unit} to avoid a query per row)."""
    if unit.level in OFFICIAL_LEVELS or not unit.parent_id:
        return unit.code
    parent = (parents or {}).get(unit.parent_id) or unit.parent
    return f"{unit_ref(parent, parents)}/{unit.code}"


def resolve_unit(ref) -> Unit | None:
    """The unit a reference (or an id given as a number) names, or None."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        return Unit.objects.filter(pk=ref).first()
    ref = str(ref or "").strip()
    if not ref:
        return None
    *parents, code = ref.split("/")
    if not parents:
        return Unit.objects.filter(level__in=OFFICIAL_LEVELS, code=code).order_by("depth").first()
    parent = resolve_unit("/".join(parents))
    return Unit.objects.filter(parent=parent, code=code).first() if parent else None


def format_value(value: Decimal | None, places: int = 4) -> str | None:
    """Decimal -> canonical text: '1500', '12.5', a rate at most `places` decimals ('83.6957')."""
    if value is None:
        return None
    value = Decimal(value).quantize(Decimal(1).scaleb(-places)).normalize()
    return format(value.quantize(Decimal(1)) if value == value.to_integral_value() else value, "f")


def get_period(code) -> Period:
    period = Period.objects.filter(code=str(code or "").strip()).first()
    if period is None:
        raise ValidationError(f"Kỳ “{code}” không có (ví dụ 2026, 2026-h1, 2026-q2).")
    return period


def read(user, unit: Unit, period: Period, measure_codes=None, offset=0, limit=None) -> tuple[int, list[dict]]:
    """(total, rows) of the values captured in `unit`'s subtree (scope-checked by the caller with
    scope.get_unit) for `period`, in tree order; member-organisation officers read only their organisation's part."""
    qs = (scope.scope_queryset(user, DataValue.objects.filter(period=period, value__isnull=False,
                                                              measure__is_active=True), "unit")
          .filter(unit__path__gte=unit.path, unit__path__lt=unit.path + "A"))
    if measure_codes:
        qs = qs.filter(measure__code__in=list(measure_codes))
    org = scope.organisation_filter(user)
    if org is not None:
        qs = qs.filter(org_kind_id=org.kind_id)
    total = qs.count()
    qs = qs.select_related("measure", "unit", "org_kind").order_by("unit__path", "measure__code", "org_key")
    rows = list(qs[offset:offset + limit] if limit is not None else qs[offset:])
    parent_ids = {v.unit.parent_id for v in rows if v.unit.level not in OFFICIAL_LEVELS}
    parents = Unit.objects.in_bulk(parent_ids)
    return total, [{
        "period": period.code, "unit": unit_ref(v.unit, parents), "unit_id": v.unit_id, "unit_name": v.unit.name,
        "measure": v.measure.code, "measure_name": v.measure.name,
        "org_kind": v.org_kind.code if v.org_kind_id else None, "value": format_value(v.value),
        "source": v.source, "updated_at": v.updated_at,
    } for v in rows]


@dataclass
class RowError:
    index: int  # 0-based position in the set
    field: str  # "unit", "measure", "org_kind", "value", "period" or "" (the whole row)
    message: str
    outside_scope: bool = False  # the row names a unit outside the caller's scope (the API answers 403)


@dataclass
class Outcome:
    received: int
    changed: int = 0
    errors: list[RowError] = field(default_factory=list)


class Rejected(Exception):
    """The set was refused; nothing was written. `errors` name each row and field."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(e.message for e in errors[:5]))
        self.errors = errors


def write(user, period_code, rows: list[dict], *, row_label=lambda i: f"values[{i}]") -> Outcome:
    """Validate every row (the same checks as a form save), then write them all through
    indicators.services.save_entries in one transaction, or nothing. Writing the same set again changes
    nothing (idempotent). Raises Rejected."""
    if len(rows) > MAX_ROWS:
        raise Rejected([RowError(-1, "", f"Tối đa {MAX_ROWS:,} giá trị mỗi lần (nhận {len(rows):,}).".replace(",", "."))])
    errors: list[RowError] = []
    try:
        default_period = get_period(period_code) if period_code not in (None, "") else None
    except ValidationError as exc:
        raise Rejected([RowError(-1, "period", exc.messages[0])]) from None
    measures = {m.code: m for m in Measure.objects.filter(is_active=True)}
    kinds = {k.code: k for k in OrganisationKind.objects.all()}
    unit_cache: dict[str, Unit | None] = {}
    entries_by_period: dict[int, tuple[Period, list[services.Entry]]] = {}
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        label = row_label(i)
        row_errors = []
        period = default_period
        if row.get("period") not in (None, ""):
            try:
                period = get_period(row["period"])
            except ValidationError as exc:
                row_errors.append(RowError(i, "period", f"{label}: {exc.messages[0]}"))
                period = None
            else:
                if default_period and period.pk != default_period.pk:
                    row_errors.append(RowError(i, "period", f"{label}: kỳ “{row['period']}” khác kỳ của "
                                                            f"bộ số liệu “{default_period.code}”."))
        elif default_period is None:
            row_errors.append(RowError(i, "period", f"{label}: thiếu kỳ."))
        ref = row.get("unit_id") or row.get("unit")
        key = repr(ref)
        if key not in unit_cache:
            unit_cache[key] = resolve_unit(ref)
        unit = unit_cache[key]
        if unit is None:
            row_errors.append(RowError(i, "unit", f"{label}: không có đơn vị “{ref or ''}”."))
        elif not scope.in_scope(user, unit):
            row_errors.append(RowError(i, "unit", f"{label}: {unit.name} ({ref}) nằm ngoài phạm vi của bạn.",
                                       outside_scope=True))
        measure = measures.get(str(row.get("measure") or "").strip())
        if measure is None:
            row_errors.append(RowError(i, "measure", f"{label}: không có chỉ số “{row.get('measure') or ''}”."))
        org_kind = None
        if row.get("org_kind") not in (None, ""):
            org_kind = kinds.get(str(row["org_kind"]).strip())
            if org_kind is None:
                row_errors.append(RowError(i, "org_kind", f"{label}: không có tổ chức thành viên “{row['org_kind']}”."))
        if not row_errors:
            try:
                services.check_entry(user, measure, unit, org_kind.pk if org_kind else None)
                services.parse_value(measure, row.get("value"))
            except (ValidationError, PermissionDenied) as exc:
                text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                row_errors.append(RowError(i, "value", f"{label} ({measure.code} · {unit.name}): {text}"))
            else:
                dup = (period.pk, measure.pk, unit.pk, org_kind.pk if org_kind else None)
                if dup in seen:
                    row_errors.append(RowError(i, "", f"{label}: trùng với {row_label(seen[dup])} "
                                                      f"(cùng kỳ, đơn vị, chỉ số, tổ chức)."))
                else:
                    seen[dup] = i
                    entries_by_period.setdefault(period.pk, (period, []))[1].append(services.Entry(
                        measure, unit, row.get("value"), org_kind.pk if org_kind else None, label))
        errors += row_errors
    if errors:
        raise Rejected(errors)
    outcome = Outcome(received=len(rows))
    from django.db import transaction

    try:
        with transaction.atomic():
            for period, entries in entries_by_period.values():
                outcome.changed += services.save_entries(user, period, entries)
    except (ValidationError, PermissionDenied) as exc:  # re-checked by the write path; raced with a change
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise Rejected([RowError(-1, "", m) for m in messages]) from None
    return outcome
