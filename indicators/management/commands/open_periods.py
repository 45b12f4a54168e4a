"""The daily job of the spine: open the current and next years (with halves, quarters and the current month),
each derived by every register when created, and re-derive the measures that depend on today's date."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indicators import tasks


class Command(BaseCommand):
    help = "Mở các kỳ của năm nay và năm sau (tính sẵn mọi chỉ số từ sổ) và cập nhật chỉ số phụ thuộc ngày hôm nay."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày chạy, YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"Ngày không hợp lệ: {date} (dạng YYYY-MM-DD).") from None
        result = tasks.open_periods.enqueue(today.isoformat())
        if result.status == "SUCCESSFUL":  # the in-process backend ran it; a worker reports in its own log
            done = result.return_value
            self.stdout.write(f"Các kỳ đang mở: {', '.join(done['periods'])}; {done['refreshed']} giá trị cập nhật "
                              f"theo ngày.")
        else:
            self.stdout.write(f"Đã giao việc mở kỳ cho tiến trình nền (mã {result.id}).")
