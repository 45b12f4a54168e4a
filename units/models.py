"""The org tree: nation → province → (district, pre-2025 only) → commune → residential area.

"All units under X" is one indexed range query on `path`, a materialised path of zero-padded ids
(digits only, so it orders the same in SQLite and in PostgreSQL under any collation).
"""

from django.db import models
from django.db.models import Q
from django.dispatch import Signal

from core.collation import vi
from core.concurrency import Versioned
from core.text import fold, sort_key, strip_type_prefix

SEGMENT = 8  # digits per id in `path`


class Level(models.TextChoices):
    NATION = "nation", "Toàn quốc"
    PROVINCE = "province", "Tỉnh, thành phố"
    DISTRICT = "district", "Huyện, quận, thị xã"
    COMMUNE = "commune", "Xã, phường, đặc khu"
    AREA = "area", "Khu dân cư"


LEVEL_DEPTH = {Level.NATION: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3, Level.AREA: 4}
# Which levels may sit directly under which (the district level is optional, for pre-2025 documents).
ALLOWED_PARENT = {
    Level.PROVINCE: {Level.NATION},
    Level.DISTRICT: {Level.PROVINCE},
    Level.COMMUNE: {Level.PROVINCE, Level.DISTRICT},
    Level.AREA: {Level.COMMUNE},
}


class Kind(models.TextChoices):
    NATION = "quoc_gia", "Quốc gia"
    PROVINCE = "tinh", "Tỉnh"
    CITY = "thanh_pho_tw", "Thành phố trực thuộc Trung ương"
    DISTRICT = "huyen", "Huyện"
    URBAN_DISTRICT = "quan", "Quận"
    TOWN = "thi_xa", "Thị xã"
    PROVINCIAL_CITY = "thanh_pho", "Thành phố thuộc tỉnh"
    COMMUNE = "xa", "Xã"
    WARD = "phuong", "Phường"
    SPECIAL_ZONE = "dac_khu", "Đặc khu"
    TOWNSHIP = "thi_tran", "Thị trấn"
    VILLAGE = "thon", "Thôn"
    HAMLET = "ban", "Bản"
    HAMLET_XOM = "xom", "Xóm"
    HAMLET_AP = "ap", "Ấp"
    STREET_GROUP = "to_dan_pho", "Tổ dân phố"
    QUARTER = "khu_pho", "Khu phố"
    OTHER_AREA = "khu_dan_cu", "Khu dân cư"


KIND_LEVEL = {
    Kind.NATION: Level.NATION,
    Kind.PROVINCE: Level.PROVINCE,
    Kind.CITY: Level.PROVINCE,
    Kind.DISTRICT: Level.DISTRICT,
    Kind.URBAN_DISTRICT: Level.DISTRICT,
    Kind.TOWN: Level.DISTRICT,
    Kind.PROVINCIAL_CITY: Level.DISTRICT,
    Kind.COMMUNE: Level.COMMUNE,
    Kind.WARD: Level.COMMUNE,
    Kind.SPECIAL_ZONE: Level.COMMUNE,
    Kind.TOWNSHIP: Level.COMMUNE,
    Kind.VILLAGE: Level.AREA,
    Kind.HAMLET: Level.AREA,
    Kind.HAMLET_XOM: Level.AREA,
    Kind.HAMLET_AP: Level.AREA,
    Kind.STREET_GROUP: Level.AREA,
    Kind.QUARTER: Level.AREA,
    Kind.OTHER_AREA: Level.AREA,
}
URBAN_KINDS = {Kind.WARD, Kind.STREET_GROUP, Kind.QUARTER, Kind.URBAN_DISTRICT, Kind.CITY}


class UnitTag(models.Model):
    """An optional flag on units: "xã phía Bắc", "đặc biệt khó khăn", … (configurable)."""

    code = models.SlugField("mã", max_length=50, unique=True)
    name = models.CharField("tên", max_length=120)

    class Meta:
        verbose_name = "nhãn đơn vị"
        ordering = ["name"]

    def __str__(self):
        return self.name


def within(unit, field: str = "unit") -> Q:
    """Rows whose `field` (a Unit FK; "" for units themselves) is `unit` or under it: one range scan on the
    digits-only `path` ("A" sorts after every digit in any collation)."""
    prefix = f"{field}__" if field else ""
    return Q(**{f"{prefix}path__gte": unit.path, f"{prefix}path__lt": unit.path + "A"})


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit, include_self=True):
        """Every unit under `unit` (and `unit` itself): one range scan on the `path` index."""
        qs = self.filter(within(unit, field=""))
        return qs if include_self else qs.exclude(pk=unit.pk)

    def active(self):
        return self.filter(is_active=True)

    def ordered(self):
        return self.order_by("sort_key", "code")


# Sent when units are written in bulk, without a post_save per unit (`Unit.add_many`): caches of the tree listen.
tree_changed = Signal()


class Unit(Versioned):
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name="đơn vị cấp trên")
    level = models.CharField("cấp", max_length=10, choices=Level.choices, db_index=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    code = models.CharField("mã", max_length=20, help_text="Mã thống kê chính thức; với khu dân cư: mã trong xã")
    name = models.CharField("tên", max_length=200)
    is_urban = models.BooleanField("đô thị", default=False, help_text="Phường, tổ dân phố (đô thị văn minh)")
    tags = models.ManyToManyField(UnitTag, blank=True, verbose_name="nhãn")
    is_active = models.BooleanField("đang hoạt động", default=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="merged_from", verbose_name="sáp nhập vào")
    households = models.PositiveIntegerField("số hộ", null=True, blank=True)
    # The Front committee's leaders at this unit: who signs its documents (plans pre-fill the signer from them).
    chair_name = models.CharField("Chủ tịch Ủy ban MTTQ", max_length=100, blank=True)
    vice_chair_name = models.CharField("Phó Chủ tịch thường trực", max_length=100, blank=True)
    # Derived, kept by save(): materialised path, search key, Vietnamese sort key.
    path = models.CharField(max_length=SEGMENT * 6, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    search_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    sort_key = models.CharField(max_length=400, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["sort_key", "code"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "code"], name="unit_code_unique_in_parent"),
            models.UniqueConstraint(fields=["level", "code"], condition=Q(level__in=["province", "commune"]),
                                    name="unit_official_code_unique"),
        ]
        indexes = [
            models.Index(fields=["parent", "sort_key"]),
            # "all areas (or communes) under X": one range scan instead of a filter over every unit below X
            models.Index(fields=["level", "path"], name="unit_level_path_idx"),
        ]

    def signer(self) -> dict:
        """The plan signature the unit's leaders give: the chair signs for the standing committee
        (TM. BAN THƯỜNG TRỰC · CHỦ TỊCH), else the standing vice-chair (TM. BAN THƯỜNG TRỰC · PHÓ CHỦ TỊCH, as
        Thái Nguyên's plan 59/KH-MTTQ-BTT is signed); {} when neither is known."""
        if self.chair_name:
            return {"signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "CHỦ TỊCH",
                    "signer_name": self.chair_name}
        if self.vice_chair_name:
            return {"signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "PHÓ CHỦ TỊCH",
                    "signer_name": self.vice_chair_name}
        return {}

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        return strip_type_prefix(self.name)

    def save(self, *args, **kwargs):
        self.search_key = fold(self.name)
        self.sort_key = sort_key(self.short_name)
        self.is_urban = self.kind in URBAN_KINDS
        if self.pk is None:
            super().save(*args, **kwargs)  # the path needs the new id
            self._set_path()
            Unit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
            return
        old_path = self.path
        self._set_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            self._move_descendants(old_path)

    @classmethod
    def add_many(cls, units: list["Unit"]) -> list["Unit"]:
        """Create many new units at once (the map and the demo's residential areas): the fields `save` derives,
        then the paths from the new ids — two statements per thousand units instead of two per unit. Every
        parent must already be saved (it has its path)."""
        for u in units:
            u.search_key, u.sort_key, u.is_urban = fold(u.name), sort_key(u.short_name), u.kind in URBAN_KINDS
        cls.objects.bulk_create(units, batch_size=1000)
        for u in units:
            u._set_path()
        cls.objects.bulk_update(units, ["path", "depth"], batch_size=1000)
        tree_changed.send(sender=cls)  # no post_save for a bulk create: tell the caches
        return units

    def _set_path(self):
        self.path = (self.parent.path if self.parent_id else "") + f"{self.pk:0{SEGMENT}d}"
        self.depth = len(self.path) // SEGMENT - 1

    def _move_descendants(self, old_path):
        """Re-root the descendants' paths after a move (rare: merges and corrections)."""
        moved = list(Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk))
        for child in moved:
            child.path = self.path + child.path[len(old_path):]
            child.depth = len(child.path) // SEGMENT - 1
        Unit.objects.bulk_update(moved, ["path", "depth"])

    # --- the tree ---------------------------------------------------------------------------------
    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent (read off the path, no query)."""
        return [int(self.path[i:i + SEGMENT]) for i in range(0, len(self.path) - SEGMENT, SEGMENT)]

    def ancestors(self):
        """Root first, parent last."""
        by_id = Unit.objects.in_bulk(self.ancestor_ids)
        return [by_id[i] for i in self.ancestor_ids if i in by_id]

    def descendants(self, include_self=False):
        return Unit.objects.subtree(self, include_self=include_self)

    def is_within(self, other: "Unit") -> bool:
        """True when self is `other` or sits under it."""
        return self.path.startswith(other.path)

    @property
    def is_area(self):
        return self.level == Level.AREA

    @property
    def is_commune(self):
        return self.level == Level.COMMUNE


class OrganisationKind(models.Model):
    """A kind of member organisation (Hội Nông dân, Hội LHPN, …): the same kind exists at every level."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    short_name = models.CharField("tên viết tắt", max_length=60)
    is_standard = models.BooleanField("thuộc danh sách chuẩn", default=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "loại tổ chức thành viên"
        ordering = ["order", vi("name")]

    def __str__(self):
        return self.short_name or self.name


class MemberOrganisation(models.Model):
    """A member organisation at one unit: "Hội Nông dân xã Đồng Phúc"."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="organisations", verbose_name="đơn vị")
    kind = models.ForeignKey(OrganisationKind, on_delete=models.PROTECT, related_name="organisations",
                             verbose_name="loại")
    name = models.CharField("tên", max_length=250)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "tổ chức thành viên"
        verbose_name_plural = "tổ chức thành viên"
        ordering = ["kind__order", vi("name")]
        constraints = [models.UniqueConstraint(fields=["unit", "kind", "name"], name="org_unique_in_unit")]

    def __str__(self):
        return self.name


class ActiveCount(models.Model):
    """How many active units of a level lie under a unit (the unit itself included), keyed by the unit's path.

    Kept by database triggers on `units_unit` (migration `0007_activecount`), so every write path — `save`,
    `add_many`, bulk SQL, moves, deactivation, deletion — keeps it exact; pages read one row instead of counting
    83,000 areas. `recount()` rebuilds it from the tree (the migration, `check_integrity` compares)."""

    prefix = models.CharField(max_length=SEGMENT * 6)
    level = models.CharField(max_length=10, choices=Level.choices)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = "số đơn vị đang hoạt động"
        constraints = [models.UniqueConstraint(fields=["prefix", "level"], name="unit_active_count_unique")]


def recount(using="default"):
    """Rebuild `ActiveCount` from the tree in two statements (after a TRUNCATE or a repair)."""
    from django.db import connections

    conn = connections[using]
    with conn.cursor() as cur:
        cur.execute("DELETE FROM units_activecount")
        cur.execute(RECOUNT_SQL)


PREFIX_LENGTHS = " UNION ALL ".join(f"SELECT {SEGMENT * k} AS k" for k in range(1, 7))
COUNT_SQL = f"""
SELECT substr(u.path, 1, p.k), u.level, COUNT(*)
FROM units_unit u JOIN ({PREFIX_LENGTHS}) p ON p.k <= length(u.path)
WHERE u.is_active AND u.path <> ''
GROUP BY substr(u.path, 1, p.k), u.level
"""
RECOUNT_SQL = "INSERT INTO units_activecount (prefix, level, n)" + COUNT_SQL


def active_counts(paths, level) -> dict[str, int]:
    """{path: active units of `level` under it} for these unit paths, in one query (0 when none)."""
    found = dict(ActiveCount.objects.filter(level=level, prefix__in=list(paths)).values_list("prefix", "n"))
    return {p: found.get(p, 0) for p in paths}
