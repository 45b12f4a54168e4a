"""Import in the UI: upload → extraction beside the text → corrections → a draft plan."""

import os
import tempfile
import unicodedata

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import scope
from core import uploads
from core.text import for_display

from . import access, forms, services
from .from_import import NotAPlan, proposal
from .importer import MAX_FILE_SIZE, PlanImportError, extract_text, parse_text

STAGE_KIND = "plan-import"
ALLOWED = (".docx", ".pdf", ".txt")


def _unit(request):
    root = scope.root_unit(request.user)
    unit = scope.get_unit(request.user, request.GET["don-vi"]) if request.GET.get("don-vi") else root
    access.require_plan_writer(request.user, unit)
    return unit


def read_upload(upload) -> tuple[str, dict]:
    """(text, extraction) of an uploaded file; PlanImportError / NotAPlan with a Vietnamese message."""
    name = upload.name or ""
    if upload.size > MAX_FILE_SIZE:
        raise PlanImportError(f"Tệp quá lớn ({upload.size / 1024 / 1024:.1f} MB). Chỉ nhận tệp tối đa 20 MB.")
    if not name.lower().endswith(ALLOWED):
        raise PlanImportError("Chỉ nhận tệp .docx, .pdf (có lớp chữ) hoặc .txt. Tệp Word cũ (.doc) hãy lưu lại "
                              "thành .docx.")
    suffix = os.path.splitext(name)[1].lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        uploads.check_plan_document(tmp.name)  # unzipped size, parts, pages: before any parsing
        text = uploads.check_plan_text(unicodedata.normalize("NFC", extract_text(tmp.name)))
    return text, parse_text(text)


def import_upload(request):
    unit = _unit(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text, result = read_upload(upload)
            data = proposal(result, text, unit)
        except (PlanImportError, NotAPlan, uploads.UploadError) as exc:
            form.add_error("file", str(exc))
        else:
            # The text can be megabytes: it stays on the server, keyed by a random token, for this user only.
            token = uploads.stage(request.user, STAGE_KIND, upload.name, text, {"unit": unit.pk, "data": data})
            return redirect(reverse("plans:import_review") + f"?ma={token}")
    return render(request, "plans/import_upload.html", {
        "form": form, "unit": unit,
        "breadcrumbs": [{"label": "Kế hoạch", "url": reverse("plans:list")}, {"label": "Nhập từ tệp"}],
    })


def _review_forms(request, data):
    post = request.POST if request.method == "POST" else None
    header = forms.PlanForm(post, initial=data["header"], prefix="plan")
    sections = forms.SectionFormSet(post, initial=data["sections"], prefix="sections")
    targets = forms.TargetFormSet(post, initial=data["targets"], prefix="targets")
    reports = forms.ReportRequirementFormSet(post, initial=data["reports"], prefix="reports")
    return header, sections, targets, reports


def import_review(request):
    staged = uploads.staged(request.user, STAGE_KIND, request.GET.get("ma", ""))
    if staged is None:
        messages.error(request, "Phiên nhập tệp đã hết hạn hoặc đã lưu. Hãy tải tệp lên lại.")
        return redirect("plans:list")
    unit = scope.get_unit(request.user, staged.data["unit"])
    access.require_plan_writer(request.user, unit)
    data = staged.data["data"]
    header, sections, targets, reports = _review_forms(request, data)
    if request.method == "POST" and all(f.is_valid() for f in (header, sections, targets, reports)):
        head = dict(header.cleaned_data)
        try:
            plan = services.create_imported_plan(
                request.user, unit, head, sections=forms.kept_rows(sections), references=data["references"],
                contents=data["contents"], tasks=data["tasks"], reports=forms.kept_rows(reports),
                targets=forms.kept_rows(targets), source_name=staged.name, source_text=staged.text,
                warnings=data["warnings"])
        except ValidationError as exc:
            header.add_error(None, exc)
        else:
            staged.delete()
            messages.success(request, "Đã lưu kế hoạch (dự thảo). Kiểm tra nhiệm vụ, nội dung rồi ban hành.")
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/import_review.html", {
        "unit": unit, "name": staged.name, "text": for_display(staged.text), "data": data, "header": header,
        "sections": sections, "targets": targets, "reports": reports,
        "breadcrumbs": [{"label": "Kế hoạch", "url": reverse("plans:list")},
                        {"label": "Nhập từ tệp", "url": reverse("plans:import") + f"?don-vi={unit.pk}"},
                        {"label": "Kiểm tra và sửa"}],
    })
