"""A register write derives each (measure, period) once per transaction: an initiative saved and started in one
request (one transaction) over a 2026–2030 phase reads the unit's rows once and derives every value once, before
the commit; a transaction that fails derives and writes nothing; a read inside the transaction sees its writes."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from campaign.periods import get_period
from indicators import derive, pending, rollup
from indicators.integrity import register_differences
from indicators.models import DataValue, Measure
from indicators.queries import reading
from initiatives import services
from initiatives.models import Topic

D = datetime.date
PHASE = ["2026-2030"] + [c for y in range(2026, 2031) for c in (str(y), f"{y}-h1", f"{y}-h2",
                                                                 *(f"{y}-q{q}" for q in (1, 2, 3, 4)))]


@pytest.fixture
def phase(tree):
    return [get_period(code) for code in PHASE]


@pytest.fixture
def derivations(monkeypatch):
    """Counts every (measure, period) derived for one unit."""
    seen = Counter()
    original = derive._periods_from_rows

    def spy(d, measure, unit_id, rows, periods):
        for p in periods:
            seen[(measure.code, p.code)] += 1
        return original(d, measure, unit_id, rows, periods)

    monkeypatch.setattr(derive, "_periods_from_rows", spy)
    return seen


def _save_and_start(officer, tree, title="Camera an ninh Nà Hai"):
    initiative = services.save_initiative(officer, {
        "kind": "mo_hinh", "title": title, "unit": tree.na_hai, "is_self_managed": True,
        "started_on": D(2026, 3, 1), "topics": [Topic.objects.get(code="an-ninh-trat-tu")]})
    return services.start(officer, initiative, D(2026, 3, 1))


def test_a_save_and_start_in_one_request_derives_each_measure_and_period_once(dong_phuc_officer, tree, phase,
                                                                               derivations):
    with CaptureQueriesContext(connection) as ctx:
        with transaction.atomic():  # one request: the view's transaction
            _save_and_start(dong_phuc_officer, tree)
            assert not derivations  # collected, not yet derived
    claimed = {d.measure for d in services_register().derivations}
    assert {code for code, _ in derivations} == claimed
    assert set(derivations.values()) == {1}, [k for k, n in derivations.items() if n > 1]
    assert len(derivations) == len(claimed) * len(phase)
    reads = [q["sql"] for q in ctx.captured_queries
             if q["sql"].lstrip().upper().startswith("SELECT") and "initiatives_initiative" in q["sql"]
             and "dv_match_" in q["sql"]]
    # the rows once per capture unit (the area; the province for the province Front's own pilot models), for the
    # 12 measures and 36 periods
    assert len(reads) == 2 and {tree.na_hai.pk, tree.province.pk} == {int(q.rsplit("= ", 1)[1]) for q in reads}
    measure = Measure.objects.get(code="security_self_managed_models")
    for code in ("2026-2030", "2026", "2026-q1", "2030-q4"):
        assert reading(measure, tree.province, get_period(code)).value == 1
    assert reading(measure, tree.province, get_period("2025")).value == 0
    assert register_differences() == [] and rollup.differences() == []


def services_register():
    from indicators.registers import get_register

    return get_register("initiatives")


def test_each_service_alone_still_derives_at_its_own_commit(dong_phuc_officer, tree, phase, derivations):
    initiative = services.save_initiative(dong_phuc_officer, {
        "kind": "mo_hinh", "title": "Đèn đường", "unit": tree.na_hai, "is_self_managed": True,
        "started_on": D(2026, 3, 1)})
    assert derivations[("self_managed_models", "2026")] == 1
    services.start(dong_phuc_officer, initiative, D(2026, 3, 1))
    assert derivations[("self_managed_models", "2026")] == 2
    assert reading(Measure.objects.get(code="self_managed_models"), tree.province, get_period("2026")).value == 1


def test_a_read_inside_the_transaction_sees_its_own_register_writes(dong_phuc_officer, tree, phase):
    measure = Measure.objects.get(code="self_managed_models")
    with transaction.atomic():
        _save_and_start(dong_phuc_officer, tree)
        assert pending.has_pending()
        assert reading(measure, tree.dong_phuc, get_period("2027")).value == 1  # flushed for the read
        assert not pending.has_pending()
    assert register_differences() == []


def test_a_failed_transaction_derives_and_writes_nothing(dong_phuc_officer, tree, phase, derivations):
    before = DataValue.objects.count()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            _save_and_start(dong_phuc_officer, tree)
            raise RuntimeError("the request failed after the writes")
    assert not derivations and not pending.has_pending()
    assert DataValue.objects.count() == before
    assert register_differences() == [] and rollup.differences() == []


def test_a_failure_while_deriving_before_the_commit_rolls_the_write_back(dong_phuc_officer, tree, phase,
                                                                         monkeypatch):
    from initiatives.models import Initiative

    def broken(*args, **kwargs):
        raise RuntimeError("derivation failed")

    monkeypatch.setattr(derive, "_periods_from_rows", broken)
    before = (Initiative.objects.count(), DataValue.objects.count())
    with pytest.raises(RuntimeError, match="derivation failed"):
        with transaction.atomic():
            _save_and_start(dong_phuc_officer, tree)
    assert (Initiative.objects.count(), DataValue.objects.count()) == before  # the rows went with the values
    assert not pending.has_pending()


def test_services_nested_in_a_caller_transaction_open_no_savepoint_and_an_error_rolls_it_all_back(
        dong_phuc_officer, tree, phase):
    with CaptureQueriesContext(connection) as ctx:
        with transaction.atomic():
            _save_and_start(dong_phuc_officer, tree)
    # only the caller's own block (a savepoint here because the test case wraps the test in a transaction)
    assert len([q for q in ctx.captured_queries if q["sql"].upper().startswith("SAVEPOINT")]) == 1
    assert DataValue.objects.filter(measure__code="security_self_managed_models", unit=tree.na_hai).exists()

    before = (services.Initiative.objects.count(), DataValue.objects.count())
    with pytest.raises(ValidationError):
        with transaction.atomic():
            _save_and_start(dong_phuc_officer, tree, title="Mô hình thứ hai")
            services.start(dong_phuc_officer, services.Initiative.objects.latest("pk"), D(2026, 4, 1))  # already running
    assert (services.Initiative.objects.count(), DataValue.objects.count()) == before
