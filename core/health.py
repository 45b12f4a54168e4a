"""/healthz: database, background worker and disk, for the reverse proxy and monitoring. No login, no
personal data: only what is up and what is not."""

import shutil
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

MIN_FREE_BYTES = 1024 ** 3  # below 1 GiB free on the media disk the site is degraded


def check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as c:
            c.execute("SELECT 1")
            c.fetchone()
    except Exception as exc:  # any failure means "down"; the reason goes to monitoring
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_worker() -> dict:
    from jobs import heartbeat

    if not heartbeat.worker_expected():
        return {"ok": True, "mode": "in-process"}
    age = heartbeat.age_seconds()
    return {"ok": age is not None and age <= heartbeat.stale_seconds(),
            "last_seen_seconds": None if age is None else round(age)}


def check_disk() -> dict:
    path = settings.MEDIA_ROOT if settings.MEDIA_ROOT.exists() else settings.BASE_DIR
    usage = shutil.disk_usage(path)
    return {"ok": usage.free >= MIN_FREE_BYTES, "free_mb": usage.free // 1024 ** 2}


@login_not_required
@never_cache
def healthz(request):
    checks = {"database": check_database()}
    checks["worker"] = check_worker() if checks["database"]["ok"] else {"ok": False, "error": "database"}
    checks["disk"] = check_disk()
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if ok else "fail", **checks}, status=200 if ok else 503)
