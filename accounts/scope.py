"""The one place where "may this user see / change this" lives.

A user's scope is their unit and everything under it, optionally narrowed to one member organisation.
Views call these helpers; they never filter by hand.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from units.models import MemberOrganisation, Unit, within

from .models import Role


def root_unit(user):
    if not user.is_authenticated:
        return None
    if user.unit_id:
        return user.unit
    if user.is_superuser:
        return Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    return None


def units_in_scope(user):
    """Queryset of every unit the user may read."""
    root = root_unit(user)
    if root is None:
        return Unit.objects.none()
    return Unit.objects.subtree(root)


def in_scope(user, unit) -> bool:
    root = root_unit(user)
    return bool(root and unit and unit.is_within(root))


def get_unit(user, pk) -> Unit:
    """The unit with this id if the user may read it; 404 otherwise (we do not reveal what exists)."""
    from core.params import to_pk

    unit = get_object_or_404(Unit, pk=to_pk(pk))
    if not in_scope(user, unit):
        raise Http404("Không tìm thấy đơn vị trong phạm vi của bạn.")
    return unit


def require_write(user, unit):
    """Raise PermissionDenied unless the user may change data of `unit`."""
    if not in_scope(user, unit):
        raise Http404("Không tìm thấy đơn vị trong phạm vi của bạn.")
    if not user.can_write:
        raise PermissionDenied("Tài khoản của bạn chỉ có quyền xem.")


FRONT_KEEPERS = (Role.OFFICER, Role.ADMIN)  # who keeps a Front register of their unit (not leaders, not area heads)


def can_keep(user, unit, levels) -> bool:
    """May the user keep (write) a register of `unit` that units of `levels` keep: a Front officer or administrator
    with write access, the unit in scope."""
    return bool(user.is_authenticated and user.can_write and in_scope(user, unit)
                and user.role in FRONT_KEEPERS and unit.level in levels)


def require_keep(user, unit, levels, *, who: str, where: str = ""):
    """`can_keep` or an error: 404 outside the scope, 403 with `who` for another role, `where` for another level."""
    from django.core.exceptions import ValidationError

    require_write(user, unit)
    if user.role not in FRONT_KEEPERS:
        raise PermissionDenied(who)
    if unit.level not in levels:
        raise ValidationError(where)


def organisation_filter(user) -> MemberOrganisation | None:
    """The member organisation a user is narrowed to, or None for the whole Front."""
    return user.organisation if user.role == Role.ORG_OFFICER else None


def organisations_in_scope(user):
    qs = MemberOrganisation.objects.filter(unit__in=units_in_scope(user))
    org = organisation_filter(user)
    return qs.filter(pk=org.pk) if org else qs


def scope_queryset(user, queryset, unit_field="unit", organisation_field=None):
    """Filter any queryset whose rows belong to a unit (and optionally an organisation) to the user's scope."""
    root = root_unit(user)
    if root is None:
        return queryset.none()
    queryset = queryset.filter(within(root, unit_field))
    org = organisation_filter(user)
    if org and organisation_field:
        queryset = queryset.filter(**{organisation_field: org})
    return queryset


def can_manage_users(user, unit=None) -> bool:
    if not user.is_authenticated or user.role != Role.ADMIN and not user.is_superuser:
        return False
    return unit is None or in_scope(user, unit)
