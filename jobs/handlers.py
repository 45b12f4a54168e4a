"""The kinds of long work doanket runs as jobs. Each reads through the spine's queries and is idempotent."""

import io

from . import services
from .services import JobError, Result, handler

CHUNK = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """A spreadsheet cell that can never become a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


@handler("indicators.area_values_xlsx")
def area_values_xlsx(job, progress) -> Result:
    """One measure for every residential area under a unit (83,000 rows for the nation), as XLSX."""
    import openpyxl

    from campaign.models import Period
    from indicators.display import show
    from indicators.models import Measure
    from indicators.queries import readings
    from units.models import Level, Unit

    p = job.params
    try:
        unit = Unit.objects.get(pk=p["unit"])
        period = Period.objects.get(pk=p["period"])
        measure = Measure.objects.get(pk=p["measure"])
    except (KeyError, Unit.DoesNotExist, Period.DoesNotExist, Measure.DoesNotExist):
        raise JobError("Đơn vị, kỳ hoặc chỉ số của yêu cầu này không còn tồn tại.") from None
    areas = Unit.objects.subtree(unit).filter(level=Level.AREA, is_active=True)
    ids = list(areas.order_by("path").values_list("pk", flat=True))
    total = len(ids)
    progress(0, total, force=True)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title="Khu dân cư")
    sheet.append([f"{measure.name} — {unit.name}, kỳ {period.code}"])
    sheet.append(["STT", "Mã khu dân cư", "Khu dân cư", "Thuộc đơn vị", "Giá trị (hiển thị)", "Giá trị (số)"])
    number = 0
    for start in range(0, total, CHUNK):
        chunk = list(Unit.objects.filter(pk__in=ids[start:start + CHUNK]).select_related("parent").order_by("path"))
        got = readings(measure, chunk, period, p.get("org_kind"))
        for area in chunk:
            number += 1
            reading = got.get(area.pk)
            value = reading.value if reading is not None else None
            sheet.append([number, _text(area.code), _text(area.name), _text(area.parent.name if area.parent else ""),
                          show(measure, reading, True), float(value) if value is not None else None])
        progress(number)
    buffer = io.BytesIO()
    book.save(buffer)
    progress(total, force=True)
    return Result(f"{measure.code}-khu-dan-cu-{unit.code}-{period.code}.xlsx", buffer.getvalue(),
                  summary=f"{total:,} khu dân cư".replace(",", "."))


@handler("rollup.rebuild")
def rollup_rebuild(job, progress) -> Result:
    """Recompute every aggregate from the source values, one period at a time (each period in one transaction,
    so a stop between periods leaves every period either old-and-consistent or rebuilt)."""
    from campaign.models import Period
    from indicators import rollup

    periods = Period.objects.order_by("start", "pk")
    if job.params.get("periods"):
        periods = periods.filter(pk__in=job.params["periods"])
    ids = list(periods.values_list("pk", flat=True))
    progress(0, len(ids), force=True)
    rows = 0
    for done, period_id in enumerate(ids, start=1):
        rows += rollup.rebuild([period_id])
        progress(done)
    return Result("", b"", summary=f"Đã tính lại {rows:,} số tổng hợp của {len(ids)} kỳ.".replace(",", "."))


@handler("registers.derive")
def registers_derive(job, progress) -> Result:
    """Re-derive every register's measures for every unit, then rebuild the aggregates — one period at a time,
    each period (all registers and its rollup) in one transaction: a stop between periods leaves every period
    either as it was (consistent) or re-derived, and running it again gives the same values."""
    from campaign.models import Period
    from indicators.services import derive_all

    periods = Period.objects.order_by("start", "pk")
    if job.params.get("periods"):
        periods = periods.filter(pk__in=job.params["periods"])
    periods = list(periods)
    progress(0, len(periods), force=True)
    changed = 0
    for done, period in enumerate(periods, start=1):
        changed += derive_all(job.params.get("registers"), [period])
        progress(done)
    return Result("", b"", summary=f"Đã tính lại số liệu từ các sổ theo dõi của {len(periods)} kỳ: {changed:,} giá "
                                   "trị thay đổi.".replace(",", "."))


CONSOLIDATED_FORMATS = {"docx": "báo cáo tổng hợp (DOCX)", "xlsx": "phụ lục tổng hợp theo đơn vị (XLSX)"}


@handler("reporting.consolidated")
def reporting_consolidated(job, progress) -> Result:
    """A round's consolidated report (DOCX, ND 30) or its annex per reporting unit (XLSX), built from the
    submissions and the spine as they are when the job runs (nothing is written)."""
    from documents.nd30 import render_docx
    from documents.tables import to_xlsx
    from reporting import consolidation
    from reporting.models import ReportingRound

    p = job.params
    rnd = ReportingRound.objects.select_related("issuer", "period").filter(pk=p.get("round")).first()
    if rnd is None:
        raise JobError("Đợt báo cáo của yêu cầu này không còn tồn tại.")
    fmt = p.get("fmt")
    if fmt not in CONSOLIDATED_FORMATS:
        raise JobError("Chỉ lập được báo cáo tổng hợp dạng DOCX hoặc phụ lục dạng XLSX.")
    progress(0, 2, force=True)
    c = consolidation.build(rnd)
    progress(1, force=True)
    if fmt == "docx":
        content, name = render_docx(consolidation.document(c)), "bao-cao-tong-hop"
    else:
        content, name = to_xlsx(c.annex), "phu-luc-tong-hop"
    progress(2, force=True)
    return Result(f"{name}-{rnd.period.code}-{rnd.issuer.code}.{fmt}", content,
                  summary=f"{c.state.received}/{c.state.expected} đơn vị đã gửi báo cáo"
                          + (f"; chưa gửi: {', '.join(c.unsent_names)}." if c.unsent else "."))


@handler("welfare.household_list")
def welfare_household_list(job, progress) -> Result:
    """A province's or the nation's list of poor and near-poor households for a year (XLSX or CSV), masked unless
    the requester may and asked to unmask (with the reason, logged as for a direct download)."""
    from accounts import scope
    from documents.tables import to_csv, to_xlsx
    from units.models import Unit
    from welfare import privacy, reports

    p, user = job.params, job.created_by
    unit = Unit.objects.filter(pk=p.get("unit")).first()
    if unit is None or not scope.in_scope(user, unit):
        raise JobError("Đơn vị của yêu cầu này không còn trong phạm vi của tài khoản.")
    unmasked = bool(p.get("unmasked")) and privacy.can_export_identity(user)
    fmt = "csv" if p.get("fmt") == "csv" else "xlsx"
    progress(0, 2, force=True)
    table = reports.export_table(user, unit, int(p["year"]), unmasked)
    progress(1, force=True)
    content = to_csv(table) if fmt == "csv" else to_xlsx(table)
    privacy.log_export(user, unit, count=len(table.rows), unmasked=unmasked, reason=p.get("reason", ""), fmt=fmt)
    progress(2, force=True)
    return Result(f"danh-sach-ho-{p['year']}-{unit.code}.{fmt}", content,
                  summary=f"{len(table.rows):,} hộ".replace(",", ".") + (", số định danh đầy đủ" if unmasked else
                                                                           ", số định danh đã che"))


__all__ = ["services"]
