"""`ActiveCount` (active units of a level under a unit) is kept exact by triggers on every write path."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.queries import shared_counts, units_at_level
from units.models import ActiveCount, Kind, Level, Unit, active_counts, recount


def counted(unit, level):
    return Unit.objects.subtree(unit).filter(level=level, is_active=True).count()


def assert_exact(*units):
    for unit in units:
        for level in (Level.PROVINCE, Level.COMMUNE, Level.AREA):
            assert active_counts([unit.path], level)[unit.path] == counted(unit, level), (unit.name, level)


def test_counts_follow_creation_deactivation_move_and_deletion(tree):
    everything = [tree.nation, tree.province, tree.other_province, tree.dong_phuc, tree.bang_thanh]
    assert active_counts([tree.nation.path], Level.AREA)[tree.nation.path] == 3
    assert active_counts([tree.province.path], Level.COMMUNE)[tree.province.path] == 3
    assert_exact(*everything)

    Unit.add_many([Unit(parent=tree.bang_thanh, level=Level.AREA, kind=Kind.VILLAGE, code=f"1{i}", name=f"Thôn {i}")
                   for i in range(4)])
    assert_exact(*everything)

    tree.na_hai.is_active = False
    tree.na_hai.save()
    assert_exact(*everything)

    tree.dong_phuc.parent = tree.other_province  # a move carries its areas
    tree.dong_phuc.save()
    assert active_counts([tree.province.path], Level.AREA)[tree.province.path] == 5
    assert active_counts([tree.other_province.path], Level.AREA)[tree.other_province.path] == 1
    assert_exact(*everything)

    Unit.objects.filter(parent=tree.bang_thanh, code__startswith="1").delete()
    Unit.objects.filter(pk=tree.na_lan.pk).update(is_active=False)  # bulk SQL too
    assert_exact(*everything)
    assert active_counts([tree.na_lan.path], Level.AREA)[tree.na_lan.path] == 0


def test_recount_gives_what_the_triggers_keep(tree):
    kept = set(ActiveCount.objects.filter(n__gt=0).values_list("prefix", "level", "n"))
    recount()
    assert set(ActiveCount.objects.values_list("prefix", "level", "n")) == kept


def test_a_page_reads_the_counts_of_many_units_in_one_query(tree):
    with shared_counts(), CaptureQueriesContext(connection) as ctx:
        got = units_at_level([tree.nation, tree.province, tree.other_province], Level.AREA)
        units_at_level([tree.nation], Level.AREA)
    assert got == {tree.nation.pk: 3, tree.province.pk: 3, tree.other_province.pk: 0}
    assert len(ctx.captured_queries) == 1
