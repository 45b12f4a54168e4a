#!/usr/bin/env bash
# Run a manage.py command as the doanket user with the production environment, e.g.
#   bash /opt/doanket/deploy/manage.sh createsuperuser
#   bash /opt/doanket/deploy/manage.sh backup /var/lib/doanket/backups/truoc-nang-cap.tar
set -euo pipefail
cd /opt/doanket
exec runuser -u doanket -- bash -c 'set -a; . /etc/doanket/env; set +a; exec .venv/bin/python manage.py "$@"' _ "$@"
