#!/usr/bin/env bash
# Time `bin/demo` from a fresh clone until its first page answers (#14 item 7), then stop the server it started.
#   bash bench/demo_start.sh [clone dir] [address]     (defaults: /tmp/doanket-demo-clone 127.0.0.1:8766)
# Prints the load average before and after: the machine may be shared. Record the figures in bench/demo.json.
set -u
SRC="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${1:-/tmp/doanket-demo-clone}"
ADDR="${2:-127.0.0.1:8766}"
rm -rf "$DIR"
git clone -q "$SRC" "$DIR"
cd "$DIR"
echo "load before: $(cat /proc/loadavg)"
start=$(date +%s.%N)
setsid env -u DATABASE_URL -u TEST_DB_SUFFIX DEMO_ADDR="$ADDR" bash bin/demo > "$DIR.log" 2>&1 &
pid=$!
code=""
while true; do
  code=$(curl -s -o /dev/null -w "%{http_code}" "http://$ADDR/" 2>/dev/null)
  if [ "$code" = "200" ] || [ "$code" = "302" ]; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "bin/demo stopped (see $DIR.log)"; break; fi
  sleep 0.5
done
end=$(date +%s.%N)
echo "first page HTTP $code after $(echo "$end - $start" | bc) s"
echo "load after: $(cat /proc/loadavg)"
grep "giây" "$DIR.log" || true
kill -- -"$pid" 2>/dev/null
sleep 1
