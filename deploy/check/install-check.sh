#!/usr/bin/env bash
# End-to-end check of deploy/install.sh on this machine, as root, when PID 1 is not systemd (CI sandboxes):
# puts deploy/check/systemctl (a stand-in that runs doanket's unit files) first on the PATH, runs the install,
# then checks what an operator would: the site through nginx (HTTPS), /healthz with the worker's heartbeat,
# the daily jobs and backup units, an upgrade run (install.sh again) without a failed read, and restore.
# On a real Debian 13 machine run deploy/install.sh itself; this script is for machines without systemd.
#
#   DOANKET_HOST=doanket.local PYTHON=/usr/local/bin/python3.13 bash deploy/check/install-check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
HOST=${DOANKET_HOST:-doanket.local}
export PATH="$(pwd)/deploy/check:$PATH" DOANKET_HOST=$HOST
step() { echo; echo "=== $* ($(date -u +%H:%M:%S))"; }

step "install.sh (first run)"
start=$(date +%s)
bash deploy/install.sh
echo "install_s=$(( $(date +%s) - start ))"

step "HTTPS through nginx"
curl -fsSk --resolve "$HOST:443:127.0.0.1" "https://$HOST/dang-nhap/" -o /tmp/doanket-login.html
grep -q "Đăng nhập" /tmp/doanket-login.html && echo "login page OK"

step "healthz (database, worker heartbeat, disk)"
for _ in $(seq 1 30); do
  if curl -fsSk --resolve "$HOST:443:127.0.0.1" "https://$HOST/healthz" -o /tmp/doanket-health.json; then break; fi
  sleep 2
done
cat /tmp/doanket-health.json; echo

step "daily jobs and backup units"
systemctl start doanket-daily.service
systemctl start doanket-backup.service
ls -l /var/lib/doanket/backups | tail -3

step "upgrade: install.sh again while reads go on"
( fails=0; for _ in $(seq 1 200); do
    curl -fsSk --resolve "$HOST:443:127.0.0.1" -o /dev/null "https://$HOST/dang-nhap/" || fails=$((fails+1)); sleep 0.2
  done; echo "reads during upgrade: 200, failed: $fails" ) &
reader=$!
bash deploy/install.sh >/tmp/doanket-upgrade.log 2>&1
wait $reader

step "restore the backup into an empty database"
install -d -o doanket -g doanket /tmp/doanket-restore-media
backup=$(ls -t /var/lib/doanket/backups/* | head -1)
runuser -u postgres -- dropdb --if-exists doanket_restore_check
runuser -u postgres -- createdb --owner doanket doanket_restore_check
runuser -u doanket -- bash -c "cd /opt/doanket; set -a; . /etc/doanket/env; set +a;
  DATABASE_URL=postgres:///doanket_restore_check MEDIA_ROOT=/tmp/doanket-restore-media .venv/bin/python manage.py restore '$backup'" \
  | tail -3
runuser -u postgres -- dropdb doanket_restore_check
echo; echo "install check passed"
