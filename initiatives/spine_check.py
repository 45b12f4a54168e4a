"""Integrity: the values the spine stores for a register equal a recompute from the register's raw rows."""

from decimal import Decimal


def _norm(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    return Decimal(value).normalize()


def mismatches(register_code: str, limit: int = 5) -> list[str]:
    from campaign.models import Period
    from indicators.models import DataValue, Measure
    from indicators.registers import get_register
    from units.models import Unit

    from indicators.registers import all_registers

    if register_code not in all_registers():
        return []  # the register is not in use: the spine holds nothing derived from it
    reg = get_register(register_code)
    problems = []
    periods = list(Period.objects.all())
    for measure in Measure.objects.filter(register=register_code):
        units = Unit.objects.all() if measure.level == "any" else Unit.objects.filter(level=measure.level)
        ids = list(units.values_list("pk", flat=True))
        derived_periods = set(DataValue.objects.filter(measure=measure).values_list("period_id", flat=True).distinct())
        for period in periods:
            if period.pk not in derived_periods:
                continue  # a period made after the last derivation: nothing stored to compare yet
            computed = {}
            for i in range(0, len(ids), 2000):
                computed.update(reg.compute(measure.code, period, ids[i:i + 2000]))
            stored = {(u, o or None): v for u, o, v in DataValue.objects.filter(
                measure=measure, period=period, value__isnull=False).values_list("unit_id", "org_kind_id", "value")}
            computed = {k: _norm(v) for k, v in computed.items() if v is not None}
            stored = {k: _norm(v) for k, v in stored.items()}
            for key in computed.keys() | stored.keys():
                if computed.get(key) != stored.get(key):
                    problems.append(f"{measure.code} {period.code} đơn vị #{key[0]}"
                                    f"{f' (tổ chức loại #{key[1]})' if key[1] else ''}: lưu {stored.get(key)}, "
                                    f"tính lại {computed.get(key)}")
                    if len(problems) >= limit:
                        return problems
    return problems
