from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.text import sort_key
from units.models import Kind, Level, Unit


def test_subtree_is_one_query_and_contains_only_descendants(tree):
    with CaptureQueriesContext(connection) as ctx:
        names = set(Unit.objects.subtree(tree.dong_phuc).values_list("name", flat=True))
    assert len(ctx.captured_queries) == 1
    assert names == {"Xã Đồng Phúc", "Thôn Nà Hai", "Thôn Nà Làn"}


def test_subtree_of_province_excludes_other_province(tree):
    names = set(Unit.objects.subtree(tree.province).values_list("name", flat=True))
    assert "Xã Hòa An" not in names and "Tỉnh Cao Bằng" not in names
    assert "Thôn Nà Hai" in names


def test_path_and_ancestors(tree):
    assert [u.name for u in tree.na_hai.ancestors()] == ["Việt Nam", "Tỉnh Thái Nguyên", "Xã Đồng Phúc"]
    assert tree.na_hai.depth == 3
    assert tree.na_hai.is_within(tree.province) and not tree.na_hai.is_within(tree.bang_thanh)


def test_moving_a_unit_moves_its_subtree(tree):
    tree.dong_phuc.parent = tree.other_province
    tree.dong_phuc.save()
    tree.na_hai.refresh_from_db()
    assert tree.na_hai.is_within(tree.other_province)
    assert not tree.na_hai.is_within(tree.province)


def test_district_level_allowed_between_province_and_commune(tree):
    district = Unit(parent=tree.province, level=Level.DISTRICT, kind=Kind.DISTRICT, code="058", name="Huyện Chợ Đồn")
    district.save()
    old = Unit(parent=district, level=Level.COMMUNE, kind=Kind.TOWNSHIP, code="01960", name="Thị trấn Bằng Lũng")
    old.save()
    assert old in Unit.objects.subtree(tree.province)
    assert [u.level for u in old.ancestors()] == ["nation", "province", "district"]


def test_subtree_query_uses_an_index(tree):
    sql, params = Unit.objects.subtree(tree.province).values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Index" in plan


def test_urban_flag_follows_kind(tree):
    assert tree.ward.is_urban and not tree.dong_phuc.is_urban


def test_units_added_together_are_the_units_saved_one_by_one(tree):
    """Unit.add_many (the map, the demo's areas): the same keys, flags and paths as save(), in a few statements."""
    one = Unit(parent=tree.ward, level=Level.AREA, kind=Kind.STREET_GROUP, code="01", name="Tổ dân phố số 1")
    one.save()
    many = [Unit(parent=tree.ward, level=Level.AREA, kind=Kind.STREET_GROUP, code=f"{i:02d}",
                 name=f"Tổ dân phố số {i}") for i in range(2, 12)]
    with CaptureQueriesContext(connection) as ctx:
        Unit.add_many(many)
    assert len(ctx.captured_queries) <= 4
    fields = ("search_key", "is_urban", "depth")
    for u in Unit.objects.filter(pk__in=[x.pk for x in many]):
        assert tuple(getattr(u, f) for f in fields) == (u.search_key, one.is_urban, one.depth)
        assert u.path == tree.ward.path + f"{u.pk:0{len(one.path) - len(tree.ward.path)}d}"
        assert u.sort_key == sort_key(u.short_name) and u.search_key == "to dan pho so " + u.code.lstrip("0")
