import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string

from jobs import heartbeat, services


def _beat_forever(worker_id: str, stop: threading.Event):
    while not stop.is_set():
        try:
            heartbeat.beat(worker_id)
            services.reap()
        except Exception:  # the database may be away for a moment; the next beat tries again
            pass
        finally:
            close_old_connections()
        stop.wait(heartbeat.INTERVAL_SECONDS)
    connection.close()


class Command(BaseCommand):
    help = ("Chạy tiến trình xử lý nền (django-tasks-db db_worker) kèm nhịp báo sống cho /healthz và việc thu hồi "
            "tác vụ của tiến trình đã chết (chạy lại hoặc báo lỗi).")

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="default")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="chạy hết hàng đợi rồi dừng")

    def handle(self, *args, queue_name, interval, batch, **options):
        worker_id = f"w-{get_random_string(12)}"
        heartbeat.beat(worker_id)
        requeued, failed = services.reap()
        if requeued or failed:
            self.stdout.write(f"Thu hồi tác vụ dở dang: {requeued} chạy lại, {failed} báo lỗi.")
        stop = threading.Event()
        threading.Thread(target=_beat_forever, args=(worker_id, stop), daemon=True, name="heartbeat").start()
        started = time.monotonic()
        try:
            call_command("db_worker", queue_name=queue_name, interval=interval, batch=batch, worker_id=worker_id,
                         reload=False, startup_delay=not batch, verbosity=options["verbosity"])
        finally:
            stop.set()
            self.stdout.write(f"Tiến trình xử lý nền dừng sau {time.monotonic() - started:.0f} giây.")
