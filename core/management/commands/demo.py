import time

from django.core.management.base import BaseCommand
from django.db import transaction

from core.registry import demo_loaders


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu tỉnh Thái Nguyên vào cơ sở dữ liệu đang cấu hình (chạy lại nhiều lần vẫn an toàn)."

    def handle(self, *args, **options):
        from indicators.services import batch

        started = time.monotonic()
        loaders = demo_loaders()
        # The registers' loaders write their rows in one transaction and the spine derives them once, at the end,
        # set-based, with one rollup (indicators.services.batch); the loaders that read derived values
        # (NEEDS_DERIVED: reports snapshot figures) run after it.
        split = next((i for i, m in enumerate(loaders) if getattr(m, "NEEDS_DERIVED", False)), len(loaders))
        with transaction.atomic(), batch():
            for module in loaders[:split]:
                self._run(module, options)
            begun = time.monotonic()
        self.stdout.write(f"  Chỉ số từ các sổ theo dõi: đã tính một lần cho mọi kỳ và tổng hợp lên các cấp "
                          f"({time.monotonic() - begun:.1f} giây).")
        for module in loaders[split:]:
            self._run(module, options)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({time.monotonic() - started:.0f} giây)."))

    def _run(self, module, options):
        begun = time.monotonic()
        module.load(lambda message: self.stdout.write(f"  {message}"))
        if options["verbosity"] > 1:
            self.stdout.write(f"  ({module.__name__}: {time.monotonic() - begun:.1f} giây)")
