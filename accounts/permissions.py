"""Permissions as data: for every page, which roles may open it and which may change data through it.

`TABLE` maps each URL name to a `Rule`. `PermissionMiddleware` enforces it before any view runs:
- a role not in `read` gets 403 on GET (form pages are write pages: only writers open them);
- a role not in `write` gets 403 on POST/PUT/PATCH/DELETE, whatever the view does next.
Scope (which unit, which member organisation's rows) stays with the views and services through
`accounts.scope`; this table answers only "may this *kind* of person do this here at all".

The column `organisation` says whether a member-organisation officer writes here: ORG_OFFICER in `write`
means "yes, for their own organisation's rows" (services narrow with `scope.organisation_filter`); without
it the page belongs to the Front itself (supervisions, recommendations, areas, titles, funds …).

`accounts/tests/test_permissions.py` walks every URL of the resolver × every role, GET and POST: a new URL
without a row here fails that test, so nothing is added without saying who may use it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from .models import Role

OFFICER, AREA_HEAD, ORG_OFFICER, LEADER, ADMIN = (Role.OFFICER, Role.AREA_HEAD, Role.ORG_OFFICER, Role.LEADER,
                                                   Role.ADMIN)
EVERYONE = frozenset(Role.values)
NOBODY = frozenset()
FRONT_OFFICERS = frozenset({OFFICER, ADMIN})  # the Front's officers of a unit (funds, plans, surveys, reports)
FRONT = frozenset({OFFICER, AREA_HEAD, ADMIN})  # the Front, down to the residential area's front committee
WRITERS = frozenset({OFFICER, AREA_HEAD, ORG_OFFICER, ADMIN})  # everyone who writes (member organisations: own rows)
REGISTRANTS = frozenset({OFFICER, ORG_OFFICER, ADMIN})  # who registers works and models for a member organisation
ADMINS = frozenset({ADMIN})
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Rule:
    read: frozenset = EVERYONE  # roles that may GET (always scoped by the view)
    write: frozenset = NOBODY  # roles that may POST
    public: bool = False  # no sign-in needed (anonymous visitors use it as `read`/`write` say)

    @property
    def organisation(self) -> str:
        return "own rows" if ORG_OFFICER in self.write else "Front only"


def page(write=NOBODY):
    """A page every signed-in role reads (scoped); `write` may post to it (e.g. an action button)."""
    return Rule(read=EVERYONE, write=frozenset(write))


def form(write):
    """A form page: only those who may write open it."""
    return Rule(read=frozenset(write), write=frozenset(write))


def public(write=False):
    return Rule(read=EVERYONE, write=EVERYONE if write else NOBODY, public=True)


TABLE: dict[str, Rule] = {
    # core and accounts
    "home": page(),
    "login": public(write=True),
    "logout": public(write=True),
    "service_worker": public(),  # the offline phone app's worker script (the same for everyone)
    "accounts:password_reset": public(write=True),
    "accounts:password_reset_done": public(),
    "accounts:password_reset_confirm": public(write=True),
    "accounts:password_reset_complete": public(),
    "accounts:history": page(),
    "accounts:object_history": page(),
    "accounts:users": form(ADMINS),
    "accounts:user_add": form(ADMINS),
    "accounts:user_edit": form(ADMINS),
    # units: the list of residential areas and member organisations is the Front officers' job
    "units:search": page(),
    "units:detail": page(),
    "units:area_add": form(FRONT_OFFICERS),
    "units:area_edit": form(FRONT_OFFICERS),
    "units:area_import": form(FRONT_OFFICERS),
    "units:area_template": page(),
    "units:attributes": form(FRONT_OFFICERS),
    "units:leaders": form(FRONT_OFFICERS),  # the chair and vice-chair who sign the unit's plans
    "units:organisation_add": form(FRONT_OFFICERS),
    # plans
    "plans:list": page(),
    "plans:create": form(FRONT_OFFICERS),
    "plans:import": form(FRONT_OFFICERS),
    "plans:import_review": form(FRONT_OFFICERS),
    "plans:detail": page(),
    "plans:edit": form(FRONT_OFFICERS),
    "plans:edit_sections": form(FRONT_OFFICERS),
    "plans:edit_references": form(FRONT_OFFICERS),
    "plans:edit_contents": form(FRONT_OFFICERS),
    "plans:edit_tasks": form(FRONT_OFFICERS),
    "plans:edit_reports": form(FRONT_OFFICERS),
    "plans:edit_targets": form(FRONT_OFFICERS),
    "plans:allocate": form(FRONT_OFFICERS),
    "plans:allocate_xlsx": form(FRONT_OFFICERS),  # the sheet to fill in and upload back on the allocation page
    "plans:cascade": form(FRONT_OFFICERS),
    "plans:coverage": page(),
    "plans:issue": form(FRONT_OFFICERS),
    "plans:delete": form(FRONT_OFFICERS),
    "plans:export_docx": page(),
    "plans:export_pdf": page(),
    # follow-up of an issued plan's tasks: the issuer assigns, the assignee (a unit's Front officer or area head,
    # a member organisation's officer) records progress and evidence (plans.followup narrows to their tasks)
    "plans:tasks": page(),
    "plans:task": page(write=WRITERS),
    "plans:task_evidence": page(),
    "plans:open_drive": form(FRONT_OFFICERS),
    # surveys (the public answer page is open: the one-time code is the key)
    "surveys:list": page(),
    "surveys:create": form(FRONT_OFFICERS),
    "surveys:detail": page(),
    "surveys:edit": form(FRONT_OFFICERS),
    "surveys:questions": form(FRONT_OFFICERS),
    "surveys:status": form(FRONT_OFFICERS),
    "surveys:roster": page(),
    "surveys:roster_generate": form(FRONT_OFFICERS),
    "surveys:roster_import": form(FRONT_OFFICERS),
    "surveys:roster_template": page(),
    "surveys:paper": form(FRONT),
    "surveys:cards": page(),
    "surveys:results": page(),
    "surveys:results_export": page(),
    "surveys:report": page(),
    "surveys_public:start": public(write=True),
    "surveys_public:published": public(),
    "surveys_public:results": public(),
    "surveys_public:answer": public(write=True),
    # initiatives: member organisations keep their own models and register them in a drive
    "initiatives:index": page(),
    "initiatives:add": form(WRITERS),
    "initiatives:showcase": page(),
    "initiatives:detail": page(),
    "initiatives:edit": form(WRITERS),
    "initiatives:delete": form(WRITERS),
    "initiatives:replicate": form(WRITERS),
    "initiatives:photo_add": form(WRITERS),
    "initiatives:transition": form(WRITERS),
    "initiatives:photo": page(),
    "initiatives:photo_delete": form(WRITERS),
    "initiatives:drives": page(),
    "initiatives:drive_open": form(FRONT_OFFICERS),
    "initiatives:drive": page(),
    "initiatives:drive_remind": form(FRONT_OFFICERS),
    "initiatives:drive_list": page(),
    "initiatives:drive_add": form(REGISTRANTS),
    "initiatives:drive_submit": form(REGISTRANTS),
    "initiatives:drive_upload": form(REGISTRANTS),
    "initiatives:drive_download": page(),
    # activities: member organisations record their own; covenants belong to the residential area
    "activities:index": page(),
    "activities:export": page(),
    "activities:lists": page(write=ADMINS),  # propaganda channels, training topics: administrators edit
    "activities:area_home": page(),
    "activities:area_home_for": page(),
    "activities:add": form(WRITERS),
    "activities:detail": page(),
    "activities:edit": form(WRITERS),
    "activities:delete": form(WRITERS),
    "activities:photo_add": form(WRITERS),
    "activities:photo": page(),
    "activities:photo_delete": form(WRITERS),
    "activities:covenants": page(),
    "activities:covenant_add": form(FRONT),
    "activities:covenant_edit": form(FRONT),
    "activities:covenant_delete": form(FRONT),
    # indicators: values no register knows are typed on the entry page (member organisations: their own)
    "indicators:home": page(),
    "indicators:catalogue": page(),
    "indicators:measure_add": form(FRONT_OFFICERS),
    "indicators:unit_default": page(),
    "indicators:unit": page(),
    "indicators:entry": form(WRITERS),
    "indicators:target_check": page(),
    "indicators:unit_download": page(),
    "indicators:measure": page(),
    "indicators:measure_download": page(),
    # welfare: the household list is the Front's; member organisations record support they gave
    "welfare:rights": form(ADMINS),
    "welfare:tags": page(write=ADMINS),
    "welfare:list": page(),
    "welfare:summary_download": page(),
    "welfare:add": form(FRONT),
    "welfare:import": form(FRONT),
    "welfare:template": page(),
    "welfare:export": Rule(read=EVERYONE - {ORG_OFFICER}, write=EVERYONE - {ORG_OFFICER}),  # POST = download
    "welfare:support_list": page(),
    "welfare:detail": page(),
    "welfare:edit": form(FRONT),
    "welfare:reveal_identity": form(EVERYONE - {ORG_OFFICER}),  # and the welfare.export_identity right; logged
    "welfare:support_add": form(WRITERS),
    "welfare:support_delete": form(WRITERS),
    # adoption of households and sponsored children: the Front's officers and member organisations (own rows)
    "welfare:adoptions": page(),
    "welfare:adoption_export": page(),
    "welfare:adoption_docx": page(),
    "welfare:adoption_import": form(REGISTRANTS),
    "welfare:adoption_template": page(),
    "welfare:adoption_add": form(REGISTRANTS),
    "welfare:adoption_edit": form(REGISTRANTS),
    "welfare:adoption_delete": form(REGISTRANTS),
    "welfare:children": page(),
    "welfare:children_export": page(),
    "welfare:children_docx": page(),
    "welfare:child_import": form(REGISTRANTS),
    "welfare:children_template": page(),
    "welfare:child_add": form(REGISTRANTS),
    "welfare:child_edit": form(REGISTRANTS),
    "welfare:child_delete": form(REGISTRANTS),
    # funds: the book is kept by the unit's Front officers
    "funds:list": page(),
    "funds:open": form(FRONT_OFFICERS),
    "funds:detail": page(),
    "funds:receipt": form(FRONT_OFFICERS),
    "funds:disbursement": form(FRONT_OFFICERS),
    "funds:transfer": form(FRONT_OFFICERS),
    "funds:reverse": form(FRONT_OFFICERS),
    "public:index": public(),
    "public:unit": public(),
    "public:statement": public(),
    "public:statement_file": public(),
    # oversight: supervision and recommendations are the Front's own work
    "oversight:index": page(),
    "oversight:supervisions": page(),
    "oversight:supervision_add": form(FRONT),
    "oversight:supervision": page(),
    "oversight:supervision_edit": form(FRONT),
    "oversight:supervision_minutes": page(),
    "oversight:recommendations": page(),
    "oversight:recommendation_add": form(FRONT),
    "oversight:followup": page(),
    "oversight:recommendation": page(write=FRONT),
    "oversight:agencies": page(write=FRONT),
    "oversight:opinions": page(),
    "oversight:opinion_quarter": page(write=FRONT),
    # budget: estimates and settlements are kept by the unit's Front officers; the catalogue by administrators
    "budget:index": page(),
    "budget:open": form(FRONT_OFFICERS),
    "budget:detail": page(),
    "budget:edit": form(FRONT_OFFICERS),
    "budget:line_add": form(FRONT_OFFICERS),
    "budget:line_edit": form(FRONT_OFFICERS),
    "budget:line_delete": form(FRONT_OFFICERS),
    "budget:import": form(FRONT_OFFICERS),
    "budget:export": page(),
    "budget:estimate_docx": page(),
    "budget:settlement_docx": page(),
    "budget:catalogue": page(),
    "budget:item_add": form(ADMINS),
    "budget:item_edit": form(ADMINS),
    "budget:source_add": form(ADMINS),
    "budget:source_edit": form(ADMINS),
    # committees: set up and renewed by the unit's Front officers; the kinds by administrators
    "committees:index": page(),
    "committees:establish": form(FRONT_OFFICERS),
    "committees:detail": page(),
    "committees:renew": form(FRONT_OFFICERS),
    "committees:members_export": page(),
    "committees:members_template": page(),
    "committees:term_edit": form(FRONT_OFFICERS),
    "committees:decision": page(),
    "committees:member_add": form(FRONT_OFFICERS),
    "committees:member_edit": form(FRONT_OFFICERS),
    "committees:kinds": page(),
    "committees:kind_add": form(ADMINS),
    "committees:kind_edit": form(ADMINS),
    # recognition
    "recognition:index": page(),
    "recognition:titles": page(write=FRONT),
    "recognition:titles_import": form(FRONT),
    "recognition:titles_template": page(),
    "recognition:nominations": page(),
    "recognition:nomination_add": form(FRONT),
    "recognition:nomination": page(write=FRONT),
    "recognition:nomination_edit": form(FRONT),
    "recognition:exemplary": page(),
    "recognition:exemplary_add": form(FRONT),
    "recognition:exemplary_edit": form(FRONT),
    "recognition:exemplary_photo": page(),
    # reporting: units and member organisations fill their own report; the issuer runs the round
    "reporting:index": page(),
    "reporting:round_new": form(FRONT_OFFICERS),
    "reporting:round": page(),
    "reporting:review_new": form(FRONT_OFFICERS),  # a review round (sơ kết, tổng kết) from an outline
    "reporting:conference": form(FRONT_OFFICERS),
    "reporting:outlines": page(),  # review outlines: read by all; a unit's own edited by its Front officers
    "reporting:outline": page(write=FRONT_OFFICERS),
    "reporting:outline_copy": form(FRONT_OFFICERS),  # link the review conference (an activity) to the round
    "reporting:round_xlsx": page(),
    "reporting:remind_all": form(FRONT_OFFICERS),
    "reporting:remind": form(FRONT_OFFICERS),
    "reporting:consolidated": page(),
    "reporting:consolidated_docx": page(),
    "reporting:consolidated_xlsx": page(),
    "reporting:consolidated_job": page(write=EVERYONE),  # a download made in the background: a read
    "reporting:fill_upward": form(FRONT_OFFICERS),
    "reporting:submission": page(write=WRITERS),  # residential areas' front committees report too
    "reporting:autosave": form(WRITERS),
    "reporting:review": form(FRONT_OFFICERS),
    "reporting:attachment_add": form(WRITERS),
    "reporting:attachment": page(),
    # the API: calls authenticate with a token and are scoped and permission-checked by the API itself
    **{f"api-v1:{name}": public(write=True) for name in (
        "openapi-json", "openapi-view", "list_units", "get_unit", "list_measures", "read_values", "write_values",
        "aggregates", "list_plans", "plan_detail", "plan_progress", "list_initiatives", "list_activities",
        "list_submissions", "api-root")},
    "api_tokens:list": form(ADMINS),
    "api_tokens:add": form(ADMINS),
    "api_tokens:detail": form(ADMINS),
    "api_tokens:revoke": form(ADMINS),
    # exchange files: the same value sets as the entry form (writers type values; services check each row)
    "api:exchange_home": page(),
    "api:exchange": page(write=WRITERS),
    "api:exchange_download": page(),
    # signed documents: the Front's officers sign; anyone signed in may check a signed PDF
    "signing:home": page(),
    "signing:sign_plan": page(write=FRONT_OFFICERS),
    "signing:sign_report": page(write=FRONT_OFFICERS),
    "signing:sign_survey": page(write=FRONT_OFFICERS),
    "signing:sign_fund": page(write=FRONT_OFFICERS),
    "signing:download": page(),
    "signing:check": page(write=EVERYONE),
    "oidc_authentication_callback": public(write=True),
    "oidc_authentication_init": public(write=True),
    # dashboards: read by everyone in scope; publishing is the Front officers'
    "dashboards:home": page(),
    "dashboards:unit": page(),
    "dashboards:map": page(),
    "dashboards:map_svg": page(),
    "dashboards:present": page(),
    "dashboards:pdf": page(),
    "dashboards:publish": form(FRONT_OFFICERS),
    "dashboards_public:unit": public(),
    # second factor for administrators (signed-in users set up and verify their own), health for the proxy
    "otp_verify": page(write=EVERYONE),
    "otp_setup": page(write=EVERYONE),
    "healthz": public(),
    # background jobs: everyone follows their own jobs; an export is a read; a full rebuild is the administrators'
    "jobs:index": page(),
    "jobs:detail": page(),
    "jobs:status": page(),
    "jobs:download": page(),
    "jobs:area_values_export": page(write=EVERYONE),
    "jobs:rollup_rebuild": form(ADMINS),
    "jobs:registers_derive": form(ADMINS),
}


def rule_for(view_name: str) -> Rule | None:
    return TABLE.get(view_name)


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser and not user.role:
        return ADMIN
    return user.role


def check(user, view_name: str, method: str) -> None:
    """Raise PermissionDenied when the table does not let this user's role use this page this way."""
    rule = rule_for(view_name)
    if rule is None:
        return  # not declared: the URL × role test names it; the view's own checks still apply
    role = role_of(user)
    writing = method in UNSAFE_METHODS
    if role is None:  # anonymous: public pages only; LoginRequiredMiddleware sends the rest to sign in
        if rule.public and writing and not rule.write:
            raise PermissionDenied("Trang này chỉ để xem.")
        return
    allowed = rule.write if writing else rule.read
    if role not in allowed:
        raise PermissionDenied(
            "Vai trò của bạn không được thay đổi dữ liệu ở trang này." if writing
            else "Vai trò của bạn không được mở trang này.")


class PermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None:
            check(request.user, match.view_name, request.method)
        return None
