"""Writes to values: form entry (scoped, validated, audited, with history) and register refreshes.
Every write rolls up to the ancestors in the same transaction (indicators.rollup)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts import audit
from campaign.models import Period
from units.models import Level, Unit

from . import rollup
from .models import DataValue, DataValueChange, Measure, org_key
from .registers import get_register

YES_WORDS = {"có", "co", "x", "1", "yes", "đạt", "dat", "true"}
NO_WORDS = {"không", "khong", "0", "no", "chưa", "chua", "false"}
MAX_VALUE = Decimal("1e15")


def parse_value(measure: Measure, raw) -> Decimal | None:
    """Text typed on a form (Vietnamese style: 1.234.567 or 12,5; có/không) -> Decimal; "" -> None (not reported).
    Raises ValidationError with a Vietnamese message."""
    if raw is None or isinstance(raw, bool):
        return None if raw is None else Decimal(int(raw))
    if isinstance(raw, (int, Decimal)):
        value = Decimal(raw)
    else:
        text = str(raw).strip().lower()
        if text == "":
            return None
        if measure.is_bool:
            if text in YES_WORDS:
                return Decimal(1)
            if text in NO_WORDS:
                return Decimal(0)
            raise ValidationError(f"“{raw}” không phải “có” hoặc “không”.")
        text = text.replace(" ", "").replace("đ", "")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValidationError(f"“{raw}” không phải là số.") from None
    if not value.is_finite() or abs(value) >= MAX_VALUE:
        raise ValidationError(f"“{raw}” quá lớn.")
    if measure.is_bool and value not in (0, 1):
        raise ValidationError("Chỉ nhận “có” hoặc “không”.")
    if measure.value_type in (Measure.ValueType.COUNT, Measure.ValueType.MONEY):
        if value != value.to_integral_value():
            what = "Số tiền (đồng)" if measure.value_type == Measure.ValueType.MONEY else "Số lượng"
            raise ValidationError(f"{what} phải là số nguyên.")
        if value < 0:
            raise ValidationError("Không nhận số âm.")
    return value


def _write(measure, unit, period, org_kind_id, new, source, user) -> rollup.Change | None:
    """Write one value with its history, under a row lock; returns the change to roll up (or None)."""
    key = {"measure": measure, "unit": unit, "period": period, "org_key": org_key(org_kind_id)}
    row = DataValue.objects.select_for_update().filter(**key).first()
    if row is None:
        if new is None:
            return None
        DataValue.objects.bulk_create([DataValue(org_kind_id=org_kind_id, value=None, source=source, **key)],
                                      ignore_conflicts=True)
        row = DataValue.objects.select_for_update().get(**key)
    old = row.value
    if old == new and row.source == source:
        return None
    row.value, row.source, row.updated_by = new, source, user if getattr(user, "is_authenticated", False) else None
    row.save(update_fields=["value", "source", "updated_by", "updated_at"])
    if old != new:
        DataValueChange.objects.create(measure=measure, unit=unit, period=period, org_kind_id=org_kind_id,
                                       old_value=old, new_value=new, source=source, by=row.updated_by)
    return rollup.Change(measure.pk, unit, period.pk, key["org_key"], old, new)


def check_entry(user, measure: Measure, unit: Unit, org_kind_id=None):
    """Raise PermissionDenied/ValidationError unless `user` may type `measure` for `unit` on a form."""
    from accounts import scope

    scope.require_write(user, unit)
    if not measure.is_entered:
        source = f"sổ theo dõi “{measure.register}”" if measure.register else "tử số và mẫu số"
        raise ValidationError(f"“{measure.name}” được tính tự động từ {source}, không nhập tay.")
    if not measure.captured_at(unit):
        raise ValidationError(f"“{measure.name}” được nhập ở cấp {measure.get_level_display().lower()}, "
                              f"không ở {unit.name}.")
    if org_kind_id and not measure.by_organisation:
        raise ValidationError(f"“{measure.name}” không tách theo tổ chức thành viên.")
    org = scope.organisation_filter(user)
    if org is not None and org.kind_id != org_kind_id:
        raise PermissionDenied("Tài khoản tổ chức thành viên chỉ nhập số liệu của tổ chức mình.")


@dataclass
class Entry:
    measure: Measure
    unit: Unit
    raw: object
    org_kind_id: int | None = None
    label: str = ""  # how the form names this row in error messages


def save_entries(user, period: Period, entries: list[Entry]) -> int:
    """Validate every entry first (errors name the row), then write all of them in one transaction.
    Returns the number of values changed. Raises ValidationError(list of messages) and writes nothing on error."""
    errors, parsed = [], []
    for e in entries:
        try:
            check_entry(user, e.measure, e.unit, e.org_kind_id)
            parsed.append((e, parse_value(e.measure, e.raw)))
        except ValidationError as exc:
            errors.append(f"{e.label or e.measure.name} ({e.unit.name}): {' '.join(exc.messages)}")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changes = [c for e, value in parsed
                   if (c := _write(e.measure, e.unit, period, e.org_kind_id, value, Measure.Source.FORM, user))]
        rollup.apply_changes(changes)
        units = {c.unit.pk: c.unit for c in changes}
        for unit in units.values():
            n = sum(1 for c in changes if c.unit.pk == unit.pk)
            audit.record(user, audit.Action.UPDATE, unit, verb="Nhập số liệu chỉ số",
                         note=f"{period.name}: {n} giá trị thay đổi", object_type="indicators.datavalue",
                         object_id=f"{unit.pk}:{period.pk}", object_repr=f"Số liệu {unit.name} · {period.name}")
    return len(changes)


def set_value(user, measure: Measure, unit: Unit, period: Period, value, org_kind=None) -> int:
    """Form entry of one value (see save_entries)."""
    return save_entries(user, period, [Entry(measure, unit, value, getattr(org_kind, "pk", org_kind))])


def _as_decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    return Decimal(value)


def _capture_unit(measure: Measure, unit: Unit) -> Unit | None:
    """The unit at which `measure` is captured for a row of `unit` (itself, or its ancestor at that level)."""
    if measure.captured_at(unit):
        return unit
    if measure.level in (Level.COMMUNE, Level.PROVINCE):
        for ancestor in unit.ancestors():
            if ancestor.level == measure.level:
                return ancestor
    return None


def refresh(register_code: str, unit: Unit, on: datetime.date, user=None) -> int:
    """Recompute a register's measures for `unit` in every existing period containing `on`, and roll up.
    Registers call this inside the transaction that changed their rows. Returns the number of values changed."""
    reg = get_register(register_code)
    # ratios are never computed by a register: they are rolled up from their numerator and denominator
    measures = list(Measure.objects.filter(register=register_code, code__in=[d.code for d in reg.measures])
                    .exclude(aggregation=Measure.Aggregation.RATIO))
    periods = list(Period.objects.filter(start__lte=on, end__gte=on))
    changes = []
    with transaction.atomic():
        for measure in measures:
            target = _capture_unit(measure, unit)
            if target is None:
                continue
            for period in periods:
                computed = {k: _as_decimal(v) for k, v in reg.compute(measure.code, period, [target]).items()
                            if k[0] == target.pk}
                existing = set(DataValue.objects.filter(measure=measure, unit=target, period=period,
                                                        value__isnull=False).values_list("org_key", flat=True))
                keys = {org for _, org in computed} | {k or None for k in existing}
                for org in sorted(keys, key=lambda k: k or 0):
                    new = computed.get((target.pk, org))
                    if c := _write(measure, target, period, org, new, Measure.Source.REGISTER, user):
                        changes.append(c)
        rollup.apply_changes(changes)
    return len(changes)


def refresh_all(register_code: str, periods=None) -> int:
    """Re-derive a register's measures for every unit (after adding a register, or to repair): bulk writes,
    then a rebuild of the affected periods. Returns the number of values written."""
    reg = get_register(register_code)
    # ratios are never computed by a register: they are rolled up from their numerator and denominator
    measures = list(Measure.objects.filter(register=register_code, code__in=[d.code for d in reg.measures])
                    .exclude(aggregation=Measure.Aggregation.RATIO))
    periods = list(periods if periods is not None else Period.objects.all())
    written = 0
    with transaction.atomic():
        for measure in measures:
            units = Unit.objects.all() if measure.level == "any" else Unit.objects.filter(level=measure.level)
            units = list(units.only("pk", "path", "level", "parent_id"))
            for period in periods:
                computed = {}
                for i in range(0, len(units), 2000):
                    computed.update(reg.compute(measure.code, period, units[i:i + 2000]))
                current = {(u, o or None): (pk, v) for pk, u, o, v in DataValue.objects.filter(
                    measure=measure, period=period).values_list("pk", "unit_id", "org_key", "value")}
                new_rows, updates, history = [], [], []
                for key in computed.keys() | current.keys():
                    value = _as_decimal(computed.get(key))
                    pk, old = current.get(key, (None, None))
                    if pk is None and value is None or pk is not None and old == value:
                        continue
                    history.append(DataValueChange(measure=measure, unit_id=key[0], period=period, org_kind_id=key[1],
                                                   old_value=old, new_value=value, source=Measure.Source.REGISTER))
                    if pk is None:
                        new_rows.append(DataValue(measure=measure, unit_id=key[0], period=period, org_kind_id=key[1],
                                                  org_key=org_key(key[1]), value=value,
                                                  source=Measure.Source.REGISTER))
                    else:
                        updates.append(DataValue(pk=pk, value=value, source=Measure.Source.REGISTER))
                DataValue.objects.bulk_create(new_rows, batch_size=2000)
                DataValue.objects.bulk_update(updates, ["value", "source"], batch_size=2000)
                DataValueChange.objects.bulk_create(history, batch_size=2000)
                written += len(history)
        rollup.rebuild([p.pk for p in periods])
    return written


def create_measure(user, form) -> Measure:
    """An administrator adds a measure (typed on forms); audited."""
    from accounts import scope

    if not scope.can_manage_users(user):
        raise PermissionDenied("Chỉ quản trị viên được thêm chỉ số.")
    with transaction.atomic():
        measure = form.save(commit=False)
        measure.source, measure.register, measure.from_catalogue = Measure.Source.FORM, "", False
        measure.full_clean()
        measure.save()
        form.save_m2m()
        audit.created(user, measure)
    return measure
