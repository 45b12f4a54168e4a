"""Writes to the budget register and what is read from it.

Every write is scoped (`require_keep`), audited, transactional and versioned where it edits a row; after a line
changes, the budget's totals are recomputed from its lines and the spine is told (`indicators.services.changed`)
for the budget's year, in the same transaction. Imports replace one part (estimate or settlement) of one budget
all at once, or write nothing.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from accounts import audit
from accounts.models import Role
from accounts import scope
from core.concurrency import claim_version
from core.formatting import MAX_MONEY, format_money, parse_money
from core.uploads import UploadError, column_letter, read_table
from units.models import Level

from .models import Budget, BudgetLine, FundingSource, SourceKind, SpendingItem, Stage

REGISTER = "budget"
BUDGET_LEVELS = (Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def today():
    return timezone.localdate()


def can_keep(user, unit) -> bool:
    return scope.can_keep(user, unit, BUDGET_LEVELS)


def require_keep(user, unit):
    scope.require_keep(user, unit, BUDGET_LEVELS,
                       who="Chỉ cán bộ Mặt trận của đơn vị mới lập dự toán, quyết toán kinh phí.",
                       where="Kinh phí Cuộc vận động lập ở cấp xã trở lên.")


def _refresh(budget: Budget):
    """Recompute the budget's totals from its lines and tell the spine about the year."""
    from indicators.services import changed

    sums = dict(budget.lines.order_by().values("stage").annotate(s=Sum("amount")).values_list("stage", "s"))
    mobilised = (budget.lines.filter(stage=Stage.SETTLEMENT, source__kind=SourceKind.SOCIALISED)
                 .aggregate(s=Sum("amount"))["s"] or 0)
    budget.planned, budget.spent, budget.mobilised = (sums.get(Stage.ESTIMATE) or 0, sums.get(Stage.SETTLEMENT) or 0,
                                                      mobilised)
    Budget.objects.filter(pk=budget.pk).update(planned=budget.planned, spent=budget.spent, mobilised=mobilised)
    changed(REGISTER, budget.unit, datetime.date(budget.year, 1, 1), datetime.date(budget.year, 12, 31))


def _check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": "Năm không hợp lệ."}) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": f"Năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}."})
    return year


# --- Budgets -------------------------------------------------------------------------------------------------

@transaction.atomic
def open_budget(actor, unit, year, *, estimate_number="", estimate_on=None, note="") -> Budget:
    require_keep(actor, unit)
    year = _check_year(year)
    if Budget.objects.filter(unit=unit, year=year).exists():
        raise ValidationError({"year": f"{unit.name} đã có kinh phí năm {year}."})
    budget = Budget.objects.create(unit=unit, year=year, estimate_number=estimate_number.strip(),
                                   estimate_on=estimate_on, note=note.strip(), updated_by=actor)
    audit.created(actor, budget)
    return budget


HEADER_FIELDS = ("estimate_number", "estimate_on", "settlement_number", "settlement_on", "note")


@transaction.atomic
def update_budget(actor, budget: Budget, version=None, **data) -> Budget:
    require_keep(actor, budget.unit)
    estimate_on = data.get("estimate_on", budget.estimate_on)
    settlement_on = data.get("settlement_on", budget.settlement_on)
    if estimate_on and settlement_on and settlement_on < estimate_on:
        raise ValidationError({"settlement_on": "Ngày lập quyết toán không được trước ngày lập dự toán."})
    before = audit.snapshot(budget)
    claim_version(budget, version)
    for name in HEADER_FIELDS:
        if name in data:
            value = data[name]
            setattr(budget, name, value.strip() if isinstance(value, str) else value)
    budget.updated_by = actor
    budget.save(update_fields=[*HEADER_FIELDS, "updated_by", "updated_at"])
    audit.updated(actor, budget, before)
    return budget


# --- Lines ---------------------------------------------------------------------------------------------------

def _clean_line(stage, activity, item, source, amount) -> dict:
    errors = {}
    if stage not in Stage.values:
        errors["stage"] = "Chọn dự toán hoặc quyết toán."
    if not (activity or "").strip():
        errors["activity"] = "Ghi hoạt động, nội dung."
    if item is None:
        errors["item"] = "Chọn nội dung chi."
    if source is None:
        errors["source"] = "Chọn nguồn kinh phí."
    if amount is None:
        errors["amount"] = "Ghi số tiền."
    elif int(amount) < 0:
        errors["amount"] = "Số tiền không được âm."
    elif int(amount) > MAX_MONEY:
        errors["amount"] = f"Số tiền quá lớn (tối đa {format_money(MAX_MONEY)})."
    if errors:
        raise ValidationError(errors)
    return {"stage": stage, "activity": activity.strip(), "item": item, "source": source, "amount": int(amount)}


@transaction.atomic
def add_line(actor, budget: Budget, *, stage, activity, item, source, amount, note="") -> BudgetLine:
    require_keep(actor, budget.unit)
    data = _clean_line(stage, activity, item, source, amount)
    order = (budget.lines.filter(stage=stage).order_by("-order").values_list("order", flat=True).first() or 0) + 1
    line = BudgetLine.objects.create(budget=budget, note=(note or "").strip(), order=order, **data)
    audit.created(actor, line, unit=budget.unit)
    _refresh(budget)
    return line


@transaction.atomic
def update_line(actor, line: BudgetLine, version=None, *, activity, item, source, amount, note="",
                stage=None) -> BudgetLine:
    budget = line.budget
    require_keep(actor, budget.unit)
    data = _clean_line(stage or line.stage, activity, item, source, amount)
    before = audit.snapshot(line)
    claim_version(line, version)
    for name, value in data.items():
        setattr(line, name, value)
    line.note = (note or "").strip()
    line.save()
    audit.updated(actor, line, before, unit=budget.unit)
    _refresh(budget)
    return line


@transaction.atomic
def delete_line(actor, line: BudgetLine) -> None:
    budget = line.budget
    require_keep(actor, budget.unit)
    audit.deleted(actor, line, unit=budget.unit)
    line.delete()
    _refresh(budget)


# --- Import and export of lines ------------------------------------------------------------------------------

HEADER = ["STT", "Hoạt động, nội dung", "Nội dung chi (TT 121/2017)", "Nguồn kinh phí", "Số tiền (đồng)", "Ghi chú"]


def _key(text) -> str:
    from core.text import fold

    return " ".join(fold(str(text or "")).split())


@transaction.atomic
def import_lines(actor, budget: Budget, stage: str, filename: str, content: bytes) -> int:
    """Replace the `stage` lines of `budget` with the rows of an XLSX/CSV (the export's columns). Every bad row is
    reported by row and column; nothing is written unless every row is good. Returns the number of lines."""
    require_keep(actor, budget.unit)
    if stage not in Stage.values:
        raise UploadError("Chọn dự toán hoặc quyết toán.")
    table = read_table(filename, content)
    # the export's title rows come first: the header is the first row whose column B is "Hoạt động, nội dung"
    start = next((i for i, row in enumerate(table)
                  if len(row) > 1 and _key(row[1]) == _key(HEADER[1])), None)
    if start is None:
        raise UploadError(f"Không thấy dòng tiêu đề của tệp mẫu (cột B: “{HEADER[1]}”).")
    items = list(SpendingItem.objects.filter(is_active=True))
    sources = list(FundingSource.objects.filter(is_active=True))
    by_item = {k: o for o in items for k in (_key(o.code), _key(o.name))}
    by_source = {k: o for o in sources for k in (_key(o.code), _key(o.name))}
    errors, rows = [], []
    for number, raw in enumerate(table[start + 1:], start=start + 2):
        raw = (list(raw) + [""] * 6)[:6]
        if not any(str(c).strip() for c in raw):
            continue
        if _key(raw[1]).startswith("cong") and not str(raw[2]).strip() and not str(raw[3]).strip():
            continue  # the export's totals row
        where = f"Dòng {number}"
        activity, item_text, source_text, amount_text, note = (str(c).strip() for c in raw[1:6])
        row_errors = []
        if not activity:
            row_errors.append(f"{where}, cột {column_letter(1)} (Hoạt động, nội dung): chưa ghi.")
        item = by_item.get(_key(item_text))
        if item is None:
            row_errors.append(f"{where}, cột {column_letter(2)} (Nội dung chi): không có nội dung chi "
                              f"“{item_text}” trong danh mục.")
        source = by_source.get(_key(source_text))
        if source is None:
            row_errors.append(f"{where}, cột {column_letter(3)} (Nguồn kinh phí): không có nguồn “{source_text}” "
                              "trong danh mục.")
        amount = None
        try:
            amount = parse_money(amount_text)
        except ValueError as exc:
            row_errors.append(f"{where}, cột {column_letter(4)} (Số tiền): {exc}")
        else:
            if amount is None:
                row_errors.append(f"{where}, cột {column_letter(4)} (Số tiền): chưa ghi.")
            elif amount < 0:
                row_errors.append(f"{where}, cột {column_letter(4)} (Số tiền): không được âm.")
        if len(activity) > 300:
            row_errors.append(f"{where}, cột {column_letter(1)}: dài quá 300 ký tự.")
        if len(note) > 300:
            row_errors.append(f"{where}, cột {column_letter(5)}: dài quá 300 ký tự.")
        errors += row_errors
        if not row_errors:
            rows.append((activity, item, source, amount, note))
    if errors:
        raise UploadError(errors)
    if not rows:
        raise UploadError("Tệp không có dòng kinh phí nào.")
    old = list(budget.lines.filter(stage=stage))
    for line in old:
        audit.deleted(actor, line, unit=budget.unit, note="thay bằng tệp nhập")
    budget.lines.filter(stage=stage).delete()
    created = BudgetLine.objects.bulk_create(
        BudgetLine(budget=budget, stage=stage, activity=a, item=i, source=s, amount=m, note=n, order=k)
        for k, (a, i, s, m, n) in enumerate(rows, start=1))
    audit.record(actor, audit.Action.IMPORT, budget,
                 verb=f"nhập {len(created)} dòng {Stage(stage).label.lower()} từ tệp",
                 note=f"{filename}: thay {len(old)} dòng cũ")
    _refresh(budget)
    return len(created)


def lines_table(budget: Budget, stage: str):
    from documents.tables import Column, Table

    lines = budget.lines.filter(stage=stage).select_related("item", "source")
    table = Table(
        title=f"{Stage(stage).label} kinh phí thực hiện Cuộc vận động năm {budget.year}",
        subtitle=[budget.unit.name],
        columns=[Column("no", HEADER[0], "integer", summable=False), Column("activity", HEADER[1]),
                 Column("item", HEADER[2]), Column("source", HEADER[3]), Column("amount", HEADER[4], "money"),
                 Column("note", HEADER[5])],
        rows=[{"no": i, "activity": l.activity, "item": l.item.name, "source": l.source.name, "amount": l.amount,
               "note": l.note} for i, l in enumerate(lines, start=1)],
    )
    table.totals = {"activity": "Cộng", "amount": budget.planned if stage == Stage.ESTIMATE else budget.spent}
    return table


# --- Figures -------------------------------------------------------------------------------------------------

def by_item(budget: Budget) -> list[dict]:
    """Per spending item: planned and spent (items with neither left out), in the items' order."""
    rows = (budget.lines.order_by().values("item_id", "stage").annotate(s=Sum("amount")))
    got: dict[int, dict] = {}
    for r in rows:
        got.setdefault(r["item_id"], {})[r["stage"]] = r["s"] or 0
    return [{"item": i, "planned": got[i.pk].get(Stage.ESTIMATE, 0), "spent": got[i.pk].get(Stage.SETTLEMENT, 0)}
            for i in SpendingItem.objects.filter(pk__in=got)]


def by_source(budget: Budget) -> list[dict]:
    rows = (budget.lines.order_by().values("source_id", "stage").annotate(s=Sum("amount")))
    got: dict[int, dict] = {}
    for r in rows:
        got.setdefault(r["source_id"], {})[r["stage"]] = r["s"] or 0
    return [{"source": s, "planned": got[s.pk].get(Stage.ESTIMATE, 0), "spent": got[s.pk].get(Stage.SETTLEMENT, 0)}
            for s in FundingSource.objects.filter(pk__in=got)]


MEASURES = ["budget_planned", "budget_spent", "budget_mobilised"]


def tree_rows(unit, year):
    """The unit and the units right under it that keep budgets, with planned / spent / mobilised read from the
    spine for the year (the unit's row is its rollup: its own budget plus everything under it)."""
    from campaign.periods import get_period
    from indicators import summaries
    from units.models import Unit

    children = list(Unit.objects.filter(parent=unit, level__in=BUDGET_LEVELS, is_active=True).ordered())
    got = summaries.readings_by_code(unit, children, get_period(str(year)), MEASURES)

    def row(u):
        return {"unit": u, **{code.removeprefix("budget_"): summaries.number(summaries.value(got, code, u.pk))
                              for code in MEASURES}}

    return row(unit), [row(c) for c in children]


# --- Catalogue (administrators) ------------------------------------------------------------------------------

def require_admin(user):
    if not (user.is_superuser or user.role == Role.ADMIN):
        raise PermissionDenied("Chỉ quản trị mới sửa danh mục.")


@transaction.atomic
def save_catalogue_row(actor, obj, **data):
    """Create or change a spending item or a funding source (administrators only)."""
    require_admin(actor)
    model = type(obj)
    code = (data.get("code") or "").strip()
    if model.objects.filter(code=code).exclude(pk=obj.pk).exists():
        raise ValidationError({"code": f"Mã “{code}” đã có trong danh mục."})
    before = audit.snapshot(obj) if obj.pk else None
    for name, value in data.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    obj.full_clean()
    obj.save()
    if before is None:
        audit.created(actor, obj)
    else:
        audit.updated(actor, obj, before)
    return obj

