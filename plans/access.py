"""Who may see and change which plan: the one place for it (built on accounts.scope).

- Read: plans of units in the user's scope, plus the *issued* plans of the units above them (a commune
  officer reads the province plan to make their own from it). Anything else answers 404.
- Write: Front officers (and administrators) on plans of units in their scope. Leaders, member-organisation
  officers and residential-area heads only read. Issued plans are read-only for everyone.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import Role
from units.models import within

from .models import Plan


class PlanLocked(Exception):
    """Raised when something tries to change an issued plan."""

    def __init__(self, plan=None):
        super().__init__("Kế hoạch đã ban hành nên không sửa được. Hãy tạo kế hoạch mới nếu cần điều chỉnh.")


def visible_plans(user):
    root = scope.root_unit(user)
    if root is None:
        return Plan.objects.none()
    own = within(root)
    above = Q(unit_id__in=root.ancestor_ids, status=Plan.Status.ISSUED)
    return Plan.objects.filter(own | above).select_related("unit", "period")


def get_plan(user, pk) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("unit", "period", "parent_plan"), pk=pk)
    if not visible_plans(user).filter(pk=plan.pk).exists():
        raise Http404("Không tìm thấy kế hoạch trong phạm vi của bạn.")
    return plan


def can_edit_unit_plans(user, unit) -> bool:
    if not user.is_authenticated or not user.can_write or not scope.in_scope(user, unit):
        return False
    return user.is_superuser or user.role in (Role.OFFICER, Role.ADMIN)


def require_plan_writer(user, unit):
    scope.require_write(user, unit)  # 404 outside the scope, 403 for read-only accounts
    if not can_edit_unit_plans(user, unit):
        raise PermissionDenied("Chỉ cán bộ Mặt trận của đơn vị mới soạn và ban hành kế hoạch.")


def require_editable(user, plan):
    require_plan_writer(user, plan.unit)
    if plan.is_issued:
        raise PlanLocked(plan)


def can_edit(user, plan) -> bool:
    return not plan.is_issued and can_edit_unit_plans(user, plan.unit)
