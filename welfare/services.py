"""Every write to households and support records: scoped, audited (identity masked), in one transaction,
and followed by a refresh of the derived values on the spine."""

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts import audit
from accounts.models import Role
from accounts.scope import in_scope, organisation_filter, require_write, scope_queryset
from core.concurrency import claim_version, create_once
from core.text import fold
from indicators.services import FIRST_DAY, deferred
from core.uploads import UploadError, read_table
from units.models import Level, Unit

from . import privacy
from .models import KIND_DETAILS, CircumstanceTag, Detail, Household, Kind, Listing, Source, Status, SupportRecord

REGISTER = "welfare"


def refresh(unit, *days):
    """Tell the spine that this register's rows of `unit` changed on these dates (a support record's date and
    its house's handover date)."""
    from indicators.services import changed

    known = [d for d in days if d is not None]
    if known:
        changed(REGISTER, unit, min(known), max(known))


def refresh_list_year(area, year: int):
    """A change to the year's list of poor households touches every period whose list is that year's."""
    refresh(area, datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def can_edit_households(user, unit) -> bool:
    """Front officers and area heads in scope; member-organisation officers and leaders only read."""
    return bool(user.can_write and in_scope(user, unit) and user.role != Role.ORG_OFFICER)


def require_household_write(user, unit):
    require_write(user, unit)
    if user.role == Role.ORG_OFFICER:
        raise PermissionDenied("Cán bộ tổ chức thành viên không sửa được danh sách hộ.")


# --- Households ------------------------------------------------------------------------------------


def _validate_id(number: str) -> str:
    number = (number or "").strip().replace(" ", "")
    if number and (not number.isdigit() or len(number) != 12):
        raise ValidationError({"id_number": "Số định danh (CCCD) gồm đúng 12 chữ số."})
    return number


def _refuse_duplicate_id(actor, household):
    """One identity number, one household, within what the editor can see. A household outside the editor's
    scope with the same number is never mentioned (that would tell them who is listed elsewhere)."""
    other = (scope_queryset(actor, Household.objects.filter(id_number=household.id_number))
             .exclude(pk=household.pk).select_related("unit").first())
    if other is not None:
        raise ValidationError({"id_number": f"Số định danh này đã có ở {other} ({other.unit.name})."})


@transaction.atomic
def save_household(actor, area: Unit, data: dict, year: int, status: str, instance: Household | None = None):
    """Create or update a household in `area` and put it on `year`'s list with `status`.

    Sensitive fields are written only by users allowed to see them; otherwise the stored values are kept.
    """
    if instance is None and data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(actor, data["once"], lambda: save_household(actor, area, rest, year, status))
    if area.level != Level.AREA:
        raise ValidationError({"unit": "Hộ phải thuộc một khu dân cư (thôn, bản, tổ dân phố)."})
    require_household_write(actor, area)
    if instance is not None:
        require_household_write(actor, instance.unit)
        claim_version(instance, data.get("version"))
    household = instance or Household()
    instance_area = instance.unit if instance else None
    before = privacy.safe_snapshot(household) if instance else None
    household.unit = area
    household.head_name = unicodedata.normalize("NFC", data["head_name"].strip())
    number = _validate_id(data.get("id_number", ""))
    if number or instance is None or data.get("clear_id_number"):  # an edit form never carries the old number
        household.id_number = number
    if household.id_number:
        _refuse_duplicate_id(actor, household)
    household.members = data.get("members") or 1
    household.note = data.get("note", "")
    if privacy.can_see_sensitive(actor):
        household.ethnicity = data.get("ethnicity", "")
        household.has_disability = data.get("has_disability")
        household.health_note = data.get("health_note", "")
    household.save()
    if "circumstances" in data:
        sensitive_ok = privacy.can_see_sensitive(actor)
        chosen = [t for t in data["circumstances"] if sensitive_ok or not t.is_sensitive]
        if not sensitive_ok and instance:  # keep the sensitive tags this user can neither see nor change
            chosen += list(household.circumstances.filter(is_sensitive=True))
        household.circumstances.set(chosen)
    Listing.objects.update_or_create(household=household, year=year, defaults={"status": status})
    after = privacy.safe_snapshot(household)
    after["list"] = f"{Status(status).label} năm {year}"
    if instance:
        changes = audit.diff(before, after)
        audit.record(actor, audit.Action.UPDATE, household, changes=changes, unit=area)
    else:
        audit.record(actor, audit.Action.CREATE, household, unit=area,
                     changes={k: [None, v] for k, v in after.items() if v not in (None, "")})
    refresh_list_year(area, year)
    if instance is not None and before.get("unit") != after.get("unit"):
        # the household moved: its lists and support of every year now count in its new area
        refresh(instance_area, FIRST_DAY)
        refresh(area, FIRST_DAY)
    return household


@transaction.atomic
def remove_listing(actor, listing: Listing):
    require_household_write(actor, listing.household.unit)
    audit.record(actor, audit.Action.DELETE, listing.household, unit=listing.household.unit,
                 verb=f"Đưa ra khỏi danh sách năm {listing.year}")
    listing.delete()
    refresh_list_year(listing.household.unit, listing.year)


# --- Import ----------------------------------------------------------------------------------------

IMPORT_COLUMNS = ["Mã khu dân cư", "Họ tên chủ hộ", "Số CCCD chủ hộ", "Số nhân khẩu",
                  "Phân loại (nghèo / cận nghèo / mới thoát nghèo)", "Hoàn cảnh (cách nhau bởi ;)",
                  "Dân tộc (nhạy cảm)", "Có người khuyết tật (có/không, nhạy cảm)", "Sức khỏe (nhạy cảm)"]
_STATUS_WORDS = {"ngheo": Status.POOR, "ho ngheo": Status.POOR, "can ngheo": Status.NEAR_POOR,
                 "ho can ngheo": Status.NEAR_POOR, "moi thoat ngheo": Status.ESCAPED, "thoat ngheo": Status.ESCAPED,
                 "ho moi thoat ngheo": Status.ESCAPED}
_YES = {"co", "x", "1", "yes"}
_NO = {"khong", "0", "no"}


@dataclass
class HouseholdRow:
    line: int
    area: Unit | None = None
    head_name: str = ""
    id_number: str = ""
    members: int = 1
    status: str = ""
    tags: list = field(default_factory=list)
    ethnicity: str = ""
    has_disability: bool | None = None
    health_note: str = ""
    errors: list = field(default_factory=list)


def import_template_rows() -> list[list]:
    return [IMPORT_COLUMNS,
            ["01", "Hoàng Văn Mạnh", "", 4, "nghèo", "Thiếu đất sản xuất", "", "", ""],
            ["01", "Lương Thị Hoa", "", 2, "cận nghèo", "Người cao tuổi neo đơn", "", "", ""]]


def parse_household_file(actor, target: Unit, filename: str, content: bytes) -> list[HouseholdRow]:
    raw_rows = read_table(filename, content)
    start = next((i for i, r in enumerate(raw_rows) if r and r[0].lower().startswith("mã")), None)
    if start is None:
        raise UploadError(["Không thấy dòng tiêu đề: cột A phải là “Mã khu dân cư” như tệp mẫu."])
    if target.level == Level.AREA:
        areas = {target.code: target, "": target}
    else:
        areas = {u.code: u for u in target.children.filter(level=Level.AREA)}
    tags = {fold(t.name): t for t in CircumstanceTag.objects.all()}
    sensitive_ok = privacy.can_see_sensitive(actor)
    rows, seen = [], {}
    for line, raw in enumerate(raw_rows[start + 1:], start=start + 2):
        cells = (raw + [""] * 9)[:9]
        if not any(cells):
            continue
        code, name, id_text, members_text, status_text, tags_text, ethnicity, disability, health = cells
        row = HouseholdRow(line=line, head_name=name.strip())
        row.area = areas.get(code.strip())
        if row.area is None:
            row.errors.append(f"Dòng {line}, cột A (Mã khu dân cư): không có khu dân cư mã “{code}” trong "
                              f"{target.name}.")
        if not row.head_name:
            row.errors.append(f"Dòng {line}, cột B (Họ tên chủ hộ): thiếu họ tên.")
        elif len(row.head_name) > 120:
            row.errors.append(f"Dòng {line}, cột B (Họ tên chủ hộ): họ tên dài quá 120 ký tự.")
        number = id_text.strip().replace(" ", "")
        if number.endswith(".0"):
            number = number[:-2]
        if number and (not number.isdigit() or len(number) != 12):
            row.errors.append(f"Dòng {line}, cột C (Số CCCD): “{privacy.mask_id(number)}” phải gồm đúng 12 chữ số.")
        row.id_number = number
        key = number or (code.strip(), fold(name))
        if key in seen:
            row.errors.append(f"Dòng {line}, cột {'C' if number else 'B'}: hộ này trùng với dòng {seen[key]}.")
        else:
            seen[key] = line
        if members_text.strip():
            try:
                row.members = int(float(members_text))
                if not 1 <= row.members <= 50:
                    raise ValueError
            except ValueError:
                row.errors.append(f"Dòng {line}, cột D (Số nhân khẩu): “{members_text}” không phải số từ 1 đến 50.")
        row.status = _STATUS_WORDS.get(fold(status_text), "")
        if not row.status:
            row.errors.append(f"Dòng {line}, cột E (Phân loại): “{status_text}” phải là nghèo, cận nghèo hoặc "
                              "mới thoát nghèo.")
        for word in [w.strip() for w in tags_text.replace(",", ";").split(";") if w.strip()]:
            tag = tags.get(fold(word))
            if tag is None:
                row.errors.append(f"Dòng {line}, cột F (Hoàn cảnh): không có hoàn cảnh “{word}” trong danh mục.")
            elif tag.is_sensitive and not sensitive_ok:
                row.errors.append(f"Dòng {line}, cột F (Hoàn cảnh): “{word}” là thông tin nhạy cảm, bạn chưa được "
                                  "cấp quyền ghi.")
            else:
                row.tags.append(tag)
        if (ethnicity.strip() or disability.strip() or health.strip()) and not sensitive_ok:
            row.errors.append(f"Dòng {line}, cột G–I: dân tộc, khuyết tật, sức khỏe là thông tin nhạy cảm; bạn chưa "
                              "được cấp quyền ghi, hãy để trống.")
        row.ethnicity, row.health_note = ethnicity.strip()[:40], health.strip()[:200]
        if fold(disability) in _YES:
            row.has_disability = True
        elif fold(disability) in _NO:
            row.has_disability = False
        elif disability.strip():
            row.errors.append(f"Dòng {line}, cột H (Khuyết tật): ghi “có” hoặc “không”.")
        rows.append(row)
    if not rows:
        raise UploadError(["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."])
    return rows


@transaction.atomic
def import_households(actor, target: Unit, year: int, filename: str, content: bytes) -> dict:
    """The year's list for a commune (column A names each row's area) or one area. All rows or nothing."""
    if target.level not in (Level.COMMUNE, Level.AREA):
        raise UploadError(["Nhập danh sách hộ ở trang của xã/phường hoặc của khu dân cư."])
    require_household_write(actor, target)
    rows = parse_household_file(actor, target, filename, content)
    numbers = [r.id_number for r in rows if r.id_number]
    # matched only within the importer's scope: a number listed elsewhere is neither matched nor mentioned
    by_number = {h.id_number: h for h in scope_queryset(actor, Household.objects.filter(id_number__in=numbers))
                 .select_related("unit")}
    area_ids = {r.area.pk for r in rows if r.area}
    by_name = {(h.unit_id, h.search_key): h for h in Household.objects.filter(unit_id__in=area_ids, id_number="")}
    errors = [e for r in rows for e in r.errors]
    if errors:
        raise UploadError(errors)

    sensitive_ok = privacy.can_see_sensitive(actor)
    new, old, previous_areas = [], [], set()
    for row in rows:
        household = by_number.get(row.id_number) if row.id_number else by_name.get((row.area.pk, fold(row.head_name)))
        if household is None:
            household = Household(unit=row.area, head_name=row.head_name, id_number=row.id_number,
                                  search_key=fold(row.head_name))
            new.append((household, row))
        else:
            old.append((household, row))
            previous_areas.add(household.unit)
        household.unit, household.head_name, household.members = row.area, row.head_name, row.members
        household.search_key = fold(row.head_name)
        if sensitive_ok:
            household.ethnicity, household.has_disability, household.health_note = (
                row.ethnicity, row.has_disability, row.health_note)
    Household.objects.bulk_create([h for h, _ in new])
    if old:
        Household.objects.bulk_update([h for h, _ in old], ["unit", "head_name", "members", "search_key",
                                                            "ethnicity", "has_disability", "health_note"])
    pairs = new + old
    ids = [h.pk for h, _ in pairs]
    through = Household.circumstances.through
    keep_sensitive = [] if sensitive_ok else list(
        through.objects.filter(household_id__in=ids, circumstancetag__is_sensitive=True)
        .values_list("household_id", "circumstancetag_id"))
    through.objects.filter(household_id__in=ids).delete()
    links = {(h.pk, t.pk) for h, row in pairs for t in row.tags} | set(keep_sensitive)
    through.objects.bulk_create([through(household_id=h, circumstancetag_id=t) for h, t in links])
    listings = {l.household_id: l for l in Listing.objects.filter(household_id__in=ids, year=year)}
    to_update = []
    for household, row in pairs:
        listing = listings.get(household.pk)
        if listing is None:
            listings[household.pk] = Listing(household=household, year=year, status=row.status)
        elif listing.status != row.status:
            listing.status = row.status
            to_update.append(listing)
    Listing.objects.bulk_create([l for l in listings.values() if l.pk is None])
    Listing.objects.bulk_update(to_update, ["status"])
    audit.record(actor, audit.Action.IMPORT, target, verb=f"Nhập danh sách hộ năm {year}",
                 note=f"{filename}: {len(new)} hộ thêm mới, {len(old)} hộ cập nhật")
    areas = {row.area for row in rows}
    with deferred():
        for area in areas:
            refresh_list_year(area, year)
        if previous_areas:  # households moved between areas, with their support of every year
            for area in previous_areas | areas:
                refresh(area, FIRST_DAY)
    return {"created": len(new), "updated": len(old), "rows": len(rows)}


# --- Support records -------------------------------------------------------------------------------


def validate_support(data: dict) -> dict:
    """Field rules that depend on each other; raises ValidationError naming the field."""
    kind, detail = data["kind"], data.get("detail") or ""
    errors = {}
    allowed = KIND_DETAILS.get(kind, [])
    if allowed and detail not in allowed:
        errors["detail"] = f"Với {Kind(kind).label.lower()}, chọn một trong: " + ", ".join(
            Detail(d).label.lower() for d in allowed) + "."
    if not allowed and detail:
        errors["detail"] = "Loại hỗ trợ này không có chi tiết."
    if (data.get("amount") or 0) < 0:
        errors["amount"] = "Giá trị không được âm."
    if data.get("in_kind") and not data.get("in_kind_description"):
        errors["in_kind_description"] = "Ghi hiện vật gồm những gì."
    if data["source"] == Source.ORGANISATION and not data.get("organisation"):
        errors["organisation"] = "Chọn tổ chức thành viên đã hỗ trợ."
    if data["source"] == Source.SPONSOR and not data.get("sponsor_name"):
        errors["sponsor_name"] = "Ghi tên nhà tài trợ."
    if kind == Kind.HOUSE:
        if not data.get("amount"):
            errors["amount"] = "Ghi số tiền hỗ trợ xây, sửa nhà."
        started, handed = data.get("house_started_on"), data.get("house_handed_over_on")
        if started and handed and handed < started:
            errors["house_handed_over_on"] = "Ngày bàn giao phải sau ngày khởi công."
    if data.get("date") and data["date"] > datetime.date.today():
        errors["date"] = "Ngày hỗ trợ chưa đến."
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def add_support(actor, household: Household, data: dict) -> SupportRecord:
    require_write(actor, household.unit)
    org = organisation_filter(actor)
    if org is not None:  # a member-organisation officer records their own organisation's support
        data = {**data, "source": Source.ORGANISATION, "organisation": org}
    adoption = data.get("adoption")
    if adoption is not None:  # support under an adoption is this one record, tied to the adoption
        if adoption.household_id != household.pk:
            raise ValidationError({"adoption": "Phân công nhận giúp đỡ này là của hộ khác."})
        if org is not None and adoption.organisation_id != org.pk:
            raise PermissionDenied("Bạn chỉ ghi hỗ trợ theo phân công của tổ chức mình.")
        if data.get("date") and not adoption.starts_on <= data["date"] <= adoption.ends_on:
            raise ValidationError({"date": f"Ngày hỗ trợ phải trong thời gian nhận giúp đỡ "
                                           f"({adoption.starts_on:%d/%m/%Y}–{adoption.ends_on:%d/%m/%Y})."})
        if adoption.organisation_id:
            data = {**data, "source": Source.ORGANISATION, "organisation": adoption.organisation}
    validate_support(data)
    record = SupportRecord(household=household, unit=household.unit, created_by=actor)
    for name in ("kind", "date", "in_kind", "in_kind_description", "source", "sponsor_name", "organisation",
                 "house_started_on", "house_handed_over_on", "description", "adoption"):
        if name in data:
            setattr(record, name, data[name])
    record.detail = data.get("detail") or ""
    record.amount = data.get("amount") or 0
    if record.kind != Kind.HOUSE:
        record.house_started_on = record.house_handed_over_on = None
    if record.source != Source.ORGANISATION:
        record.organisation = None
    record.save()
    audit.created(actor, record)
    refresh(household.unit, record.date, record.house_handed_over_on)
    return record


@transaction.atomic
def delete_support(actor, record: SupportRecord):
    require_write(actor, record.unit)
    org = organisation_filter(actor)
    if org is not None and record.organisation_id != org.pk:
        raise PermissionDenied("Chỉ xóa được hỗ trợ của tổ chức mình.")
    if record.disbursements.exists():
        raise ValidationError("Hỗ trợ này đã gắn với một khoản chi của quỹ; hãy ghi bút toán đảo khoản chi trước.")
    audit.deleted(actor, record)
    unit, days = record.unit, (record.date, record.house_handed_over_on)
    record.delete()
    refresh(unit, *days)


# --- Permissions for sensitive data ----------------------------------------------------------------


@transaction.atomic
def set_privacy_rights(actor, user, *, sensitive: bool, export: bool):
    """An administrator grants or withdraws the two personal-data rights of a user in their scope."""
    from accounts.scope import can_manage_users

    if not user.unit_id or not can_manage_users(actor, user.unit):
        raise PermissionDenied("Chỉ quản trị viên của đơn vị mới cấp được quyền này.")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="welfare",
                                                              codename__in=["view_sensitive", "export_identity"])}
    before = {"view_sensitive": user.user_permissions.filter(pk=perms["view_sensitive"].pk).exists(),
              "export_identity": user.user_permissions.filter(pk=perms["export_identity"].pk).exists()}
    after = {"view_sensitive": sensitive, "export_identity": export}
    for code, wanted in after.items():
        (user.user_permissions.add if wanted else user.user_permissions.remove)(perms[code])
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changes:
        audit.record(actor, audit.Action.UPDATE, user, unit=user.unit, changes=changes,
                     verb="Cấp quyền dữ liệu cá nhân")
    return changes


# --- Circumstance tags (configurable) --------------------------------------------------------------


@transaction.atomic
def add_circumstance_tag(actor, name: str, is_sensitive: bool) -> CircumstanceTag:
    """Administrators extend the list of circumstances; a tag about health or disability must be sensitive."""
    from django.utils.text import slugify

    from accounts.scope import can_manage_users

    if not can_manage_users(actor):
        raise PermissionDenied("Chỉ quản trị viên sửa danh mục hoàn cảnh.")
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name:
        raise ValidationError({"name": "Ghi tên hoàn cảnh."})
    if CircumstanceTag.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"Đã có hoàn cảnh “{name}”."})
    base = slugify(fold(name))[:34] or "hoan-canh"
    code, n = base, 1
    while CircumstanceTag.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    tag = CircumstanceTag.objects.create(code=code, name=name, is_sensitive=is_sensitive,
                                         order=CircumstanceTag.objects.count() + 1)
    audit.created(actor, tag, unit=actor.unit)
    return tag


# --- Adoption of households and sponsored children (Bình Định §II.5) ---------------------------------------

MAX_ADOPTION_YEARS = 10


def visible_adoptions(user):
    """Adoptions of households in the user's subtree; a member-organisation officer sees their organisation's."""
    from .models import Adoption

    qs = Adoption.objects.select_related("household", "household__unit", "organisation", "organisation__kind",
                                         "front_unit")
    return scope_queryset(user, qs, "household__unit", "organisation")


def adopter_choices(actor, household: Household):
    """Who may adopt this household: member organisations of its area or any unit above it (an organisation
    officer: only their own), and the Front of those units within the actor's scope."""
    from units.models import MemberOrganisation

    org = organisation_filter(actor)
    units = household.unit.ancestors() + [household.unit]
    if org is not None:
        return MemberOrganisation.objects.filter(pk=org.pk), []
    orgs = (MemberOrganisation.objects.filter(unit__in=units, is_active=True).select_related("kind", "unit")
            .order_by("-unit__depth", "kind__order"))
    fronts = [u for u in reversed(units) if u.level != Level.NATION and in_scope(actor, u)]
    return orgs, fronts


def _adoption_errors(actor, household, data, instance=None) -> dict:
    from .models import Adoption

    errors = {}
    first, last = data.get("from_year"), data.get("to_year")
    if first is None:
        errors["from_year"] = "Ghi năm bắt đầu nhận giúp đỡ."
    if last is None:
        errors["to_year"] = "Ghi năm kết thúc nhận giúp đỡ."
    if errors:
        return errors
    if not 2000 <= first <= 2100:
        errors["from_year"] = "Năm bắt đầu phải từ 2000 đến 2100."
    if last < first:
        errors["to_year"] = "Năm kết thúc không được trước năm bắt đầu."
    elif last - first + 1 > MAX_ADOPTION_YEARS:
        errors["to_year"] = f"Mỗi lần phân công nhận giúp đỡ tối đa {MAX_ADOPTION_YEARS} năm."
    org, front = data.get("organisation"), data.get("front_unit")
    if bool(org) == bool(front):
        errors["organisation"] = "Chọn một tổ chức thành viên, hoặc Mặt trận của một đơn vị, nhận giúp đỡ."
    elif org is not None and not household.unit.is_within(org.unit):
        errors["organisation"] = f"{org.name} không hoạt động ở {household.unit.name}."
    elif front is not None and (not household.unit.is_within(front) or not in_scope(actor, front)):
        errors["organisation"] = f"Mặt trận {front.name} không nhận giúp đỡ được hộ ở {household.unit.name}."
    ended = data.get("ended_early_on")
    if ended and not errors and not datetime.date(first, 1, 1) <= ended <= datetime.date(last, 12, 31):
        errors["ended_early_on"] = f"Ngày dừng phải trong các năm {first}–{last}."
    if errors:
        return errors
    listed = household.listings.filter(year__gte=first - 1, year__lte=last,
                                       status__in=[Status.POOR, Status.NEAR_POOR]).exists()
    if not listed:
        errors["from_year"] = (f"Hộ {household.head_name} không có tên trong danh sách hộ nghèo, cận nghèo năm "
                               f"{first - 1}–{last}: chỉ nhận giúp đỡ hộ nghèo, cận nghèo.")
    same = Adoption.objects.filter(household=household, organisation=org, front_unit=front,
                                   from_year__lte=last, to_year__gte=first)
    if instance is not None:
        same = same.exclude(pk=instance.pk)
    if same.exists():
        errors["from_year"] = "Đơn vị này đã nhận giúp đỡ hộ trong các năm đó."
    return errors


def _refresh_adoption(household_unit, *spans):
    days = [d for span in spans for d in span if d is not None]
    if days:
        refresh(household_unit, min(days), max(days))


@transaction.atomic
def save_adoption(actor, household: Household, data: dict, instance=None):
    """Assign an organisation (or a unit's Front) to help a poor household for a span of years."""
    from .models import Adoption

    require_write(actor, household.unit)
    org = organisation_filter(actor)
    if actor.role == Role.AREA_HEAD:
        raise PermissionDenied("Phân công nhận giúp đỡ hộ do Ủy ban MTTQ và tổ chức thành viên ghi.")
    if org is not None:
        if instance is not None and instance.organisation_id != org.pk:
            raise PermissionDenied("Bạn chỉ sửa được phân công của tổ chức mình.")
        data = {**data, "organisation": org, "front_unit": None}
    errors = _adoption_errors(actor, household, data, instance)
    if errors:
        raise ValidationError(errors)
    if instance is not None:
        claim_version(instance, data.get("version"))
        stored = Adoption.objects.get(pk=instance.pk)
        before, old_span = audit.snapshot(stored), (stored.starts_on, stored.ends_on)
    adoption = instance or Adoption(household=household, created_by=actor)
    adoption.organisation, adoption.front_unit = data.get("organisation"), data.get("front_unit")
    adoption.from_year, adoption.to_year = data["from_year"], data["to_year"]
    adoption.commitment = (data.get("commitment") or "").strip()
    adoption.ended_early_on = data.get("ended_early_on")
    adoption.starts_on = datetime.date(adoption.from_year, 1, 1)
    adoption.ends_on = adoption.ended_early_on or datetime.date(adoption.to_year, 12, 31)
    outside = adoption.support.exclude(date__gte=adoption.starts_on, date__lte=adoption.ends_on) \
        if instance is not None else None
    if outside is not None and outside.exists():
        raise ValidationError({"from_year": f"Đã có {outside.count()} lần hỗ trợ theo phân công này ngoài các năm "
                                            "mới; sửa hoặc xóa các lần hỗ trợ đó trước."})
    adoption.save()
    if instance is None:
        audit.created(actor, adoption, unit=household.unit)
        _refresh_adoption(household.unit, (adoption.starts_on, adoption.ends_on))
    else:
        audit.updated(actor, adoption, before, unit=household.unit)
        _refresh_adoption(household.unit, old_span, (adoption.starts_on, adoption.ends_on))
    return adoption


@transaction.atomic
def delete_adoption(actor, adoption):
    require_write(actor, adoption.household.unit)
    org = organisation_filter(actor)
    if org is not None and adoption.organisation_id != org.pk:
        raise PermissionDenied("Bạn chỉ xóa được phân công của tổ chức mình.")
    if actor.role == Role.AREA_HEAD:
        raise PermissionDenied("Phân công nhận giúp đỡ hộ do Ủy ban MTTQ và tổ chức thành viên ghi.")
    if adoption.support.exists():
        raise ValidationError(f"Đã ghi {adoption.support.count()} lần hỗ trợ theo phân công này; xóa các lần hỗ trợ "
                              "đó trước, hoặc ghi ngày dừng giúp đỡ.")
    unit, span = adoption.household.unit, (adoption.starts_on, adoption.ends_on)
    audit.deleted(actor, adoption, unit=unit)
    adoption.delete()
    _refresh_adoption(unit, span)


def support_adoptions(actor, household: Household):
    """Adoptions of this household a support record may be given under (an organisation officer: their own)."""
    return visible_adoptions(actor).filter(household=household)


def visible_sponsorships(user):
    from .models import ChildSponsorship

    qs = ChildSponsorship.objects.select_related("unit", "organisation", "organisation__kind")
    return scope_queryset(user, qs, "unit", "organisation")


@transaction.atomic
def save_sponsorship(actor, data: dict, instance=None):
    """A child sponsored monthly by an organisation or a named sponsor ("Kết nối yêu thương")."""
    from .models import ChildSponsorship

    unit = data.get("unit") or (instance.unit if instance else None)
    errors = {}
    if unit is None or unit.level != Level.AREA:
        raise ValidationError({"unit": "Chọn khu dân cư nơi trẻ sinh sống."})
    require_write(actor, unit)
    if instance is not None:
        require_write(actor, instance.unit)
    if actor.role == Role.AREA_HEAD:
        raise PermissionDenied("Đỡ đầu trẻ em do Ủy ban MTTQ và tổ chức thành viên ghi.")
    org = organisation_filter(actor)
    if org is not None:
        if instance is not None and instance.organisation_id != org.pk:
            raise PermissionDenied("Bạn chỉ sửa được trẻ do tổ chức mình đỡ đầu.")
        data = {**data, "organisation": org, "sponsor_name": ""}
    name = unicodedata.normalize("NFC", " ".join((data.get("child_name") or "").split()))
    if not name:
        errors["child_name"] = "Ghi họ tên trẻ."
    year = data.get("birth_year")
    today = datetime.date.today()
    if year is None or not today.year - 18 <= year <= today.year:
        errors["birth_year"] = f"Năm sinh của trẻ dưới 18 tuổi: từ {today.year - 18} đến {today.year}."
    sponsor_org, sponsor_name = data.get("organisation"), (data.get("sponsor_name") or "").strip()
    if not sponsor_org and not sponsor_name:
        errors["sponsor_name"] = "Chọn tổ chức đỡ đầu hoặc ghi tên người, đơn vị đỡ đầu."
    if sponsor_org and not unit.is_within(sponsor_org.unit) and not sponsor_org.unit.is_within(unit):
        errors["organisation"] = f"{sponsor_org.name} không hoạt động ở {unit.name}."
    amount = data.get("monthly_amount")
    if amount is None or amount <= 0:
        errors["monthly_amount"] = "Ghi số tiền đỡ đầu mỗi tháng (lớn hơn 0 đồng)."
    start, end = data.get("starts_on"), data.get("ends_on")
    if start is None:
        errors["starts_on"] = "Ghi ngày bắt đầu đỡ đầu."
    elif end is not None and end < start:
        errors["ends_on"] = "Ngày kết thúc không được trước ngày bắt đầu."
    if errors:
        raise ValidationError(errors)
    if instance is not None:
        claim_version(instance, data.get("version"))
        stored = ChildSponsorship.objects.get(pk=instance.pk)
        before, old = audit.snapshot(stored), (stored.unit, stored.starts_on, stored.ends_on)
    s = instance or ChildSponsorship(created_by=actor)
    s.unit, s.child_name, s.birth_year = unit, name, year
    s.circumstance = (data.get("circumstance") or "").strip()
    s.organisation, s.sponsor_name = sponsor_org or None, "" if sponsor_org else sponsor_name
    s.monthly_amount, s.starts_on, s.ends_on = amount, start, end
    s.save()
    if instance is None:
        audit.created(actor, s)
    else:
        audit.updated(actor, s, before)
        changed_from(old[0], old[1])
    changed_from(s.unit, s.starts_on)
    return s


def changed_from(unit, start):
    """A sponsorship counts in every period it runs in: refresh from its start on (open-ended)."""
    from indicators.services import changed

    changed(REGISTER, unit, start, None)


@transaction.atomic
def delete_sponsorship(actor, s):
    require_write(actor, s.unit)
    org = organisation_filter(actor)
    if org is not None and s.organisation_id != org.pk:
        raise PermissionDenied("Bạn chỉ xóa được trẻ do tổ chức mình đỡ đầu.")
    if actor.role == Role.AREA_HEAD:
        raise PermissionDenied("Đỡ đầu trẻ em do Ủy ban MTTQ và tổ chức thành viên ghi.")
    unit, start = s.unit, s.starts_on
    audit.deleted(actor, s)
    s.delete()
    changed_from(unit, start)


def adoptions_table(adoptions, unit, year):
    from documents.tables import Column, Table

    rows = []
    for n, a in enumerate(adoptions, start=1):
        listings = {li.year: li.get_status_display() for li in a.household.listings.all()}
        rows.append({"stt": n, "household": a.household.head_name, "area": a.household.unit.name,
                     "adopter": a.adopter_name, "years": f"{a.from_year}–{a.to_year}",
                     "ended": a.ended_early_on, "commitment": a.commitment,
                     "status": listings.get(year, "không có trong danh sách"),
                     "support": len(a.support.all()), "amount": sum(r.amount for r in a.support.all())})
    return Table(title=f"Phân công nhận giúp đỡ hộ nghèo, cận nghèo — {unit.name}", subtitle=[f"Năm {year}"],
                 columns=[Column("stt", "STT", "integer", summable=False), Column("household", "Chủ hộ", width=24),
                          Column("area", "Khu dân cư", width=22), Column("adopter", "Đơn vị nhận giúp đỡ", width=32),
                          Column("years", "Thời gian"), Column("ended", "Dừng từ ngày", "date"),
                          Column("commitment", "Nội dung giúp đỡ", width=36),
                          Column("status", f"Phân loại năm {year}", width=20),
                          Column("support", "Số lần hỗ trợ", "integer"),
                          Column("amount", "Giá trị hỗ trợ (đồng)", "money")], rows=rows)


def sponsorships_table(sponsorships, unit):
    from documents.tables import Column, Table

    rows = [{"stt": n, "child": s.child_name, "birth_year": str(s.birth_year), "area": s.unit.name,
             "circumstance": s.circumstance, "sponsor": s.sponsor, "monthly": s.monthly_amount,
             "starts_on": s.starts_on, "ends_on": s.ends_on} for n, s in enumerate(sponsorships, start=1)]
    return Table(title=f"Trẻ em được nhận đỡ đầu “Kết nối yêu thương” — {unit.name}", subtitle=[],
                 columns=[Column("stt", "STT", "integer", summable=False), Column("child", "Họ tên trẻ", width=24),
                          Column("birth_year", "Năm sinh"), Column("area", "Khu dân cư", width=22),
                          Column("circumstance", "Hoàn cảnh", width=28), Column("sponsor", "Người, đơn vị đỡ đầu",
                                                                                 width=30),
                          Column("monthly", "Mỗi tháng (đồng)", "money"), Column("starts_on", "Từ ngày", "date"),
                          Column("ends_on", "Đến ngày", "date")], rows=rows)
