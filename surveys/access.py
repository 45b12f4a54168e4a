"""Who may see and do what with a survey (on top of accounts.scope).

- Officers and administrators whose scope holds the commune manage the survey (settings, roll, status).
- The head of a residential area's front committee (area_head) sees the survey of their commune and enters
  the paper ballots of their own area only.
- Member-organisation officers and leaders read; nobody outside the scope learns that a survey exists (404).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import Role
from units.models import Level, Unit

from .models import Survey


def _area_head_area(user):
    unit = user.unit if user.is_authenticated and user.role == Role.AREA_HEAD else None
    return unit if unit is not None and unit.level == Level.AREA else None


def visible_surveys(user):
    qs = scope.scope_queryset(user, Survey.objects.all())
    area = _area_head_area(user)
    if area is not None:
        qs = qs | Survey.objects.filter(unit_id=area.parent_id)
    return qs.select_related("unit", "criteria_set")


def get_survey(user, pk) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("unit", "criteria_set"), pk=pk)
    if scope.in_scope(user, survey.unit):
        return survey
    area = _area_head_area(user)
    if area is not None and area.parent_id == survey.unit_id:
        return survey
    raise Http404("Không tìm thấy đợt lấy ý kiến trong phạm vi của bạn.")


def can_manage(user, survey) -> bool:
    return (scope.in_scope(user, survey.unit) and user.can_write
            and (user.role in (Role.OFFICER, Role.ADMIN) or user.is_superuser))


def require_manage(user, survey):
    if not scope.in_scope(user, survey.unit):
        raise Http404("Không tìm thấy đợt lấy ý kiến trong phạm vi của bạn.")
    if not can_manage(user, survey):
        raise PermissionDenied("Tài khoản của bạn chỉ được xem đợt lấy ý kiến này.")


def areas(user, survey):
    """The residential areas of the survey this user may see (all of the commune, or the head's own)."""
    qs = Unit.objects.filter(parent=survey.unit, level=Level.AREA, is_active=True).ordered()
    area = _area_head_area(user)
    if area is not None and not scope.in_scope(user, survey.unit):
        qs = qs.filter(pk=area.pk)
    return qs


def get_area(user, survey, area_pk) -> Unit:
    area = areas(user, survey).filter(pk=area_pk).first()
    if area is None:
        raise Http404("Không tìm thấy khu dân cư trong phạm vi của bạn.")
    return area


def can_enter(user, survey, area) -> bool:
    """May this user enter paper ballots for this area?"""
    if not user.can_write or user.role in (Role.LEADER, Role.ORG_OFFICER):
        return False
    return can_manage(user, survey) or _area_head_area(user) == area


def require_enter(user, survey, area):
    if not can_enter(user, survey, area):
        raise PermissionDenied("Tài khoản của bạn không được nhập phiếu cho khu dân cư này.")
