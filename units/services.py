"""Writes to the org tree: residential areas added by hand or imported from XLSX/CSV, all audited."""

from dataclasses import dataclass, field

from django.db import transaction

from accounts import audit
from core.concurrency import claim_version, create_once
from core.uploads import UploadError, read_table

from .models import KIND_LEVEL, Kind, Level, Unit

AREA_KINDS = {k for k, level in KIND_LEVEL.items() if level == Level.AREA}
# Accepted spellings of the kind column in imports (folded, without accents).
_KIND_WORDS = {
    "thon": Kind.VILLAGE, "ban": Kind.HAMLET, "xom": Kind.HAMLET_XOM, "ap": Kind.HAMLET_AP,
    "to dan pho": Kind.STREET_GROUP, "tdp": Kind.STREET_GROUP, "khu pho": Kind.QUARTER,
    "khu dan cu": Kind.OTHER_AREA, "kdc": Kind.OTHER_AREA, "lang": Kind.OTHER_AREA, "buon": Kind.OTHER_AREA,
    "khoi": Kind.OTHER_AREA, "to": Kind.STREET_GROUP, "plei": Kind.OTHER_AREA, "soc": Kind.OTHER_AREA,
}
TEMPLATE_COLUMNS = ["Mã khu dân cư", "Tên khu dân cư", "Loại (thôn/bản/tổ dân phố…)", "Số hộ",
                    "Mã xã/phường (khi nhập cho nhiều xã)"]


@dataclass
class AreaRow:
    line: int
    code: str
    name: str
    kind: str
    households: int | None
    commune_code: str = ""
    errors: list = field(default_factory=list)


def parse_kind(text: str, name: str = "") -> str | None:
    from core.text import fold

    word = fold(text)
    if not word:
        lowered = fold(name)
        for key in sorted(_KIND_WORDS, key=len, reverse=True):
            if lowered.startswith(key + " "):
                return _KIND_WORDS[key]
        return Kind.OTHER_AREA
    if word in _KIND_WORDS:
        return _KIND_WORDS[word]
    return None


def parse_area_file(filename: str, content: bytes) -> list[AreaRow]:
    """Rows of an area import, each with its Vietnamese errors (row and column named)."""
    rows = read_table(filename, content)
    # Skip leading blank/title rows up to the header (a row whose first cell starts with "Mã").
    start = next((i for i, r in enumerate(rows) if r and r[0].lower().startswith("mã")), None)
    if start is None:
        raise UploadError(["Không thấy dòng tiêu đề: cột A phải là “Mã khu dân cư” như tệp mẫu."])
    parsed, seen = [], {}
    for offset, raw in enumerate(rows[start + 1 :], start=start + 2):
        cells = (raw + [""] * 5)[:5]
        if not any(cells):
            continue
        code, name, kind_text, households_text, commune_code = cells
        row = AreaRow(line=offset, code=code, name=name, kind="", households=None, commune_code=commune_code)
        if not code:
            row.errors.append(f"Dòng {offset}, cột A (Mã khu dân cư): thiếu mã.")
        elif len(code) > 20:
            row.errors.append(f"Dòng {offset}, cột A (Mã khu dân cư): mã dài quá 20 ký tự.")
        elif (commune_code, code) in seen:
            row.errors.append(f"Dòng {offset}, cột A (Mã khu dân cư): mã “{code}” trùng với dòng "
                              f"{seen[(commune_code, code)]}.")
        else:
            seen[(commune_code, code)] = offset
        if not name:
            row.errors.append(f"Dòng {offset}, cột B (Tên khu dân cư): thiếu tên.")
        elif len(name) > 180:
            row.errors.append(f"Dòng {offset}, cột B (Tên khu dân cư): tên dài quá 180 ký tự.")
        kind = parse_kind(kind_text, name)
        if kind is None:
            row.errors.append(f"Dòng {offset}, cột C (Loại): không hiểu loại “{kind_text}” "
                              "(dùng thôn, bản, xóm, ấp, tổ dân phố, khu phố).")
        row.kind = kind or ""
        if households_text:
            try:
                row.households = int(float(households_text.replace(".", "").replace(",", "")))
                if row.households < 0:
                    raise ValueError
            except ValueError:
                row.errors.append(f"Dòng {offset}, cột D (Số hộ): “{households_text}” không phải số hộ hợp lệ.")
        parsed.append(row)
    if not parsed:
        raise UploadError(["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."])
    return parsed


def _full_name(kind: str, name: str) -> str:
    label = Kind(kind).label
    return name if name.lower().startswith(label.lower()) or kind == Kind.OTHER_AREA else f"{label} {name}"


def _resolve_communes(actor, target: Unit, rows: list[AreaRow]) -> dict[str, Unit]:
    """Each row's commune: the target itself, or (importing above a commune) the one named in column E."""
    from accounts.scope import in_scope

    if target.level == Level.COMMUNE:
        for row in rows:
            if row.commune_code and row.commune_code != target.code:
                row.errors.append(f"Dòng {row.line}, cột E (Mã xã/phường): “{row.commune_code}” không phải "
                                  f"{target.name} (mã {target.code}); hãy nhập ở trang của xã đó.")
        return {"": target, target.code: target}
    codes = {r.commune_code for r in rows if r.commune_code}
    found = {u.code: u for u in Unit.objects.filter(level=Level.COMMUNE, code__in=codes)}
    for row in rows:
        commune = found.get(row.commune_code)
        if not row.commune_code:
            row.errors.append(f"Dòng {row.line}, cột E (Mã xã/phường): thiếu mã xã khi nhập cho nhiều xã.")
        elif commune is None:
            row.errors.append(f"Dòng {row.line}, cột E (Mã xã/phường): không có xã/phường mã “{row.commune_code}”.")
        elif not (commune.is_within(target) and in_scope(actor, commune)):
            row.errors.append(f"Dòng {row.line}, cột E (Mã xã/phường): {commune.name} nằm ngoài "
                              f"{target.name} hoặc ngoài phạm vi của bạn.")
    return found


@transaction.atomic
def import_areas(actor, target: Unit, filename: str, content: bytes) -> dict:
    """Create or update residential areas from a file, on a commune page (one commune) or above (column E names
    each row's commune). All rows or nothing: any error and the database is unchanged."""
    from accounts.scope import require_write

    require_write(actor, target)
    if target.level not in (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE):
        raise UploadError(["Chỉ nhập khu dân cư ở trang tỉnh, huyện hoặc xã."])
    rows = parse_area_file(filename, content)
    communes = _resolve_communes(actor, target, rows)
    errors = [e for r in rows for e in r.errors]
    if errors:
        raise UploadError(errors)
    commune_ids = {c.pk for c in communes.values()}
    existing = {(u.parent_id, u.code): u for u in Unit.objects.filter(parent_id__in=commune_ids)}
    created = updated = 0
    for row in rows:
        commune = communes[row.commune_code]
        full_name = _full_name(row.kind, row.name)
        unit = existing.get((commune.pk, row.code))
        if unit is None:
            unit = Unit(parent=commune, level=Level.AREA, kind=row.kind, code=row.code, name=full_name,
                        households=row.households)
            unit.save()
            audit.created(actor, unit, verb="Nhập khu dân cư")
            created += 1
        else:
            before = audit.snapshot(unit)
            unit.name, unit.kind = full_name, row.kind
            if row.households is not None:
                unit.households = row.households
            unit.save()
            if audit.updated(actor, unit, before, verb="Nhập khu dân cư"):
                updated += 1
    audit.record(actor, audit.Action.IMPORT, target, verb="Nhập danh sách khu dân cư",
                 note=f"{filename}: {created} thêm mới, {updated} cập nhật")
    return {"created": created, "updated": updated, "rows": len(rows)}


@transaction.atomic
def save_area(actor, commune: Unit, data: dict, instance: Unit | None = None) -> Unit:
    """Add (at most once per form key `once`) or edit (only from the version the form saw) an area."""
    from accounts.scope import require_write

    if instance is None and data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(actor, data["once"], lambda: save_area(actor, commune, rest))
    require_write(actor, commune)
    if instance is not None:
        claim_version(instance, data.get("version"))
    unit = instance or Unit(parent=commune, level=Level.AREA)
    before = audit.snapshot(unit) if instance else None
    unit.code, unit.kind = data["code"], data["kind"]
    unit.name = _full_name(data["kind"], data["name"])
    unit.households = data.get("households")
    unit.is_active = data.get("is_active", True)
    unit.save()
    if instance:
        audit.updated(actor, unit, before)
    else:
        audit.created(actor, unit)
    return unit


def area_template_rows() -> list[list]:
    return [TEMPLATE_COLUMNS, ["01", "Nà Hai", "thôn", 120, ""], ["02", "Tổ dân phố số 1", "tổ dân phố", 250, ""]]


def standard_organisation_name(kind, unit: Unit) -> str:
    """'Hội Nông dân' + 'Xã Đồng Phúc' -> 'Hội Nông dân xã Đồng Phúc'."""
    label = Kind(unit.kind).label.lower() if unit.kind in Kind.values else ""
    place = f"{label} {unit.short_name}".strip() if unit.level != Level.NATION else "Việt Nam"
    return f"{kind.name} {place}"


@transaction.atomic
def add_organisation(actor, unit: Unit, kind, name: str = ""):
    from accounts.scope import require_write

    from .models import MemberOrganisation

    require_write(actor, unit)
    org, created = MemberOrganisation.objects.get_or_create(
        unit=unit, kind=kind, name=name.strip() or standard_organisation_name(kind, unit))
    if created:
        audit.created(actor, org)
    return org


@transaction.atomic
def save_attributes(actor, unit: Unit, data: dict) -> Unit:
    """Flags, households, leaders and active/merged state of a unit (administrators and officers above it)."""
    from django.utils.text import slugify

    from accounts.scope import require_write

    from .models import UnitTag

    require_write(actor, unit)
    claim_version(unit, data.get("version"))
    before = audit.snapshot(unit)
    before["tags"] = sorted(t.name for t in unit.tags.all())
    unit.households = data.get("households")
    unit.is_active = data.get("is_active", True)
    unit.merged_into = data.get("merged_into")
    for name in ("chair_name", "vice_chair_name"):
        if name in data:
            setattr(unit, name, " ".join((data[name] or "").split()))
    unit.save()
    tags = list(data.get("tags") or [])
    if data.get("new_tag"):
        name = data["new_tag"].strip()
        tag, _ = UnitTag.objects.get_or_create(code=slugify(fold_for_slug(name))[:50], defaults={"name": name})
        tags.append(tag)
    unit.tags.set(tags)
    after = audit.snapshot(unit)
    after["tags"] = sorted(t.name for t in tags)
    changes = audit.diff(before, after)
    if changes:
        audit.record(actor, audit.Action.UPDATE, unit, changes=changes, verb="Sửa thuộc tính đơn vị")
    return unit


@transaction.atomic
def save_leaders(actor, unit: Unit, data: dict) -> Unit:
    """The unit's chair and standing vice-chair (officers of the unit itself or above; audited)."""
    from accounts.scope import require_write

    require_write(actor, unit)
    claim_version(unit, data.get("version"))
    before = audit.snapshot(unit)
    unit.chair_name = " ".join((data.get("chair_name") or "").split())
    unit.vice_chair_name = " ".join((data.get("vice_chair_name") or "").split())
    unit.save(update_fields=["chair_name", "vice_chair_name"])
    changes = audit.diff(before, audit.snapshot(unit))
    if changes:
        audit.record(actor, audit.Action.UPDATE, unit, changes=changes, verb="Sửa lãnh đạo Ủy ban MTTQ")
    return unit


def fold_for_slug(text: str) -> str:
    from core.text import fold

    return fold(text)
