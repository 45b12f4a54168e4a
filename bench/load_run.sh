#!/bin/bash
# The load run on the national bench tree (bench/RESULTS.md, "Load: 100 users on the national bench tree"):
#   bash bench/load_run.sh [DURATION]        (default 4m; needs doanket_bench on PostgreSQL 127.0.0.1:5432)
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5434/doanket \
#   BENCH_REPLICA_URL=postgres://postgres@127.0.0.1:5435/doanket bash bench/load_run.sh   # bench/replica.sh's pair
# Leave BENCH_REPLICA_URL out to run on the primary alone (the comparison in RESULTS.md).
# Starts gunicorn with deploy/gunicorn.conf.py and the task worker under bench/load.env (production settings,
# plain HTTP on 127.0.0.1:8104), creates the accounts and sessions, runs locust headless (100 users, 10/s),
# samples the load average and every worker's RSS each 15 s, and stops what it started.
# Output in bench/out/: load_stats.csv (locust), load-sample.log (load average, RSS in kB), load-locust.log.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-4m}
OUT=bench/out
mkdir -p "$OUT"
set -a && . bench/load.env && set +a
export DATABASE_URL=${BENCH_DATABASE_URL:-$DATABASE_URL}
if [ -n "${BENCH_REPLICA_URL:-}" ]; then export DATABASE_REPLICA_URL=$BENCH_REPLICA_URL; fi
.venv/bin/python manage.py migrate --noinput >/dev/null
.venv/bin/python manage.py collectstatic --noinput >/dev/null
.venv/bin/python bench/load_users.py "$OUT/accounts.json"
.venv/bin/python bench/sessions.py "$OUT/sessions.json"
mkdir -p "$MEDIA_ROOT"
.venv/bin/gunicorn -c deploy/gunicorn.conf.py doanket.wsgi >"$OUT/load-gunicorn.log" 2>&1 &
GUNICORN=$!
.venv/bin/python manage.py run_worker >"$OUT/load-worker.log" 2>&1 &
WORKER=$!
SAMPLER=
trap 'kill $SAMPLER $WORKER $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 30); do curl -fs -o /dev/null "http://$GUNICORN_BIND/healthz" && break; sleep 1; done
(while true; do
  echo "$(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) rss_kb $(ps -o rss= --ppid $GUNICORN | tr '\n' ' ')"
  if [ -n "${DATABASE_REPLICA_URL:-}" ]; then echo "$(date -u +%T) lag $(bash bench/replica.sh lag | tr '\n' ' ')"; fi
  sleep 15
done) >"$OUT/load-sample.log" &
SAMPLER=$!
ACCOUNTS="$OUT/accounts.json" SESSIONS="$OUT/sessions.json" .venv/bin/locust -f bench/locustfile.py --headless \
  -u 100 -r 10 -t "$DURATION" -H "http://$GUNICORN_BIND" --only-summary --csv "$OUT/load" 2>&1 |
  tee "$OUT/load-locust.log" | tail -30 || true  # locust exits 1 when any request failed: still summarise
cat "$OUT/load-sample.log"
.venv/bin/python bench/load_summary.py "$OUT" | tee "$OUT/summary.json"
