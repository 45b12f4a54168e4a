"""Load the official list of provinces and communes (post-1/7/2025) from the `vietnam-provinces` package."""

from django.db import transaction

from .models import Kind, Level, Unit

NATION_CODE = "VN"
_PROVINCE_KIND = {"tỉnh": Kind.PROVINCE, "thành phố trung ương": Kind.CITY}
_COMMUNE_KIND = {"xã": Kind.COMMUNE, "phường": Kind.WARD, "đặc khu": Kind.SPECIAL_ZONE}


def nation() -> Unit:
    unit = Unit.objects.filter(level=Level.NATION, code=NATION_CODE).first()
    if unit is None:
        unit = Unit(level=Level.NATION, kind=Kind.NATION, code=NATION_CODE, name="Việt Nam")
        unit.save()
    return unit


def _upsert(existing: dict, parent: Unit, level: str, kind: str, code: str, name: str, counts: dict,
            new: list | None = None) -> Unit:
    """The unit with this code, updated; a new one is saved now, or collected in `new` for `Unit.add_many`."""
    unit = existing.get(code)
    if unit is None:
        unit = Unit(parent=parent, level=level, kind=kind, code=code, name=name)
        if new is None:
            unit.save()
        else:
            new.append(unit)
        counts["created"] += 1
    elif (unit.name, unit.kind, unit.parent_id) != (name, kind, parent.pk):
        unit.name, unit.kind, unit.parent = name, kind, parent
        unit.save()
        counts["updated"] += 1
    return unit


@transaction.atomic
def load_units(province_codes: set[int] | None = None) -> dict:
    """Create or update the 34 provinces and 3,321 communes (or only those of `province_codes`).

    Running it again updates names and types and never duplicates: units are matched on official code.
    """
    from vietnam_provinces import Province, Ward

    counts = {"created": 0, "updated": 0}
    root = nation()
    provinces = {u.code: u for u in Unit.objects.filter(level=Level.PROVINCE)}
    communes = {u.code: u for u in Unit.objects.filter(level=Level.COMMUNE)}
    by_code = {}
    for p in Province.iter_all():
        if province_codes and int(p.code) not in province_codes:
            continue
        by_code[int(p.code)] = _upsert(provinces, root, Level.PROVINCE, _PROVINCE_KIND[str(p.division_type)],
                                       f"{int(p.code):02d}", p.name, counts)
    new = []  # communes are created together (3,321 on a fresh database)
    for w in Ward.iter_all():
        parent = by_code.get(int(w.province_code))
        if parent is None:
            continue
        _upsert(communes, parent, Level.COMMUNE, _COMMUNE_KIND[str(w.division_type)], f"{int(w.code):05d}",
                w.name, counts, new)
    Unit.add_many(new)
    return counts
