import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts import scope
from core import params
from core.concurrency import AlreadySubmitted, already_submitted, create_once
from documents.responses import docx_response
from documents.tables import xlsx_response
from units.breadcrumbs import unit_breadcrumbs
from units.models import Level, Unit
from welfare.models import SupportRecord

from . import disclosure, services
from .forms import DisbursementForm, OpenFundForm, ReceiptForm, ReverseForm, TransferForm
from .models import Entry, EntryKind, Fund, peak_month


def get_fund(user, pk) -> Fund:
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=pk)
    if not scope.in_scope(user, fund.unit):
        raise Http404("Không tìm thấy sổ quỹ trong phạm vi của bạn.")
    return fund


def _fund_for_write(request, pk) -> Fund:
    fund = get_fund(request.user, pk)
    services.require_book_write(request.user, fund.unit)
    return fund


def _year(request):
    return params.query_year(request, default=services.today().year)


def _crumbs(user, unit, *labels):
    return unit_breadcrumbs(user, unit) + [{"label": "Sổ quỹ", "url": reverse("funds:list", args=[unit.pk])}] + [
        {"label": label} for label in labels]


def _form_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def fund_list(request, unit_pk):
    """The unit's books with the year's figures, and the books of the units under it."""
    unit = scope.get_unit(request.user, unit_pk)
    year = _year(request)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    books = [(f, services.summary(f, start, end)) for f in unit.funds.all()]
    below = (Fund.objects.filter(unit__path__startswith=unit.path).exclude(unit=unit).select_related("unit")
             .order_by("unit__depth", "unit__sort_key", "kind"))
    peak_start, peak_end = peak_month(year)
    peak = (Entry.objects.filter(fund__unit__path__startswith=unit.path, fund__kind="poor", kind="receipt",
                                 date__gte=peak_start, date__lte=peak_end).aggregate(s=Sum("amount"))["s"])
    return render(request, "funds/fund_list.html", {
        "unit": unit, "year": year, "books": books, "below": below[:200], "below_count": below.count(),
        "peak": peak, "peak_start": peak_start, "peak_end": peak_end,
        "can_write": services.can_keep_books(request.user, unit),
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Sổ quỹ"}],
    })


def fund_open(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    services.require_book_write(request.user, unit)
    form = OpenFundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:  # a double submit opens one book (one-time key `once`)
            fund = create_once(request.user, data.get("once"), lambda: services.open_fund(
                request.user, unit, data["kind"], data["name"], data["relief_campaign"], data["opened_on"],
                opening_balance=data.get("opening_balance") or 0))
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "funds:detail")
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Đã mở sổ {fund.name}.")
            return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/form.html", {
        "form": form, "title": f"Mở sổ quỹ — {unit.name}", "cancel": reverse("funds:list", args=[unit.pk]),
        "breadcrumbs": _crumbs(request.user, unit, "Mở sổ quỹ"),
    })


def fund_detail(request, pk):
    fund = get_fund(request.user, pk)
    year = _year(request)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    summary = services.summary(fund, start, end)
    entries = list(fund.entries.filter(date__gte=start, date__lte=end)
                   .select_related("household", "counterpart__fund__unit", "reverses")
                   .prefetch_related("counterpart_of__fund__unit", "reversed_by"))
    # the opening entry of a book opened this year is inside the list and already in summary.opening
    running = summary.opening - sum(e.amount for e in entries if e.kind == EntryKind.OPENING)
    rows = []
    for entry in entries:
        running += entry.amount
        rows.append((entry, running))
    years = range(services.today().year, fund.opened_on.year - 1, -1)
    return render(request, "funds/fund_detail.html", {
        "fund": fund, "year": year, "years": years, "summary": summary, "rows": rows,
        "can_write": services.can_keep_books(request.user, fund.unit),
        "public_url": reverse("public:statement", args=[fund.pk, str(year)]),
        "breadcrumbs": _crumbs(request.user, fund.unit, fund.name),
    })


def receipt_add(request, pk):
    fund = _fund_for_write(request, pk)
    form = ReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        once = data.pop("once", "")
        try:
            entry = create_once(request.user, once, lambda: services.record_receipt(request.user, fund, **data))
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect("funds:detail", pk=fund.pk)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi thu {entry.amount:,} đ.".replace(",", "."))
            return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/form.html", {
        "form": form, "title": f"Ghi thu — {fund.name}", "fund": fund,
        "cancel": reverse("funds:detail", args=[fund.pk]), "breadcrumbs": _crumbs(request.user, fund.unit, "Ghi thu"),
    })


def disbursement_add(request, pk):
    fund = _fund_for_write(request, pk)
    support = (SupportRecord.objects.filter(unit__path__startswith=fund.unit.path, disbursements__isnull=True)
               .select_related("household", "unit").order_by("-date", "-pk")[:300])
    initial = {}
    if request.GET.get("ho-tro"):
        initial["support_record"] = request.GET["ho-tro"]
    form = DisbursementForm(request.POST or None, initial=initial,
                            support_records=SupportRecord.objects.filter(pk__in=[s.pk for s in support])
                            .select_related("household", "unit"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        once = data.pop("once", "")
        try:
            entry = create_once(request.user, once, lambda: services.record_disbursement(request.user, fund, **data))
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect("funds:detail", pk=fund.pk)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi chi {-entry.amount:,} đ.".replace(",", "."))
            return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/form.html", {
        "form": form, "title": f"Ghi chi — {fund.name}", "fund": fund,
        "note": f"Số dư hiện tại: {fund.balance:,} đ. Khoản chi không được vượt số dư.".replace(",", "."),
        "cancel": reverse("funds:detail", args=[fund.pk]), "breadcrumbs": _crumbs(request.user, fund.unit, "Ghi chi"),
    })


def transfer_add(request, pk):
    fund = _fund_for_write(request, pk)
    form = TransferForm(request.POST or None, targets=services.transfer_targets(request.user, fund))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:  # a double submit moves the money once: the key is claimed with the sending entry
            create_once(request.user, data.get("once"), lambda: services.transfer(
                request.user, fund, data["target"], date=data["date"], amount=data["amount"],
                description=data["description"])[0])
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect("funds:detail", pk=fund.pk)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Đã chuyển quỹ cho {data['target'].unit.name}; hai sổ đều đã ghi.")
            return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/form.html", {
        "form": form, "title": f"Chuyển quỹ — {fund.name}", "fund": fund,
        "note": "Khoản chuyển được ghi cùng lúc vào sổ chuyển và sổ nhận.",
        "cancel": reverse("funds:detail", args=[fund.pk]),
        "breadcrumbs": _crumbs(request.user, fund.unit, "Chuyển quỹ"),
    })


def entry_reverse(request, pk):
    entry = get_object_or_404(Entry.objects.select_related("fund__unit"), pk=pk)
    if not scope.in_scope(request.user, entry.fund.unit):
        raise Http404("Không tìm thấy bút toán trong phạm vi của bạn.")
    services.require_book_write(request.user, entry.fund.unit)
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reverse(request.user, entry, form.cleaned_data["reason"], form.cleaned_data["date"])
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied:
            form.add_error(None, "Khoản chuyển này do cấp trên ghi; đề nghị cấp trên đảo bút toán.")
        else:
            messages.success(request, "Đã ghi bút toán đảo.")
            return redirect("funds:detail", pk=entry.fund_id)
    return render(request, "funds/form.html", {
        "form": form, "title": f"Đảo bút toán: {entry.label} {abs(entry.amount):,} đ ngày {entry.date:%d/%m/%Y}"
        .replace(",", "."), "fund": entry.fund,
        "note": "Bút toán không sửa hay xóa được; bút toán đảo ghi số tiền ngược dấu và giữ nguyên bút toán gốc.",
        "cancel": reverse("funds:detail", args=[entry.fund_id]),
        "breadcrumbs": _crumbs(request.user, entry.fund.unit, "Đảo bút toán"),
    })


# --- Public disclosure (no login) -----------------------------------------------------------------


def _public_unit(pk) -> Unit:
    return get_object_or_404(Unit, pk=pk, level__in=services.BOOK_LEVELS)


@login_not_required
def public_index(request):
    """Units whose funds are disclosed: the provinces, then a province's communes."""
    provinces = Unit.objects.filter(level=Level.PROVINCE, funds__isnull=False).distinct().ordered()
    return render(request, "funds/public_index.html", {"units": provinces, "public": True})


@login_not_required
def public_unit(request, unit_pk):
    unit = _public_unit(unit_pk)
    year = _year(request)
    funds = list(unit.funds.all())
    below = (Unit.objects.filter(parent=unit, funds__isnull=False).distinct().ordered())
    return render(request, "funds/public_unit.html", {
        "unit": unit, "funds": funds, "below": below, "year": year, "public": True,
        "years": range(services.today().year, services.today().year - 5, -1),
    })


def _public_statement(pk, period):
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=pk)
    try:
        return disclosure.statement(fund, period)
    except ValueError as exc:
        raise Http404(str(exc))


@login_not_required
def public_statement(request, pk, period):
    st = _public_statement(pk, period)
    year = int(period[:4])
    return render(request, "funds/public_statement.html", {
        "st": st, "table": disclosure.table(st), "public": True, "year": year,
        "periods": [(str(year), f"Năm {year}"), (f"{year}-h1", "6 tháng đầu năm"), (f"{year}-h2", "6 tháng cuối năm")]
        + [(f"{year}-q{q}", f"Quý {r}") for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))],
    })


@login_not_required
def public_statement_file(request, pk, period, fmt):
    st = _public_statement(pk, period)
    name = f"Công khai {st.fund.name} {st.fund.unit.name} {period}"
    if fmt == "docx":
        return docx_response(disclosure.document(st), name)
    if fmt == "xlsx":
        return xlsx_response(disclosure.table(st), name)
    raise Http404("Định dạng không hỗ trợ.")
