"""The replica router: page reads go to the replica, writes, transactions and a browser's reads right after its
own write stay on the primary."""

import time

from django.http import HttpResponse
from django.test import RequestFactory

from core import replica
from units.models import Unit


def route_of(method, cookies=None, inside=lambda: None):
    seen = {}

    def view(request):
        seen["db"] = replica.ReplicaRouter().db_for_read(Unit)
        inside()
        return HttpResponse()

    request = getattr(RequestFactory(), method.lower())("/")
    request.COOKIES.update(cookies or {})
    response = replica.ReplicaMiddleware(view)(request)
    return seen["db"], response


def test_a_page_read_goes_to_the_replica():
    assert route_of("GET")[0] == "replica"


def test_a_post_reads_and_writes_on_the_primary_and_keeps_the_browser_there_for_a_while(settings):
    settings.REPLICA_STICKY_SECONDS = 10
    db, response = route_of("POST")
    assert db == "default" and replica.ReplicaRouter().db_for_write(Unit) == "default"
    until = float(response.cookies[replica.COOKIE].value)
    assert time.time() + 8 < until <= time.time() + 11
    assert route_of("GET", {replica.COOKIE: str(until)})[0] == "default"
    assert route_of("GET", {replica.COOKIE: str(time.time() - 1)})[0] == "replica"


def test_reads_inside_a_transaction_stay_on_the_primary(db):
    from django.db import transaction

    seen = []

    def inside():
        with transaction.atomic():
            seen.append(replica.ReplicaRouter().db_for_read(Unit))

    route_of("GET", inside=inside)
    assert seen == ["default"]


def test_outside_a_request_everything_reads_the_primary():
    assert replica.ReplicaRouter().db_for_read(Unit) == "default"


def test_a_forged_cookie_is_ignored():
    assert route_of("GET", {replica.COOKIE: "abc"})[0] == "replica"


def test_only_the_primary_is_migrated():
    assert replica.ReplicaRouter().allow_migrate("default", "units")
    assert not replica.ReplicaRouter().allow_migrate("replica", "units")
