from django.core.management.base import BaseCommand

from core.registry import demo_loaders


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu tỉnh Thái Nguyên vào cơ sở dữ liệu đang cấu hình (chạy lại nhiều lần vẫn an toàn)."

    def handle(self, *args, **options):
        for module in demo_loaders():
            module.load(lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
