"""python manage.py import_plan FILE [--json]: read a plan document and show what was found."""

import json
import sys

from django.core.management.base import BaseCommand

from plans.importer import PlanImportError, parse_file


class Command(BaseCommand):
    help = "Đọc một văn bản kế hoạch (.docx, .pdf có lớp chữ, .txt) và trích xuất các trường chính."

    def add_arguments(self, parser):
        parser.add_argument("file", help="đường dẫn tới tệp .docx, .pdf hoặc .txt")
        parser.add_argument("--json", action="store_true", help="in đúng một đối tượng JSON (UTF-8)")

    def handle(self, *args, **options):
        try:
            result = parse_file(options["file"])
        except PlanImportError as exc:
            # a plain Vietnamese message, without Django's English "CommandError:" prefix
            self.stderr.write(f"Lỗi: {exc}")
            raise SystemExit(1) from exc
        if options["json"]:
            data = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
            if getattr(self.stdout, "_out", None) is sys.stdout and hasattr(sys.stdout, "buffer"):
                sys.stdout.flush()
                sys.stdout.buffer.write(data.encode("utf-8"))  # UTF-8 whatever the locale says
                sys.stdout.buffer.flush()
            else:
                self.stdout.write(data, ending="")
            return
        self.stdout.write(summary(result))


def summary(r: dict) -> str:
    def v(x):
        return x if x not in (None, "", []) else "(không có)"

    signer = r["signer"] or {}
    lines = [
        f"Loại văn bản: {v(r['doc_type'])}",
        f"Số, ký hiệu: {v(r['number'])}",
        f"Cơ quan ban hành: {v(r['issuer'])}",
        f"Địa danh, ngày: {v(r['place'])}, {v(_vn_date(r['date']))}",
        f"Trích yếu: {v(r['title'])}",
        f"Năm: {v(r['year'])}" + (f"; giai đoạn {r['phase']}" if r.get("phase") else ""),
        f"Căn cứ: {len(r['references'])} văn bản; văn bản khác được viện dẫn: {len(r['citations'])}",
        f"Số mục cấp 1: {len(r['sections'])}; nội dung Cuộc vận động: {len(r['contents'])}",
        f"Chỉ tiêu: {len(r['targets'])}",
    ]
    for t in r["targets"]:
        unit = "%" if t["is_percent"] else f" {t['unit'] or ''}"
        extra = f"; chỉ số: {t['measure'] or 'chưa gắn'}" + (f"; tổ chức: {t['organisation']}" if t["organisation"] else "")
        lines.append(f"  - [{t['item'] or '?'}] {t['comparator']} {t['value']}{unit} ({t['scope']}{extra}): {t['text'][:90]}")
    lines.append(f"Thời hạn: {len(r['deadlines'])}")
    for d in r["deadlines"]:
        lines.append(f"  - {_vn_date(d['date'])}: {d['text'][:90]}")
    lines.append(f"Đơn vị được giao nhiệm vụ: {len(r['assignees'])}")
    lines.append(f"Nơi nhận: {len(r['recipients'])}")
    lines.append(
        "Người ký: " + (" – ".join(x for x in (signer.get("authority"), signer.get("title"), signer.get("name")) if x) or "(không có)")
    )
    if r["warnings"]:
        lines.append(f"Cảnh báo ({len(r['warnings'])}):")
        lines.extend(f"  ! {w}" for w in r["warnings"])
    else:
        lines.append("Không có cảnh báo.")
    return "\n".join(lines)


def _vn_date(iso):
    if not iso:
        return None
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"
