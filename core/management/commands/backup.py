from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = ("Sao lưu toàn bộ doanket (cơ sở dữ liệu và tệp tải lên) vào một tệp lưu trữ có manifest và mã kiểm tra "
            "SHA-256. Ví dụ: manage.py backup /var/backups/doanket/2026-12-01.tar")

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp lưu trữ sẽ tạo (.tar)")

    def handle(self, *args, file, **options):
        try:
            manifest = backup.backup(Path(file))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = manifest["files"]
        size = sum(f["size"] for f in files.values())
        self.stdout.write(self.style.SUCCESS(
            f"Đã sao lưu {manifest['engine']} và {len(files) - 1} tệp tải lên ({size / 1024 ** 2:.1f} MB) vào {file}."))
