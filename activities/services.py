"""Every write to the activities register: scoped, audited, in one transaction, then the spine refreshed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import audit, scope
from accounts.models import Role
from core.concurrency import claim_version, create_once
from initiatives.photos import prepare
from units.models import Level, MemberOrganisation, Unit

from .models import Activity, ActivityChannel, ActivityPhoto, CovenantUpdate, PropagandaChannel, TrainingTopic

REGISTER_CODE = "activities"
Kind = Activity.Kind
# Which fields each kind of activity records (besides unit, organisation, date, title, highlights).
KIND_FIELDS = {
    Kind.GREAT_UNITY_DAY: ["participants", "households", "money_spent", "money_mobilised",
                           "integrates_environment", "integrates_crime_prevention", "integrates_civilised_lifestyle"],
    Kind.PROPAGANDA: ["sessions", "participants", "articles", "contents", "integrates_environment",
                      "integrates_crime_prevention", "integrates_civilised_lifestyle"],
    Kind.TRAINING: ["topic", "sessions", "participants", "contents"],
    Kind.FESTIVAL: ["participants", "money_spent", "money_mobilised"],
    Kind.COMMENDATION: ["commended", "participants"],
    Kind.STUDY_TOUR: ["destination", "participants", "money_spent", "contents"],
    Kind.BORDER_DAY: ["participants", "households", "money_spent", "money_mobilised"],
    Kind.SECURITY_DAY: ["participants", "households", "money_spent", "money_mobilised"],
    Kind.DEFENCE_DAY: ["participants", "households", "money_spent", "money_mobilised"],
    Kind.GRATITUDE: ["participants", "households", "money_mobilised"],
    Kind.DIALOGUE: ["dialogue_form", "participants", "opinions", "contents"],
    Kind.SECURITY_PLEDGE: ["households", "participants"],
    # the conference that closes a review (sơ kết, tổng kết); the review round links to it (reporting)
    Kind.REVIEW_CONFERENCE: ["participants", "commended"],
}
# Fields a kind cannot do without: {kind: {field: message}}.
REQUIRED = {
    Kind.STUDY_TOUR: {"destination": "Ghi nơi đến, mô hình tham quan.", "participants": "Ghi số người của đoàn."},
    Kind.DIALOGUE: {"dialogue_form": "Chọn hình thức: đối thoại, tiếp xúc cử tri hay lắng nghe ý kiến Nhân dân."},
    Kind.SECURITY_PLEDGE: {"households": "Ghi số hộ ký cam kết."},
    Kind.TRAINING: {"topic": "Chọn chủ đề tập huấn."},
}
COMMON_FIELDS = ["unit", "organisation", "held_on", "title", "highlights"]
AREA_ONLY = {Kind.GREAT_UNITY_DAY, Kind.SECURITY_PLEDGE}
WITH_CHANNELS = {Kind.PROPAGANDA}
RELATED = {"contents"}  # many-to-many: set after the row is saved


def refresh_spine(unit, on):
    """An activity counts in the periods containing its date."""
    from indicators.services import changed

    day = on or timezone.localdate()
    changed(REGISTER_CODE, unit, day, day, models=[Activity, ActivityChannel])


def refresh_covenant(unit, *days):
    """A covenant amendment counts in every period ending on or after it (rules accumulate)."""
    from indicators.services import changed

    known = [d for d in days if d is not None]
    if known:
        changed(REGISTER_CODE, unit, min(known), models=[CovenantUpdate])


# --- reading ------------------------------------------------------------------------------------------------
def visible(user):
    qs = Activity.objects.select_related("unit", "organisation", "organisation__kind")
    return scope.scope_queryset(user, qs, "unit", "organisation")


def get_activity(user, pk) -> Activity:
    activity = visible(user).filter(pk=pk).first()
    if activity is None:
        raise Http404("Không tìm thấy hoạt động trong phạm vi của bạn.")
    return activity


def can_edit(user, activity: Activity) -> bool:
    if not user.can_write or not scope.in_scope(user, activity.unit):
        return False
    org = scope.organisation_filter(user)
    return org is None or activity.organisation_id == org.pk


def require_edit(user, activity):
    scope.require_write(user, activity.unit)
    if not can_edit(user, activity):
        raise PermissionDenied("Bạn chỉ sửa được hoạt động của tổ chức mình.")


def unit_choices(user, context_unit: Unit, kind=None):
    """Units an activity may be recorded for from a unit page; Great Unity Day only in residential areas."""
    levels = (Level.AREA,) if kind in AREA_ONLY else (Level.AREA, Level.COMMUNE, Level.PROVINCE)
    units = [context_unit] if context_unit.level in levels else []
    if context_unit.level != Level.AREA:
        units += list(context_unit.children.active().filter(level__in=levels).ordered())
    return [u for u in units if scope.in_scope(user, u)]


def organisation_choices(user, unit: Unit):
    org = scope.organisation_filter(user)
    if org:
        return MemberOrganisation.objects.filter(pk=org.pk)
    return (scope.organisations_in_scope(user).filter(unit_id__in=[*unit.ancestor_ids, unit.pk], is_active=True)
            .select_related("kind").order_by("-unit__depth", "kind__order"))


def _check(actor, activity):
    unit = activity.unit
    scope.require_write(actor, unit)
    if activity.kind in AREA_ONLY and unit.level != Level.AREA:
        raise ValidationError({"unit": f"{Kind(activity.kind).label} được ghi cho từng khu dân cư."})
    if unit.level not in (Level.AREA, Level.COMMUNE, Level.PROVINCE, Level.DISTRICT):
        raise ValidationError("Chọn khu dân cư, xã/phường hoặc tỉnh.")
    org = scope.organisation_filter(actor)
    if org and activity.organisation_id != org.pk:
        raise PermissionDenied("Bạn chỉ ghi được hoạt động của tổ chức mình.")
    if activity.organisation_id and not unit.is_within(activity.organisation.unit):
        raise ValidationError(f"{activity.organisation.name} không hoạt động ở {unit.name}.")
    for field in ("money_spent", "money_mobilised"):
        value = getattr(activity, field)
        if value is not None and value < 0:
            raise ValidationError("Số tiền không được âm.")
    if activity.held_on and activity.held_on > timezone.localdate():
        raise ValidationError("Ngày tổ chức không được sau hôm nay.")
    errors = {}
    for field, message in REQUIRED.get(Kind(activity.kind), {}).items():
        if getattr(activity, field) in (None, ""):
            errors[field] = message
    if activity.topic_id and not activity.topic.is_active and activity.kind == Kind.TRAINING:
        if activity.pk is None or Activity.objects.filter(pk=activity.pk).values_list("topic_id", flat=True)[0] \
                != activity.topic_id:
            errors["topic"] = f"Chủ đề “{activity.topic.name}” không còn dùng."
    if activity.opinions is not None and activity.participants is not None and activity.kind == Kind.DIALOGUE \
            and activity.opinions > 50 * max(activity.participants, 1):
        errors["opinions"] = "Số ý kiến quá lớn so với số người dự; kiểm tra lại."
    if errors:
        raise ValidationError(errors)


def clean_channels(raw: dict | None) -> dict:
    """{channel or its pk: count} → {PropagandaChannel: count ≥ 1}; a negative or unknown entry is refused."""
    counts, errors = {}, {}
    by_pk = {c.pk: c for c in PropagandaChannel.objects.all()}
    for key, value in (raw or {}).items():
        channel = key if isinstance(key, PropagandaChannel) else by_pk.get(int(key))
        if channel is None:
            raise ValidationError("Hình thức tuyên truyền không có trong danh mục.")
        if value in (None, "", 0):
            continue
        if not isinstance(value, int) or value < 0:
            errors[f"kenh_{channel.code}"] = f"{channel.name}: số lượt phải là số nguyên không âm."
            continue
        counts[channel] = value
    if errors:
        raise ValidationError(errors)
    return counts


def _save_channels(activity, counts: dict):
    existing = {c.channel_id: c for c in activity.channel_counts.all()}
    for channel, count in counts.items():
        row = existing.pop(channel.pk, None)
        if row is None:
            ActivityChannel.objects.create(activity=activity, channel=channel, count=count)
        elif row.count != count:
            row.count = count
            row.save(update_fields=["count"])
    for row in existing.values():
        row.delete()


def _related_snapshot(activity) -> dict:
    return {"contents": sorted(c.number for c in activity.contents.all()),
            "channels": {c.channel.name: c.count for c in activity.channel_counts.select_related("channel")}}


# --- writing ------------------------------------------------------------------------------------------------
@transaction.atomic
def save_activity(actor, kind: str, data: dict, instance: Activity | None = None, photo=None,
                  caption: str = "") -> Activity:
    """Create or update an activity; an attached photo is saved in the same transaction (or nothing is)."""
    if instance is None and data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(actor, data["once"], lambda: save_activity(actor, kind, rest, photo=photo,
                                                                      caption=caption))
    if kind not in Kind.values:
        raise ValidationError("Loại hoạt động không hợp lệ.")
    if instance is not None:
        require_edit(actor, instance)
        claim_version(instance, data.get("version"))
        stored = Activity.objects.get(pk=instance.pk)  # a ModelForm has already changed the instance
        before = {**audit.snapshot(stored), **_related_snapshot(stored)}
        old_unit, old_day = stored.unit, stored.held_on
    activity = instance or Activity(kind=kind, created_by=actor)
    for name in COMMON_FIELDS + KIND_FIELDS[Kind(kind)]:
        if name in data and name not in RELATED:
            setattr(activity, name, data[name])
    if actor.role == Role.ORG_OFFICER:
        activity.organisation = actor.organisation
    channels = clean_channels(data.get("channels")) if kind in WITH_CHANNELS and "channels" in data else None
    _check(actor, activity)
    activity.save()
    if "contents" in KIND_FIELDS[Kind(kind)] and "contents" in data:
        activity.contents.set(data["contents"] or [])
    if channels is not None:
        _save_channels(activity, channels)
    if instance is None:
        changes = {k: [None, v] for k, v in {**audit.snapshot(activity), **_related_snapshot(activity)}.items()
                   if v not in (None, "", [], {})}
        audit.record(actor, audit.Action.CREATE, activity, changes=changes)
    else:
        changes = audit.diff(before, {**audit.snapshot(activity), **_related_snapshot(activity)})
        if changes:
            audit.record(actor, audit.Action.UPDATE, activity, changes=changes)
        if old_unit.pk != activity.unit_id or old_day != activity.held_on:
            refresh_spine(old_unit, old_day)
    if photo is not None:
        add_photo(actor, activity, photo, caption)
    refresh_spine(activity.unit, activity.held_on)
    return activity


@transaction.atomic
def delete_activity(actor, activity: Activity):
    require_edit(actor, activity)
    unit, day = activity.unit, activity.held_on
    audit.deleted(actor, activity)
    for photo in activity.photos.all():
        photo.image.delete(save=False)
    activity.delete()
    refresh_spine(unit, day)


@transaction.atomic
def add_photo(actor, activity: Activity, upload, caption: str = "", once: str = "") -> ActivityPhoto:
    """Attach a photo (shrunk by `prepare`); a one-time key (`once`) makes a resent photo one photo."""
    if once:
        return create_once(actor, once, lambda: add_photo(actor, activity, upload, caption))
    require_edit(actor, activity)
    content = prepare(upload)
    photo = ActivityPhoto(activity=activity, caption=caption.strip()[:250], uploaded_by=actor)
    photo.image.save(content.name, content, save=False)
    photo.save()
    audit.created(actor, photo, verb="Thêm ảnh hoạt động", unit=activity.unit)
    return photo


def get_photo(user, pk) -> ActivityPhoto:
    photo = get_object_or_404(ActivityPhoto, pk=pk)
    get_activity(user, photo.activity_id)
    return photo


@transaction.atomic
def delete_photo(actor, photo: ActivityPhoto):
    require_edit(actor, photo.activity)
    audit.deleted(actor, photo, unit=photo.activity.unit)
    photo.image.delete(save=False)
    photo.delete()


# --- covenants ---------------------------------------------------------------------------------------------
def visible_covenants(user):
    if scope.organisation_filter(user):
        return CovenantUpdate.objects.none()  # covenants belong to residential areas, not to organisations
    return scope.scope_queryset(user, CovenantUpdate.objects.select_related("unit"), "unit")


def get_covenant(user, pk) -> CovenantUpdate:
    update = visible_covenants(user).filter(pk=pk).first()
    if update is None:
        raise Http404("Không tìm thấy hương ước, quy ước trong phạm vi của bạn.")
    return update


@transaction.atomic
def save_covenant(actor, data: dict, instance: CovenantUpdate | None = None) -> CovenantUpdate:
    """Create or edit a covenant amendment: a create form's one-time key (`once`) makes a resent form (a double
    click, the phone's outbox sending again after a lost answer) one row; an edit saves only from the version the
    form saw."""
    if instance is None and data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(actor, data["once"], lambda: save_covenant(actor, rest))
    unit = data.get("unit") or instance.unit
    scope.require_write(actor, unit)
    if instance is not None:
        scope.require_write(actor, instance.unit)
    if scope.organisation_filter(actor):
        raise PermissionDenied("Hương ước, quy ước do Ban Công tác Mặt trận và MTTQ cập nhật.")
    if unit.level != Level.AREA:
        raise ValidationError("Hương ước, quy ước được cập nhật cho từng khu dân cư.")
    if data["updated_on"] > timezone.localdate():
        raise ValidationError("Ngày thông qua không được sau hôm nay.")
    if instance is not None:
        claim_version(instance, data.get("version"))
        stored = CovenantUpdate.objects.get(pk=instance.pk)  # a ModelForm has already changed the instance
    before = audit.snapshot(stored) if instance else None
    if before is not None:
        before["rules"] = sorted(r.name for r in stored.rules.all())
        old_unit, old_day = stored.unit, stored.updated_on
    update = instance or CovenantUpdate(created_by=actor)
    update.unit, update.kind, update.updated_on = unit, data["kind"], data["updated_on"]
    update.approved_by, update.note = data.get("approved_by", ""), data.get("note", "")
    update.save()
    update.rules.set(data.get("rules", []))
    if instance is None:
        changes = {k: [None, v] for k, v in audit.snapshot(update).items() if v not in (None, "")}
        changes["rules"] = [None, sorted(r.name for r in update.rules.all())]
        audit.record(actor, audit.Action.CREATE, update, changes=changes)
    else:
        changes = audit.diff(before, {**audit.snapshot(update), "rules": sorted(r.name for r in update.rules.all())})
        if changes:
            audit.record(actor, audit.Action.UPDATE, update, changes=changes)
        if old_unit.pk != update.unit_id:
            refresh_covenant(old_unit, old_day)
        else:
            refresh_covenant(update.unit, old_day)
    refresh_covenant(update.unit, update.updated_on)
    return update


@transaction.atomic
def delete_covenant(actor, update: CovenantUpdate):
    scope.require_write(actor, update.unit)
    if scope.organisation_filter(actor):
        raise PermissionDenied("Hương ước, quy ước do Ban Công tác Mặt trận và MTTQ cập nhật.")
    unit, day = update.unit, update.updated_on
    audit.deleted(actor, update)
    update.delete()
    refresh_covenant(unit, day)


def area_summary(area: Unit, year: int) -> dict:
    """What a front-committee head sees first: this year's Great Unity Day, the covenant, the area's models."""
    from initiatives.models import Initiative

    gud = (Activity.objects.filter(unit=area, kind=Kind.GREAT_UNITY_DAY, held_on__year=year)
           .order_by("-held_on").first())
    covenant = CovenantUpdate.objects.filter(unit=area).order_by("-updated_on").prefetch_related("rules").first()
    civilised = CovenantUpdate.objects.filter(unit=area, rules__is_civilised_lifestyle=True).exists()
    models = Initiative.objects.filter(unit=area).exclude(status=Initiative.Status.STOPPED).order_by("title")
    pledges = Activity.objects.filter(unit=area, kind=Kind.SECURITY_PLEDGE, held_on__year=year).order_by("held_on")
    return {"gud": gud, "covenant": covenant, "civilised": civilised, "models": models, "pledges": pledges}


# --- configurable lists: propaganda channels, training topics ------------------------------------------------
LISTS = {"kenh": PropagandaChannel, "chu_de": TrainingTopic}


def _require_list_admin(actor):
    if not scope.can_manage_users(actor):
        raise PermissionDenied("Chỉ quản trị viên sửa danh mục hình thức tuyên truyền, chủ đề tập huấn.")


@transaction.atomic
def add_list_item(actor, which: str, name: str):
    """Administrators extend a list; a name already there (ignoring case) is refused."""
    import unicodedata

    from django.utils.text import slugify

    from core.text import fold

    _require_list_admin(actor)
    Model = LISTS.get(which)
    if Model is None:
        raise ValidationError({"which": "Chọn danh mục."})
    name = unicodedata.normalize("NFC", " ".join((name or "").split()))
    if not name:
        raise ValidationError({"name": "Ghi tên."})
    if Model.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"Đã có “{name}” trong danh mục {Model._meta.verbose_name}."})
    base = slugify(fold(name))[:34] or which
    code, n = base, 1
    while Model.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    item = Model.objects.create(code=code, name=name, order=Model.objects.count() + 1)
    audit.created(actor, item, unit=actor.unit)
    return item


@transaction.atomic
def toggle_list_item(actor, which: str, pk: int):
    """Stop offering an entry on forms (rows that used it keep it), or offer it again."""
    _require_list_admin(actor)
    Model = LISTS.get(which)
    if Model is None:
        raise Http404("Không có danh mục này.")
    item = get_object_or_404(Model.objects.select_for_update(), pk=pk)
    before = audit.snapshot(item)
    item.is_active = not item.is_active
    item.save(update_fields=["is_active"])
    audit.updated(actor, item, before, unit=actor.unit)
    return item


def channel_summary(activities) -> list[dict]:
    """Per channel: activities and uses among the listed activities (the register's detail behind the spine's
    total `propaganda_channel_uses`)."""
    from django.db.models import Count as DCount, Sum as DSum

    rows = (ActivityChannel.objects.filter(activity__in=activities).values("channel__name", "channel__order")
            .annotate(activities=DCount("activity", distinct=True), uses=DSum("count"))
            .order_by("channel__order", "channel__name"))
    return [{"channel": r["channel__name"], "activities": r["activities"], "uses": r["uses"]} for r in rows]


def export_table(activities, unit, label: str):
    """The listed activities as one table (XLSX): every kind's fields, channels and contents in text."""
    from documents.tables import Column, Table

    rows = []
    qs = activities.select_related("topic").prefetch_related("contents", "channel_counts__channel")
    for n, a in enumerate(qs, start=1):
        rows.append({
            "stt": n, "held_on": a.held_on, "kind": a.get_kind_display(), "title": a.title, "unit": a.unit.name,
            "organisation": a.organisation.name if a.organisation_id else "Mặt trận Tổ quốc",
            "detail": a.get_dialogue_form_display() if a.dialogue_form else (a.topic.name if a.topic_id else
                                                                              a.destination),
            "participants": a.participants, "households": a.households, "sessions": a.sessions,
            "opinions": a.opinions, "money_spent": a.money_spent, "money_mobilised": a.money_mobilised,
            "channels": "; ".join(f"{c.channel.name}: {c.count}" for c in a.channel_counts.all()),
            "contents": ", ".join(str(c.number) for c in a.contents.all()),
        })
    return Table(title=f"Hoạt động — {unit.name}", subtitle=[label] if label else [], columns=[
        Column("stt", "STT", "integer", summable=False), Column("held_on", "Ngày", "date"),
        Column("kind", "Loại hoạt động", width=30), Column("title", "Tên hoạt động", width=40),
        Column("unit", "Đơn vị", width=24), Column("organisation", "Chủ trì", width=24),
        Column("detail", "Hình thức, chủ đề, nơi đến", width=30),
        Column("participants", "Số người", "integer"), Column("households", "Số hộ", "integer"),
        Column("sessions", "Số buổi", "integer"), Column("opinions", "Số ý kiến", "integer"),
        Column("money_spent", "Kinh phí (đồng)", "money"), Column("money_mobilised", "Vận động (đồng)", "money"),
        Column("channels", "Theo hình thức tuyên truyền", width=40), Column("contents", "Nội dung số"),
    ], rows=rows)
