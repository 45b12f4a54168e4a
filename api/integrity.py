"""Consistency checks of the app `api` (run by `manage.py check_integrity`)."""

import hashlib


def checks():
    from .models import ApiToken, SignedDocument

    bad = []
    for doc in SignedDocument.objects.only("pk", "file", "sha256", "title").iterator():
        try:
            with doc.file.open("rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
        except (OSError, ValueError):
            bad.append(f"{doc.title}: thiếu tệp {doc.file.name}")
            continue
        if digest != doc.sha256:
            bad.append(f"{doc.title}: tệp đã ký bị thay đổi trên đĩa")
    yield "Văn bản đã ký số: tệp còn nguyên", "; ".join(bad[:20]) or None
    outside = [t.prefix for t in ApiToken.objects.filter(revoked_at__isnull=True).select_related("user", "unit")
               if t.user.unit_id and not t.unit.is_within(t.user.unit)]
    yield "Mã truy cập API: phạm vi nằm trong phạm vi của tài khoản", \
        (f"mã {', '.join(outside[:20])} vượt phạm vi của tài khoản" if outside else None)
