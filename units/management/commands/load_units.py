from django.core.management.base import BaseCommand

from units.loader import load_units
from units.models import Level, Unit


class Command(BaseCommand):
    help = "Nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (mã chính thức) từ gói vietnam-provinces."

    def add_arguments(self, parser):
        parser.add_argument("--province", type=int, action="append",
                            help="Chỉ nạp tỉnh có mã này (có thể lặp lại), ví dụ --province 19")

    def handle(self, *args, **options):
        counts = load_units(set(options["province"] or []) or None)
        provinces = Unit.objects.filter(level=Level.PROVINCE).count()
        communes = Unit.objects.filter(level=Level.COMMUNE).count()
        self.stdout.write(f"Đã nạp đơn vị: {counts['created']} thêm mới, {counts['updated']} cập nhật. "
                          f"Hiện có {provinces} tỉnh, thành phố và {communes} xã, phường, đặc khu.")
