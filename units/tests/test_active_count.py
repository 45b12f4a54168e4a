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


def test_triggers_dropped_by_a_schema_change_come_back_after_migrate(tree):
    """SQLite remakes a table to alter it, and the copy has no triggers: every `migrate` puts them back and
    recounts what went unkept meanwhile."""
    from django.db.models.signals import post_migrate

    from units import triggers

    everything = [tree.nation, tree.province, tree.other_province, tree.dong_phuc, tree.bang_thanh]
    triggers._run(connection, triggers.DROP[connection.vendor])
    assert not triggers.present(connection) & triggers.NAMES[connection.vendor]
    Unit.add_many([Unit(parent=tree.bang_thanh, level=Level.AREA, kind=Kind.VILLAGE, code=f"9{i}", name=f"Thôn {i}")
                   for i in range(3)])  # not counted: no trigger
    assert active_counts([tree.bang_thanh.path], Level.AREA)[tree.bang_thanh.path] != counted(tree.bang_thanh,
                                                                                               Level.AREA)
    from django.apps import apps

    post_migrate.send(sender=apps.get_app_config("units"), app_config=apps.get_app_config("units"),
                      verbosity=0, interactive=False, using=connection.alias, apps=apps, plan=[])
    assert triggers.NAMES[connection.vendor] <= triggers.present(connection)
    assert_exact(*everything)
    tree.na_hai.is_active = False  # kept again by the triggers
    tree.na_hai.save()
    assert_exact(*everything)
    assert triggers.ensure(connection) is False  # nothing to repair
