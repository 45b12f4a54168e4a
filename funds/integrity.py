"""Consistency of every fund book, for `python manage.py check_integrity`:

- each book's cached balance equals the sum of its entries;
- no book's running balance (entries in date order) ever goes below zero;
- every transfer is written on both sides with opposite amounts and a matching fund kind;
- every reversal mirrors the entry it reverses (same book, same kind, opposite amount);
- receipts name a donor, disbursements a category and an approval.
"""

from django.db.models import Count, F, Q, Sum

from .models import Entry, EntryKind, Fund


def _examples(items, n=5):
    items = list(items)
    return ", ".join(str(i) for i in items[:n]) + (f" … ({len(items)} mục)" if len(items) > n else "")


def balance_mismatches():
    sums = dict(Entry.objects.order_by().values("fund_id").annotate(s=Sum("amount")).values_list("fund_id", "s"))
    return [f"{f.name} · {f.unit} (sổ ghi {f.balance}, cộng bút toán {sums.get(f.pk, 0)})"
            for f in Fund.objects.select_related("unit") if f.balance != sums.get(f.pk, 0)]


def negative_running_balances():
    bad, names = [], {}
    current_fund, running = None, 0
    rows = Entry.objects.order_by("fund_id", "date", "pk").values_list("fund_id", "date", "amount")
    for fund_id, day, amount in rows.iterator(chunk_size=5000):
        if fund_id != current_fund:
            current_fund, running = fund_id, 0
        running += amount
        if running < 0 and fund_id not in names:
            names[fund_id] = day
    if names:
        funds = Fund.objects.in_bulk(list(names))
        bad = [f"{funds[i].name} · {funds[i].unit_id} ngày {d:%d/%m/%Y}" for i, d in names.items()]
    return bad


def unmatched_transfers():
    problems = []
    ins = (Entry.objects.filter(kind=EntryKind.TRANSFER_IN)
           .exclude(counterpart__kind=EntryKind.TRANSFER_OUT, counterpart__amount=-F("amount"),
                    counterpart__fund__kind=F("fund__kind")))
    problems += [f"nhận #{e.pk} không khớp bút toán chuyển" for e in ins]
    outs = (Entry.objects.filter(kind=EntryKind.TRANSFER_OUT).annotate(n=Count("counterpart_of"))
            .exclude(n=1))
    problems += [f"chuyển #{e.pk} không có đúng một bút toán nhận" for e in outs]
    return problems


def bad_reversals():
    wrong = (Entry.objects.filter(reverses__isnull=False)
             .exclude(reverses__fund=F("fund"), reverses__kind=F("kind"), reverses__amount=-F("amount")))
    chained = Entry.objects.filter(reverses__reverses__isnull=False)
    return [f"#{e.pk}" for e in wrong] + [f"#{e.pk} đảo một bút toán đảo" for e in chained]


def incomplete_entries():
    receipts = Entry.objects.filter(kind=EntryKind.RECEIPT).filter(Q(donor_name="") | Q(donor_type=""))
    disbursements = Entry.objects.filter(kind=EntryKind.DISBURSEMENT).filter(Q(category="") | Q(approval_ref=""))
    signs = Entry.objects.filter(reverses__isnull=True).filter(
        Q(kind__in=[EntryKind.OPENING, EntryKind.RECEIPT, EntryKind.TRANSFER_IN], amount__lt=0)
        | Q(kind__in=[EntryKind.DISBURSEMENT, EntryKind.TRANSFER_OUT], amount__gt=0))
    return ([f"thu #{e.pk} thiếu người ủng hộ" for e in receipts]
            + [f"chi #{e.pk} thiếu khoản chi hoặc phê duyệt" for e in disbursements]
            + [f"#{e.pk} sai dấu số tiền" for e in signs])


def checks():
    for name, finder in (
        ("Số dư mỗi sổ quỹ bằng tổng các bút toán", balance_mismatches),
        ("Không sổ quỹ nào có số dư âm theo thứ tự ngày", negative_running_balances),
        ("Mỗi khoản chuyển quỹ ghi đủ hai bên, khớp số tiền", unmatched_transfers),
        ("Mỗi bút toán đảo khớp bút toán gốc", bad_reversals),
        ("Bút toán thu, chi ghi đủ thông tin", incomplete_entries),
    ):
        found = finder()
        yield name, (_examples(found) if found else None)
