"""Demo: the real map (34 provinces, 3,321 communes) and Thái Nguyên's residential areas and member organisations."""

import random

from django.db import transaction

from .loader import load_units
from .models import Kind, Level, MemberOrganisation, OrganisationKind, Unit
from .services import standard_organisation_name

ORDER = 10
PROVINCE_CODE = "19"  # Thái Nguyên
DONG_PHUC_CODE = "01933"

_FIRST = ["Nà", "Khuổi", "Bản", "Pác", "Nặm", "Cốc", "Phja", "Lũng", "Khau", "Cò", "Đồng", "Làng", "Tổng", "Nà"]
_SECOND = ["Hai", "Mới", "Chang", "Lẹng", "Tàu", "Vài", "Quang", "Bó", "Sen", "Đeng", "Pục", "Phai", "Mạ", "Cháo",
           "Thẳm", "Vẻn", "Luông", "Mu", "Ngần", "Tuyến", "Lạn", "Pựt", "Cằm", "Slam", "Hin", "Mòn", "Búng",
           "Trang", "Tấc", "Đon", "Kéo", "Nghịu", "Nưa", "Rằng", "Đăm", "Piềng", "Sáng", "Lượt", "Thôm", "Đuổn"]
_PLAIN = ["Cầu Đá", "Đồng Tâm", "Tân Lập", "Thống Nhất", "Trung Tâm", "Hợp Tiến", "Quyết Tiến", "Đoàn Kết",
          "Bình Minh", "Thái Sơn", "Làng Chè", "Xuân Trường", "Hòa Bình", "Tiền Phong", "Gốc Gạo", "Đồng Bẩm",
          "Cây Thị", "Ba Đình", "Cao Khánh", "Đồng Chùa"]


def _area_names(rng: random.Random, commune: Unit, count: int) -> list[tuple[str, str]]:
    """(kind, name) pairs: tổ dân phố in wards, thôn/bản/xóm in communes; Đồng Phúc has thôn Nà Hai first."""
    if commune.kind == Kind.WARD:
        return [(Kind.STREET_GROUP, f"Tổ dân phố số {i}") for i in range(1, count + 1)]
    names, seen = [], set()
    if commune.code == DONG_PHUC_CODE:
        names.append((Kind.VILLAGE, "Thôn Nà Hai"))
        seen.add("Nà Hai")
    while len(names) < count:
        if rng.random() < 0.3:
            base = rng.choice(_PLAIN)
        else:
            base = f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}"
        if base in seen:
            continue
        seen.add(base)
        kind = rng.choice([Kind.VILLAGE, Kind.VILLAGE, Kind.VILLAGE, Kind.HAMLET, Kind.HAMLET_XOM])
        names.append((kind, f"{Kind(kind).label} {base}"))
    return names


@transaction.atomic
def load_areas(province: Unit) -> int:
    created = 0
    for commune in province.children.filter(level=Level.COMMUNE).order_by("code"):
        if commune.children.exists():
            continue
        rng = random.Random(int(commune.code))
        for i, (kind, name) in enumerate(_area_names(rng, commune, rng.randint(15, 40)), start=1):
            Unit(parent=commune, level=Level.AREA, kind=kind, code=f"{i:02d}", name=name,
                 households=rng.randint(60, 320)).save()
            created += 1
    return created


@transaction.atomic
def load_organisations(province: Unit) -> int:
    kinds = list(OrganisationKind.objects.filter(is_standard=True))
    existing = set(MemberOrganisation.objects.filter(unit__in=Unit.objects.subtree(province))
                   .values_list("unit_id", "kind_id"))
    rows = [MemberOrganisation(unit=unit, kind=kind, name=standard_organisation_name(kind, unit))
            for unit in [province, *province.children.filter(level=Level.COMMUNE)]
            for kind in kinds if (unit.pk, kind.pk) not in existing]
    MemberOrganisation.objects.bulk_create(rows)
    return len(rows)


LEADER_NAMES = ["Hoàng Văn Dũng", "Lường Thị Mai", "Nông Văn Hải", "Triệu Thị Hoa", "Ma Văn Quân", "Hà Thị Thu",
                "Lý Văn Thành", "Đinh Thị Hằng", "La Văn Cường", "Dương Thị Nga", "Vi Văn Bình", "Mông Thị Lan"]


@transaction.atomic
def load_leaders(province: Unit) -> int:
    """The Front committees' chairs and standing vice-chairs (who sign plans), where none is recorded yet.
    The province's standing vice-chair signs its plan 59/KH-MTTQ-BTT."""
    changed = 0
    if not province.chair_name and not province.vice_chair_name:
        province.vice_chair_name = "Đàm Quang Tuyền"
        province.save(update_fields=["vice_chair_name"])
        changed += 1
    for commune in province.children.filter(level=Level.COMMUNE, chair_name="", vice_chair_name="").order_by("code"):
        rng = random.Random(int(commune.code) * 7)
        commune.chair_name, commune.vice_chair_name = rng.sample(LEADER_NAMES, 2)
        commune.save(update_fields=["chair_name", "vice_chair_name"])
        changed += 1
    return changed


def load(log):
    counts = load_units()
    log(f"Đơn vị hành chính: {counts['created']} thêm mới, {counts['updated']} cập nhật.")
    province = Unit.objects.get(level=Level.PROVINCE, code=PROVINCE_CODE)
    log(f"Khu dân cư Thái Nguyên: {load_areas(province)} thêm mới.")
    log(f"Tổ chức thành viên Thái Nguyên: {load_organisations(province)} thêm mới.")
    log(f"Lãnh đạo Ủy ban MTTQ (người ký văn bản): {load_leaders(province)} đơn vị.")
