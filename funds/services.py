"""Writes to the fund books and the figures read from them.

Every write locks the book row (`select_for_update`, books in id order so two transfers cannot deadlock),
checks that no running balance goes negative, appends immutable entries, updates the cached balance, audits
and refreshes the spine, all in one transaction. Corrections are reversing entries.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts import audit
from accounts import scope
from core.collation import vi
from core.formatting import format_date, format_money
from units.models import Level

from .models import Category, DonorType, Entry, EntryKind, Fund, FundKind, peak_month

REGISTER = "funds"
BOOK_LEVELS = (Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


def refresh(unit, on):
    """Tell the spine that this register's entries of `unit` dated `on` changed."""
    from indicators.services import changed

    changed(REGISTER, unit, on, on)


def can_keep_books(user, unit) -> bool:
    return scope.can_keep(user, unit, BOOK_LEVELS)


def require_book_write(user, unit):
    scope.require_keep(user, unit, Level.values, who="Chỉ cán bộ Mặt trận của đơn vị mới ghi sổ quỹ.")


def today():
    return timezone.localdate()


def _check_date(day: datetime.date, fund: Fund):
    if day > today():
        raise ValidationError({"date": "Ngày ghi sổ chưa đến."})
    if day < fund.opened_on:
        raise ValidationError({"date": f"Ngày ghi sổ trước ngày mở sổ ({format_date(fund.opened_on)})."})


def _locked(*funds: Fund) -> dict[int, Fund]:
    """Lock the books' rows in id order and return fresh copies (their balance is now authoritative)."""
    ids = sorted({f.pk for f in funds})
    return {f.pk: f for f in Fund.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _check_running_balance(fund: Fund, day: datetime.date, amount: int):
    """An entry of `amount` dated `day` goes after every entry dated on or before `day`: the balance right
    after it and at every later entry must stay at or above zero."""
    if amount >= 0:
        return
    before = fund.entries.filter(date__lte=day).aggregate(s=Sum("amount"))["s"] or 0
    running = before + amount
    if running < 0:
        raise ValidationError({"amount": f"Số dư {fund.name} ngày {format_date(day)} chỉ còn {format_money(before)}, "
                                         f"không đủ {format_money(-amount)}."})
    for later_day, later in fund.entries.filter(date__gt=day).order_by("date", "pk").values_list("date", "amount"):
        running += later
        if running < 0:
            raise ValidationError({"amount": f"Ghi khoản này ngày {format_date(day)} làm số dư ngày "
                                             f"{format_date(later_day)} bị âm; hãy ghi với ngày muộn hơn."})


def _append(fund: Fund, entry: Entry) -> Entry:
    """`fund` must be locked. Checks the running balance, saves the entry, moves the cached balance."""
    _check_date(entry.date, fund)
    _check_running_balance(fund, entry.date, entry.amount)
    entry.fund = fund
    entry.save()
    fund.balance += entry.amount
    Fund.objects.filter(pk=fund.pk).update(balance=fund.balance)
    return entry


def _positive(amount) -> int:
    if amount is None or int(amount) <= 0:
        raise ValidationError({"amount": "Số tiền phải lớn hơn 0 đồng."})
    return int(amount)


# --- Books -----------------------------------------------------------------------------------------


@transaction.atomic
def open_fund(actor, unit, kind: str, name: str = "", relief_campaign: str = "", opened_on=None,
              opening_balance: int = 0) -> Fund:
    """Open a book. `opening_balance` is the money the book starts with (carried over from the previous year or
    the previous book): written as one `opening` entry on the opening day, never counted as a receipt."""
    require_book_write(actor, unit)
    if unit.level not in BOOK_LEVELS:
        raise ValidationError("Sổ quỹ mở ở cấp xã trở lên.")
    relief_campaign = relief_campaign.strip()
    if kind == FundKind.RELIEF and not relief_campaign:
        raise ValidationError({"relief_campaign": "Quỹ cứu trợ phải ghi đợt vận động (mỗi đợt một quỹ)."})
    name = name.strip() or (f"Quỹ cứu trợ {relief_campaign}" if kind == FundKind.RELIEF else FundKind(kind).label)
    if Fund.objects.filter(unit=unit, kind=kind, name=name).exists():
        raise ValidationError({"name": f"{unit.name} đã có sổ “{name}”."})
    if opening_balance is None or int(opening_balance) < 0:
        raise ValidationError({"opening_balance": "Số dư chuyển sang không được âm."})
    fund = Fund.objects.create(unit=unit, kind=kind, name=name, relief_campaign=relief_campaign,
                               opened_on=opened_on or today())
    audit.created(actor, fund)
    if int(opening_balance):
        fund = _locked(fund)[fund.pk]
        entry = _append(fund, Entry(kind=EntryKind.OPENING, date=fund.opened_on, amount=int(opening_balance),
                                    description="Số dư chuyển sang khi mở sổ", created_by=actor))
        audit.created(actor, entry, unit=fund.unit)
    return fund


@transaction.atomic
def record_receipt(actor, fund: Fund, *, date, amount, donor_name, donor_type, receipt_number="", in_kind=False,
                   in_kind_description="", description="") -> Entry:
    require_book_write(actor, fund.unit)
    errors = {}
    if not donor_name.strip():
        errors["donor_name"] = "Ghi tên người hoặc đơn vị ủng hộ."
    if donor_type not in DonorType.values:
        errors["donor_type"] = "Chọn loại người ủng hộ."
    if in_kind and not in_kind_description.strip():
        errors["in_kind_description"] = "Ghi hiện vật gồm những gì (giá trị quy ra tiền ghi ở số tiền)."
    if errors:
        raise ValidationError(errors)
    fund = _locked(fund)[fund.pk]  # the book's lock also serialises the receipt-number check
    number = receipt_number.strip()
    if number:
        same = Entry.objects.filter(fund=fund, kind=EntryKind.RECEIPT, reverses__isnull=True,
                                    reversed_by__isnull=True, receipt_number=number).first()
        if same is not None:
            raise ValidationError({"receipt_number": f"Số biên lai {number} đã ghi trong sổ này "
                                                     f"({same}, {same.donor_name})."})
    entry = _append(fund, Entry(kind=EntryKind.RECEIPT, date=date, amount=_positive(amount),
                                donor_name=donor_name.strip(), donor_type=donor_type,
                                receipt_number=receipt_number.strip(), in_kind=in_kind,
                                in_kind_description=in_kind_description.strip(), description=description.strip(),
                                created_by=actor))
    audit.created(actor, entry, unit=fund.unit)
    refresh(fund.unit, entry.date)
    return entry


@transaction.atomic
def record_disbursement(actor, fund: Fund, *, date, amount, category, approval_ref, description="",
                        support_record=None, household=None) -> Entry:
    require_book_write(actor, fund.unit)
    errors = {}
    if category not in Category.values:
        errors["category"] = "Chọn khoản chi."
    if not approval_ref.strip():
        errors["approval_ref"] = "Ghi số quyết định hoặc biên bản phê duyệt khoản chi."
    if support_record is not None:
        household = support_record.household
        if not support_record.unit.is_within(fund.unit):
            errors["support_record"] = "Hỗ trợ này không thuộc địa bàn của sổ quỹ."
    if household is not None and not household.unit.is_within(fund.unit):
        errors["household"] = "Hộ này không thuộc địa bàn của sổ quỹ."
    if errors:
        raise ValidationError(errors)
    fund = _locked(fund)[fund.pk]
    entry = _append(fund, Entry(kind=EntryKind.DISBURSEMENT, date=date, amount=-_positive(amount), category=category,
                                approval_ref=approval_ref.strip(), description=description.strip(),
                                support_record=support_record, household=household, created_by=actor))
    audit.created(actor, entry, unit=fund.unit)
    refresh(fund.unit, entry.date)
    return entry


def transfer_targets(actor, source: Fund):
    """Books a transfer may go to: same kind, at the level above (the parent chain) or at a unit under the
    source's unit that is in the actor's scope."""
    ancestors = source.unit.ancestor_ids
    return (Fund.objects.filter(kind=source.kind).exclude(pk=source.pk)
            .filter(Q(unit_id__in=ancestors) | Q(unit__path__startswith=source.unit.path))
            .select_related("unit").order_by("unit__depth", "unit__sort_key", vi("name")))


@transaction.atomic
def transfer(actor, source: Fund, target: Fund, *, date, amount, description="") -> tuple[Entry, Entry]:
    """Move money between two levels' books: both sides written together or not at all."""
    require_book_write(actor, source.unit)
    if source.pk == target.pk:
        raise ValidationError({"target": "Chọn sổ quỹ nhận khác sổ chuyển."})
    if not transfer_targets(actor, source).filter(pk=target.pk).exists():
        raise ValidationError({"target": "Chỉ chuyển giữa các cấp của cùng một loại quỹ (lên cấp trên hoặc xuống "
                                         "cấp dưới)."})
    amount = _positive(amount)
    books = _locked(source, target)
    source, target = books[source.pk], books[target.pk]
    _check_date(date, target)
    text = description.strip()
    out = _append(source, Entry(kind=EntryKind.TRANSFER_OUT, date=date, amount=-amount, created_by=actor,
                                description=text))
    into = _append(target, Entry(kind=EntryKind.TRANSFER_IN, date=date, amount=amount, counterpart=out,
                                 created_by=actor, description=text))
    audit.created(actor, out, unit=source.unit)
    audit.created(actor, into, unit=target.unit)
    refresh(source.unit, date)
    refresh(target.unit, date)
    return out, into


@transaction.atomic
def reverse(actor, entry: Entry, reason: str, date=None) -> Entry:
    """Correct an entry by a reversing entry (same kind, opposite amount). A transfer is reversed on both
    sides. An entry is reversed at most once; a reversal is not itself reversed (record the entry again)."""
    if entry.kind == EntryKind.TRANSFER_IN:
        entry = entry.counterpart  # a transfer is reversed from its sending side, on both sides
    require_book_write(actor, entry.fund.unit)
    if not reason.strip():
        raise ValidationError({"reason": "Ghi lý do đảo bút toán."})
    if entry.is_reversal:
        raise ValidationError("Đây là bút toán đảo; nếu cần, hãy ghi lại khoản đúng.")
    if Entry.objects.filter(reverses=entry).exists():
        raise ValidationError("Bút toán này đã được đảo.")
    date = date or today()
    copy = ("category", "donor_name", "donor_type", "receipt_number", "in_kind", "in_kind_description",
            "approval_ref", "support_record_id", "household_id")
    note = f"Đảo bút toán ngày {format_date(entry.date)}: {reason.strip()}"

    def mirror(original):
        return Entry(kind=original.kind, date=date, amount=-original.amount, reverses=original, description=note,
                     created_by=actor, **{name: getattr(original, name) for name in copy})

    if entry.kind == EntryKind.TRANSFER_OUT:
        into = entry.counterpart_of
        books = _locked(entry.fund, into.fund)
        back = _append(books[entry.fund_id], mirror(entry))
        undo = mirror(into)
        undo.counterpart = back
        undo = _append(books[into.fund_id], undo)
        audit.created(actor, back, unit=entry.fund.unit, note=reason)
        audit.created(actor, undo, unit=into.fund.unit, note=reason)
        refresh(into.fund.unit, date)
    else:
        fund = _locked(entry.fund)[entry.fund_id]
        back = _append(fund, mirror(entry))
        audit.created(actor, back, unit=fund.unit, note=reason)
    refresh(entry.fund.unit, date)
    return back


# --- Figures ---------------------------------------------------------------------------------------


@dataclass
class Summary:
    opening: int
    receipts: int
    disbursements: int
    transfers_in: int
    transfers_out: int
    closing: int
    peak_receipts: int | None  # "Tháng cao điểm" receipts, when the period holds the peak month
    receipt_count: int


def summary(fund: Fund, start: datetime.date, end: datetime.date) -> Summary:
    """Opening and closing balances and the period's totals (reversals included with their sign). The opening
    balance is everything before the period (so a year's opening is the previous year's closing) plus the
    balance the book was opened with when that falls inside the period; carry-over is never a receipt."""
    entries = fund.entries
    opening = (entries.filter(Q(date__lt=start) | Q(kind=EntryKind.OPENING, date__lte=end))
               .aggregate(s=Sum("amount"))["s"] or 0)
    in_period = entries.filter(date__gte=start, date__lte=end).exclude(kind=EntryKind.OPENING)
    totals = {row["kind"]: row for row in in_period.order_by().values("kind").annotate(s=Sum("amount"), n=Count("id"))}

    def total(kind):
        return (totals.get(kind) or {}).get("s") or 0

    peak = None
    year_start, year_end = start.year, end.year
    peaks = [peak_month(y) for y in range(year_start, year_end + 1)]
    peaks = [(a, b) for a, b in peaks if a >= start and b <= end]
    if peaks:
        peak = sum(entries.filter(kind=EntryKind.RECEIPT, date__gte=a, date__lte=b)
                   .aggregate(s=Sum("amount"))["s"] or 0 for a, b in peaks)
    receipts, disbursed = total(EntryKind.RECEIPT), -total(EntryKind.DISBURSEMENT)
    t_in, t_out = total(EntryKind.TRANSFER_IN), -total(EntryKind.TRANSFER_OUT)
    return Summary(opening=opening, receipts=receipts, disbursements=disbursed, transfers_in=t_in,
                   transfers_out=t_out, closing=opening + receipts - disbursed + t_in - t_out, peak_receipts=peak,
                   receipt_count=in_period.filter(kind=EntryKind.RECEIPT, reverses__isnull=True).count())


def spending_by_category(fund: Fund, start, end) -> list[tuple[str, int, int]]:
    """(category label, amount, number of disbursements) in Category order; reversals net out."""
    rows = (fund.entries.filter(kind=EntryKind.DISBURSEMENT, date__gte=start, date__lte=end)
            .order_by().values("category").annotate(s=Sum("amount"), n=Count("id", filter=Q(reverses__isnull=True))))
    by = {r["category"]: r for r in rows}
    return [(c.label, -(by[c.value]["s"] or 0), by[c.value]["n"]) for c in Category if c.value in by
            and by[c.value]["s"]]


def receipts_by_donor_type(fund: Fund, start, end) -> list[tuple[str, int, int]]:
    rows = (fund.entries.filter(kind=EntryKind.RECEIPT, date__gte=start, date__lte=end)
            .order_by().values("donor_type").annotate(s=Sum("amount"), n=Count("id", filter=Q(reverses__isnull=True))))
    by = {r["donor_type"]: r for r in rows}
    return [(t.label, by[t.value]["s"], by[t.value]["n"]) for t in DonorType if t.value in by and by[t.value]["s"]]


# Donor types whose names are published in a disclosure; individuals are shown as a count and a total.
PUBLIC_DONOR_TYPES = (DonorType.BUSINESS, DonorType.ORGANISATION, DonorType.MEMBER_ORGANISATION)


def public_donors(fund: Fund, start, end) -> list[tuple[str, str, int]]:
    """(donor name, donor type label, total) of organisations and businesses, largest first: each donor once
    (the same name recorded under two donor types is one donor, labelled by the type of its larger part)."""
    rows = (fund.entries.filter(kind=EntryKind.RECEIPT, date__gte=start, date__lte=end,
                                donor_type__in=PUBLIC_DONOR_TYPES)
            .values("donor_name", "donor_type").annotate(s=Sum("amount")).order_by())
    donors = {}  # folded name -> [shown name, {type: amount}]
    for r in rows:
        key = " ".join(r["donor_name"].split()).casefold()
        shown, by_type = donors.setdefault(key, [" ".join(r["donor_name"].split()), {}])
        by_type[r["donor_type"]] = by_type.get(r["donor_type"], 0) + r["s"]
    out = []
    for shown, by_type in donors.values():
        total = sum(by_type.values())
        if total:
            main = max(by_type, key=lambda t: (by_type[t], t))
            out.append((shown, DonorType(main).label, total))
    return sorted(out, key=lambda d: (-d[2], d[0]))
