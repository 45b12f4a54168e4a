from django.tasks import task

from . import services


@task(takes_context=True)
def run_job(context, job_id: int):
    worker_ids = getattr(context.task_result, "worker_ids", None) or []
    services.execute(job_id, worker_id=worker_ids[-1] if worker_ids else "")
