"""Long work as jobs: start one (a row + a task), report progress, finish with a file or a Vietnamese message,
and reap jobs whose worker died.

A handler is `fn(job, progress) -> Result | None`, registered with @handler("kind"). It must be idempotent
(running it again from the start gives the same result) and must not leave half-done work: its own writes go
in transactions, and its file is stored only when it returns. That is what lets the reaper re-run a job whose
worker was killed."""

import logging
import time
from dataclasses import dataclass
from typing import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from accounts import audit

from . import heartbeat
from .models import Job

log = logging.getLogger("doanket.jobs")
MAX_ATTEMPTS = 2
HANDLERS: dict[str, Callable] = {}


class JobError(Exception):
    """A failure the user can act on; its text (Vietnamese) is shown on the job's page."""


@dataclass
class Result:
    filename: str
    content: bytes
    summary: str = ""


def handler(kind: str):
    def register(fn):
        HANDLERS[kind] = fn
        return fn
    return register


class Progress:
    """progress(done, total): stored at most every half second, so a tight loop costs no writes."""

    def __init__(self, job: Job):
        self.job, self._last = job, 0.0

    def __call__(self, done: int, total: int | None = None, force: bool = False):
        now = time.monotonic()
        if total is not None:
            self.job.total = total
        self.job.done = done
        if force or now - self._last >= 0.5:
            self._last = now
            Job.objects.filter(pk=self.job.pk).update(done=done, total=self.job.total)


def start(user, kind: str, title: str, params: dict, unit=None) -> Job:
    if kind not in HANDLERS:
        raise JobError(f"Không có loại tác vụ “{kind}”.")
    with transaction.atomic():
        job = Job.objects.create(kind=kind, title=title, params=params, created_by=user, unit=unit)
        audit.record(user, audit.Action.ACTION, job, verb=f"Yêu cầu tác vụ nền: {title}", unit=unit)
    _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: Job):
    from .tasks import run_job

    run_job.enqueue(job.pk)


def execute(job_id: int, worker_id: str = "") -> None:
    """Run one job (called by the task). A job that is not queued any more is left alone."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Job.Status.QUEUED:
            return
        job.status, job.started_at, job.worker_id = Job.Status.RUNNING, timezone.now(), worker_id
        job.attempts += 1
        job.done = 0
        job.save(update_fields=["status", "started_at", "worker_id", "attempts", "done"])
    progress = Progress(job)
    try:
        result = HANDLERS[job.kind](job, progress)
    except JobError as exc:
        _fail(job, str(exc))
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, f"Không hoàn thành được vì lỗi hệ thống (tác vụ số {job.pk}). Lỗi đã được ghi lại cho quản "
                   "trị viên; không có kết quả dở dang nào được lưu. Vui lòng thử lại sau.")
    else:
        with transaction.atomic():
            if result is not None:
                if result.content:
                    job.file.save(result.filename, ContentFile(result.content), save=False)
                    job.filename = result.filename
                job.message = result.summary
            job.status, job.finished_at, job.done = Job.Status.DONE, timezone.now(), job.total or job.done
            job.save()
            audit.record(job.created_by, audit.Action.EXPORT if job.filename else audit.Action.ACTION, job,
                         verb=f"Hoàn thành tác vụ nền: {job.title}", unit=job.unit)


def _fail(job: Job, message: str):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message=message, finished_at=timezone.now())
    job.refresh_from_db()


def reap() -> tuple[int, int]:
    """Jobs left running by a worker that stopped beating (killed, machine restarted): run again from the
    start while attempts remain, otherwise failed with a message. Returns (requeued, failed)."""
    requeued = failed = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING).exclude(worker_id=""):
        if heartbeat.alive(job.worker_id):
            continue
        if job.attempts < MAX_ATTEMPTS:
            updated = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.QUEUED, done=0,
                message="Tiến trình xử lý bị dừng giữa chừng; tác vụ được chạy lại từ đầu.")
            if updated:
                requeued += 1
                _enqueue(job)
        else:
            failed += Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.FAILED, finished_at=timezone.now(),
                message=f"Tiến trình xử lý bị dừng giữa chừng {job.attempts} lần nên tác vụ đã dừng; không có kết "
                        "quả dở dang nào được lưu. Vui lòng yêu cầu lại hoặc báo quản trị viên.")
    _fail_orphaned_tasks()
    return requeued, failed


def _fail_orphaned_tasks():
    """Task rows (django-tasks-db) still 'running' under a dead worker are marked failed, so they do not
    look busy forever."""
    if not heartbeat.worker_expected():
        return
    from django_tasks_db.models import DBTaskResult

    for row in DBTaskResult.objects.running():
        worker = row.worker_ids[-1] if row.worker_ids else ""
        if worker and not heartbeat.alive(worker):
            row.set_failed(RuntimeError(f"worker {worker} stopped while running this task"))


def visible(user):
    return Job.objects.filter(created_by=user)


def get_for(user, pk) -> Job:
    job = visible(user).filter(pk=pk).first()
    if job is None:
        raise Http404("Không có tác vụ này.")
    return job
