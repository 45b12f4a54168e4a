import time

from django.core.management.base import BaseCommand, CommandError

from campaign.models import Period
from indicators import rollup


class Command(BaseCommand):
    help = ("Tổng hợp chỉ số lên các cấp: --rebuild tính lại toàn bộ từ số liệu gốc; --check so sánh số tổng hợp "
            "đang lưu với kết quả tính lại và trả mã lỗi khác 0 nếu có khác biệt.")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="tính lại toàn bộ số tổng hợp")
        parser.add_argument("--check", action="store_true", help="kiểm tra số tổng hợp đang lưu")
        parser.add_argument("--period", action="append", default=None, help="mã kỳ (2026, 2026-h1 …); lặp lại được")

    def handle(self, *args, rebuild=False, check=False, period=None, **options):
        if not rebuild and not check:
            raise CommandError("Chọn --rebuild hoặc --check.")
        period_ids = None
        if period:
            found = dict(Period.objects.filter(code__in=period).values_list("code", "pk"))
            missing = sorted(set(period) - set(found))
            if missing:
                raise CommandError(f"Không có kỳ: {', '.join(missing)}")
            period_ids = list(found.values())
        if check:
            diffs = rollup.differences(period_ids, limit=50)
            if diffs:
                for line in diffs:
                    self.stdout.write(self.style.ERROR(line))
                raise CommandError(f"Số tổng hợp khác với tính lại ({len(diffs)} dòng trên).")
            self.stdout.write(self.style.SUCCESS("Số tổng hợp khớp với tính lại từ số liệu gốc."))
        if rebuild:
            started = time.perf_counter()
            rows = rollup.rebuild(period_ids)
            self.stdout.write(self.style.SUCCESS(
                f"Đã tính lại {rows} số tổng hợp trong {time.perf_counter() - started:.1f} giây."))
