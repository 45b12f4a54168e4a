"""backup/restore round trip on the engine of this run (CI runs SQLite and PostgreSQL): database and uploaded
files into an empty database; refusals (non-empty target, corrupt or truncated archive) write nothing."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from core import backup

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "recognition").mkdir(parents=True)
    (settings.MEDIA_ROOT / "recognition" / "anh.jpg").write_bytes(b"\xff\xd8\xff anh guong dien hinh")
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(tree, media, tmp_path):
    path = tmp_path / "doanket.tar"
    call_command("backup", str(path))
    return path


@pytest.fixture
def empty_database(tmp_path):
    """A DATABASE_URL for a new, empty database of this run's engine (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    db = connection.settings_dict
    yield f"postgres://{db['USER']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"
    with connection.cursor() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database_url, media_root):
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media_root))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_archive_holds_a_manifest_with_a_checksum_of_every_file(archive):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["format"] == "doanket-backup" and manifest["engine"] == connection.vendor
    assert set(manifest["files"]) == names - {"manifest.json"}
    assert "media/recognition/anh.jpg" in names and all(len(f["sha256"]) == 64 for f in manifest["files"].values())


def test_a_backup_restores_into_an_empty_database_with_its_files_and_passes_integrity(archive, empty_database,
                                                                                      tmp_path, tree):
    restored_media = tmp_path / "restored-media"
    result = manage("restore", str(archive), database_url=empty_database, media_root=restored_media)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Mọi kiểm tra nhất quán đều đạt" in result.stdout
    assert (restored_media / "recognition" / "anh.jpg").read_bytes() == b"\xff\xd8\xff anh guong dien hinh"
    count = manage("shell", "-c", "from units.models import Unit; print(sorted(Unit.objects.values_list('name', "
                                  "flat=True)))", database_url=empty_database, media_root=restored_media)
    from units.models import Unit

    assert count.stdout.strip().splitlines()[-1] == str(sorted(Unit.objects.values_list("name", flat=True)))


def test_a_non_empty_database_is_refused_unless_forced(archive):
    assert not backup.database_is_empty()
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(archive))


def test_a_forced_restore_brings_back_the_data_and_files_of_the_backup(archive, tree, media):
    from units.models import Unit

    Unit.objects.filter(pk=tree.na_hai.pk).update(name="Tên đã sửa sau sao lưu")
    (media / "recognition" / "anh.jpg").unlink()
    call_command("restore", str(archive), "--force")
    assert Unit.objects.get(pk=tree.na_hai.pk).name == "Thôn Nà Hai"
    assert (media / "recognition" / "anh.jpg").exists()


def _rewrite(archive: Path, target: Path, change):
    with tarfile.open(archive) as src, tarfile.open(target, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            data = change(member.name, data)
            member.size = len(data)
            import io

            dst.addfile(member, io.BytesIO(data))


def test_a_corrupt_archive_is_refused_before_anything_is_written(archive, tree, tmp_path):
    from units.models import Unit

    corrupt = tmp_path / "corrupt.tar"
    _rewrite(archive, corrupt, lambda name, data: data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("media/")
             else data)
    Unit.objects.filter(pk=tree.na_hai.pk).update(name="Dữ liệu hiện có")
    with pytest.raises(CommandError, match="SHA-256 của media/recognition/anh.jpg không khớp"):
        call_command("restore", str(corrupt), "--force")
    assert Unit.objects.get(pk=tree.na_hai.pk).name == "Dữ liệu hiện có"


def test_a_truncated_archive_is_refused_before_anything_is_written(archive, tree, tmp_path):
    from units.models import Unit

    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    Unit.objects.filter(pk=tree.na_hai.pk).update(name="Dữ liệu hiện có")
    with pytest.raises(CommandError, match="bị hỏng|không đầy đủ|thiếu|cắt cụt"):
        call_command("restore", str(truncated), "--force")
    assert Unit.objects.get(pk=tree.na_hai.pk).name == "Dữ liệu hiện có"


def test_a_file_that_is_not_a_doanket_backup_is_refused(tmp_path):
    other = tmp_path / "khac.tar"
    other.write_bytes(b"day khong phai tep sao luu")
    with pytest.raises(CommandError, match="bị hỏng|không đầy đủ"):
        call_command("restore", str(other), "--force")
