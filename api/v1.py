"""The REST API, version 1 (django-ninja; OpenAPI 3 at /api/v1/openapi.json, docs at /api/v1/docs).

Every call acts as a user narrowed to a token's unit subtree (api.tokens.acting_user), or as the logged-in
user of a browser session, and is scoped through accounts.scope exactly like the web pages; a unit outside
the scope answers 404, a permission the token lacks 403. Errors are RFC 9457 problem documents.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from ninja import Field, NinjaAPI, Query, Schema, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from accounts import scope
from activities.services import visible as visible_activities
from campaign.models import Period
from indicators import targets as target_rules
from indicators.models import Measure
from indicators.queries import readings
from indicators.views import progress_context
from initiatives.services import visible as visible_initiatives
from plans.access import get_plan, visible_plans
from reporting.models import Submission
from units.models import Unit

from . import problems, tokens, values
from .models import Permission

READ_PERMISSIONS = {Permission.READ_VALUES, Permission.READ_PLANS, Permission.READ_REGISTERS,
                    Permission.READ_REPORTING}


@dataclass
class Principal:
    """Who is calling: a user (narrowed to the token's unit for a token) and what they may do."""

    user: object
    token: object = None
    permissions: set = field(default_factory=set)


class Refused(Exception):
    def __init__(self, status, detail):
        super().__init__(detail)
        self.status, self.detail = status, detail


class TokenAuth(HttpBearer):
    openapi_description = "Mã truy cập do quản trị viên cấp: Authorization: Bearer dk_…"

    def authenticate(self, request, token):
        try:
            tok = tokens.authenticate(token)
        except tokens.TokenRefused as exc:
            raise Refused(exc.status, exc.message) from None
        request.api_token = tok
        if tokens.over_rate_limit(f"t{tok.prefix}", tok.rate_limit):
            raise Refused(429, f"Mã truy cập này chỉ được gọi {tok.rate_limit} lần mỗi phút; hãy thử lại sau.")
        return Principal(tokens.acting_user(tok), tok, set(tok.permissions))


class SessionAuth(APIKeyCookie):
    """A logged-in browser (the interactive docs): reads only, writes need a token."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = "Phiên đăng nhập trên trình duyệt (chỉ đọc)"

    def __init__(self):
        super().__init__(csrf=False)

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated:
            return None
        if tokens.over_rate_limit(f"u{user.pk}", settings.API_RATE_LIMIT_PER_MINUTE):
            raise Refused(429, "Gọi quá nhiều lần trong một phút; hãy thử lại sau.")
        return Principal(user, None, {str(p) for p in READ_PERMISSIONS})


api = NinjaAPI(
    title="doanket API",
    version="1",
    description=("API của doanket — Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”. "
                 "Xác thực bằng mã truy cập (Authorization: Bearer dk_…) do quản trị viên cấp; mọi lượt gọi "
                 "chỉ thấy dữ liệu trong phạm vi đơn vị của mã và được ghi nhật ký. Lỗi trả về theo RFC 9457 "
                 "(application/problem+json) với thông báo tiếng Việt cho từng trường."),
    urls_namespace="api-v1",
    auth=[TokenAuth(), SessionAuth()],
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
)


# --- errors ---------------------------------------------------------------------------------------------


def _problem(request, status, detail, errors=None):
    request._api_detail = detail[:300]
    return problems.response(status, detail, errors)


@api.exception_handler(Refused)
def _refused(request, exc):
    return _problem(request, exc.status, exc.detail)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _problem(request, 401, "Cần mã truy cập: gửi tiêu đề Authorization: Bearer dk_…")


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    return _problem(request, 422, "Dữ liệu gửi lên không đúng định dạng.", problems.from_pydantic(exc.errors))


@api.exception_handler(values.Rejected)
def _rejected(request, exc):
    errors = [{"field": (f"values[{e.index}]" + (f".{e.field}" if e.field else "")) if e.index >= 0
               else (e.field or "values"), "message": e.message} for e in exc.errors]
    if any(e.outside_scope for e in exc.errors):
        return _problem(request, 403, "Không ghi giá trị nào: bộ số liệu có đơn vị nằm ngoài phạm vi của mã truy cập.",
                        errors)
    return _problem(request, 422, "Không ghi giá trị nào: bộ số liệu có lỗi.", errors)


@api.exception_handler(ValidationError)
def _django_invalid(request, exc):
    return _problem(request, 422, " ".join(exc.messages))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _problem(request, 403, str(exc) or "Không có quyền.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _problem(request, 404, str(exc) or "Không tìm thấy.")


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return _problem(request, 413, f"Nội dung gửi lên quá lớn (tối đa {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1048576} MB); "
                                  "hãy chia bộ số liệu thành nhiều lần gửi.")


@api.exception_handler(HttpError)
def _http_error(request, exc):
    detail = {400: "Nội dung gửi lên không đọc được (JSON không hợp lệ?).", 405: "Phương thức không được hỗ trợ.",
              429: "Gọi quá nhiều lần; hãy thử lại sau."}.get(exc.status_code, str(exc))
    return _problem(request, exc.status_code, detail)


def require(request, permission) -> object:
    """The acting user if the caller holds `permission`; 403 (logged) otherwise."""
    principal = request.auth
    if str(permission) not in principal.permissions:
        raise PermissionDenied(f"Mã truy cập không có quyền “{Permission(permission).label}”.")
    return principal.user


def _unit(user, unit_id) -> Unit:
    """The unit if in scope; 404 if there is none, 403 (logged) if it lies outside the caller's scope (unit
    lists and codes are public: saying that it exists reveals nothing)."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404(f"Không có đơn vị id {unit_id}.")
    if not scope.in_scope(user, unit):
        raise PermissionDenied(f"{unit.name} nằm ngoài phạm vi của mã truy cập.")
    return unit


def _plan(user, plan_id):
    from plans.models import Plan

    if not Plan.objects.filter(pk=plan_id).exists():
        raise Http404(f"Không có kế hoạch id {plan_id}.")
    try:
        return get_plan(user, plan_id)
    except Http404:
        raise PermissionDenied("Kế hoạch nằm ngoài phạm vi của mã truy cập.") from None


def _period(code) -> Period:
    try:
        return values.get_period(code)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from None


def _root(user) -> Unit:
    root = scope.root_unit(user)
    if root is None:
        raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
    return root


# --- schemas --------------------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    ref: str = Field(description="Mã tham chiếu: mã chính thức của tỉnh/xã, hoặc “mã cấp trên/mã” (01933/01)")
    code: str
    name: str
    level: str
    kind: str
    parent_id: int | None
    households: int | None = None


class Page(Schema):
    count: int
    offset: int
    limit: int


class UnitPage(Page):
    items: list[UnitOut]


class MeasureOut(Schema):
    code: str
    name: str
    unit_label: str
    value_type: str
    level: str
    aggregation: str
    source: str = Field(description="form: nhập tay (ghi được qua API); register: tính từ sổ theo dõi")
    register_code: str
    content: int | None
    by_organisation: bool
    numerator: str | None = None
    denominator: str | None = None
    scale: int
    writable: bool


class ValueOut(Schema):
    period: str
    unit: str
    unit_id: int
    unit_name: str
    measure: str
    measure_name: str
    org_kind: str | None
    value: str | None
    source: str
    updated_at: datetime.datetime


class ValuePage(Page):
    items: list[ValueOut]


class ValueIn(Schema):
    measure: str = Field(min_length=1, max_length=60)
    unit: str | None = Field(None, max_length=200, description="mã tham chiếu đơn vị (01933/01)")
    unit_id: int | None = Field(None, description="hoặc id của đơn vị")
    org_kind: str | None = Field(None, max_length=40, description="mã loại tổ chức thành viên; null: cả đơn vị")
    value: str | int | float | bool | None = Field(description="số (1234567, 12.5), có/không, 1/0; null hoặc \"\" để xóa")
    period: str | None = Field(None, max_length=30)


class ValueSetIn(Schema):
    period: str = Field(min_length=4, max_length=30, examples=["2026"])
    values: list[ValueIn] = Field(min_length=1, max_length=values.MAX_ROWS)


class WriteOut(Schema):
    received: int
    changed: int


class ReadingOut(Schema):
    unit_id: int
    unit: str
    unit_name: str
    measure: str
    value: str | None
    reporting: int
    numerator: str | None = None
    denominator: str | None = None


class TargetOut(Schema):
    id: int
    text: str
    measure: str | None
    scope: str
    level: str
    comparator: str
    threshold: str | None
    period: str | None
    org_kind: str | None
    rule: str


class PlanOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    number: str
    title: str
    doc_type: str
    status: str
    issued_on: datetime.date | None
    period: str | None
    signer_name: str
    signer_title: str


class PlanDetail(PlanOut):
    targets: list[TargetOut]


class PlanPage(Page):
    items: list[PlanOut]


class ProgressOut(Schema):
    target_id: int
    text: str
    description: str
    status: str = Field(description="dat, chua_dat hoặc chua_co_so_lieu")
    status_label: str
    value: str | None
    threshold: str | None
    progress: str | None = Field(description="0–1 trở lên, tính từ số liệu, không nhập tay")
    units_total: int | None
    units_meeting: int | None
    evaluated_over: str = Field(description="đơn vị mà chỉ tiêu được tính trên cây của nó (trong phạm vi)")
    behind: list[ReadingOut]


class InitiativeOut(Schema):
    id: int
    kind: str
    title: str
    unit_id: int
    unit_name: str
    organisation: str | None
    content: int | None
    is_pilot: bool
    is_self_managed: bool
    status: str
    started_on: datetime.date | None


class InitiativePage(Page):
    items: list[InitiativeOut]


class ActivityOut(Schema):
    id: int
    kind: str
    title: str
    unit_id: int
    unit_name: str
    organisation: str | None
    held_on: datetime.date
    participants: int | None


class ActivityPage(Page):
    items: list[ActivityOut]


class SubmissionOut(Schema):
    id: int
    round_id: int
    round_name: str
    period: str
    due_date: datetime.date
    unit_id: int
    unit_name: str
    organisation: str | None
    state: str
    state_label: str
    first_submitted_at: datetime.datetime | None
    accepted_at: datetime.datetime | None


class SubmissionPage(Page):
    items: list[SubmissionOut]


class Paging(Schema):
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=1000)


# --- units and measures ---------------------------------------------------------------------------------


def _unit_out(u: Unit, parents=None) -> dict:
    return {"id": u.pk, "ref": values.unit_ref(u, parents), "code": u.code, "name": u.name, "level": u.level,
            "kind": u.kind, "parent_id": u.parent_id, "households": u.households}


@api.get("/units", response=UnitPage, tags=["Đơn vị"], summary="Các đơn vị trong phạm vi")
def list_units(request, paging: Query[Paging], parent: int | None = None, level: str | None = None,
               ref: str | None = None):
    """Đơn vị trong phạm vi (theo thứ tự cây). `parent`: chỉ các đơn vị trực thuộc; `level`: province, commune,
    area …; `ref`: tìm theo mã tham chiếu."""
    user = require(request, Permission.READ_VALUES)
    qs = scope.units_in_scope(user).filter(is_active=True).order_by("path")
    if parent is not None:
        qs = qs.filter(parent=_unit(user, parent))
    if level:
        qs = qs.filter(level=level)
    if ref:
        found = values.resolve_unit(ref)
        qs = qs.filter(pk=found.pk if found else 0)
    count = qs.count()
    items = list(qs[paging.offset:paging.offset + paging.limit])
    parents = Unit.objects.in_bulk({u.parent_id for u in items if u.parent_id})
    return {"count": count, "offset": paging.offset, "limit": paging.limit,
            "items": [_unit_out(u, parents) for u in items]}


@api.get("/units/{unit_id}", response=UnitOut, tags=["Đơn vị"], summary="Một đơn vị")
def get_unit(request, unit_id: int):
    user = require(request, Permission.READ_VALUES)
    return _unit_out(_unit(user, unit_id))


def _measure_out(m: Measure) -> dict:
    return {"code": m.code, "name": m.name, "unit_label": m.unit_label, "value_type": m.value_type,
            "level": m.level, "aggregation": m.aggregation, "source": m.source, "register_code": m.register,
            "content": m.content.number if m.content_id else None, "by_organisation": m.by_organisation,
            "numerator": m.numerator.code if m.numerator_id else None,
            "denominator": m.denominator.code if m.denominator_id else None, "scale": m.scale,
            "writable": m.is_entered}


@api.get("/measures", response=list[MeasureOut], tags=["Chỉ số"], summary="Danh mục chỉ số")
def list_measures(request):
    require(request, Permission.READ_VALUES)
    qs = Measure.objects.filter(is_active=True).select_related("content", "numerator", "denominator")
    return [_measure_out(m) for m in qs]


# --- values (dataValueSets) -----------------------------------------------------------------------------


@api.get("/values", response=ValuePage, tags=["Số liệu"], summary="Số liệu của một cây đơn vị trong một kỳ")
def read_values(request, unit: int, period: str, paging: Query[Paging], measure: list[str] = Query(None)):
    """Các giá trị đã báo cáo (nhập tay hoặc tính từ sổ) của đơn vị `unit` và mọi đơn vị dưới nó, trong kỳ
    `period` (2026, 2026-h1 …). Không có dòng = chưa báo cáo (không bao giờ là 0)."""
    user = require(request, Permission.READ_VALUES)
    root = _unit(user, unit)
    count, rows = values.read(user, root, _period(period), measure, paging.offset, paging.limit)
    return {"count": count, "offset": paging.offset, "limit": paging.limit, "items": rows}


@api.post("/values", response=WriteOut, tags=["Số liệu"], summary="Ghi một bộ số liệu (idempotent)")
def write_values(request, payload: ValueSetIn):
    """Ghi các giá trị nhập tay (chỉ số `writable`) theo lô, như dataValueSets của DHIS2: kiểm tra mọi dòng
    trước (phạm vi, cấp nhập, chỉ số tính tự động, kiểu giá trị), rồi ghi tất cả trong một giao dịch, có lịch
    sử và nhật ký — hoặc không ghi gì. Gửi lại cùng bộ số liệu không thay đổi gì (`changed` = 0)."""
    user = require(request, Permission.WRITE_VALUES)
    if not user.can_write:
        raise PermissionDenied("Tài khoản chỉ có quyền xem.")
    outcome = values.write(user, payload.period, [v.dict() for v in payload.values])
    request._api_detail = f"{outcome.received} giá trị nhận, {outcome.changed} thay đổi"
    return {"received": outcome.received, "changed": outcome.changed}


def _reading_out(measure, unit, r, parents=None) -> dict:
    return {"unit_id": unit.pk, "unit": values.unit_ref(unit, parents), "unit_name": unit.name,
            "measure": measure.code, "value": values.format_value(r.value) if r else None,
            "reporting": r.reporting if r else 0,
            "numerator": values.format_value(r.numerator) if r and measure.is_ratio else None,
            "denominator": values.format_value(r.denominator) if r and measure.is_ratio else None}


@api.get("/aggregates", response=list[ReadingOut], tags=["Số liệu"], summary="Giá trị tổng hợp")
def aggregates(request, unit: int, period: str, measure: list[str] = Query(None), children: bool = False):
    """Giá trị của đơn vị `unit` (chính nó cộng mọi đơn vị dưới nó, theo đúng cách tổng hợp của chỉ số: tỷ lệ
    luôn tính lại từ tử số và mẫu số) cho từng chỉ số; `children=true` thêm từng đơn vị trực thuộc."""
    user = require(request, Permission.READ_VALUES)
    root, period = _unit(user, unit), _period(period)
    units = [root] + (list(root.children.filter(is_active=True).order_by("sort_key", "code")) if children else [])
    units = [u for u in units if scope.in_scope(user, u)]
    org = scope.organisation_filter(user)
    qs = Measure.objects.filter(is_active=True).select_related("numerator", "denominator")
    if measure:
        qs = qs.filter(code__in=measure)
        if len(qs) != len(set(measure)):
            missing = set(measure) - {m.code for m in qs}
            raise Http404(f"Không có chỉ số: {', '.join(sorted(missing))}.")
    parents = Unit.objects.in_bulk({u.parent_id for u in units if u.parent_id})
    out = []
    for m in qs:
        found = readings(m, units, period, org.kind_id if org else None)
        out += [_reading_out(m, u, found.get(u.pk), parents) for u in units]
    return out


# --- plans and targets ----------------------------------------------------------------------------------


def _plan_out(p) -> dict:
    return {"id": p.pk, "unit_id": p.unit_id, "unit_name": p.unit.name, "number": p.number_symbol,
            "title": p.title, "doc_type": p.doc_type, "status": p.status, "issued_on": p.issued_on,
            "period": p.period.code if p.period_id else None, "signer_name": p.signer_name,
            "signer_title": p.signer_title}


def _target_out(t) -> dict:
    return {"id": t.pk, "text": t.text, "measure": t.measure.code if t.measure_id else None, "scope": t.scope,
            "level": t.level, "comparator": t.comparator,
            "threshold": values.format_value(t.threshold), "period": t.period.code if t.period_id else None,
            "org_kind": t.org_kind.code if t.org_kind_id else None, "rule": t.rule_label}


@api.get("/plans", response=PlanPage, tags=["Kế hoạch"], summary="Kế hoạch trong phạm vi")
def list_plans(request, paging: Query[Paging], unit: int | None = None, status: str | None = None):
    """Kế hoạch của các đơn vị trong phạm vi và kế hoạch đã ban hành của cấp trên (như trang Kế hoạch)."""
    user = require(request, Permission.READ_PLANS)
    qs = visible_plans(user).order_by("-issued_on", "-pk")
    if unit is not None:
        if unit not in _root(user).ancestor_ids:  # the issued plans of the levels above are readable too
            _unit(user, unit)
        qs = qs.filter(unit_id=unit)
    if status:
        qs = qs.filter(status=status)
    count = qs.count()
    return {"count": count, "offset": paging.offset, "limit": paging.limit,
            "items": [_plan_out(p) for p in qs[paging.offset:paging.offset + paging.limit]]}


@api.get("/plans/{plan_id}", response=PlanDetail, tags=["Kế hoạch"], summary="Một kế hoạch và các chỉ tiêu")
def plan_detail(request, plan_id: int):
    user = require(request, Permission.READ_PLANS)
    plan = _plan(user, plan_id)
    data = _plan_out(plan)
    data["targets"] = [_target_out(t) for t in plan.targets.select_related("measure", "period", "org_kind")]
    return data


@api.get("/plans/{plan_id}/progress", response=list[ProgressOut], tags=["Kế hoạch"],
         summary="Tiến độ các chỉ tiêu của kế hoạch")
def plan_progress(request, plan_id: int):
    """Tiến độ từng chỉ tiêu đánh giá được (tính từ số liệu tổng hợp, không nhập tay), trên phần cây đơn vị trong
    phạm vi của mã truy cập; các đơn vị chưa đạt (chưa báo cáo trước, rồi thấp nhất), tối đa 50."""
    user = require(request, Permission.READ_PLANS)
    plan = _plan(user, plan_id)
    out = []
    for t in plan.targets.select_related("measure", "period", "org_kind", "plan__unit"):
        if not t.is_evaluable:
            continue
        ctx = progress_context(t, user, behind_shown=50)
        if ctx is None:
            continue
        ev = ctx["evaluation"]
        # a total nobody allocated is the issuer's: shown whole (a unit below sees its part in the page's text)
        over = plan.unit if ctx["share_of"] else ctx["scoped_to"] or plan.unit
        out.append({
            "target_id": t.pk, "text": t.text, "description": ctx["description"], "status": ev.status,
            "status_label": ev.status_label, "value": values.format_value(ev.value),
            "threshold": values.format_value(ev.threshold),
            "progress": values.format_value(ev.progress.quantize(target_rules.Decimal("0.0001")))
            if ev.progress is not None else None,
            "units_total": ev.units_total, "units_meeting": ev.units_meeting, "evaluated_over": over.name,
            "behind": [_reading_out(t.measure, u, r) for u, r, _ in ctx["behind"]],
        })
    return out


# --- registers' lists and reporting ---------------------------------------------------------------------


def _in_unit(user, qs, unit):
    if unit is None:
        return qs
    u = _unit(user, unit)
    return qs.filter(unit__path__gte=u.path, unit__path__lt=u.path + "A")


@api.get("/initiatives", response=InitiativePage, tags=["Sổ theo dõi"], summary="Mô hình, công trình, phần việc")
def list_initiatives(request, paging: Query[Paging], unit: int | None = None, year: int | None = None):
    user = require(request, Permission.READ_REGISTERS)
    qs = _in_unit(user, visible_initiatives(user), unit).select_related("unit", "organisation", "content")
    if year:
        qs = qs.filter(started_on__year=year)
    count = qs.count()
    items = [{"id": i.pk, "kind": i.kind, "title": i.title, "unit_id": i.unit_id, "unit_name": i.unit.name,
              "organisation": i.organisation.name if i.organisation_id else None,
              "content": i.content.number if i.content_id else None, "is_pilot": i.is_pilot,
              "is_self_managed": i.is_self_managed, "status": i.status, "started_on": i.started_on}
             for i in qs.order_by("-started_on", "-pk")[paging.offset:paging.offset + paging.limit]]
    return {"count": count, "offset": paging.offset, "limit": paging.limit, "items": items}


@api.get("/activities", response=ActivityPage, tags=["Sổ theo dõi"], summary="Hoạt động")
def list_activities(request, paging: Query[Paging], unit: int | None = None, kind: str | None = None,
                    year: int | None = None):
    user = require(request, Permission.READ_REGISTERS)
    qs = _in_unit(user, visible_activities(user), unit).select_related("unit", "organisation")
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(held_on__year=year)
    count = qs.count()
    items = [{"id": a.pk, "kind": a.kind, "title": str(a), "unit_id": a.unit_id, "unit_name": a.unit.name,
              "organisation": a.organisation.name if a.organisation_id else None, "held_on": a.held_on,
              "participants": a.participants}
             for a in qs.order_by("-held_on", "-pk")[paging.offset:paging.offset + paging.limit]]
    return {"count": count, "offset": paging.offset, "limit": paging.limit, "items": items}


@api.get("/submissions", response=SubmissionPage, tags=["Báo cáo định kỳ"], summary="Tình trạng báo cáo")
def list_submissions(request, paging: Query[Paging], unit: int | None = None, period: str | None = None,
                     round: int | None = None):
    """Báo cáo của các đơn vị trong phạm vi (đã gửi, đang soạn, trả lại, đã tiếp nhận, đã khóa)."""
    user = require(request, Permission.READ_REPORTING)
    qs = scope.scope_queryset(user, Submission.objects.all(), "unit", "organisation")
    qs = _in_unit(user, qs, unit).select_related("round__period", "unit", "organisation")
    if period:
        qs = qs.filter(round__period__code=period)
    if round is not None:
        qs = qs.filter(round_id=round)
    count = qs.count()
    items = [{"id": s.pk, "round_id": s.round_id, "round_name": s.round.name, "period": s.round.period.code,
              "due_date": s.round.due_date, "unit_id": s.unit_id, "unit_name": s.unit.name,
              "organisation": s.organisation.name if s.organisation_id else None, "state": s.state,
              "state_label": s.get_state_display(), "first_submitted_at": s.first_submitted_at,
              "accepted_at": s.accepted_at}
             for s in qs.order_by("round__due_date", "unit__path", "pk")[paging.offset:paging.offset + paging.limit]]
    return {"count": count, "offset": paging.offset, "limit": paging.limit, "items": items}
