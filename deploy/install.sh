#!/usr/bin/env bash
# doanket on a bare Debian 13 (trixie) machine: PostgreSQL, gunicorn behind nginx, the background worker and the
# timers (daily jobs, nightly backup). Run as root from a checkout of doanket:
#
#   DOANKET_HOST=doanket.example.vn bash deploy/install.sh
#
# Idempotent: run it again after `git pull` to upgrade (migrate, collectstatic, reload without dropping reads).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$(pwd)
HOST=${DOANKET_HOST:?Đặt DOANKET_HOST=tên-miền-của-trang}
APP=/opt/doanket
DATA=/var/lib/doanket
ENV_FILE=/etc/doanket/env
[ "$(id -u)" = 0 ] || { echo "Cần chạy với quyền root." >&2; exit 1; }

echo "» Gói hệ thống"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv postgresql nginx openssl rsync \
  fonts-liberation2 >/dev/null

echo "» Người dùng và thư mục"
id doanket >/dev/null 2>&1 || useradd --system --home-dir "$APP" --shell /usr/sbin/nologin doanket
install -d -o doanket -g doanket -m 0750 "$APP" "$DATA" "$DATA/media" "$DATA/backups"
install -d -o root -g doanket -m 0750 /etc/doanket
rsync -a --delete --exclude .venv --exclude .cache --exclude .git --exclude media --exclude staticfiles --exclude 'db.sqlite3*' \
  "$SRC"/ "$APP"/
chown -R doanket:doanket "$APP"

echo "» PostgreSQL: vai trò và cơ sở dữ liệu doanket"
runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='doanket'" | grep -q 1 ||
  runuser -u postgres -- createuser doanket
runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname='doanket'" | grep -q 1 ||
  runuser -u postgres -- createdb --owner doanket --encoding UTF8 --template template0 doanket

if [ ! -f "$ENV_FILE" ]; then
  echo "» Cấu hình $ENV_FILE (khóa bí mật mới)"
  secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')
  sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$secret|" \
      -e "s|^ALLOWED_HOSTS=.*|ALLOWED_HOSTS=$HOST|" \
      -e "s|^CSRF_TRUSTED_ORIGINS=.*|CSRF_TRUSTED_ORIGINS=https://$HOST|" \
      -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres:///doanket|" \
      -e "s|^MEDIA_ROOT=.*|MEDIA_ROOT=$DATA/media|" \
      -e "s|^EMAIL_HOST=.*|EMAIL_HOST=localhost|" -e "s|^EMAIL_PORT=.*|EMAIL_PORT=25|" \
      -e "s|^EMAIL_USE_TLS=.*|EMAIL_USE_TLS=0|" -e "s|^EMAIL_HOST_USER=.*|EMAIL_HOST_USER=|" \
      -e "s|^EMAIL_HOST_PASSWORD=.*|EMAIL_HOST_PASSWORD=|" \
      deploy/env.example > "$ENV_FILE"
  chown root:doanket "$ENV_FILE"; chmod 0640 "$ENV_FILE"
  echo "  Thư điện tử gửi qua máy chủ thư cục bộ (localhost:25): sửa EMAIL_* trong $ENV_FILE khi có máy chủ thư của tỉnh."
fi

echo "» Môi trường Python, cơ sở dữ liệu, tệp tĩnh"
as_app() { runuser -u doanket -- bash -c 'set -a; . /etc/doanket/env; set +a; exec "$@"' _ "$@"; }
(cd "$APP" && runuser -u doanket -- bash bin/setup)
(cd "$APP" && as_app .venv/bin/python manage.py migrate --noinput)
(cd "$APP" && as_app .venv/bin/python manage.py load_units)   # 34 provinces, 3,321 communes (idempotent)
(cd "$APP" && as_app .venv/bin/python manage.py collectstatic --noinput -v0)
(cd "$APP" && as_app .venv/bin/python manage.py check --deploy --fail-level WARNING)

echo "» Dịch vụ systemd và bộ hẹn giờ"
install -m 0644 "$APP"/deploy/doanket-*.service "$APP"/deploy/doanket-*.timer /etc/systemd/system/
systemctl daemon-reload
systemctl enable --now doanket-worker.service doanket-daily.timer doanket-backup.timer
if systemctl is-active --quiet doanket-web.service; then
  systemctl reload doanket-web.service   # new workers one by one; reads go on
  systemctl restart doanket-worker.service
else
  systemctl enable --now doanket-web.service
fi

echo "» nginx"
if [ ! -f /etc/ssl/doanket/fullchain.pem ]; then
  install -d -m 0750 /etc/ssl/doanket
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$HOST" \
    -keyout /etc/ssl/doanket/privkey.pem -out /etc/ssl/doanket/fullchain.pem 2>/dev/null
  echo "  Đã tạo chứng chỉ tự ký tạm thời (30 ngày): thay bằng chứng chỉ thật (certbot --nginx hoặc của tỉnh)."
fi
sed "s/doanket.example.vn/$HOST/g" "$APP"/deploy/nginx.conf > /etc/nginx/sites-available/doanket
ln -sf /etc/nginx/sites-available/doanket /etc/nginx/sites-enabled/doanket
rm -f /etc/nginx/sites-enabled/default
nginx -t -q || { echo "Cấu hình nginx có lỗi (xem trên)." >&2; exit 1; }
systemctl reload-or-restart nginx

sleep 2
curl -fsS "http://127.0.0.1:8001/healthz" -H "Host: $HOST" && echo
echo "doanket chạy tại https://$HOST"
echo "Tạo tài khoản quản trị đầu tiên:  bash $APP/deploy/manage.sh createsuperuser"
