"""Pages: API tokens for administrators (/tai-khoan/ma-truy-cap/) and exchange files for officers
(/api/trao-doi/<unit>/<period>/). Thin: rules live in api.tokens, api.values, api.exchange."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import audit, scope
from accounts.models import User
from core.forms import apply_validation_error
from documents.responses import file_response
from indicators.views import default_period

from . import exchange, tokens, values
from .forms import TokenForm, UploadForm
from .models import ApiCall, Permission


# --- tokens ---------------------------------------------------------------------------------------------


def _require_admin(user):
    if not scope.can_manage_users(user):
        raise PermissionDenied("Chỉ quản trị viên quản lý mã truy cập API.")


def token_list(request):
    _require_admin(request.user)
    qs = tokens.visible_tokens(request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "api/tokens.html", {"page": page, "breadcrumbs": [{"label": "Mã truy cập API"}]})


def token_add(request):
    _require_admin(request.user)
    units = scope.units_in_scope(request.user)
    form = TokenForm(request.POST or None, users=User.objects.filter(unit__in=units), units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            token, secret = tokens.issue(request.user, user=d["user"], unit=d["unit"], permissions=d["permissions"],
                                         name=d["name"], expires_on=d["expires_on"], holder_kind=d["holder_kind"],
                                         holder_name=d["holder_name"], rate_limit=d["rate_limit"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            # shown once: the page that issues it is the only place the secret ever appears
            return render(request, "api/token_issued.html", {"token": token, "secret": secret,
                                                             "breadcrumbs": _token_crumbs("Mã mới")})
    return render(request, "api/token_form.html", {"form": form, "breadcrumbs": _token_crumbs("Cấp mã mới")})


def _token_crumbs(label):
    return [{"label": "Mã truy cập API", "url": reverse("api_tokens:list")}, {"label": label}]


def _get_token(user, pk):
    _require_admin(user)
    return get_object_or_404(tokens.visible_tokens(user), pk=pk)


def token_detail(request, pk):
    token = _get_token(request.user, pk)
    calls = Paginator(ApiCall.objects.filter(token=token), 50).get_page(request.GET.get("page"))
    return render(request, "api/token_detail.html", {"token": token, "page": calls,
                                                     "breadcrumbs": _token_crumbs(token.name)})


@require_POST
def token_revoke(request, pk):
    token = _get_token(request.user, pk)
    tokens.revoke(request.user, token)
    messages.success(request, f"Đã thu hồi mã truy cập “{token.name}”.")
    return redirect("api_tokens:detail", pk=token.pk)


# --- exchange files -------------------------------------------------------------------------------------


def exchange_home(request):
    root = scope.root_unit(request.user)
    period = default_period()
    if root is None or period is None:
        return render(request, "core/no_scope.html", status=404)
    return redirect("api:exchange", pk=root.pk, period=period.code)


def _context(request, pk, period_code):
    unit = scope.get_unit(request.user, pk)
    try:
        period = values.get_period(period_code)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from None
    return unit, period


def exchange_page(request, pk, period):
    unit, period = _context(request, pk, period)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors, outcome = [], None
    can_upload = request.user.can_write
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied("Tài khoản của bạn chỉ có quyền xem.")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                file_period, rows, labels = exchange.parse(upload.name, upload.read())
                outcome = values.write(request.user, file_period or period.code, rows,
                                       row_label=lambda i: labels[i] if 0 <= i < len(labels) else "Tệp")
            except exchange.FileRejected as exc:
                errors = exc.messages
            except values.Rejected as exc:
                errors = [e.message for e in exc.errors]
            else:
                audit.record(request.user, audit.Action.IMPORT, unit, verb="Nhập tệp trao đổi số liệu",
                             note=f"{upload.name}: {outcome.received} dòng, {outcome.changed} giá trị thay đổi")
                messages.success(request, f"Đã nhập {outcome.received} dòng: {outcome.changed} giá trị thay đổi, "
                                          f"các giá trị khác giữ nguyên.")
                return redirect(request.path)
    count, _ = values.read(request.user, unit, period, limit=0)
    from campaign.models import Period

    return render(request, "api/exchange.html", {
        "unit": unit, "period": period, "periods": Period.objects.all(), "count": count, "form": form,
        "errors": errors[:200], "errors_more": max(0, len(errors) - 200), "can_upload": can_upload,
        "formats": exchange.FORMATS,
        "breadcrumbs": [{"label": unit.name, "url": reverse("units:detail", args=[unit.pk])},
                        {"label": "Trao đổi số liệu"}],
    })


def exchange_download(request, pk, period, fmt):
    if fmt not in exchange.FORMATS:
        raise Http404("Định dạng không hỗ trợ.")
    unit, period = _context(request, pk, period)
    _, rows = values.read(request.user, unit, period)
    audit.record(request.user, audit.Action.EXPORT, unit, verb="Tải tệp trao đổi số liệu",
                 note=f"{period.code}, {fmt.upper()}, {len(rows)} dòng")
    return file_response(exchange.render(rows, fmt, period.code), f"So lieu {unit.name} {period.code}",
                         exchange.CONTENT_TYPES[fmt], f".{fmt}")
