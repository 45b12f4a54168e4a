"""Every write of the recognition register (scoped, audited, in a transaction) and the title shares, which are
always recomputed from the raw counts (sum of recognised families / sum of families), never averaged."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from accounts import audit, scope
from indicators import services as spine
from indicators import summaries
from core.formatting import NumberError, parse_number
from core.uploads import UploadError, prepare_image, read_table
from core.concurrency import StaleEdit, claim_version, create_once
from units.models import Level, Unit, within

from .models import AreaTitle, CommuneTitle, ExemplaryPerson, Nomination

PHOTO_MAX_BYTES = 5 * 1024 * 1024
YES = {"x", "có", "co", "1", "true", "yes", "đạt", "dat", "c"}
NO = {"", "không", "khong", "0", "false", "no", "k"}


def areas_of(commune):
    return commune.children.filter(level=Level.AREA, is_active=True).ordered()


def check_year(year):
    if not 2000 <= year <= 2100:
        raise ValidationError("Năm không hợp lệ.")


# --- cultural titles ------------------------------------------------------------------------------------

def _int(value, label, where, errors):
    """A whole number from a form or a spreadsheet cell ("1.234" grouping allowed); None when empty."""
    if value is None:
        return None
    try:
        number = parse_number(value, integral=True)
    except NumberError as exc:
        errors.append(f"{where}, cột “{label}”: {exc}")
        return None
    if number is None:
        return None
    number = int(number)
    if number < 0:
        errors.append(f"{where}, cột “{label}”: không được âm.")
        return None
    return number


def _yes(value, where, errors):
    text = str(value if value is not None else "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    errors.append(f"{where}, cột “Khu dân cư văn hóa”: ghi “x” hoặc “có” nếu được công nhận, để trống nếu không "
                  f"(đang ghi “{value}”).")
    return False


def validate_row(where, total, cultural, recognised_raw, errors):
    """One area's raw input -> (total, cultural, recognised) or None when the row is empty (not reported)."""
    n_errors = len(errors)
    total_n = _int(total, "Tổng số hộ gia đình", where, errors)
    cultural_n = _int(cultural, "Số gia đình văn hóa", where, errors)
    recognised = _yes(recognised_raw, where, errors)
    if len(errors) > n_errors:
        return None
    if total_n is None and cultural_n is None and not recognised:
        return None
    if total_n is None:
        errors.append(f"{where}: nhập tổng số hộ gia đình.")
    elif cultural_n is None:
        errors.append(f"{where}: nhập số gia đình văn hóa (0 nếu không có).")
    elif cultural_n > total_n:
        errors.append(f"{where}: số gia đình văn hóa ({cultural_n}) lớn hơn tổng số hộ gia đình ({total_n}).")
    elif total_n == 0 and recognised:
        errors.append(f"{where}: khu dân cư không có hộ nào không thể được công nhận văn hóa.")
    else:
        return total_n, cultural_n, recognised
    return None


@transaction.atomic
def save_titles(user, commune, year, rows, exemplary=None, source="form", versions=None):
    """Save a commune's titles for a year in one go.

    rows: {area_id: (total, cultural, recognised) or None}; None clears the area's row (not reported).
    exemplary: True/False to set "Xã/Phường tiêu biểu", None to leave it.
    versions: {area_id: the row's version when the page was opened, None when it had no row}; when given,
    the batch is refused as a whole (StaleEdit) if any area's row was saved, made or cleared since.
    """
    scope.require_write(user, commune)
    if commune.level != Level.COMMUNE:
        raise ValidationError("Danh hiệu văn hóa được nhập theo từng xã, phường, đặc khu.")
    check_year(year)
    areas = {a.pk: a for a in areas_of(commune)}
    unknown = set(rows) - set(areas)
    if unknown:
        raise ValidationError("Có khu dân cư không thuộc đơn vị này.")
    existing = {t.unit_id: t for t in AreaTitle.objects.select_for_update().filter(unit_id__in=list(rows),
                                                                                     year=year)}
    if versions is not None:
        for area_id in rows:
            old, seen = existing.get(area_id), versions.get(area_id)
            if (None if old is None else old.version) != seen:
                raise StaleEdit(old or AreaTitle(pk=0, unit_id=area_id, year=year),
                                trail=("recognition.areatitle", commune.pk))
    create, update, delete = [], [], []
    for area_id, values in rows.items():
        old = existing.get(area_id)
        if values is None:
            if old:
                delete.append(old)
            continue
        total, cultural, recognised = values
        if old is None:
            create.append(AreaTitle(unit_id=area_id, year=year, total_families=total, cultural_families=cultural,
                                    area_recognised=recognised, updated_by=user))
        elif (old.total_families, old.cultural_families, old.area_recognised) != values:
            old.total_families, old.cultural_families, old.area_recognised, old.updated_by = (
                total, cultural, recognised, user)
            old.version += 1
            update.append(old)
    AreaTitle.objects.bulk_create(create)
    AreaTitle.objects.bulk_update(update, ["total_families", "cultural_families", "area_recognised",
                                           "updated_by", "version"])
    AreaTitle.objects.filter(pk__in=[t.pk for t in delete]).delete()
    changed = {"created": len(create), "updated": len(update), "cleared": len(delete)}
    if exemplary is not None:
        title = CommuneTitle.objects.filter(unit=commune, year=year).first()
        if exemplary and not title:
            audit.created(user, CommuneTitle.objects.create(unit=commune, year=year))
        elif not exemplary and title:
            audit.deleted(user, title)
            title.delete()
    if any(changed.values()):
        audit.record(user, audit.Action.IMPORT if source == "file" else audit.Action.UPDATE, commune,
                     verb=f"Danh hiệu văn hóa năm {year}", object_type="recognition.areatitle",
                     object_repr=f"Danh hiệu văn hóa năm {year} · {commune.name}",
                     changes={"khu dân cư": [None, f"{changed['created']} thêm, {changed['updated']} sửa, "
                                                   f"{changed['cleared']} xóa"]})
    year_end = datetime.date(year, 12, 31)
    with spine.deferred():
        for area_id in [t.unit_id for t in create + update + delete]:
            spine.changed("recognition", areas[area_id], year_end, year_end)
        spine.changed("recognition", commune, year_end, year_end)
    return changed


def rows_from_form(commune, post):
    """Parse the batch-entry table (one row per area) into save_titles() rows, collecting errors by area."""
    errors, rows = [], {}
    for area in areas_of(commune):
        rows[area.pk] = validate_row(area.name, post.get(f"total-{area.pk}", ""), post.get(f"cultural-{area.pk}", ""),
                                     "x" if post.get(f"recognised-{area.pk}") else "", errors)
    if errors:
        raise UploadError(errors)
    return rows


def versions_from_form(commune, post):
    """The row versions the batch page was opened with (hidden `v-<area>`: a number, or empty when the area
    had no row); None when the page sent none (a caller other than the page)."""
    if "versions" not in post:
        return None
    return {area.pk: int(raw) if (raw := post.get(f"v-{area.pk}", "")).isdigit() else None
            for area in areas_of(commune)}


TEMPLATE_HEADER = ["Mã khu dân cư", "Tên khu dân cư", "Tổng số hộ gia đình", "Số gia đình văn hóa",
                   "Khu dân cư văn hóa (x)"]


def template_rows(commune, year):
    titles = {t.unit_id: t for t in AreaTitle.objects.filter(unit__parent=commune, year=year)}
    rows = [TEMPLATE_HEADER]
    for area in areas_of(commune):
        t = titles.get(area.pk)
        rows.append([area.code, area.name, t.total_families if t else None, t.cultural_families if t else None,
                     "x" if t and t.area_recognised else ""])
    return rows


@transaction.atomic
def import_titles(user, commune, year, filename, content):
    """Import a commune's titles from XLSX/CSV (the template's columns). Rows are matched by area code; every bad
    row is reported (row number and column) and nothing is written unless all rows are good."""
    scope.require_write(user, commune)
    table = read_table(filename, content, typed=True)
    if not table:
        raise UploadError(["Tệp trống."])
    header = [str(c or "").strip().lower() for c in table[0]]
    if not header or "mã" not in header[0]:
        raise UploadError(["Dòng 1 phải là dòng tiêu đề của tệp mẫu (cột A: Mã khu dân cư)."])
    by_code = {a.code: a for a in areas_of(commune)}
    errors, rows, seen = [], {}, {}
    for number, raw in enumerate(table[1:], start=2):
        raw = (list(raw) + [None] * 5)[:5]
        if all(v in (None, "") for v in raw):
            continue
        code = str(raw[0] if raw[0] is not None else "").strip()
        if isinstance(raw[0], (int, float)):
            code = f"{int(raw[0]):02d}"
        where = f"Dòng {number}"
        area = by_code.get(code) or by_code.get(code.zfill(2))
        if area is None:
            errors.append(f"{where}, cột “Mã khu dân cư”: không có khu dân cư mã “{code}” trong {commune.name}.")
            continue
        if area.pk in seen:
            errors.append(f"{where}: khu dân cư {area.name} đã có ở dòng {seen[area.pk]}.")
            continue
        seen[area.pk] = number
        values = validate_row(f"{where} ({area.name})", raw[2], raw[3], raw[4], errors)
        if values is not None:
            rows[area.pk] = values
    if errors:
        raise UploadError(errors)
    if not rows:
        raise UploadError(["Tệp không có dòng số liệu nào."])
    return save_titles(user, commune, year, rows, source="file")


TITLE_MEASURES = ["families_total", "cultural_families", "cultural_families_rate", "cultural_area",
                  "exemplary_communes"]


def _title_readings(unit, children, year):
    from campaign.periods import get_period

    return summaries.readings_by_code(unit, children, get_period(str(year)), TITLE_MEASURES)


def _title_row(got, unit_id):
    def v(code):
        return summaries.number(summaries.value(got, code, unit_id))

    families = got["families_total"].get(unit_id)
    rate = summaries.value(got, "cultural_families_rate", unit_id)
    return {"reported": families.reporting if families else 0, "total": v("families_total"),
            "cultural": v("cultural_families"), "rate": None if rate is None else float(rate),
            "areas_recognised": v("cultural_area")}


def title_rows(unit, year):
    """Rows of the titles table under `unit` for a year: one per residential area when `unit` is a commune (the
    register's own rows, which the form edits), else one per commune under it, read from the spine (sums and the
    share are the rollup's: the share recomputed from the summed counts, never averaged)."""
    if unit.level == Level.COMMUNE:
        got = {t.unit_id: t for t in AreaTitle.objects.filter(within(unit), year=year)}
        rows = []
        for area in areas_of(unit):
            t = got.get(area.pk)
            rows.append({"unit": area, "areas": 1, "reported": 1 if t else 0,
                         "total": t.total_families if t else None, "cultural": t.cultural_families if t else None,
                         "rate": t.rate if t else None, "areas_recognised": (1 if t.area_recognised else 0)
                         if t else None, "exemplary": None, "version": t.version if t else ""})
        return rows
    communes = list(Unit.objects.subtree(unit).filter(level=Level.COMMUNE, is_active=True).ordered())
    got = _title_readings(unit, communes, year)
    n_areas = {row["parent_id"]: row["n"] for row in Unit.objects.filter(
        parent__in=communes, level=Level.AREA, is_active=True).values("parent_id").annotate(n=Count("id"))}
    rows = []
    for c in communes:
        exemplary = summaries.value(got, "exemplary_communes", c.pk)
        rows.append({"unit": c, "areas": n_areas.get(c.pk, 0), **_title_row(got, c.pk),
                     "exemplary": bool(exemplary)})
    return rows


def title_totals(unit, year) -> dict:
    """The totals row: the unit's own rollup from the spine (not the rows added up here)."""
    got = _title_readings(unit, [], year)
    areas = Unit.objects.subtree(unit).filter(level=Level.AREA, is_active=True).count()
    exemplary = summaries.value(got, "exemplary_communes", unit.pk)
    row = {"areas": areas, **_title_row(got, unit.pk)}
    row["exemplary"] = None if unit.level == Level.COMMUNE else (
        f"{int(exemplary)} xã tiêu biểu" if exemplary else None)
    return row


def title_table(unit, year, rows):
    from documents.tables import TOTALS_LABEL, Column, Table

    commune = unit.level == Level.COMMUNE
    columns = [Column("no", "STT", "integer", summable=False),
               Column("name", "Khu dân cư" if commune else "Xã, phường, đặc khu", width=32)]
    if not commune:
        columns += [Column("areas", "Số khu dân cư", "integer"), Column("reported", "Đã nhập", "integer")]
    columns += [Column("total", "Tổng số hộ", "integer"), Column("cultural", "Gia đình văn hóa", "integer"),
                Column("rate", "Tỷ lệ", "percent"),
                Column("areas_recognised", "KDC văn hóa" if not commune else "KDC văn hóa (1 = có)", "integer")]
    if not commune:
        columns.append(Column("exemplary", "Tiêu biểu"))
    data = [{"no": i, "name": r["unit"].name, "areas": r["areas"], "reported": r["reported"], "total": r["total"],
             "cultural": r["cultural"], "rate": r["rate"], "areas_recognised": r["areas_recognised"],
             "exemplary": "Tiêu biểu" if r["exemplary"] else ""} for i, r in enumerate(rows, start=1)]
    table = Table(title=f"Danh hiệu văn hóa năm {year}", subtitle=[unit.name], columns=columns, rows=data,
                  note="Tỷ lệ gia đình văn hóa = tổng số gia đình văn hóa / tổng số hộ gia đình (tính lại từ số "
                       "liệu, không lấy trung bình). Dòng tổng cộng là số liệu tổng hợp của đơn vị trong hệ thống "
                       "chỉ số. Ô trống: chưa nhập.")
    table.totals = {"no": None, "name": TOTALS_LABEL, **title_totals(unit, year)}
    return table


# --- nominations -------------------------------------------------------------------------------------------

NOMINATION_FIELDS = ["year", "nominee_type", "nominee_name", "nominee_detail", "nominee_unit",
                     "nominee_organisation", "achievement", "linked_text", "award_form"]


@transaction.atomic
def save_nomination(user, unit, data, instance=None) -> Nomination:
    """Create (at most once per form key `once`) or edit (only from the version the form saw) a nomination."""
    if instance is None and data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(user, data["once"], lambda: save_nomination(user, unit, rest))
    scope.require_write(user, unit)
    check_year(data["year"])
    if instance and instance.status != Nomination.Status.PROPOSED:
        raise ValidationError("Đề nghị đã được xét, không sửa được nữa.")
    if data.get("nominee_unit") and not data["nominee_unit"].is_within(unit):
        raise ValidationError({"nominee_unit": "Tập thể phải là đơn vị thuộc phạm vi đề nghị."})
    if data.get("nominee_organisation") and not data["nominee_organisation"].unit.is_within(unit):
        raise ValidationError({"nominee_organisation": "Tổ chức thành viên phải thuộc phạm vi đề nghị."})
    if data["nominee_type"] == Nomination.NomineeType.INDIVIDUAL and (
            data.get("nominee_unit") or data.get("nominee_organisation")):
        raise ValidationError({"nominee_type": "Đề nghị cho cá nhân thì không chọn đơn vị, tổ chức."})
    if instance is not None:
        claim_version(instance, data.get("version"))
    before = audit.snapshot(Nomination.objects.get(pk=instance.pk)) if instance else None
    obj = instance or Nomination(unit=unit)
    for field in NOMINATION_FIELDS:
        setattr(obj, field, data.get(field) or ("" if field not in ("nominee_unit", "nominee_organisation") else None))
    obj.year = data["year"]
    if not obj.nominee_name:
        obj.nominee_name = str(obj.nominee_organisation or obj.nominee_unit or "")
    if not obj.nominee_name:
        raise ValidationError({"nominee_name": "Nhập tên tập thể hoặc họ và tên cá nhân."})
    obj.save()
    audit.updated(user, obj, before) if before else audit.created(user, obj)
    return obj


@transaction.atomic
def review_nomination(user, nomination, approve, on, note="", version=None) -> Nomination:
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    scope.require_write(user, nomination.unit)
    claim_version(nomination, version)
    if nomination.status != Nomination.Status.PROPOSED:
        raise ValidationError("Chỉ xét được đề nghị đang chờ xét.")
    if not approve and not note.strip():
        raise ValidationError({"note": "Ghi lý do không đề nghị."})
    before = audit.snapshot(nomination)
    nomination.status = Nomination.Status.APPROVED if approve else Nomination.Status.REJECTED
    nomination.reviewed_on, nomination.review_note = on, note.strip()
    nomination.save()
    audit.updated(user, nomination, before, verb="Xét đề nghị khen thưởng")
    return nomination


@transaction.atomic
def decide_nomination(user, nomination, number, date, level, version=None) -> Nomination:
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    scope.require_write(user, nomination.unit)
    claim_version(nomination, version)
    if nomination.status != Nomination.Status.APPROVED:
        raise ValidationError("Chỉ ghi quyết định cho đề nghị đã được xét đồng ý.")
    if not number.strip():
        raise ValidationError({"number": "Nhập số quyết định."})
    if nomination.reviewed_on and date < nomination.reviewed_on:
        raise ValidationError({"date": "Ngày quyết định trước ngày xét."})
    before = audit.snapshot(nomination)
    nomination.status = Nomination.Status.DECIDED
    nomination.decision_number, nomination.decision_date, nomination.decision_level = number.strip(), date, level
    nomination.save()
    audit.updated(user, nomination, before, verb="Ghi quyết định khen thưởng")
    spine.changed("recognition", nomination.unit, date, date)
    return nomination


# --- exemplary people -------------------------------------------------------------------------------------

def check_photo(upload):
    """The photo decoded and re-encoded as JPEG under a random name (core.uploads); None when none was sent."""
    if upload is None:
        return None
    return prepare_image(upload, max_bytes=PHOTO_MAX_BYTES, field="photo")


@transaction.atomic
def save_exemplary(user, unit, data, instance=None, photo=None) -> ExemplaryPerson:
    if instance is None and data.get("once"):
        rest = {k: v for k, v in data.items() if k != "once"}
        return create_once(user, data["once"], lambda: save_exemplary(user, unit, rest, None, photo))
    scope.require_write(user, unit)
    if instance is not None:
        claim_version(instance, data.get("version"))
    check_year(data["year"])
    photo = check_photo(photo)
    nomination = data.get("nomination")
    if nomination and not nomination.unit.is_within(unit) and not unit.is_within(nomination.unit):
        raise ValidationError({"nomination": "Đề nghị khen thưởng không thuộc phạm vi."})
    before = audit.snapshot(instance) if instance else None
    obj = instance or ExemplaryPerson(unit=unit)
    obj.year, obj.name, obj.description, obj.story, obj.nomination = (
        data["year"], data["name"].strip(), data["description"].strip(), data["story"].strip(), nomination)
    if photo is not None:
        if obj.photo:
            obj.photo.delete(save=False)
        obj.photo.save(photo.name, photo, save=False)
    obj.save()
    audit.updated(user, obj, before) if before else audit.created(user, obj)
    return obj


def nominations_table(unit, nominations):
    from documents.tables import Column, Table

    rows = [{"no": i, "name": n.nominee_name + (f" ({n.nominee_detail})" if n.nominee_detail else ""),
             "type": n.get_nominee_type_display(), "achievement": n.achievement, "form": n.award_form,
             "status": n.get_status_display() + (f", QĐ số {n.decision_number}" if n.decision_number else "")}
            for i, n in enumerate(nominations, start=1)]
    return Table(title="Danh sách đề nghị khen thưởng", subtitle=[unit.name], rows=rows, columns=[
        Column("no", "STT", "integer", summable=False), Column("name", "Tập thể, cá nhân", width=30),
        Column("type", "Đối tượng", width=10), Column("achievement", "Thành tích", width=50),
        Column("form", "Hình thức", width=20), Column("status", "Tình trạng", width=24)])


def nominations_document(unit, year, nominations):
    """The nomination list as an ND 30 tờ trình of the unit's standing committee."""
    from documents.nd30 import OfficialDocument, Paragraph, Recipients, Signer
    from documents.tables import to_nd30

    table = nominations_table(unit, nominations)
    collectives = sum(1 for n in nominations if n.nominee_type == Nomination.NomineeType.COLLECTIVE)
    blocks = [Paragraph(f"Căn cứ kết quả thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị "
                        f"văn minh” năm {year}, Ban Thường trực Ủy ban MTTQ {unit.name} đề nghị khen thưởng "
                        f"{collectives} tập thể và {len(nominations) - collectives} cá nhân có thành tích tiêu biểu "
                        f"(danh sách kèm theo)."),
              to_nd30(table, widths=[5, 25, 10, 40, 15, 15])]
    return OfficialDocument(
        parent_body=f"ỦY BAN MTTQ VIỆT NAM\n{unit.name.upper()}", issuing_body="BAN THƯỜNG TRỰC",
        symbol="TTr-MTTQ-BTT", place=unit.short_name, type_name="TỜ TRÌNH",
        title=f"Đề nghị khen thưởng tập thể, cá nhân tiêu biểu trong Cuộc vận động năm {year}", blocks=blocks,
        signer=Signer("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", ""), recipients=Recipients(["Như trên"], archive="VT"))
