"""Pages under /ky-so/: sign an issued document, download signed PDFs, check any signed PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import audit, scope
from documents.responses import content_disposition
from plans.access import get_plan
from plans.models import Plan

from . import signing
from .forms import SignedPdfForm
from .models import SignedDocument

MAX_PDF_BYTES = 20 * 1024 * 1024


def home(request):
    root = scope.root_unit(request.user)
    if root is None:
        return render(request, "core/no_scope.html", status=404)
    docs = scope.scope_queryset(request.user, SignedDocument.objects.select_related("unit", "signed_by"), "unit")
    signed_plan_ids = set(docs.filter(kind=SignedDocument.Kind.PLAN).values_list("object_id", flat=True))
    can_sign = request.user.can_write and scope.organisation_filter(request.user) is None
    plans, rounds, surveys, funds = [], [], [], []
    if can_sign:
        from reporting.models import ReportingRound
        from surveys.models import Survey

        plans = list(Plan.objects.filter(unit=root, status=Plan.Status.ISSUED).order_by("-issued_on")[:50])
        rounds = list(ReportingRound.objects.filter(issuer=root).select_related("period").order_by("-due_date")[:20])
        surveys = [s for s in Survey.objects.filter(unit=root).order_by("-pk")[:20] if s.results_visible]
        from funds.models import Fund

        funds = list(Fund.objects.filter(unit=root)[:20])
    return render(request, "api/signing.html", {
        "page": Paginator(docs, 30).get_page(request.GET.get("page")), "plans": plans,
        "signed_plan_ids": signed_plan_ids, "rounds": rounds, "surveys": surveys, "funds": funds,
        "year": str(timezone.localdate().year), "can_sign": can_sign, "form": SignedPdfForm(),
        "breadcrumbs": [{"label": "Ký số văn bản"}],
    })


@require_POST
def sign_plan(request, pk):
    plan = get_plan(request.user, pk)
    return _sign(request, lambda: signing.plan_signable(plan))


def _sign(request, make):
    try:
        record = signing.sign_document(request.user, make())
    except (ValidationError, signing.SigningFailed) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, f"Đã ký số {record.title}.")
    return redirect("signing:home")


@require_POST
def sign_report(request, pk):
    from reporting import services as reporting_services

    rnd = reporting_services.get_round(request.user, pk)
    return _sign(request, lambda: signing.round_signable(request.user, rnd))


@require_POST
def sign_survey(request, pk):
    from surveys import access as survey_access

    survey = survey_access.get_survey(request.user, pk)
    return _sign(request, lambda: signing.survey_signable(request.user, survey))


@require_POST
def sign_fund(request, pk):
    from funds.models import Fund

    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=pk)
    if not scope.in_scope(request.user, fund.unit):
        raise Http404("Không tìm thấy sổ quỹ trong phạm vi của bạn.")
    period = request.POST.get("ky", "").strip()
    return _sign(request, lambda: signing.fund_signable(request.user, fund, period))


def download(request, pk):
    doc = get_object_or_404(SignedDocument.objects.select_related("unit"), pk=pk)
    if not scope.in_scope(request.user, doc.unit):
        raise Http404("Không tìm thấy văn bản trong phạm vi của bạn.")
    audit.record(request.user, audit.Action.EXPORT, doc, verb="Tải văn bản đã ký số")
    response = FileResponse(doc.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(doc.file.name.rsplit("/", 1)[-1])
    return response


def check(request):
    """Upload any signed PDF: who signed, when, whether it was changed after signing."""
    form = SignedPdfForm(request.POST or None, request.FILES or None)
    report, error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_PDF_BYTES:
            error = "Tệp quá lớn (tối đa 20 MB)."
        else:
            try:
                report = signing.validate(upload.read())
            except ValidationError as exc:
                error = " ".join(exc.messages)
    return render(request, "api/signing_check.html", {
        "form": form, "report": report, "error": error,
        "breadcrumbs": [{"label": "Ký số văn bản", "url": reverse("signing:home")}, {"label": "Kiểm tra chữ ký"}],
    })
