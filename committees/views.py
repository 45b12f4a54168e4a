from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts import scope
from core import params
from core.concurrency import AlreadySubmitted, already_submitted, create_once
from core.forms import apply_validation_error
from core.uploads import UploadError, read_bytes
from documents.responses import docx_response
from documents.tables import csv_response, xlsx_response
from units.breadcrumbs import unit_breadcrumbs

from . import documents, lists, services
from .forms import EstablishForm, KindForm, MemberForm, RenewForm, TermForm
from .models import Committee, CommitteeKind, Member, Term


def get_committee(user, pk) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("unit", "kind"), pk=params.to_pk(pk))
    if not scope.in_scope(user, committee.unit):
        raise Http404("Không tìm thấy ban trong phạm vi của bạn.")
    return committee


def _term(user, pk) -> Term:
    term = get_object_or_404(Term.objects.select_related("committee__unit", "committee__kind"), pk=params.to_pk(pk))
    if not scope.in_scope(user, term.committee.unit):
        raise Http404("Không tìm thấy quyết định trong phạm vi của bạn.")
    return term


def _crumbs(user, unit, *items):
    return unit_breadcrumbs(user, unit) + [{"label": "Các ban vận động",
                                             "url": reverse("committees:index", args=[unit.pk])}] + list(items)


def _form_page(request, form, title, cancel, crumbs, **extra):
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "committees/form.html", {"form": form, "title": title, "cancel": cancel,
                                                    "breadcrumbs": crumbs, **extra}, status=status)


def _members(request, form, data) -> list[dict]:
    """The members typed in the box and those of the uploaded file, in that order; a bad file names its rows and
    columns on the file field (nothing is written: the service is not called)."""
    upload = data.pop("members_file", None)
    people = services.parse_members(data.pop("members", ""))
    if upload:
        try:
            people += lists.parse_members_file(upload.name, read_bytes(upload))
        except UploadError as exc:
            raise ValidationError({"members_file": exc.errors})
    return people


def index(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    committees = list(Committee.objects.filter(unit=unit).select_related("kind"))
    for c in committees:
        c.current = c.current_term
        c.count = c.current.members.filter(ended_on__isnull=True).count() if c.current else 0
    below = (scope.scope_queryset(request.user, Committee.objects.filter(unit__parent=unit))
             .select_related("unit", "kind").order_by("unit__sort_key", "kind__order"))
    return render(request, "committees/index.html", {
        "unit": unit, "committees": committees, "below": below,
        "can_write": services.can_keep(request.user, unit),
        "breadcrumbs": unit_breadcrumbs(request.user, unit) + [{"label": "Các ban vận động"}],
    })


def establish(request, unit_pk):
    unit = scope.get_unit(request.user, unit_pk)
    services.require_keep(request.user, unit)
    form = EstablishForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        once = data.pop("once", "")
        kind = data.pop("kind")
        try:
            data["members"] = _members(request, form, data)
            committee = create_once(request.user, once,
                                    lambda: services.establish(request.user, unit, kind, **data))
        except AlreadySubmitted as exc:
            return already_submitted(request, exc, "committees:detail")
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã thành lập {committee.name}.")
            return redirect("committees:detail", pk=committee.pk)
    return _form_page(request, form, f"Thành lập ban — {unit.name}", reverse("committees:index", args=[unit.pk]),
                      _crumbs(request.user, unit, {"label": "Thành lập ban"}))


def detail(request, pk):
    committee = get_committee(request.user, pk)
    terms = list(committee.terms.prefetch_related("members"))
    return render(request, "committees/detail.html", {
        "committee": committee, "unit": committee.unit, "terms": terms,
        "current": next((t for t in terms if t.ended_on is None), None),
        "can_write": services.can_keep(request.user, committee.unit),
        "breadcrumbs": _crumbs(request.user, committee.unit, {"label": committee.name}),
    })


def renew(request, pk):
    committee = get_committee(request.user, pk)
    services.require_keep(request.user, committee.unit)
    current = committee.current_term
    members = list(current.members.filter(ended_on__isnull=True)) if current else []
    form = RenewForm(request.POST or None, request.FILES or None, instance=committee, current_members=members,
                     initial={"keep": [str(m.pk) for m in members]})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            data["members"] = _members(request, form, data)
            term = services.renew(request.user, committee, version, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã kiện toàn {committee.name} (lần {term.number}).")
            return redirect("committees:detail", pk=committee.pk)
    return _form_page(request, form, f"Kiện toàn {committee.name}", reverse("committees:detail", args=[committee.pk]),
                      _crumbs(request.user, committee.unit, {"label": committee.name, "url": reverse(
                          "committees:detail", args=[committee.pk])}, {"label": "Kiện toàn"}),
                      note="Lần hiện tại kết thúc vào ngày trước ngày hiệu lực mới; thành viên cũ được ghi ngày "
                           "thôi, lịch sử của ban được giữ nguyên.")


def term_edit(request, pk):
    term = _term(request.user, pk)
    committee = term.committee
    services.require_keep(request.user, committee.unit)
    form = TermForm(request.POST or None, instance=term, initial={
        "decision_number": term.decision_number, "decided_on": term.decided_on, "note": term.note})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.update_term(request.user, term, version, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Đã lưu quyết định.")
            return redirect("committees:detail", pk=committee.pk)
    return _form_page(request, form, f"Quyết định lần {term.number} — {committee.name}",
                      reverse("committees:detail", args=[committee.pk]),
                      _crumbs(request.user, committee.unit, {"label": committee.name, "url": reverse(
                          "committees:detail", args=[committee.pk])}, {"label": "Sửa quyết định"}))


def members_export(request, pk, fmt):
    """The current composition's members (XLSX or CSV), in the columns the establish and renew forms read back."""
    from accounts import audit

    committee = get_committee(request.user, pk)
    term = committee.current_term
    if term is None or fmt not in ("xlsx", "csv"):
        raise Http404("Ban chưa có thành viên.")
    table = lists.members_table(term)
    audit.record(request.user, audit.Action.EXPORT, committee, verb=f"xuất danh sách thành viên {fmt.upper()}",
                 note=f"{len(table.rows)} người")
    name = f"Thành viên {committee.name} {committee.unit.name}"
    return xlsx_response(table, name) if fmt == "xlsx" else csv_response(table, name)


def members_template(request, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404("Không có mẫu này.")
    table = lists.template_table()
    return xlsx_response(table, "Mẫu danh sách thành viên ban") if fmt == "xlsx" else csv_response(
        table, "Mẫu danh sách thành viên ban")


def term_decision(request, pk):
    term = _term(request.user, pk)
    verb = "Kiện toàn" if term.is_renewal else "Thành lập"
    name = f"Quyết định {verb.lower()} {term.committee.name} {term.committee.unit.name} lần {term.number}"
    return docx_response(documents.decision(term), name)


def member_add(request, pk):
    term = _term(request.user, pk)
    committee = term.committee
    services.require_keep(request.user, committee.unit)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        once = data.pop("once", "")
        try:
            member = create_once(request.user, once, lambda: services.add_member(request.user, term, **data))
        except AlreadySubmitted as exc:
            messages.info(request, str(exc))
            return redirect("committees:detail", pk=committee.pk)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã thêm {member.full_name}.")
            return redirect("committees:detail", pk=committee.pk)
    return _form_page(request, form, f"Thêm thành viên — {committee.name}",
                      reverse("committees:detail", args=[committee.pk]),
                      _crumbs(request.user, committee.unit, {"label": committee.name, "url": reverse(
                          "committees:detail", args=[committee.pk])}, {"label": "Thêm thành viên"}))


def member_edit(request, pk):
    member = get_object_or_404(Member.objects.select_related("term__committee__unit"), pk=params.to_pk(pk))
    committee = member.term.committee
    if not scope.in_scope(request.user, committee.unit):
        raise Http404("Không tìm thấy thành viên trong phạm vi của bạn.")
    services.require_keep(request.user, committee.unit)
    form = MemberForm(request.POST or None, instance=member, initial={
        "full_name": member.full_name, "position": member.position, "office": member.office,
        "ended_on": member.ended_on})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.update_member(request.user, member, version, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã lưu {member.full_name}.")
            return redirect("committees:detail", pk=committee.pk)
    return _form_page(request, form, f"Thành viên {member.full_name}",
                      reverse("committees:detail", args=[committee.pk]),
                      _crumbs(request.user, committee.unit, {"label": committee.name, "url": reverse(
                          "committees:detail", args=[committee.pk])}, {"label": member.full_name}))


# --- Kinds (administrators) -----------------------------------------------------------------------------------

def kinds(request):
    return render(request, "committees/kinds.html", {
        "kinds": CommitteeKind.objects.all(), "can_write": request.user.is_superuser or request.user.role == "admin",
        "breadcrumbs": [{"label": "Các loại ban"}]})


def kind_form(request, pk=None):
    services.require_admin(request.user)
    kind = get_object_or_404(CommitteeKind, pk=params.to_pk(pk)) if pk else CommitteeKind()
    form = KindForm(request.POST or None, instance=kind)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in KindForm._meta.fields}
        try:
            services.save_kind(request.user, kind, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Đã lưu “{kind.name}”.")
            return redirect("committees:kinds")
    title = "Sửa loại ban" if pk else "Thêm loại ban"
    return _form_page(request, form, title, reverse("committees:kinds"),
                      [{"label": "Các loại ban", "url": reverse("committees:kinds")}, {"label": title}])
