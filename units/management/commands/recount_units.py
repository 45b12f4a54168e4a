from django.core.management.base import BaseCommand
from django.db import transaction

from units.models import ActiveCount, recount


class Command(BaseCommand):
    help = "Đếm lại số đơn vị đang hoạt động dưới mỗi đơn vị (bảng units_activecount, thường do trigger giữ)."

    def handle(self, *args, **options):
        with transaction.atomic():
            recount()
        self.stdout.write(f"Đã đếm lại: {ActiveCount.objects.count()} dòng.")
