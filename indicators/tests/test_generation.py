"""Cache generations (`indicators.generation`): a bump gives a new key at the commit, never before, never on a
rollback, and a lost generation never brings an old key back. Transactional: commits are real here."""

import pytest
from django.core.cache import cache
from django.db import transaction

from indicators import generation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_bump_gives_the_unit_a_new_key_at_the_commit(tree):
    province, other = generation.key(tree.province, "x"), generation.key(tree.other_province, "x")
    assert generation.key(tree.province, "x") == province and generation.key(tree.province, "y") != province
    with transaction.atomic():
        generation.bump([tree.province.pk])
        assert generation.key(tree.province, "x") is None  # this transaction reads its own writes, uncached
    assert generation.key(tree.province, "x") not in (None, province)
    assert generation.key(tree.other_province, "x") == other


def test_a_rolled_back_bump_changes_no_key(tree):
    before = generation.key(tree.province, "x")
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        generation.bump([tree.province.pk], everything=True)
        1 / 0
    assert generation.key(tree.province, "x") == before


def test_a_value_written_at_an_area_bumps_the_area_and_its_ancestors_only(tree, measures, enter, monkeypatch):
    units = (tree.na_hai, tree.dong_phuc, tree.province, tree.nation, tree.na_lan, tree.bang_thanh)
    before = {u.pk: generation.key(u, "x") for u in units}
    writes = []

    class Counting:
        def __getattr__(self, name):
            return getattr(cache, name)

        def delete_many(self, keys, **kwargs):
            writes.append(sorted(keys))
            return cache.delete_many(keys, **kwargs)

    monkeypatch.setattr(generation, "cache", Counting())
    with transaction.atomic():
        enter("households_livelihood_supported", tree.na_hai, 12)
        enter("households_livelihood_supported", tree.na_lan, 13)
    assert len(writes) == 1 and len(writes[0]) == 5  # one delete_many for the commit: 2 areas, commune, province, nation
    after = {u.pk: generation.key(u, "x") for u in units}
    assert [u.name for u in units if after[u.pk] != before[u.pk]] == [
        tree.na_hai.name, tree.dong_phuc.name, tree.province.name, tree.nation.name, tree.na_lan.name]


def test_a_lost_generation_never_brings_an_old_key_back(tree):
    before = generation.key(tree.province, "x")
    cache.delete(f"spine:gen:u:{tree.province.pk}")  # evicted (Redis under memory pressure, a culled table)
    assert generation.key(tree.province, "x") != before


def test_a_migrate_gives_every_cached_read_a_new_generation(tree):
    """An upgrade runs `migrate`: nothing the old code cached is read by the new code."""
    from django.apps import apps
    from django.db import connection
    from django.db.models.signals import post_migrate

    before = generation.key(tree.province, "x")
    config = apps.get_app_config("indicators")
    post_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False, using=connection.alias,
                      apps=apps, plan=[])
    assert generation.key(tree.province, "x") != before
