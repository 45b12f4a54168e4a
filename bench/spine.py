"""Benchmark of the spine on a national synthetic tree in PostgreSQL (not part of the test suite).

    python bench/spine.py [--regenerate] [--changes 300] [--url postgres://postgres@127.0.0.1:5432]

Creates the database `doanket_bench` (if missing), migrates it, generates (set-based SQL) 1 nation,
34 provinces, 3,321 communes, ≈83,000 residential areas and values of every non-ratio catalogue measure (≥ 40)
for one period, then prints JSON: rebuild_s, change_to_national_p50_ms / _p95_ms (one area value changed through
the form service → province and national totals updated and committed), progress_province_p95_ms,
progress_nation_p95_ms, duckdb_s (the same rollup in DuckDB from the same rows, exported once) and
rebuild_vs_duckdb.
"""

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "doanket_bench"


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    p.add_argument("--regenerate", action="store_true")
    p.add_argument("--changes", type=int, default=300)
    p.add_argument("--progress-runs", type=int, default=40)
    p.add_argument("--rebuilds", type=int, default=3)
    p.add_argument("--register-writes", type=int, default=100)
    p.add_argument("--open-year", default="2031")
    p.add_argument("--duckdb-only", action="store_true", help="time DuckDB only (debugging)")
    return p.parse_args()


def ensure_database(url):
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone():
            conn.execute(f"CREATE DATABASE {DB}")


def setup_django(url):
    os.environ["DATABASE_URL"] = f"{url}/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanket.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(log):
    from django.db import connection, transaction

    from campaign.periods import get_period

    with transaction.atomic(), connection.cursor() as c:
        c.execute("TRUNCATE indicators_aggregatevalue, indicators_datavaluechange, indicators_datavalue, "
                  "accounts_auditevent")
        c.execute("TRUNCATE campaign_period CASCADE")
    period = get_period("2026")
    with transaction.atomic(), connection.cursor() as c:
        c.execute("DELETE FROM accounts_user WHERE username = 'bench'")
        c.execute("TRUNCATE units_unit, units_activecount CASCADE")
        # the tree is loaded in bulk: the per-row triggers keeping units_activecount are skipped (each area's path
        # update would rewrite its ancestors' counts 83,000 times) and the counts are made once below
        c.execute("SET LOCAL session_replication_role = replica")
        common = "false, true, '', '', 0"
        c.execute(f"INSERT INTO units_unit (id, parent_id, level, kind, code, name, is_urban, is_active, chair_name, vice_chair_name, version, path, depth, "
                  f"search_key, sort_key) VALUES (1, NULL, 'nation', 'quoc_gia', 'VN', 'Việt Nam', {common}, "
                  f"'00000001', 0, 'viet nam', 'viet nam')")
        c.execute(f"INSERT INTO units_unit (id, parent_id, level, kind, code, name, is_urban, is_active, chair_name, vice_chair_name, version, path, depth, "
                  f"search_key, sort_key) SELECT p, 1, 'province', 'tinh', lpad(p::text, 2, '0'), 'Tỉnh ' || p, "
                  f"{common}, '00000001' || lpad(p::text, 8, '0'), 1, 'tinh ' || p, lpad(p::text, 4, '0') "
                  f"FROM generate_series(2, 35) p")
        c.execute(f"INSERT INTO units_unit (id, parent_id, level, kind, code, name, is_urban, is_active, chair_name, vice_chair_name, version, households, "
                  f"path, depth, search_key, sort_key) SELECT c, 2 + (c - 36) % 34, 'commune', 'xa', "
                  f"lpad(c::text, 5, '0'), 'Xã ' || c, {common}, NULL, '00000001' || "
                  f"lpad((2 + (c - 36) % 34)::text, 8, '0') || lpad(c::text, 8, '0'), 2, 'xa ' || c, "
                  f"lpad(c::text, 6, '0') FROM generate_series(36, 36 + 3321 - 1) c")
        c.execute(f"INSERT INTO units_unit (id, parent_id, level, kind, code, name, is_urban, is_active, chair_name, vice_chair_name, version, households, "
                  f"path, depth, search_key, sort_key) "
                  f"SELECT 3356 + row_number() OVER (ORDER BY c.id, k), c.id, 'area', 'thon', lpad(k::text, 3, '0'), "
                  f"'Thôn ' || k, {common}, 50 + (c.id * k) % 250, '', 3, 'thon ' || k, lpad(k::text, 4, '0') "
                  f"FROM units_unit c, LATERAL generate_series(1, 15 + (c.id * 7919) % 21) k WHERE c.level = 'commune'")
        c.execute("UPDATE units_unit a SET path = c.path || lpad(a.id::text, 8, '0') FROM units_unit c "
                  "WHERE a.parent_id = c.id AND a.level = 'area'")
        c.execute("SELECT setval(pg_get_serial_sequence('units_unit', 'id'), (SELECT MAX(id) FROM units_unit))")
        c.execute("SET LOCAL session_replication_role = origin")
        from units.models import recount

        recount()
        # every non-ratio measure, for every area (5% not reported); commune-level own values where captured there
        value = ("CASE WHEN m.value_type = 'bool' THEN CASE WHEN random() < 0.9 THEN 1 ELSE 0 END "
                 "WHEN m.value_type = 'money' THEN floor(random() * 10000000) ELSE floor(random() * 6) END")
        c.execute(f"INSERT INTO indicators_datavalue (measure_id, unit_id, period_id, org_key, value, source, "
                  f"updated_at) SELECT m.id, u.id, %s, 0, {value}, 'form', now() FROM units_unit u "
                  f"CROSS JOIN indicators_measure m WHERE u.level = 'area' AND m.aggregation <> 'ratio' AND m.source = 'form' "
                  f"AND random() > 0.05", [period.pk])
        c.execute(f"INSERT INTO indicators_datavalue (measure_id, unit_id, period_id, org_key, value, source, "
                  f"updated_at) SELECT m.id, u.id, %s, 0, {value}, 'form', now() FROM units_unit u "
                  f"CROSS JOIN indicators_measure m WHERE u.level = 'commune' AND m.level IN ('any', 'commune') "
                  f"AND m.aggregation <> 'ratio' AND m.source = 'form' AND random() > 0.3", [period.pk])
    with connection.cursor() as c:
        c.execute("ANALYZE")
    log("generated units and form values")
    generate_registers(log)


PHASE_CODES = ["2026-2030"] + [f"{y}{s}" for y in range(2026, 2031) for s in ("", "-h1", "-h2", "-q1", "-q2", "-q3",
                                                                              "-q4")]


def generate_registers(log):
    """Register rows, set-based in SQL, then every register derived once for the 2026–2030 phase and its years,
    halves and quarters (36 periods): ~25,000 models (half running through 2030), a commune pilot model each,
    a Great Unity Day in 95 % of areas (18/11/2026), 62,000 listed households with a Tết gift (a third also
    livelihood support), one Quỹ “Vì người nghèo” book per commune with receipts in the peak month and a
    disbursement."""
    from django.db import connection, transaction

    from campaign.periods import get_period
    from indicators.services import derive_all

    started = time.perf_counter()
    periods = [get_period(code) for code in PHASE_CODES]  # registers are empty: nothing to derive yet
    log(f"periods {len(periods)} ({time.perf_counter() - started:.1f}s)")
    now = "now()"
    from initiatives.models import Initiative

    with transaction.atomic(), connection.cursor() as c:
        if Initiative.objects.exists():  # rows made by an earlier run that stopped before deriving
            return _derive_registers(log, periods)
        tables = ["initiatives_initiative", "activities_activity", "welfare_household", "welfare_listing",
                  "welfare_supportrecord", "funds_fund", "funds_entry"]
        added = _blank_defaults(c, tables)
        c.execute("SELECT code, id FROM initiatives_topic")
        topic = dict(c.fetchall())
        # models at areas: 30 % of areas; half run through 2030, half stop in 2026–2027
        c.execute(f"INSERT INTO initiatives_initiative (kind, title, description, unit_id, is_pilot, is_self_managed, "
                  f"started_on, status, rating, evaluation_notes, stopped_on, is_exemplary, money, workdays, "
                  f"created_at, updated_at, version) SELECT 'mo_hinh', 'Mô hình tự quản ' || u.id, '', u.id, false, true, "
                  f"DATE '2026-01-01' + (u.id % 150)::int, 'running', '', '', CASE WHEN u.id % 2 = 0 THEN NULL ELSE "
                  f"DATE '2026-07-01' + (u.id % 400)::int END, false, (u.id % 50) * 1000000, u.id % 300, {now}, {now}, 0 "
                  f"FROM units_unit u WHERE u.level = 'area' AND (u.id * 7) % 10 < 3")
        # a welfare pilot model per commune, running through the phase
        c.execute(f"INSERT INTO initiatives_initiative (kind, title, description, unit_id, is_pilot, is_self_managed, "
                  f"started_on, status, rating, evaluation_notes, is_exemplary, money, created_at, updated_at, version) "
                  f"SELECT 'mo_hinh', 'Mái ấm an sinh ' || u.id, '', u.id, true, false, DATE '2026-03-01' + "
                  f"(u.id % 90)::int, 'running', '', '', false, 50000000, {now}, {now}, 0 FROM units_unit u "
                  f"WHERE u.level = 'commune'")
        c.execute("INSERT INTO initiatives_initiative_topics (initiative_id, topic_id) SELECT i.id, CASE "
                  "WHEN i.is_pilot THEN %s WHEN i.id %% 2 = 0 THEN %s ELSE %s END FROM initiatives_initiative i",
                  [topic["an-sinh-cong-dong"], topic["an-ninh-trat-tu"], topic["bao-ve-moi-truong"]])
        c.execute(f"INSERT INTO activities_activity (kind, unit_id, held_on, title, participants, "
                  f"integrates_environment, integrates_crime_prevention, integrates_civilised_lifestyle, highlights, "
                  f"created_at, updated_at, version) SELECT 'ngay_hoi', u.id, DATE '2026-11-18' - (u.id % 10)::int, "
                  f"'Ngày hội Đại đoàn kết toàn dân tộc', 50 + u.id % 200, u.id % 3 = 0, false, false, '', "
                  f"{now}, {now}, 0 FROM units_unit u WHERE u.level = 'area' AND u.id % 20 <> 0")
        c.execute(f"INSERT INTO welfare_household (unit_id, head_name, id_number, members, ethnicity, health_note, "
                  f"note, search_key, created_at, updated_at, version) SELECT u.id, 'Hộ ' || u.id, '', 4, '', '', '', "
                  f"'ho ' || u.id, {now}, {now}, 0 FROM units_unit u WHERE u.level = 'area' AND u.id % 4 <> 0")
        c.execute("INSERT INTO welfare_listing (household_id, year, status) SELECT h.id, 2026, CASE WHEN h.id % 3 = 0 "
                  "THEN 'near_poor' ELSE 'poor' END FROM welfare_household h")
        support = ("INSERT INTO welfare_supportrecord (household_id, unit_id, kind, detail, date, amount, in_kind, "
                   "in_kind_description, source, sponsor_name, description, created_at) SELECT h.id, h.unit_id, "
                   "{kind}, {detail}, {day}, {amount}, false, '', {source}, '', '', now() FROM welfare_household h "
                   "{where}")
        c.execute(support.format(kind="'gift'", detail="'tet'", day="DATE '2026-01-20' + (h.id % 10)::int",
                                 amount="500000", source="'fund'", where=""))
        c.execute(support.format(kind="'livelihood'", detail="'livestock'", day="DATE '2026-05-10' + (h.id % 30)::int",
                                 amount="5000000", source="'sponsor'", where="WHERE h.id % 3 = 1"))
        c.execute("INSERT INTO funds_fund (unit_id, kind, name, relief_campaign, opened_on, balance) SELECT u.id, "
                  "'poor', 'Quỹ “Vì người nghèo” ' || u.name, '', DATE '2026-01-01', 0 FROM units_unit u "
                  "WHERE u.level = 'commune'")
        c.execute("INSERT INTO funds_entry (fund_id, kind, date, amount, description, donor_name, donor_type, "
                  "receipt_number, in_kind, in_kind_description, category, approval_ref, created_at) "
                  "SELECT f.id, CASE WHEN k = 6 THEN 'disbursement' ELSE 'receipt' END, CASE WHEN k = 6 THEN "
                  "DATE '2026-12-10' ELSE DATE '2026-10-17' + 5 * k END, CASE WHEN k = 6 THEN -3000000 ELSE "
                  "1000000 * k END, 'Thu, chi quỹ', '', '', '', false, '', '', '', now() FROM funds_fund f, "
                  "generate_series(1, 6) k")
        c.execute("UPDATE funds_fund f SET balance = (SELECT SUM(amount) FROM funds_entry e WHERE e.fund_id = f.id)")
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checked now, so the defaults can be dropped in this transaction
        for table, column in added:
            c.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")
    with connection.cursor() as c:
        c.execute("ANALYZE")
    log(f"register rows ({time.perf_counter() - started:.1f}s)")
    _derive_registers(log, periods)


def _blank_defaults(c, tables):
    """Columns added to the registers after this generator was written (NOT NULL, no default) get a blank default
    for the bulk insert ('' / 0 / false), dropped again afterwards. Returns the (table, column) pairs."""
    blank = {"character varying": "''", "text": "''", "integer": "0", "bigint": "0", "smallint": "0",
             "boolean": "false", "numeric": "0", "jsonb": "'{}'"}
    c.execute("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_name = ANY(%s) "
              "AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'", [tables])
    added = []
    for table, column, kind in c.fetchall():
        if kind in blank:
            c.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {blank[kind]}")
            added.append((table, column))
    return added


def _derive_registers(log, periods):
    from django.db import connection

    from indicators.services import derive_all

    started = time.perf_counter()
    written = derive_all(None, periods)
    log(f"derived {written} register values in {len(periods)} periods ({time.perf_counter() - started:.1f}s)")
    with connection.cursor() as c:
        c.execute("ANALYZE")


def counts():
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT level, COUNT(*) FROM units_unit GROUP BY level")
        units = dict(c.fetchall())
        c.execute("SELECT COUNT(*), COUNT(DISTINCT measure_id) FROM indicators_datavalue")
        values, measures = c.fetchone()
    return units, values, measures


def pct(samples, q):
    samples = sorted(samples)
    return samples[min(len(samples) - 1, int(round(q / 100 * (len(samples) - 1))))]


def bench_rebuild(n):
    from indicators import rollup

    times = []
    for _ in range(n):
        started = time.perf_counter()
        rollup.rebuild()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def bench_changes(n):
    from campaign.models import Period
    from indicators.models import AggregateValue, Measure
    from indicators.services import set_value
    from units.models import Unit

    from accounts.models import User

    nation = Unit.objects.get(level="nation")
    user, _ = User.objects.get_or_create(username="bench", defaults={"role": "officer", "unit": nation,
                                                                       "full_name": "Bench"})
    period = Period.objects.get(code="2026")
    measures = list(Measure.objects.filter(level="area", aggregation="sum", source="form"))
    rng = random.Random(7)
    max_id = Unit.objects.order_by("-id").values_list("id", flat=True)[0]
    samples = []
    for _ in range(n):
        area = Unit.objects.get(pk=rng.randint(3357, max_id))
        measure = rng.choice(measures)
        before = AggregateValue.objects.get(measure=measure, period=period, org_key=0, unit=nation).value
        own = area.data_values.filter(measure=measure, period=period).values_list("value", flat=True).first() or 0
        new = rng.randint(0, 9)
        started = time.perf_counter()
        set_value(user, measure, area, period, new)
        samples.append((time.perf_counter() - started) * 1000)
        after = AggregateValue.objects.get(measure=measure, period=period, org_key=0, unit=nation).value
        assert after == before - own + new, (before, own, new, after)
    return pct(samples, 50), pct(samples, 95)


def bench_register_writes(n):
    """An initiative saved at a random area and started (initiatives.services, one transaction, committed): it
    counts in the 2026–2030 phase and its years, halves and quarters; the national totals are checked."""
    import datetime

    from django.db import transaction

    from accounts.models import User
    from campaign.models import Period
    from indicators.models import AggregateValue, Measure
    from initiatives import services
    from initiatives.models import Topic
    from units.models import Unit

    nation = Unit.objects.get(level="nation")
    user = User.objects.get(username="bench")
    measure = Measure.objects.get(code="self_managed_models")
    watched = list(Period.objects.filter(code__in=["2026-2030", "2026-q2", "2030", "2030-q4"]))
    topic = Topic.objects.get(code="an-ninh-trat-tu")
    rng = random.Random(11)
    areas = list(Unit.objects.filter(level="area").values_list("pk", flat=True))

    def totals():
        return {a.period_id: a.value for a in AggregateValue.objects.filter(measure=measure, unit=nation, org_key=0,
                                                                            period__in=watched)}

    samples = []
    for i in range(n):
        area = Unit.objects.get(pk=rng.choice(areas))
        before = totals()
        day = datetime.date(2026, rng.randint(1, 3), rng.randint(1, 28))
        started = time.perf_counter()
        with transaction.atomic():
            initiative = services.save_initiative(user, {"kind": "mo_hinh", "title": f"Mô hình tự quản thử {i}",
                                                         "unit": area, "is_self_managed": True, "started_on": day,
                                                         "topics": [topic]})
            services.start(user, initiative, day)
        samples.append((time.perf_counter() - started) * 1000)
        after = totals()
        assert all(after[p.pk] == (before.get(p.pk) or 0) + 1 for p in watched), (before, after)
    return pct(samples, 50), pct(samples, 95)


def bench_open_period(code):
    """Create a new year (`campaign.periods.get_period`): every register measure is derived for every unit and
    rolled up in the creating transaction. The year is deleted first when a previous run made it."""
    import datetime

    from django.db import connection, transaction
    from django.db.models import Q

    from campaign.models import Period
    from campaign.periods import get_period
    from indicators.models import AggregateValue, DataValue, Measure
    from initiatives.models import Initiative
    from units.models import Unit

    with transaction.atomic(), connection.cursor() as c:
        for table in ("indicators_aggregatevalue", "indicators_datavaluechange", "indicators_datavalue"):
            c.execute(f"DELETE FROM {table} WHERE period_id IN (SELECT id FROM campaign_period WHERE code = %s)",
                      [code])
        Period.objects.filter(code=code).delete()
    started = time.perf_counter()
    period = get_period(code)
    elapsed = time.perf_counter() - started
    values = DataValue.objects.filter(period=period).count()
    first = datetime.date(int(code), 1, 1)
    running = Initiative.objects.filter(Q(stopped_on__isnull=True) | Q(stopped_on__gte=first), is_self_managed=True,
                                        unit__level="area", started_on__lte=period.end).exclude(
        status=Initiative.Status.REGISTERED).count()
    nation = AggregateValue.objects.filter(measure=Measure.objects.get(code="self_managed_models"), period=period,
                                           org_key=0, unit=Unit.objects.get(level="nation")).first()
    assert running and nation is not None and nation.value == running, (running, nation and nation.value)
    return elapsed, values


def bench_progress(issuers, runs):
    from campaign.models import Period
    from indicators.models import Measure
    from indicators.targets import EACH_UNIT, SHARE_OF_UNITS, TOTAL, TargetSpec, evaluate

    period = Period.objects.get(code="2026")
    m = {x.code: x for x in Measure.objects.all()}
    kinds = [("great_unity_day_held", SHARE_OF_UNITS, 100, "area"), ("self_managed_models", SHARE_OF_UNITS, 100,
             "area"), ("pilot_models_green_clean", EACH_UNIT, 3, "commune"),
             ("households_livelihood_supported", TOTAL, 200, ""), ("poor_households_gifted_rate", TOTAL, 100, ""),
             ("pilot_models_welfare", SHARE_OF_UNITS, 100, "commune")]
    rng = random.Random(3)
    samples = []
    for _ in range(runs):
        code, scope, threshold, level = rng.choice(kinds)
        issuer = rng.choice(issuers)
        started = time.perf_counter()
        evaluation = evaluate(TargetSpec(measure=m[code], scope=scope, threshold=threshold, level=level,
                                         period=period, issuer=issuer))
        samples.append((time.perf_counter() - started) * 1000)
        assert evaluation.status in ("dat", "chua_dat")
    return pct(samples, 50), pct(samples, 95)


def bench_duckdb():
    """Export the rows once (not timed), then time the same rollup (every holder, ratios included) in DuckDB."""
    import duckdb
    from django.db import connection

    folder = Path(tempfile.mkdtemp(prefix="doanket-bench-"))
    raw = connection.connection  # psycopg 3
    exports = {
        "dv": "SELECT measure_id, period_id, org_key, unit_id, value FROM indicators_datavalue WHERE value IS NOT NULL",
        "units": "SELECT id, parent_id, level, depth, path FROM units_unit",
        "measures": "SELECT id, aggregation, scale, numerator_id, denominator_id FROM indicators_measure",
    }
    for name, sql in exports.items():
        with raw.cursor() as cur, open(folder / f"{name}.csv", "wb") as f:
            with cur.copy(f"COPY ({sql}) TO STDOUT WITH CSV HEADER") as copy:
                for block in copy:
                    f.write(block)
    db = duckdb.connect()
    db.execute("SET threads TO 2")
    for name in exports:
        db.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv_auto('{folder / name}.csv')")
    started = time.perf_counter()
    db.execute("""
        CREATE TABLE agg AS
        WITH own AS (
            SELECT d.measure_id, d.period_id, d.org_key,
                   CASE WHEN u.level = 'area' THEN u.parent_id ELSE u.id END AS holder,
                   SUM(d.value) AS s, MIN(d.value) AS mn, MAX(d.value) AS mx, COUNT(*) AS reporting,
                   SUM(CASE WHEN d.value > 0 THEN 1 ELSE 0 END) AS positive
            FROM dv d JOIN units u ON u.id = d.unit_id
            GROUP BY 1, 2, 3, 4),
        spread AS (
            SELECT o.*, CAST(substr(h.path, 8 * k + 1, 8) AS BIGINT) AS anc
            FROM own o JOIN units h ON h.id = o.holder, range(0, 6) t(k) WHERE k <= h.depth),
        rolled AS (
            SELECT measure_id, period_id, org_key, anc AS unit_id, SUM(s) AS s, MIN(mn) AS mn, MAX(mx) AS mx,
                   SUM(reporting) AS reporting, SUM(positive) AS positive
            FROM spread GROUP BY 1, 2, 3, 4)
        SELECT r.measure_id, r.period_id, r.org_key, r.unit_id,
               CASE m.aggregation WHEN 'count_yes' THEN r.positive WHEN 'min' THEN r.mn WHEN 'max' THEN r.mx
                    ELSE r.s END AS value, r.reporting, r.positive
        FROM rolled r JOIN measures m ON m.id = r.measure_id
        WHERE m.aggregation IN ('sum', 'count_yes', 'min', 'max')""")
    db.execute("""
        CREATE TABLE ratios AS
        SELECT r.id AS measure_id, a.period_id, a.org_key, a.unit_id,
               SUM(CASE WHEN a.measure_id = r.numerator_id THEN a.value ELSE 0 END) AS num,
               SUM(CASE WHEN a.measure_id = r.denominator_id THEN a.value ELSE 0 END) AS den,
               CASE WHEN den <> 0 THEN r.scale * num / den END AS value
        FROM agg a JOIN measures r ON r.aggregation = 'ratio'
             AND (a.measure_id = r.numerator_id OR a.measure_id = r.denominator_id)
        GROUP BY r.id, r.scale, a.period_id, a.org_key, a.unit_id""")
    elapsed = time.perf_counter() - started
    duck_rows = db.execute("SELECT (SELECT COUNT(*) FROM agg) + (SELECT COUNT(*) FROM ratios)").fetchone()[0]
    nation_total = db.execute("SELECT SUM(value) FROM agg a JOIN units u ON u.id = a.unit_id "
                              "WHERE u.level = 'nation'").fetchone()[0]
    return elapsed, duck_rows, nation_total


def machine():
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""

    from django.db import connection

    with connection.cursor() as c:
        c.execute("SHOW server_version")
        pg = c.fetchone()[0]
    mem = run(["free", "-h"]).splitlines()
    return {"nproc": run(["nproc"]), "memory": mem[1].split()[1] if len(mem) > 1 else "", "postgresql": pg,
            "python": platform.python_version(), "cpu": run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"])
            .split(":")[-1].strip()}


def main():
    args = parse()
    log = lambda msg: print(f"# {msg}", file=sys.stderr)  # noqa: E731
    ensure_database(args.url)
    setup_django(args.url)
    from django.db import connection

    from units.models import Unit

    if args.regenerate or Unit.objects.filter(level="area").count() < 80000:
        started = time.perf_counter()
        generate(log)
        log(f"generation {time.perf_counter() - started:.1f}s")
    else:
        from indicators.models import DataValue

        if not DataValue.objects.filter(source="register").exists():
            started = time.perf_counter()
            generate_registers(log)
            log(f"register generation {time.perf_counter() - started:.1f}s")
    if args.duckdb_only:
        print(json.dumps(dict(zip(("duckdb_s", "rows", "nation_total"), map(str, bench_duckdb())))))
        return
    units, values, measures = counts()
    log(f"units {units}, values {values}, measures with values {measures}")
    rebuild_s, rebuilds = bench_rebuild(args.rebuilds)
    log(f"rebuilds {[round(t, 2) for t in rebuilds]}")
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM indicators_aggregatevalue")
        agg_rows = c.fetchone()[0]
        c.execute("SELECT SUM(a.value) FROM indicators_aggregatevalue a JOIN units_unit u ON u.id = a.unit_id "
                  "JOIN indicators_measure m ON m.id = a.measure_id WHERE u.level = 'nation' AND m.aggregation <> 'ratio'")
        pg_nation_total = c.fetchone()[0]
    duckdb_s, duck_rows, duck_nation_total = bench_duckdb()
    log(f"duckdb {duckdb_s:.3f}s, rebuild/duckdb {rebuild_s / duckdb_s:.2f}")
    assert duck_rows == agg_rows, (duck_rows, agg_rows)
    assert abs(float(duck_nation_total) - float(pg_nation_total)) < 1, (duck_nation_total, pg_nation_total)
    p50, p95 = bench_changes(args.changes)
    log(f"changes {p50:.1f} / {p95:.1f} ms")
    reg50, reg95 = bench_register_writes(args.register_writes)
    log(f"register writes {reg50:.1f} / {reg95:.1f} ms")
    provinces = list(Unit.objects.filter(level="province"))
    nation = [Unit.objects.get(level="nation")]
    prov50, prov95 = bench_progress(provinces, args.progress_runs)
    nat50, nat95 = bench_progress(nation, args.progress_runs)
    from indicators import rollup

    open_s, open_values = bench_open_period(args.open_year)
    log(f"open period {args.open_year}: {open_s:.1f}s, {open_values} values")
    check_started = time.perf_counter()
    diffs = rollup.differences()
    result = {
        "rebuild_s": round(rebuild_s, 3),
        "change_to_national_p50_ms": round(p50, 2),
        "change_to_national_p95_ms": round(p95, 2),
        "progress_province_p50_ms": round(prov50, 2),
        "progress_province_p95_ms": round(prov95, 2),
        "progress_nation_p50_ms": round(nat50, 2),
        "progress_nation_p95_ms": round(nat95, 2),
        "duckdb_s": round(duckdb_s, 3),
        "rebuild_vs_duckdb": round(rebuild_s / duckdb_s, 2),
        "register_write_to_national_p50_ms": round(reg50, 2),
        "register_write_to_national_p95_ms": round(reg95, 2),
        "register_writes": args.register_writes,
        "open_period_s": round(open_s, 2),
        "open_period_values": open_values,
        "check_after_changes_s": round(time.perf_counter() - check_started, 2),
        "check_differences": len(diffs),
        "aggregate_rows": agg_rows,
        "values": values,
        "measures": measures,
        "units": units,
        "changes": args.changes,
        "machine": machine(),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
