#!/usr/bin/env bash
# A primary and a streaming replica (made with pg_basebackup) as two private PostgreSQL clusters on this machine,
# so the replica router can be tried without touching the shared server:
#
#   bash bench/replica.sh start [SOURCE_DB]   # primary on :5434 with a copy of SOURCE_DB, replica on :5435
#   bash bench/replica.sh lag                 # replication lag (bytes and seconds)
#   bash bench/replica.sh stop
#
# Then run doanket with DATABASE_URL=postgres://postgres@127.0.0.1:5434/doanket and
# DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5435/doanket.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
BASE=${REPLICA_BASE:-/tmp/doanket-replica}
PRIMARY=$BASE/primary REPLICA=$BASE/replica
as_pg() { runuser -u postgres -- "$@"; }

case "${1:-}" in
start)
  src=${2:-doanket}
  install -d -o postgres -g postgres "$BASE"
  as_pg $BIN/initdb -D "$PRIMARY" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$PRIMARY/postgresql.conf" <<CONF
port = 5434
listen_addresses = '127.0.0.1'
unix_socket_directories = '$BASE'
wal_level = replica
max_wal_senders = 4
shared_buffers = 128MB
CONF
  echo "host replication all 127.0.0.1/32 trust" >> "$PRIMARY/pg_hba.conf"
  as_pg $BIN/pg_ctl -D "$PRIMARY" -l "$BASE/primary.log" -w start >/dev/null
  as_pg $BIN/createdb -h 127.0.0.1 -p 5434 doanket
  pg_dump -h 127.0.0.1 -p 5432 -U postgres -Fc "$src" | pg_restore -h 127.0.0.1 -p 5434 -U postgres -d doanket --no-owner
  as_pg $BIN/pg_basebackup -h 127.0.0.1 -p 5434 -U postgres -D "$REPLICA" -R -X stream
  sed -i "s/^port = 5434/port = 5435/" "$REPLICA/postgresql.conf"
  as_pg $BIN/pg_ctl -D "$REPLICA" -l "$BASE/replica.log" -w start >/dev/null
  echo "primary 127.0.0.1:5434, replica 127.0.0.1:5435 (database doanket, copied from $src)"
  ;;
lag)
  psql -h 127.0.0.1 -p 5434 -U postgres -Atc "SELECT application_name, state,
    pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS lag_bytes, coalesce(extract(epoch FROM replay_lag), 0)
    AS lag_seconds FROM pg_stat_replication"
  ;;
stop)
  as_pg $BIN/pg_ctl -D "$REPLICA" -m fast stop || true
  as_pg $BIN/pg_ctl -D "$PRIMARY" -m fast stop || true
  rm -rf "$BASE"
  ;;
*) echo "usage: $0 start [SOURCE_DB] | lag | stop" >&2; exit 2 ;;
esac
