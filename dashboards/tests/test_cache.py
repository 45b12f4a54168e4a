"""The dashboard's spine part is cached (`indicators.generation`), and never shows a stale number: every test
fills the cache first, changes something the way the application does (in its own committed transactions: these
tests are transactional, so `transaction.on_commit` runs as in production), and reads the next request."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the cache table outlives a transactional test's flush
    yield
    cache.clear()


def board(client, unit):
    return client.get(reverse("dashboards:unit", args=[unit.pk]) + "?ky=2026").content.decode()


def test_a_register_write_at_an_area_shows_on_the_next_request(client_for, leader, tree, plan, filled, measures,
                                                               dong_phuc_officer):
    from activities import services as activities
    from indicators.models import Measure
    from indicators.rollup import invalidate_caches

    client = client_for(leader)
    assert "33,3%" in board(client, tree.province)  # 1 of 3 areas held the day: cached now
    assert ">50%<" in board(client, tree.dong_phuc)  # 1 of Đồng Phúc's 2
    # the day is the activities register's again (the fixtures typed it on a form): Nà Làn records its day
    Measure.objects.filter(code="great_unity_day_held").update(source=Measure.Source.REGISTER, register="activities")
    invalidate_caches()
    activities.save_activity(dong_phuc_officer, "ngay_hoi",
                             {"unit": tree.na_lan, "held_on": datetime.date(2026, 11, 18)})
    assert "66,7%" in board(client, tree.province)
    assert ">100%<" in board(client, tree.dong_phuc)


def test_a_value_typed_at_an_area_shows_on_the_province_and_the_commune(client_for, leader, tree, plan, filled,
                                                                        enter):
    client = client_for(leader)
    assert ">170<" in board(client, tree.province) and ">150<" in board(client, tree.dong_phuc)
    enter("households_livelihood_supported", tree.na_lan, 30)
    assert ">200<" in board(client, tree.province)
    assert ">180<" in board(client, tree.dong_phuc)
    assert ">20<" in board(client, tree.bang_thanh)  # another commune: unchanged, still right


def test_an_edited_target_shows_at_once(client_for, leader, tree, plan, filled):
    client = client_for(leader)
    body = board(client, tree.province)
    assert "Hỗ trợ sinh kế cho ít nhất 200 hộ" in body
    assert "<b>2</b> chỉ tiêu</span><span class=\"kpi ok\"><b>0</b> đạt" in body  # 170 < 200
    target = plan.t_livelihood
    target.text, target.threshold = "Hỗ trợ sinh kế cho ít nhất 150 hộ nghèo, hộ cận nghèo", Decimal(150)
    target.save()
    body = board(client, tree.province)
    assert "ít nhất 150 hộ" in body and "ít nhất 200 hộ" not in body
    assert "<b>2</b> chỉ tiêu</span><span class=\"kpi ok\"><b>1</b> đạt" in body  # 170 ≥ 150: met now


def test_a_rebuild_gives_every_cached_read_a_new_generation(client_for, leader, tree, plan, filled, measures, year):
    from indicators import rollup
    from indicators.models import DataValue

    client = client_for(leader)
    assert ">170<" in board(client, tree.province)
    # a value changed behind the rollup's back (a bulk load), then the aggregates rebuilt
    DataValue.objects.filter(measure=measures["households_livelihood_supported"], unit=tree.na_hai,
                             period=year).update(value=Decimal(190))
    rollup.rebuild([year.pk])
    assert ">210<" in board(client, tree.province)


def test_a_second_request_with_no_change_reads_much_less(client_for, leader, tree, plan, filled):
    from indicators import generation

    client = client_for(leader)
    url = reverse("dashboards:unit", args=[tree.province.pk]) + "?ky=2026"
    client.get(url)
    generation.bump([tree.province.pk])  # as after a committed write under the province (outside a transaction)
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url).content.decode()
    assert first.count("target-row") == second.count("target-row") == 2
    assert ">170<" in second and "33,3%" in second
    assert len(warm) <= 27, [q["sql"][:120] for q in warm.captured_queries]
    assert len(cold) - len(warm) >= 15  # the targets, last year's figures, the trend and the map's readings
