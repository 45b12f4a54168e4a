"""Benchmark of the leaders' dashboards on the national bench tree in PostgreSQL (not part of the test suite).

    python bench/dashboards.py [--runs 30] [--url postgres://postgres@127.0.0.1:5432]

Uses the tree and values of `bench/spine.py` (1 nation, 34 provinces, 3,321 communes, ≈ 83,000 residential areas,
≥ 40 measures for 2026) in its own database `dk_dash_bench` (generated on first run, about 3 minutes), adds an
issued plan at the nation and at one province with targets of the three scopes, then times the whole request of
the dashboard page (`/bang-dieu-hanh/<unit>/`) of a province and of the nation through Django's test client, and
the size of the national map of every commune. Prints JSON.
"""

import argparse
import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spine  # noqa: E402

spine.DB = "dk_dash_bench"

TARGETS = [  # (measure code, scope, level, threshold): one of each kind the Thái Nguyên plan has
    ("households_livelihood_supported", "total", "", 200),
    ("poor_households_gifted_rate", "total", "", 100),
    ("pilot_models_welfare", "share_of_units", "commune", 100),
    ("great_unity_day_held", "share_of_units", "area", 100),
    ("self_managed_models", "share_of_units", "area", 90),
    ("pilot_models_green_clean", "each_unit", "commune", 3),
    ("festivals", "each_unit", "commune", 1),
    ("commendation_events", "total", "", 50),
]


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="postgres://postgres@127.0.0.1:5432")
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--db", default="dk_dash_bench", help="database (e.g. doanket_bench, the tree bench/spine.py made)")
    return p.parse_args()


def plans():
    from campaign.periods import get_period
    from indicators.models import Measure
    from plans.models import Plan, Target
    from units.models import Unit

    year = get_period("2026")
    made = []
    for unit in (Unit.objects.get(level="nation"), Unit.objects.filter(level="province").order_by("pk").first()):
        plan, created = Plan.objects.get_or_create(unit=unit, title="Kế hoạch thử tải năm 2026", defaults={
            "period": year, "status": Plan.Status.ISSUED})
        if created:
            for i, (code, scope, level, threshold) in enumerate(TARGETS):
                measure = Measure.objects.get(code=code)
                Target.objects.create(plan=plan, text=f"Chỉ tiêu {i + 1}: {measure.name}", measure=measure,
                                      scope=scope, level=level, threshold=Decimal(threshold), period=year, order=i,
                                      content=measure.content)
        made.append((unit, plan))
    return made


def timed(client, url, runs):
    client.get(url)  # warm
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return samples


def main():
    args = parse()
    spine.DB = args.db
    spine.ensure_database(args.url)
    spine.setup_django(args.url)
    from django.test import Client

    from accounts.models import User
    from indicators import rollup
    from units.models import Unit

    if Unit.objects.filter(level="area").count() < 80000:
        started = time.perf_counter()
        spine.generate(lambda m: print(m, file=sys.stderr))
        rollup.rebuild()
        print(f"generated and rolled up in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    made = plans()
    result = {}
    for unit, plan in made:
        user, _ = User.objects.get_or_create(username=f"bench-leader-{unit.level}",
                                             defaults={"role": "leader", "unit": unit, "full_name": "Lãnh đạo"})
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        samples = timed(client, f"/bang-dieu-hanh/{unit.pk}/?ky=2026&ke-hoach={plan.pk}", args.runs)
        result[f"dashboard_{unit.level}_p50_ms"] = round(statistics.median(samples), 1)
        result[f"dashboard_{unit.level}_p95_ms"] = round(spine.pct(samples, 95), 1)
        if unit.level == "nation":
            started = time.perf_counter()
            svg = client.get(f"/bang-dieu-hanh/{unit.pk}/ban-do.svg?ky=2026&cap=xa&chi-so=festivals")
            result["nation_communes_map_ms"] = round((time.perf_counter() - started) * 1000, 1)
            result["nation_communes_map_bytes"] = len(svg.content)
            result["nation_communes_map_regions"] = svg.content.count(b"<use ")
    result.update({"runs": args.runs, "database": args.db, "machine": spine.machine(),
                   "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())})
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
