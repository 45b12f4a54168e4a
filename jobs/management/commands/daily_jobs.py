import datetime

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from campaign.models import Period
from campaign.periods import open_periods
from api import calls
from indicators.services import refresh_daily
from jobs import services


class Command(BaseCommand):
    help = ("Việc hằng ngày: mở các kỳ của năm nay và năm sau, tính lại số kiến nghị quá hạn của các kỳ đang chạy, "
            "gửi thư nhắc và thư tổng hợp, thu hồi tác vụ nền dở dang. Chạy lại trong ngày không gây trùng lặp.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày chạy (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args, date=None, **options):
        today = timezone.localdate() if not date else datetime.date.fromisoformat(date)
        before = Period.objects.count()
        open_periods(today)  # this year and next, halves, quarters, the month: each derived when created
        self.stdout.write(f"Kỳ báo cáo: {Period.objects.count() - before} kỳ mới mở.")
        changed = refresh_daily(today)  # measures "as at today" (recommendations overdue) in the running periods
        self.stdout.write(f"Kiến nghị quá hạn: {changed} giá trị thay đổi ở các kỳ đang chạy.")
        call_command("send_reminders", date=today.isoformat(), stdout=self.stdout)
        requeued, failed = services.reap()
        self.stdout.write(f"Tác vụ nền dở dang: {requeued} chạy lại, {failed} báo lỗi.")
        self.stdout.write(f"Nhật ký gọi API: xóa {calls.prune(today)} lượt cũ hơn "
                          f"{settings.API_CALL_RETENTION_DAYS} ngày.")
