"""A real worker process (`manage.py run_worker`, django-tasks-db) killed with SIGKILL in the middle of a job's
write: the job is run again from the start by the next worker, or failed with a Vietnamese message after the
second death — never half done. Runs against the test database (SQLite file or PostgreSQL) through a subprocess,
so the test is transactional (its rows are committed for the worker to see)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobs import services
from jobs.models import Job

from . import slow_handler

ROOT = Path(__file__).resolve().parents[2]
STALE = 2  # seconds without a heartbeat after which a worker is dead (production: 90)
WORKER = ("import sys, django; django.setup(); import jobs.tests.slow_handler; "
          "from django.core.management import call_command; call_command('run_worker', *sys.argv[1:])")

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url(connection) -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        name = s["NAME"]
        if not name or "memory" in str(name):
            pytest.skip("the test database is in memory: a worker process cannot open it (set TEST_DB_SUFFIX)")
        return f"sqlite:///{os.path.abspath(name)}"
    if connection.vendor == "postgresql":
        auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
        return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
    pytest.skip(f"no worker test for {connection.vendor}")


@pytest.fixture
def worker(settings):
    """worker(*args) starts `run_worker` in its own process against the test database; every process started
    is killed at the end (by its own pid)."""
    from django.db import connection

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.JOBS_WORKER_STALE_SECONDS = STALE
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DB_SUFFIX", "DATABASE_URL")}
    env.update(DATABASE_URL=_database_url(connection), TASKS_BACKEND="django_tasks_db.DatabaseBackend",
               JOBS_WORKER_STALE_SECONDS=str(STALE), DJANGO_SETTINGS_MODULE="doanket.settings", PYTHONPATH=str(ROOT))
    started = []

    def start(*args):
        proc = subprocess.Popen([sys.executable, "-c", WORKER, "--interval", "0.2", *args], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def _wait_for(marker: Path, attempt: int, rows: int, proc, timeout=60):
    """Until the worker has written `rows` rows of attempt `attempt` inside its (uncommitted) transaction."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists():
            seen_attempt, seen_rows = (int(x) for x in (marker.read_text() or "0:0").split(":"))
            if seen_attempt == attempt and seen_rows >= rows:
                return
        if proc.poll() is not None:
            pytest.fail(f"the worker stopped by itself:\n{proc.stdout.read()}")
        time.sleep(0.05)
    pytest.fail(f"the worker did not reach row {rows} of attempt {attempt} in {timeout} s")


def _kill_9(proc):
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def _start_job(user, unit, marker, rows=5):
    return services.start(user, slow_handler.KIND, "Ghi thử từng dòng", {
        "rows": rows, "marker": str(marker), "unit": unit.pk, "pause": 0.4}, unit=unit)


def test_a_worker_killed_mid_write_leaves_nothing_and_the_job_is_run_again_by_the_next_worker(
        tree, province_officer, worker, tmp_path):
    from django_tasks_db.models import DBTaskResult

    from oversight.models import Agency

    marker = tmp_path / "marker"
    job = _start_job(province_officer, tree.province, marker)
    assert job.status == Job.Status.QUEUED  # queued for the worker, not run in the request
    first = worker()
    _wait_for(marker, attempt=1, rows=2, proc=first)
    _kill_9(first)  # two of five rows written, not committed
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and job.attempts == 1
    assert not Agency.objects.exists()  # the open transaction died with the process: nothing half written
    time.sleep(STALE + 1)  # the dead worker's heartbeat goes stale
    second = worker("--batch")  # reaps the dead worker's job, queues it again and runs the queue
    output, _ = second.communicate(timeout=120)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, output
    assert job.attempts == 2 and job.file and job.message == "Đã ghi 5 dòng."
    assert sorted(Agency.objects.values_list("name", flat=True)) == [f"Cơ quan thử {i}" for i in range(1, 6)]
    assert "1 chạy lại" in output
    # the killed worker's task row does not look busy forever
    assert not DBTaskResult.objects.running().exists()


def test_a_job_whose_worker_is_killed_twice_fails_with_a_vietnamese_message_and_writes_nothing(
        tree, province_officer, worker, tmp_path):
    from oversight.models import Agency

    marker = tmp_path / "marker"
    job = _start_job(province_officer, tree.province, marker)
    first = worker()
    _wait_for(marker, attempt=1, rows=1, proc=first)
    _kill_9(first)
    time.sleep(STALE + 1)
    second = worker()  # reaps at start: the job runs a second time
    _wait_for(marker, attempt=2, rows=3, proc=second)
    _kill_9(second)
    time.sleep(STALE + 1)
    assert services.reap() == (0, 1)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.file
    assert "bị dừng giữa chừng 2 lần" in job.message and "không có kết quả dở dang" in job.message
    assert not Agency.objects.exists()
