"""Consistency of the org tree: paths match parents, levels nest, official codes are unique."""

from django.db import connection
from django.db.models import Count

from .models import ALLOWED_PARENT, COUNT_SQL, SEGMENT, ActiveCount, Unit


def checks():
    units = {u.pk: u for u in Unit.objects.only("pk", "parent_id", "path", "depth", "level", "name")}
    bad_paths = [u.name for u in units.values()
                 if u.path != (units[u.parent_id].path if u.parent_id else "") + f"{u.pk:0{SEGMENT}d}"
                 or u.depth != len(u.path) // SEGMENT - 1]
    yield "Đường dẫn cây đơn vị khớp đơn vị cấp trên", (
        f"{len(bad_paths)} đơn vị sai đường dẫn, ví dụ {', '.join(bad_paths[:5])}" if bad_paths else None)
    bad_levels = [u.name for u in units.values()
                  if u.parent_id and units[u.parent_id].level not in ALLOWED_PARENT.get(u.level, set())]
    yield "Cấp đơn vị lồng đúng thứ tự", (
        f"{len(bad_levels)} đơn vị nằm dưới cấp không hợp lệ, ví dụ {', '.join(bad_levels[:5])}" if bad_levels else None)
    roots = [u for u in units.values() if u.parent_id is None]
    yield "Chỉ có một gốc cây đơn vị", (f"có {len(roots)} gốc" if len(roots) > 1 else None)
    dupes = (Unit.objects.filter(level__in=["province", "commune"]).values("level", "code")
             .annotate(n=Count("id")).filter(n__gt=1))
    yield "Mã chính thức không trùng", (f"{dupes.count()} mã bị trùng" if dupes.exists() else None)
    kept = set(ActiveCount.objects.filter(n__gt=0).values_list("prefix", "level", "n"))
    with connection.cursor() as cur:
        cur.execute(COUNT_SQL)
        fresh = set(cur.fetchall())
    wrong = len(kept ^ fresh)
    yield "Số đơn vị đang hoạt động dưới mỗi đơn vị khớp cây đơn vị", (
        f"{wrong} dòng đếm sai (chạy manage.py recount_units)" if wrong else None)
