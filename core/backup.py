"""Backup and restore of a whole doanket: the database (pg_dump custom format on PostgreSQL, the SQLite backup
API on SQLite) and every uploaded file, in one tar archive with a manifest of SHA-256 checksums.

    manifest.json        format, version, engine, creation time, and {name: {size, sha256}} of every member
    database.dump        (PostgreSQL) or database.sqlite3 (SQLite)
    media/<path>         uploaded files (photos, attachments, job results)

A restore reads the whole archive and checks every checksum *before* writing anything; a corrupt, truncated
or tampered archive is refused with the database untouched."""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection

FORMAT, VERSION = "doanket-backup", 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A refusal or failure, worded for the operator (Vietnamese)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> dict:
    db = connection.settings_dict
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def _run(args: list[str], what: str):
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{what} không thành công: {result.stderr.strip()[-500:]}")


def _dump_database(target: Path) -> str:
    vendor = connection.vendor
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], "pg_dump")
    elif vendor == "sqlite":
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")
    return vendor


def _media_files() -> list[tuple[Path, str]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted((p, "media/" + p.relative_to(root).as_posix()) for p in root.rglob("*") if p.is_file())


def backup(archive: Path) -> dict:
    """Write the archive (atomically: a temporary file renamed at the end). Returns the manifest."""
    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix="doanket-backup-") as tmp:
        vendor = connection.vendor
        db_name = "database.dump" if vendor == "postgresql" else "database.sqlite3"
        db_file = Path(tmp) / db_name
        _dump_database(db_file)
        members = [(db_file, db_name), *_media_files()]
        manifest = {
            "format": FORMAT, "version": VERSION, "engine": vendor,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "files": {name: {"size": path.stat().st_size, "sha256": _sha256(path)} for path, name in members},
        }
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for path, name in members:
                tar.add(path, arcname=name, recursive=False)
        os.replace(partial, archive)
    return manifest


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts and (name in ("manifest.json", "database.dump",
                                                                     "database.sqlite3") or name.startswith("media/"))


def verify(archive: Path, into: Path) -> dict:
    """Extract into `into` (a scratch directory) and check the manifest and every checksum. Raises
    BackupError on anything wrong; writes nothing outside `into`."""
    try:
        with tarfile.open(archive, "r") as tar:
            names = tar.getnames()
            if "manifest.json" not in names:
                raise BackupError("Tệp sao lưu không có manifest.json: không phải bản sao lưu doanket.")
            for member in tar.getmembers():
                if not _safe_name(member.name) or not (member.isfile() or member.isdir()):
                    raise BackupError(f"Tệp sao lưu chứa mục không hợp lệ: {member.name}")
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"Tệp sao lưu bị hỏng hoặc không đầy đủ ({type(exc).__name__}: {exc}).") from exc
    try:
        manifest = json.loads((into / "manifest.json").read_text())
    except ValueError as exc:
        raise BackupError("manifest.json bị hỏng.") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError("Tệp sao lưu không đúng định dạng doanket (phiên bản 1).")
    files = manifest.get("files", {})
    present = {n for n in names if n != "manifest.json" and (into / n).is_file()}
    if missing := sorted(set(files) - present):
        raise BackupError(f"Tệp sao lưu thiếu {len(missing)} tệp (ví dụ {missing[0]}): có thể đã bị cắt cụt.")
    if extra := sorted(present - set(files)):
        raise BackupError(f"Tệp sao lưu có tệp không ghi trong manifest: {extra[0]}.")
    for name, meta in files.items():
        path = into / name
        if path.stat().st_size != meta["size"] or _sha256(path) != meta["sha256"]:
            raise BackupError(f"Mã kiểm tra SHA-256 của {name} không khớp: tệp sao lưu đã bị hỏng hoặc bị sửa.")
    db_name = "database.dump" if manifest["engine"] == "postgresql" else "database.sqlite3"
    if db_name not in files:
        raise BackupError("Tệp sao lưu không có cơ sở dữ liệu.")
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"Bản sao lưu của {manifest['engine']} không khôi phục được vào {connection.vendor}.")
    return manifest


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def media_is_empty() -> bool:
    root = Path(settings.MEDIA_ROOT)
    return not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def _wipe_database():
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("DROP SCHEMA public CASCADE")
            c.execute("CREATE SCHEMA public")
    # SQLite: the backup API replaces the whole database file's content


def _restore_database(extracted: Path, manifest: dict):
    if manifest["engine"] == "postgresql":
        connection.close()
        _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
              f"--dbname={connection.settings_dict['NAME']}", str(extracted / "database.dump")], "pg_restore")
    else:
        source = sqlite3.connect(extracted / "database.sqlite3")
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()


def _restore_media(extracted: Path):
    root = Path(settings.MEDIA_ROOT)
    source = extracted / "media"
    if not source.exists():
        return 0
    count = 0
    for path in source.rglob("*"):
        if path.is_file():
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            count += 1
    return count


def restore(archive: Path, force: bool = False) -> dict:
    """Verify everything, then (only then) write the database and the media files. Returns the manifest with
    `restored_media` (count)."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Không có tệp {archive}.")
    with tempfile.TemporaryDirectory(prefix="doanket-restore-") as tmp:
        manifest = verify(archive, Path(tmp))
        if not force and not database_is_empty():
            raise BackupError("Cơ sở dữ liệu đích đã có dữ liệu. Hãy khôi phục vào cơ sở dữ liệu trống, hoặc thêm "
                              "--force để xóa toàn bộ dữ liệu hiện có rồi khôi phục.")
        if not force and not media_is_empty():
            raise BackupError(f"Thư mục tệp tải lên {settings.MEDIA_ROOT} đã có tệp. Hãy dùng thư mục trống hoặc "
                              "thêm --force.")
        if force:
            _wipe_database()
            if Path(settings.MEDIA_ROOT).exists():
                for child in Path(settings.MEDIA_ROOT).iterdir():
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
        _restore_database(Path(tmp), manifest)
        manifest["restored_media"] = _restore_media(Path(tmp))
    return manifest
