"""A job kind for the worker-crash tests only: it writes its rows in one transaction, slowly, and tells the test
how far it got through a marker file (not the database, which its open transaction holds), so that the test can
`kill -9` the worker in the middle of the write."""

import time
from pathlib import Path

from django.db import transaction

from jobs.services import Result, handler

KIND = "test.slow_rows"


@handler(KIND)
def slow_rows(job, progress):
    from oversight.models import Agency

    rows, marker = int(job.params["rows"]), Path(job.params["marker"])
    progress(0, rows, force=True)
    with transaction.atomic():
        for i in range(rows):
            Agency.objects.create(unit_id=job.params["unit"], name=f"Cơ quan thử {i + 1}")
            marker.write_text(f"{job.attempts}:{i + 1}")
            time.sleep(float(job.params.get("pause", 0.5)))
    return Result("ket-qua.txt", f"{rows} dòng".encode(), summary=f"Đã ghi {rows} dòng.")
