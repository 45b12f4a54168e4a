"""Property: any sequence of register writes (activities and initiatives, through their services) interleaved with
the creation of periods leaves the spine exact — every register value in every period equals a recompute, and
every aggregate equals a rebuild (SQLite and PostgreSQL alike)."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities import services
from campaign.periods import get_period
from indicators import rollup
from indicators.integrity import register_differences
from initiatives import services as initiative_services

PERIODS = ["2025", "2025-h2", "2025-q4", "2026", "2026-h1", "2026-q2", "2026-q3", "2026-11", "2021-2025",
           "2026-2030"]
DAYS = st.builds(datetime.date, st.sampled_from([2025, 2026]), st.integers(1, 11), st.integers(1, 28))
OPS = st.one_of(
    st.tuples(st.just("period"), st.sampled_from(PERIODS)),
    st.tuples(st.just("gud"), st.integers(0, 2), DAYS, st.integers(0, 300)),
    st.tuples(st.just("move"), st.integers(0, 20), st.integers(0, 2), DAYS),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("model"), st.integers(0, 2), DAYS, st.booleans()),
    st.tuples(st.just("stop"), st.integers(0, 20), DAYS),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(OPS, min_size=1, max_size=12))
def test_any_sequence_of_writes_and_new_periods_leaves_the_spine_exact(dong_phuc_officer, tree, ops):
    from activities.models import Activity
    from campaign.models import Period
    from initiatives.models import Initiative

    from indicators.models import AggregateValue, DataValue, DataValueChange

    Activity.objects.all().delete()
    Initiative.objects.all().delete()
    for model in (AggregateValue, DataValueChange, DataValue, Period):
        model.objects.all().delete()
    areas = [tree.na_hai, tree.na_lan, tree.dong_phuc]
    for op in ops:
        if op[0] == "period":
            get_period(op[1])
        elif op[0] == "gud":
            _, area, day, people = op
            services.save_activity(dong_phuc_officer, "ngay_hoi" if areas[area].level == "area" else "lien_hoan",
                                   {"unit": areas[area], "held_on": day, "participants": people, "title": "Ngày hội"})
        elif op[0] == "move":
            _, n, area, day = op
            rows = list(Activity.objects.order_by("pk"))
            if rows:
                row = rows[n % len(rows)]
                unit = areas[area] if row.kind != "ngay_hoi" or areas[area].level == "area" else row.unit
                services.save_activity(dong_phuc_officer, row.kind, {"unit": unit, "held_on": day}, instance=row)
        elif op[0] == "delete":
            rows = list(Activity.objects.order_by("pk"))
            if rows:
                services.delete_activity(dong_phuc_officer, rows[op[1] % len(rows)])
        elif op[0] == "model":
            _, area, day, pilot = op
            model = initiative_services.save_initiative(dong_phuc_officer, {
                "kind": "mo_hinh", "title": "Mô hình", "unit": areas[area], "organisation": None, "is_pilot": pilot,
                "is_self_managed": True, "started_on": day, "money": 1_000_000})
            initiative_services.start(dong_phuc_officer, model, day)
        elif op[0] == "stop":
            rows = list(Initiative.objects.filter(status="running").order_by("pk"))
            if rows:
                model = rows[op[1] % len(rows)]
                initiative_services.stop(dong_phuc_officer, model, max(op[2], model.started_on))
    assert register_differences() == []
    assert rollup.differences() == []
