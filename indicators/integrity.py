"""The spine's consistency: every register measure, in every period that exists, equals a fresh recompute from
the register's rows (no period skipped), and stored aggregates equal a full rebuild from the values."""

from . import rollup


def register_differences(periods=None, limit: int = 20) -> list[str]:
    """Name every stored register value that differs from a recompute (a value missing for a period, too)."""
    from campaign.models import Period
    from units.models import Unit

    from . import derive
    from .models import DataValue
    from .registers import ZERO, all_registers
    from .services import _claimed

    from .pending import flush_for_read

    flush_for_read()
    periods = list(periods if periods is not None else Period.objects.all())
    problems, more = [], 0
    names = {}
    for code, reg in sorted(all_registers().items()):
        for d, measure in _claimed(reg):
            for period in periods:
                computed = derive.bulk(d, measure, period)
                stored = {(u, o or None): v for u, o, v in DataValue.objects.filter(
                    measure=measure, period=period, value__isnull=False).values_list("unit_id", "org_key", "value")}
                if d.missing == ZERO:
                    stored = {k: v for k, v in stored.items() if v != 0}
                for key in sorted(computed.keys() | stored.keys(), key=lambda k: (k[0], k[1] or 0)):
                    if computed.get(key) == stored.get(key):
                        continue
                    if len(problems) >= limit:
                        more += 1
                        continue
                    if key[0] not in names:
                        names[key[0]] = Unit.objects.filter(pk=key[0]).values_list("name", flat=True).first()
                    problems.append(f"{measure.code} · {names[key[0]] or key[0]} · {period.code}"
                                    f"{f' · tổ chức loại #{key[1]}' if key[1] else ''}: đang lưu "
                                    f"{_show(stored.get(key))}, tính lại từ sổ {_show(computed.get(key))}")
    if more:
        problems.append(f"… và {more} khác biệt nữa")
    return problems


def _show(value):
    return "—" if value is None else f"{value.normalize():f}"


def checks():
    wrong = register_differences()
    yield "Giá trị chỉ số từ các sổ theo dõi bằng giá trị tính lại, ở mọi kỳ", ("; ".join(wrong) if wrong else None)
    diffs = rollup.differences()
    yield "Số tổng hợp (chỉ số) khớp với tính lại từ số liệu gốc", ("; ".join(diffs) if diffs else None)
