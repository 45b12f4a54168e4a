import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from campaign.models import Period
from campaign.periods import get_period
from indicators.services import refresh_all
from jobs import services


def periods_to_open(year: int) -> list[str]:
    """This year, its halves and quarters, and next year: periods exist before anyone reports in them."""
    return [str(year), f"{year}-h1", f"{year}-h2", *(f"{year}-q{q}" for q in range(1, 5)), str(year + 1)]


class Command(BaseCommand):
    help = ("Việc hằng ngày: mở các kỳ của năm nay và năm sau, tính lại số kiến nghị quá hạn của các kỳ đang chạy, "
            "gửi thư nhắc và thư tổng hợp, thu hồi tác vụ nền dở dang. Chạy lại trong ngày không gây trùng lặp.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày chạy (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args, date=None, **options):
        today = timezone.localdate() if not date else datetime.date.fromisoformat(date)
        before = Period.objects.count()
        for code in periods_to_open(today.year):
            get_period(code)
        self.stdout.write(f"Kỳ báo cáo: {Period.objects.count() - before} kỳ mới mở.")
        running = list(Period.objects.filter(start__lte=today, end__gte=today))
        changed = refresh_all("oversight", running) if running else 0
        self.stdout.write(f"Kiến nghị quá hạn: {changed} giá trị thay đổi ở {len(running)} kỳ đang chạy.")
        call_command("send_reminders", date=today.isoformat(), stdout=self.stdout)
        requeued, failed = services.reap()
        self.stdout.write(f"Tác vụ nền dở dang: {requeued} chạy lại, {failed} báo lỗi.")
