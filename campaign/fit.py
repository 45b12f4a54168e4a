"""Which criteria fit a unit: new-rural criteria (nông thôn mới) are for communes (xã), civilised-urban criteria
(đô thị văn minh) for wards (phường) — and for their residential areas. Every page where criteria or a
recognition subject are chosen asks here, so a rural commune is never offered urban criteria and a ward never
rural ones. Special zones (đặc khu) and units above the commune may use both.
"""

from .models import CriteriaSet

RURAL_KINDS = {CriteriaSet.Kind.NEW_RURAL, CriteriaSet.Kind.NEW_RURAL_ADVANCED, CriteriaSet.Kind.NEW_RURAL_MODEL}
URBAN_KINDS = {CriteriaSet.Kind.CIVILISED_URBAN}
ANYWHERE = {CriteriaSet.Kind.OTHER, "custom"}  # "custom": a survey's own subject


def setting(unit) -> str | None:
    """'urban' for a ward (or a unit flagged urban) and its areas, 'rural' for a commune and its areas, None
    otherwise (a special zone, a province, the nation)."""
    from units.models import Kind, Level

    if unit is None:
        return None
    commune = unit.parent if unit.level == Level.AREA and unit.parent_id else unit
    if commune.level != Level.COMMUNE:
        return None
    if commune.kind == Kind.WARD or commune.is_urban:
        return "urban"
    if commune.kind == Kind.COMMUNE:
        return "rural"
    return None


def kinds_for(unit) -> set | None:
    """The criteria-set kinds that fit `unit` (None: every kind)."""
    where = setting(unit)
    if where is None:
        return None
    return (URBAN_KINDS if where == "urban" else RURAL_KINDS) | ANYWHERE


def fits(unit, kind) -> bool:
    allowed = kinds_for(unit)
    return allowed is None or kind in allowed


def refusal(unit, kind) -> str:
    """Why `kind` does not fit `unit`, in Vietnamese."""
    if setting(unit) == "urban":
        return f"{unit.name} là đơn vị đô thị: chỉ dùng tiêu chí đô thị văn minh, không dùng tiêu chí nông thôn mới."
    return f"{unit.name} là xã (nông thôn): chỉ dùng tiêu chí nông thôn mới, không dùng tiêu chí đô thị văn minh."


def criteria_sets(queryset, unit):
    allowed = kinds_for(unit)
    return queryset if allowed is None else queryset.filter(kind__in=allowed)


def criteria(queryset, unit):
    """Criterion rows whose set fits `unit`."""
    allowed = kinds_for(unit)
    return queryset if allowed is None else queryset.filter(criteria_set__kind__in=allowed)
