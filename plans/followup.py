"""Following up an issued plan: its tasks (assignee, deadline, status, progress, evidence) and the registration
drive its registration deadline asks for. Every write scoped, audited, in one transaction.

Who does what:
- the plan's issuer (Front officers of the plan's unit) assigns each task to one unit or one member organisation
  of its tree and sets the deadline;
- the assignee (an officer of that unit, or of that member organisation) and the issuer record progress:
  status, a note, one evidence file (PDF, DOCX or a photo, through core.uploads).
"Quá hạn" is never stored: a task not done past its deadline is overdue (Task.is_overdue).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import audit, scope
from accounts.models import Role
from core import concurrency, uploads
from units.models import MemberOrganisation, Unit, within

from .access import can_edit_unit_plans, require_plan_writer
from .models import Plan, Task, TaskStatus

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _require_issued(plan: Plan):
    if not plan.is_issued:
        raise ValidationError("Kế hoạch chưa ban hành: nhiệm vụ chỉ được giao và theo dõi sau khi ban hành.")


def can_assign(user, task: Task) -> bool:
    return task.plan.is_issued and can_edit_unit_plans(user, task.plan.unit)


def can_update(user, task: Task) -> bool:
    """The issuer's Front officers, or the assignee: an officer whose scope holds the assigned unit (Front
    officers and area heads), or the officer of the assigned member organisation."""
    if not (user.is_authenticated and user.can_write and task.plan.is_issued):
        return False
    if can_edit_unit_plans(user, task.plan.unit):
        return True
    if task.assigned_organisation_id:
        org = scope.organisation_filter(user)
        if org is not None:
            return org.pk == task.assigned_organisation_id
        return (user.role in (Role.OFFICER, Role.ADMIN)
                and scope.in_scope(user, task.assigned_organisation.unit))
    if task.assigned_unit_id:
        return (scope.organisation_filter(user) is None and user.role in (Role.OFFICER, Role.ADMIN, Role.AREA_HEAD)
                and scope.in_scope(user, task.assigned_unit))
    return False


def my_tasks(user):
    """Tasks of issued plans given to the user: of plans of units in their scope, and tasks given to their unit's
    subtree (or to their member organisation) by a plan above."""
    root = scope.root_unit(user)
    if root is None:
        return Task.objects.none()
    qs = Task.objects.filter(plan__status=Plan.Status.ISSUED)
    org = scope.organisation_filter(user)
    if org is not None:
        mine = Q(assigned_organisation=org)
    else:
        mine = within(root, "plan__unit") | within(root, "assigned_unit") | within(root, "assigned_organisation__unit")
    return qs.filter(mine).select_related("plan", "plan__unit", "assigned_unit", "assigned_organisation")


def visible_tasks(user):
    """Tasks a user may open: those given to them, and every task of an issued plan they can read (a commune
    officer reads the province plan and how its tasks are going)."""
    from .access import visible_plans

    if scope.root_unit(user) is None:
        return Task.objects.none()
    readable = Q(plan__in=visible_plans(user).filter(status=Plan.Status.ISSUED).values("pk"))
    return (Task.objects.filter(plan__status=Plan.Status.ISSUED)
            .filter(readable | Q(pk__in=my_tasks(user).values("pk")))
            .select_related("plan", "plan__unit", "assigned_unit", "assigned_organisation"))


def overdue_tasks(user, unit: Unit | None = None, today: datetime.date | None = None):
    """Tasks not done past their deadline, of plans the user sees (given to `unit`'s subtree when given)."""
    today = today or timezone.localdate()
    qs = my_tasks(user).filter(deadline__lt=today).exclude(status=TaskStatus.DONE)
    if unit is not None:
        qs = qs.filter(within(unit, "assigned_unit") | within(unit, "assigned_organisation__unit")
                       | Q(assigned_unit__isnull=True, assigned_organisation__isnull=True, plan__unit=unit))
    return qs.order_by("deadline", "pk")


@transaction.atomic
def assign_task(user, task: Task, *, unit: Unit | None, organisation: MemberOrganisation | None,
                deadline: datetime.date | None, version=None) -> Task:
    plan = task.plan
    require_plan_writer(user, plan.unit)
    _require_issued(plan)
    if unit and organisation:
        raise ValidationError("Giao cho một đơn vị hoặc một tổ chức thành viên, không chọn cả hai.")
    if unit and not unit.is_within(plan.unit):
        raise ValidationError(f"{unit.name} không thuộc {plan.unit.name}.")
    if organisation and not organisation.unit.is_within(plan.unit):
        raise ValidationError(f"{organisation.name} không thuộc {plan.unit.name}.")
    if deadline and plan.issued_on and deadline < plan.issued_on:
        raise ValidationError(f"Thời hạn ({deadline:%d/%m/%Y}) trước ngày ban hành kế hoạch "
                              f"({plan.issued_on:%d/%m/%Y}).")
    concurrency.claim_version(task, version)
    before = audit.snapshot(task)
    task.assigned_unit, task.assigned_organisation, task.deadline = unit, organisation, deadline
    task.updated_at, task.updated_by = timezone.now(), user
    task.save(update_fields=["assigned_unit", "assigned_organisation", "deadline", "updated_at", "updated_by"])
    audit.updated(user, task, before, verb="Giao nhiệm vụ")
    return task


@transaction.atomic
def update_progress(user, task: Task, *, status: str, note: str, evidence=None, done_on=None,
                    version=None) -> Task:
    if not can_update(user, task):
        raise PermissionDenied("Chỉ đơn vị, tổ chức được giao nhiệm vụ hoặc đơn vị ban hành kế hoạch cập nhật "
                               "tiến độ.")
    if status not in TaskStatus.values:
        raise ValidationError("Tình trạng không hợp lệ.")
    today = timezone.localdate()
    if status == TaskStatus.DONE:
        done_on = done_on or today
        if done_on > today:
            raise ValidationError("Ngày hoàn thành không được sau hôm nay.")
    else:
        done_on = None
    checked = None
    if evidence is not None:
        checked = uploads.check_attachment(evidence, kinds=(uploads.PDF, uploads.DOCX, uploads.IMAGE),
                                           max_bytes=EVIDENCE_MAX_BYTES, field="evidence", label="Minh chứng")
    concurrency.claim_version(task, version)
    before = audit.snapshot(task)
    task.status, task.progress_note, task.done_on = status, note.strip(), done_on
    fields = ["status", "progress_note", "done_on", "updated_at", "updated_by"]
    if checked is not None:
        old = task.evidence.name if task.evidence else ""
        task.evidence.save(checked.file.name, checked.file, save=False)
        task.evidence_name = (getattr(evidence, "name", "") or f"minh-chung{checked.extension}")[:200]
        task.evidence_type = checked.content_type
        fields += ["evidence", "evidence_name", "evidence_type"]
        if old:
            transaction.on_commit(lambda: task.evidence.storage.delete(old))
    task.updated_at, task.updated_by = timezone.now(), user
    task.save(update_fields=fields)
    audit.updated(user, task, before, verb="Cập nhật tiến độ nhiệm vụ")
    return task


# --- the registration deadline → the year's registration drive ----------------------------------------------

def registration_offer(user, plan: Plan, today: datetime.date | None = None) -> dict | None:
    """{"year", "deadline"} of the drive the plan's registration deadline asks for, when none is open yet and
    the user may open it. A recurring deadline ("Trước 15/02 hằng năm") is its next date from today."""
    if not plan.registration_deadline or plan.unit.level not in ("province", "commune"):
        return None
    if not can_edit_unit_plans(user, plan.unit) or scope.organisation_filter(user) is not None:
        return None
    today = today or timezone.localdate()
    deadline = plan.registration_deadline
    if plan.registration_recurring:
        deadline = _same_day(deadline, today.year)
        if deadline < today:
            deadline = _same_day(deadline, today.year + 1)
    elif deadline < today:
        return None
    from initiatives.models import RegistrationDrive

    year = deadline.year
    if RegistrationDrive.objects.filter(unit=plan.unit, year=year).exists():
        return None
    return {"year": year, "deadline": deadline}


def _same_day(day: datetime.date, year: int) -> datetime.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29/02
        return day.replace(year=year, day=28)


@transaction.atomic
def open_registration_drive(user, plan: Plan, today: datetime.date | None = None):
    from initiatives.services import open_drive

    offer = registration_offer(user, plan, today)
    if offer is None:
        raise ValidationError("Kế hoạch không có hạn đăng ký còn mở, hoặc đợt đăng ký của năm đã được mở.")
    note = (f"Theo {plan.get_doc_type_display()} {plan.number_symbol or ''} của {plan.unit.name}: các tổ chức "
            f"thành viên đăng ký công trình, mô hình, phần việc trước ngày {offer['deadline']:%d/%m/%Y}.")
    return open_drive(user, plan.unit, offer["year"], offer["deadline"], note=" ".join(note.split()))
