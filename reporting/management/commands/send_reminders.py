import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting import reminders, tasks


class Command(BaseCommand):
    help = ("Gửi thư nhắc báo cáo (trước hạn, quá hạn) và thư tổng hợp hằng ngày cho cán bộ nhận báo cáo. "
            "Chạy mỗi ngày một lần; chạy lại trong ngày không gửi trùng.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày chạy (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args, **options):
        on = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        due = reminders.due_reminders(on)
        for submission_id, kind in due:
            tasks.remind_submission.enqueue(submission_id, kind, on.isoformat())
        digests = reminders.due_digests(on)
        for round_id in digests:
            tasks.send_digest.enqueue(round_id, on.isoformat())
        self.stdout.write(f"Ngày {on:%d/%m/%Y}: {len(due)} thư nhắc, {len(digests)} thư tổng hợp đã đưa vào hàng đợi.")
