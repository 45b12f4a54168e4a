from django.core.management.base import BaseCommand

from indicators.sync import sync_measures


class Command(BaseCommand):
    help = "Cập nhật danh mục chỉ số từ bộ chỉ số có sẵn và từ các sổ theo dõi (chạy lại nhiều lần vẫn an toàn)."

    def handle(self, *args, **options):
        r = sync_measures()
        self.stdout.write(f"Chỉ số: {r['created']} thêm mới, {r['updated']} cập nhật, {r['released']} trả về nhập "
                          f"tay; tổng {r['total']}.")
