from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = ("Khôi phục doanket từ một tệp do `backup` tạo: kiểm tra mã SHA-256 của mọi tệp trước khi ghi, chỉ ghi "
            "vào cơ sở dữ liệu trống (trừ khi có --force), rồi chạy check_integrity.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu (.tar)")
        parser.add_argument("--force", action="store_true",
                            help="xóa toàn bộ dữ liệu và tệp tải lên hiện có rồi khôi phục")

    def handle(self, *args, file, force=False, **options):
        try:
            manifest = backup.restore(Path(file), force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã khôi phục cơ sở dữ liệu ({manifest['engine']}, sao lưu lúc {manifest['created_at']}) "
                          f"và {manifest['restored_media']} tệp tải lên.")
        call_command("migrate", "--noinput", verbosity=0)  # a backup of an older version is brought up to date
        call_command("check_integrity", stdout=self.stdout)
