"""Every write to the initiatives register: scoped, audited, in one transaction, then the spine refreshed."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import audit, scope
from accounts.models import Role
from core.concurrency import claim_version, create_once, service_atomic
from units.models import Level, MemberOrganisation, Unit

from .models import Initiative, Photo, RegistrationDrive, Submission, Topic

REGISTER_CODE = "initiatives"
Status = Initiative.Status
UNIT_LEVELS = (Level.AREA, Level.COMMUNE, Level.PROVINCE)


def refresh_spine(unit, *days):
    """Tell the spine that rows of `unit` changed, counting from the earliest of these dates (old and new start
    dates of a changed row) onwards: a running model counts in every period after its start."""
    from indicators.services import changed

    known = [d for d in days if d is not None]
    if known:
        changed(REGISTER_CODE, unit, min(known))


# --- reading ---------------------------------------------------------------------------------------------
def visible(user):
    """Initiatives the user may read: their unit's subtree; a member-organisation officer sees only their own."""
    qs = Initiative.objects.select_related("unit", "organisation", "organisation__kind", "content")
    return scope.scope_queryset(user, qs, "unit", "organisation")


def get_initiative(user, pk) -> Initiative:
    initiative = visible(user).filter(pk=pk).first()
    if initiative is None:
        raise Http404("Không tìm thấy mô hình trong phạm vi của bạn.")
    return initiative


def can_edit(user, initiative: Initiative) -> bool:
    if not user.can_write or not scope.in_scope(user, initiative.unit):
        return False
    org = scope.organisation_filter(user)
    return org is None or initiative.organisation_id == org.pk


def require_edit(user, initiative: Initiative):
    scope.require_write(user, initiative.unit)
    if not can_edit(user, initiative):
        raise PermissionDenied("Bạn chỉ sửa được mô hình của tổ chức mình.")


def unit_choices(user, context_unit: Unit):
    """Where a new initiative may sit, seen from a unit page: the unit itself and, for a commune, its areas."""
    units = [context_unit] if context_unit.level in UNIT_LEVELS else []
    if context_unit.level in (Level.COMMUNE, Level.PROVINCE, Level.DISTRICT):
        units += list(context_unit.children.active().filter(level__in=UNIT_LEVELS).ordered())
    return [u for u in units if scope.in_scope(user, u)]


def organisation_choices(user, unit: Unit):
    """Member organisations that may own an initiative at `unit`: those at the unit or above it, in scope."""
    org = scope.organisation_filter(user)
    if org:
        return MemberOrganisation.objects.filter(pk=org.pk)
    ids = [*unit.ancestor_ids, unit.pk]
    return (scope.organisations_in_scope(user).filter(unit_id__in=ids, is_active=True)
            .select_related("kind", "unit").order_by("-unit__depth", "kind__order"))


# --- writing ---------------------------------------------------------------------------------------------
FIELDS = ["kind", "title", "description", "content", "unit", "organisation", "is_pilot", "is_self_managed",
          "started_on", "money", "workdays", "land_m2", "is_exemplary"]


def _check_owner(actor, unit, organisation, organisation_changed=True):
    if unit.level not in UNIT_LEVELS:
        raise ValidationError("Địa bàn phải là khu dân cư, xã/phường hoặc tỉnh.")
    scope.require_write(actor, unit)
    org = scope.organisation_filter(actor)
    if org and (organisation is None or organisation.pk != org.pk):
        raise PermissionDenied("Bạn chỉ đăng ký được mô hình của tổ chức mình.")
    # choosing an organisation needs it in the actor's scope; keeping the one already there does not (a
    # front-committee head may edit a commune organisation's model in their area)
    in_reach = not organisation_changed or scope.in_scope(actor, organisation.unit) if organisation else True
    if organisation is not None and not (unit.is_within(organisation.unit) and in_reach):
        raise ValidationError(f"{organisation.name} không hoạt động ở {unit.name}.")


@service_atomic
def save_initiative(actor, data: dict, instance: Initiative | None = None) -> Initiative:
    """Create or update an initiative from cleaned form data (topics and criteria are lists). A create form's
    one-time key makes a double submit one row; an edit form's version refuses a stale save."""
    if instance is None and data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(actor, data["once"], lambda: save_initiative(actor, rest))
    if instance is not None:
        require_edit(actor, instance)
        claim_version(instance, data.get("version"))
        old_unit, old_day = instance.unit, instance.started_on
        before = audit.snapshot(Initiative.objects.get(pk=instance.pk))  # a ModelForm has already changed it
        before["topics"] = sorted(t.name for t in instance.topics.all())
    initiative = instance or Initiative(created_by=actor)
    old_org = instance.organisation_id if instance is not None else None
    for name in FIELDS:
        if name in data:
            setattr(initiative, name, data[name])
    if actor.role == Role.ORG_OFFICER:
        initiative.organisation = actor.organisation
    if "drive" in data:
        initiative.drive = data["drive"]
    _check_owner(actor, initiative.unit, initiative.organisation,
                 instance is None or old_org != initiative.organisation_id)
    if initiative.money is not None and initiative.money < 0:
        raise ValidationError("Kinh phí không được âm.")
    initiative.save()
    # a new row has no links yet: add them (set() would first read the links there are)
    if "topics" in data:
        initiative.topics.add(*data["topics"]) if instance is None else initiative.topics.set(data["topics"])
    if "criteria" in data:
        initiative.criteria.add(*data["criteria"]) if instance is None else initiative.criteria.set(data["criteria"])
    if instance is None:
        audit.created(actor, initiative)
    else:
        after_topics = sorted(t.name for t in initiative.topics.all())
        changes = audit.diff(before, {**audit.snapshot(initiative), "topics": after_topics})
        if changes:
            audit.record(actor, audit.Action.UPDATE, initiative, changes=changes)
        if old_unit.pk != initiative.unit_id:
            refresh_spine(old_unit, old_day)
        else:
            refresh_spine(initiative.unit, old_day, initiative.started_on)
            return initiative
    refresh_spine(initiative.unit, initiative.started_on)
    return initiative


def _transition(actor, initiative, allowed_from, verb):
    require_edit(actor, initiative)
    if initiative.status not in allowed_from:
        raise ValidationError(f"Không thể {verb.lower()} khi mô hình đang ở tình trạng "
                              f"“{initiative.get_status_display()}”.")
    return audit.snapshot(initiative)


@service_atomic
def start(actor, initiative: Initiative, on: datetime.date) -> Initiative:
    before = _transition(actor, initiative, {Status.REGISTERED}, "Bắt đầu thực hiện")
    planned = initiative.started_on
    initiative.status, initiative.started_on = Status.RUNNING, on
    initiative.save(update_fields=["status", "started_on", "updated_at"])
    audit.updated(actor, initiative, before, verb="Bắt đầu thực hiện")
    refresh_spine(initiative.unit, planned, on)
    return initiative


@service_atomic
def evaluate(actor, initiative: Initiative, rating: str, notes: str, on: datetime.date) -> Initiative:
    before = _transition(actor, initiative, {Status.RUNNING, Status.EVALUATED, Status.REPLICATED}, "Đánh giá")
    if rating not in Initiative.Rating.values:
        raise ValidationError("Chọn kết quả đánh giá: tốt, khá, trung bình hoặc không hiệu quả.")
    if initiative.started_on and on < initiative.started_on:
        raise ValidationError("Ngày đánh giá không được trước ngày bắt đầu.")
    if initiative.status == Status.RUNNING:
        initiative.status = Status.EVALUATED
    initiative.rating, initiative.evaluation_notes, initiative.evaluated_on = rating, notes.strip(), on
    initiative.save(update_fields=["status", "rating", "evaluation_notes", "evaluated_on", "updated_at"])
    audit.updated(actor, initiative, before, verb="Đánh giá mô hình")
    refresh_spine(initiative.unit, initiative.started_on)
    return initiative


@service_atomic
def stop(actor, initiative: Initiative, on: datetime.date, notes: str = "") -> Initiative:
    before = _transition(actor, initiative, {Status.RUNNING, Status.EVALUATED, Status.REPLICATED}, "Dừng")
    if initiative.started_on and on < initiative.started_on:
        raise ValidationError("Ngày dừng không được trước ngày bắt đầu.")
    initiative.status, initiative.stopped_on = Status.STOPPED, on
    if notes.strip():
        initiative.evaluation_notes = (initiative.evaluation_notes + "\n" + notes.strip()).strip()
    initiative.save(update_fields=["status", "stopped_on", "evaluation_notes", "updated_at"])
    audit.updated(actor, initiative, before, verb="Dừng mô hình")
    refresh_spine(initiative.unit, initiative.started_on, on)
    return initiative


@transaction.atomic
def replicate(actor, original: Initiative, units: list[Unit], on: datetime.date) -> list[Initiative]:
    """Copy an evaluated initiative to other units (nhân rộng): each copy links back to the original."""
    before = _transition(actor, original, {Status.EVALUATED, Status.REPLICATED}, "Nhân rộng")
    if not units:
        raise ValidationError("Chọn ít nhất một địa bàn để nhân rộng.")
    copies = []
    topics = list(original.topics.all())
    criteria = list(original.criteria.all())
    for unit in units:
        if unit.pk == original.unit_id:
            raise ValidationError(f"{unit.name} là địa bàn của chính mô hình gốc.")
        copy = Initiative(kind=original.kind, title=original.title, description=original.description,
                          content=original.content, unit=unit, organisation=original.organisation,
                          is_pilot=False, is_self_managed=original.is_self_managed, started_on=on,
                          status=Status.RUNNING, replicated_from=original, created_by=actor)
        if copy.organisation and not unit.is_within(copy.organisation.unit):
            copy.organisation = None
        _check_owner(actor, unit, copy.organisation)
        copy.save()
        copy.topics.set(topics)
        copy.criteria.set(criteria)
        audit.created(actor, copy, verb="Nhân rộng mô hình", note=f"Từ mô hình #{original.pk} {original.title}")
        refresh_spine(unit, on)
        copies.append(copy)
    original.status = Status.REPLICATED
    original.save(update_fields=["status", "updated_at"])
    audit.updated(actor, original, before, verb="Nhân rộng mô hình",
                  note="Sang: " + ", ".join(u.name for u in units))
    return copies


@transaction.atomic
def delete_initiative(actor, initiative: Initiative):
    require_edit(actor, initiative)
    if initiative.copies.exists():
        raise ValidationError("Mô hình đã được nhân rộng; không xóa được (hãy chuyển sang “Đã dừng”).")
    unit, day = initiative.unit, initiative.started_on
    audit.deleted(actor, initiative)
    for photo in initiative.photos.all():
        photo.image.delete(save=False)
    initiative.delete()
    refresh_spine(unit, day)


@transaction.atomic
def add_photo(actor, initiative: Initiative, upload, caption: str = "") -> Photo:
    from .photos import prepare

    require_edit(actor, initiative)
    content = prepare(upload)
    photo = Photo(initiative=initiative, caption=caption.strip()[:250], uploaded_by=actor)
    photo.image.save(content.name, content, save=False)
    photo.save()
    audit.created(actor, photo, verb="Thêm ảnh mô hình", unit=initiative.unit)
    return photo


@transaction.atomic
def delete_photo(actor, photo: Photo):
    require_edit(actor, photo.initiative)
    audit.deleted(actor, photo, unit=photo.initiative.unit)
    photo.image.delete(save=False)
    photo.delete()


# --- the registration drive -------------------------------------------------------------------------------
def visible_drives(user):
    return scope.scope_queryset(user, RegistrationDrive.objects.select_related("unit"), "unit")


def get_drive(user, pk) -> RegistrationDrive:
    drive = visible_drives(user).filter(pk=pk).first()
    if drive is None:
        raise Http404("Không tìm thấy đợt đăng ký trong phạm vi của bạn.")
    return drive


def drive_organisations(user, drive: RegistrationDrive):
    """The member organisations asked to register in this drive (those at the drive's unit), in the user's view."""
    return scope.organisations_in_scope(user).filter(unit=drive.unit, is_active=True).select_related("kind")


def drive_status(user, drive: RegistrationDrive) -> list[dict]:
    """One row per organisation: its submission (or None), how many rows it has listed, whether late."""
    from django.db.models import Count

    orgs = list(drive_organisations(user, drive))
    submissions = {s.organisation_id: s for s in drive.submissions.all()}
    counts = dict(drive.initiatives.values_list("organisation_id").annotate(n=Count("id")).values_list(
        "organisation_id", "n"))
    today = timezone.localdate()
    rows = []
    for org in orgs:
        sub = submissions.get(org.pk)
        submitted = bool(sub and sub.submitted_at)
        rows.append({"organisation": org, "submission": sub, "count": counts.get(org.pk, 0), "submitted": submitted,
                     "late": not submitted and today > drive.deadline})
    return rows


def get_drive_organisation(user, drive: RegistrationDrive, org_pk) -> MemberOrganisation:
    org = drive_organisations(user, drive).filter(pk=org_pk).first()
    if org is None:
        raise Http404("Tổ chức này không thuộc đợt đăng ký hoặc ngoài phạm vi của bạn.")
    return org


def drive_list(drive: RegistrationDrive, organisation: MemberOrganisation):
    return (drive.initiatives.filter(organisation=organisation).select_related("unit", "content")
            .prefetch_related("topics").order_by("id"))


@transaction.atomic
def open_drive(actor, unit: Unit, year: int, deadline: datetime.date, note: str = "") -> RegistrationDrive:
    scope.require_write(actor, unit)
    if scope.organisation_filter(actor) or actor.role == Role.AREA_HEAD:
        raise PermissionDenied("Chỉ cán bộ Mặt trận mở đợt đăng ký.")
    if unit.level not in (Level.PROVINCE, Level.COMMUNE):
        raise ValidationError("Đợt đăng ký mở ở cấp tỉnh hoặc cấp xã.")
    if RegistrationDrive.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{unit.name} đã mở đợt đăng ký năm {year}.")
    if deadline.year not in (year - 1, year):
        raise ValidationError(f"Hạn đăng ký phải trong năm {year - 1} hoặc {year}.")
    drive = RegistrationDrive.objects.create(unit=unit, year=year, deadline=deadline, note=note.strip(),
                                             opened_by=actor)
    audit.created(actor, drive, verb="Mở đợt đăng ký")
    return drive


def _require_drive_org_write(actor, drive, organisation):
    scope.require_write(actor, drive.unit)
    org = scope.organisation_filter(actor)
    if org and org.pk != organisation.pk:
        raise PermissionDenied("Bạn chỉ gửi danh sách của tổ chức mình.")
    if actor.role == Role.AREA_HEAD:
        raise PermissionDenied("Trưởng ban công tác Mặt trận không gửi danh sách đăng ký của tổ chức.")


@transaction.atomic
def submit_list(actor, drive: RegistrationDrive, organisation: MemberOrganisation) -> Submission:
    _require_drive_org_write(actor, drive, organisation)
    if not drive.initiatives.filter(organisation=organisation).exists():
        raise ValidationError("Danh sách chưa có dòng nào; hãy thêm công trình, mô hình, phần việc trước khi gửi.")
    sub, _ = Submission.objects.get_or_create(drive=drive, organisation=organisation)
    before = audit.snapshot(sub)
    sub.submitted_at, sub.submitted_by = timezone.now(), actor
    sub.save()
    audit.updated(actor, sub, before, verb="Gửi danh sách đăng ký", unit=drive.unit)
    return sub


@transaction.atomic
def remind(actor, drive: RegistrationDrive, organisations: list[MemberOrganisation]) -> int:
    """Email a reminder to the officers of each organisation that has not submitted; returns emails queued."""
    from accounts.models import User

    from .tasks import send_reminder

    scope.require_write(actor, drive.unit)
    if scope.organisation_filter(actor):
        raise PermissionDenied("Chỉ cán bộ Mặt trận gửi lời nhắc.")
    submitted = set(drive.submissions.filter(submitted_at__isnull=False).values_list("organisation_id", flat=True))
    targets = [o for o in organisations if o.pk not in submitted]
    recipients = {}
    for user in User.objects.filter(organisation__in=targets, is_active=True).exclude(email=""):
        recipients.setdefault(user.organisation_id, []).append(user.email)
    now = timezone.now()
    queued = 0
    for org in targets:
        sub, _ = Submission.objects.get_or_create(drive=drive, organisation=org)
        sub.reminded_at, sub.reminders = now, sub.reminders + 1
        sub.save(update_fields=["reminded_at", "reminders"])
        emails = recipients.get(org.pk, [])
        audit.record(actor, audit.Action.ACTION, sub, verb="Nhắc đăng ký", unit=drive.unit,
                     note=", ".join(emails) or "tổ chức chưa có tài khoản có email")
        if emails:
            transaction.on_commit(lambda d=drive.pk, o=org.pk, e=emails: send_reminder.enqueue(d, o, e))
            queued += len(emails)
    return queued


def active_topics():
    return Topic.objects.filter(is_active=True)


def get_photo(user, pk) -> Photo:
    photo = get_object_or_404(Photo.objects.select_related("initiative__unit"), pk=pk)
    get_initiative(user, photo.initiative_id)  # 404 outside the reader's scope
    return photo
