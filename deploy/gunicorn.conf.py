"""gunicorn for doanket: `gunicorn -c deploy/gunicorn.conf.py doanket.wsgi`, behind deploy/nginx.conf.
Sized for a small server: (2 × cores + 1) worker processes, a few threads each (pages wait on PostgreSQL)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # long work runs in the task worker, not here
graceful_timeout = 30
keepalive = 5
sendfile = False  # gthread + sendfile stalled concurrent static responses under load (bench/RESULTS.md)
# Recycle a worker now and then, as a safety net for memory: RSS stays flat under load (≈ 125 MB per worker for
# 4 minutes of 100 users, bench/RESULTS.md), and each recycle resets the kept-alive connections the worker held
# (nginx retries a GET on a new connection; a POST caught at that moment fails), so it is rare.
max_requests = 20000
max_requests_jitter = 2000
# The master imports doanket once and forks warm workers: a worker recycled by max_requests (or started at boot)
# answers its first requests without paying for the imports again, and the workers share the imported code's
# memory. No database connection may cross a fork: Django opens none at import, and post_fork closes any.
preload_app = True
accesslog = None  # doanket logs one line per request itself (core.middleware.RequestLogMiddleware)
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "doanket"


def post_fork(server, worker):
    from django.db import connections

    connections.close_all()
