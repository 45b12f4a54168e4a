"""Publishing a unit's dashboard (opt-in): scoped, audited, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import audit
from accounts.scope import require_write

from .models import Panel, PublicDashboard


@transaction.atomic
def save_public(user, unit, *, published: bool, panels: list[str], plan=None, period=None,
                measure_code: str = "") -> PublicDashboard:
    require_write(user, unit)
    unknown = [p for p in panels if p not in Panel.values]
    if unknown:
        raise ValidationError({"panels": f"Phần không hợp lệ: {', '.join(unknown)}."})
    if published and not panels:
        raise ValidationError({"panels": "Chọn ít nhất một phần để công khai."})
    if plan is not None and not unit.is_within(plan.unit) and plan.unit_id != unit.pk:
        raise ValidationError({"plan": "Kế hoạch không áp dụng cho đơn vị này."})
    board, created = PublicDashboard.objects.select_for_update().get_or_create(unit=unit)
    before = audit.snapshot(board)
    board.published, board.panels, board.plan, board.period = published, [p for p in Panel.values if p in panels], \
        plan, period
    board.measure_code, board.updated_by = measure_code, user
    board.save()
    if created:
        audit.created(user, board)
    else:
        audit.updated(user, board, before, verb="Công khai bảng số liệu" if published else "Ngừng công khai")
    return board
