from django.core.management.base import BaseCommand, CommandError

from core.registry import integrity_modules


class Command(BaseCommand):
    help = ("Chạy mọi kiểm tra nhất quán của doanket (cây đơn vị, số tổng hợp so với tính lại, sổ quỹ, …); "
            "in từng lỗi và trả mã lỗi khác 0 nếu có.")

    def handle(self, *args, **options):
        failures = 0
        for module in integrity_modules():
            for name, failure in module.checks():
                if failure:
                    failures += 1
                    self.stdout.write(self.style.ERROR(f"[LỖI] {name}: {failure}"))
                else:
                    self.stdout.write(f"[ĐẠT] {name}")
        if failures:
            raise CommandError(f"Có {failures} lỗi nhất quán.")
        self.stdout.write(self.style.SUCCESS("Mọi kiểm tra nhất quán đều đạt."))
