"""Every URL of the resolver × every role, GET and POST, against the table in accounts.permissions.

One small Thái Nguyên tree with one row of each register in Xã Đồng Phúc (or Thôn Nà Hai) is built once; each
person opens every page and posts an empty form to it. The test fails when
- a URL has no row in the table (new URLs are covered by the test as soon as they exist);
- a role the table does not let read a page gets it (anything but 403, 404 or the sign-in redirect);
- a role the table does not let write a page is answered with anything but 403/404/405, or its POST wrote
  to the database (any INSERT, UPDATE or DELETE other than the session);
- any request answers 500.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from accounts import permissions

D = datetime.date
WRITE_SQL = re.compile(r'^\s*(INSERT|UPDATE|DELETE)\b(?!.*"?(django_session|axes_)\w*"?)', re.I | re.S)


def walk(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, p.namespace or namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), p


def all_urls():
    return list(walk(get_resolver().url_patterns))


@pytest.fixture
def rows(tree, dong_phuc_officer, province_officer, na_hai_head, settings, tmp_path):
    """One row of every register, in Đồng Phúc."""
    from activities import services as activities
    from funds import services as funds
    from funds.models import FundKind
    from initiatives import services as initiatives
    from initiatives.tests.helpers import make, upload
    from oversight import services as oversight
    from oversight.models import Agency
    from plans import services as plans
    from recognition import services as recognition
    from reporting.tests.conftest import MEASURES
    from surveys.tests.helpers import make_survey
    from welfare.models import Household, Listing, Status
    from welfare import services as welfare

    settings.MEDIA_ROOT = tmp_path
    r = type("Rows", (), {})()
    r.tree = tree
    r.initiative = make(tree.na_hai, "Đường hoa Nà Hai")
    r.photo = initiatives.add_photo(dong_phuc_officer, r.initiative, upload())
    r.drive = initiatives.open_drive(dong_phuc_officer, tree.dong_phuc, 2026, D(2026, 2, 15))
    r.activity = activities.save_activity(na_hai_head, "ngay_hoi", {"unit": tree.na_hai, "held_on": D(2026, 3, 18),
                                                                    "participants": 210})
    r.covenant = activities.save_covenant(na_hai_head, {"unit": tree.na_hai, "kind": "quy_uoc",
                                                        "updated_on": D(2026, 3, 1), "rules": []})
    r.household = Household.objects.create(unit=tree.na_hai, head_name="Hoàng Văn Mạnh", id_number="001203004589",
                                           members=4)
    Listing.objects.create(household=r.household, year=2026, status=Status.POOR)
    r.support = welfare.add_support(dong_phuc_officer, r.household, {
        "kind": "livelihood", "detail": "livestock", "date": D(2026, 3, 1), "amount": 1_000_000, "source": "fund"})
    r.fund = funds.open_fund(dong_phuc_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))
    r.entry = funds.record_receipt(dong_phuc_officer, r.fund, date=D(2026, 2, 1), amount=5_000_000,
                                   donor_name="Nguyễn Văn A", donor_type="individual")
    agency = Agency.objects.create(unit=tree.dong_phuc, name="UBND Xã Đồng Phúc")
    r.supervision = oversight.save_supervision(dong_phuc_officer, tree.dong_phuc, {
        "kind": "ban_gsdtcd", "subject_kind": "work", "subject": "Đường bê tông Nà Hai", "team": "",
        "start": D(2026, 3, 1), "end": D(2026, 3, 2), "findings": ""})
    r.recommendation = oversight.add_recommendation(dong_phuc_officer, tree.dong_phuc, {
        "agency": agency, "content": "Đề nghị sửa đường", "sent_on": D(2026, 3, 5), "due_on": D(2026, 4, 5)})
    r.nomination = recognition.save_nomination(dong_phuc_officer, tree.dong_phuc, {
        "year": 2025, "nominee_type": "individual", "nominee_name": "Hà Văn Tuấn", "nominee_detail": "Trưởng thôn",
        "achievement": "Vận động 46 hộ hiến đất làm đường", "linked_text": "", "award_form": "Giấy khen"})
    r.exemplary = recognition.save_exemplary(dong_phuc_officer, tree.dong_phuc, {
        "year": 2025, "name": "Hà Văn Tuấn", "description": "Trưởng thôn", "story": "Câu chuyện",
        "nomination": r.nomination})
    r.plan = plans.create_plan(dong_phuc_officer, tree.dong_phuc, {"title": "Kế hoạch thực hiện Cuộc vận động"})
    r.survey = make_survey(dong_phuc_officer, tree.dong_phuc)
    r.code = r.survey.respondents.first().code
    from campaign.periods import get_period
    from reporting import services as reporting
    from reporting.models import ReporterKind

    r.round = reporting.open_round(province_officer, tree.province, {
        "period": get_period("2026-h1"), "name": "Báo cáo 6 tháng đầu năm 2026",
        "cut_off": D(2026, 6, 14), "due_date": D(2026, 6, 20), "lock_on": None,
        "reporters": ReporterKind.COMMUNE, "include_organisations": False,
        "measure_codes": MEASURES, "remind_days_before": 3})
    r.submission = r.round.submissions.get(unit=tree.dong_phuc)
    return r


def kwargs_for(name, pattern, r):
    t = r.tree
    by_namespace_pk = {
        "units": t.dong_phuc.pk, "plans": r.plan.pk, "surveys": r.survey.pk, "initiatives": r.initiative.pk,
        "activities": r.activity.pk, "indicators": t.dong_phuc.pk, "welfare": r.household.pk, "funds": r.fund.pk,
        "public": r.fund.pk, "oversight": t.dong_phuc.pk, "recognition": t.dong_phuc.pk, "reporting": r.round.pk,
        "surveys_public": r.survey.pk, "accounts": t.dong_phuc.pk,
    }
    special = {
        "initiatives:photo": {"pk": r.photo.pk}, "initiatives:photo_delete": {"pk": r.photo.pk},
        "activities:covenant_edit": {"pk": r.covenant.pk}, "activities:covenant_delete": {"pk": r.covenant.pk},
        "funds:reverse": {"pk": r.entry.pk},
        "reporting:submission": {"pk": r.submission.pk}, "reporting:autosave": {"pk": r.submission.pk},
        "reporting:review": {"pk": r.submission.pk}, "reporting:attachment_add": {"pk": r.submission.pk},
        "reporting:remind": {"pk": r.round.pk, "sub_pk": r.submission.pk},
        "welfare:support_delete": {"pk": r.support.pk},
        "accounts:user_edit": {"pk": t.dong_phuc.users.first().pk},
    }
    values = {
        "unit_pk": t.dong_phuc.pk, "sid": r.supervision.pk, "rid": r.recommendation.pk, "eid": r.exemplary.pk,
        "nid": r.nomination.pk, "area_pk": t.na_hai.pk, "org_pk": t.hnd_dong_phuc.pk, "year": 2025,
        "period": "2026", "fmt": "xlsx", "kind": "ngay_hoi", "action": "tam-dung", "code": r.code,
        "object_type": "initiatives.initiative", "object_id": str(r.initiative.pk), "target_pk": 1,
        "att_pk": 1, "sub_pk": r.submission.pk, "uidb64": "MQ", "token": "x-y",
    }
    namespace = name.split(":")[0] if ":" in name else ""
    if name.startswith("initiatives:drive") and name != "initiatives:drives":
        by_namespace_pk["initiatives"] = r.drive.pk
    if name == "recognition:titles":
        values["year"] = 2025
    if name.startswith("welfare:") and name in ("welfare:list", "welfare:add", "welfare:import"):
        values["unit_pk"] = t.na_hai.pk
    kwargs = {}
    for key in pattern.pattern.converters:
        kwargs[key] = by_namespace_pk.get(namespace, 1) if key == "pk" else values.get(key, 1)
    kwargs.update(special.get(name, {}))
    if name == "oversight:opinion_quarter":
        kwargs["code"] = "2026-q1"
    if name == "surveys:paper":
        kwargs["area_pk"] = t.na_hai.pk
    return kwargs


def fill(pattern, kwargs):
    route = str(pattern.pattern)
    for key, value in kwargs.items():
        route = re.sub(r"<(?:\w+:)?" + key + ">", str(value), route)
    return route


def full_paths(r):
    paths = {}
    resolver = get_resolver()

    def visit(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                visit(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                paths[name] = "/" + fill_prefix(prefix) + fill(p, kwargs_for(name, p, r))

    def fill_prefix(prefix):
        return prefix

    visit(resolver.url_patterns, "", None)
    return paths


def test_every_url_has_a_row_in_the_permission_table():
    missing = sorted(name for name, _ in all_urls() if name not in permissions.TABLE)
    assert not missing, f"URL chưa khai báo quyền trong accounts/permissions.py: {missing}"


def test_the_table_names_only_urls_that_exist():
    names = {name for name, _ in all_urls()}
    assert not sorted(set(permissions.TABLE) - names)


REFUSED = {403, 404, 405}


def _login_redirect(response):
    return response.status_code == 302 and "/dang-nhap/" in response.get("Location", "")


def test_every_url_for_every_role_answers_as_the_table_says(client, rows, tree, dong_phuc_officer, na_hai_head,
                                                            org_officer, leader, province_admin):
    """Only what the table refuses is requested (allowed pages are each app's own tests): that keeps this
    walk over every URL × every role to seconds."""
    people = [None, dong_phuc_officer, na_hai_head, org_officer, leader, province_admin]
    paths = full_paths(rows)
    problems = []
    for person in people:
        client.logout()
        if person is not None:
            client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        role = person.role if person else None
        for name, path in paths.items():
            rule = permissions.TABLE[name]
            if name == "logout":
                continue  # would end this person's session
            if role is None and not rule.public:
                for method in (client.get, client.post):
                    response = method(path)
                    if not _login_redirect(response):
                        problems.append(f"khách {method.__name__.upper()} {path} ({name}): {response.status_code}, "
                                        "không chuyển tới đăng nhập")
                continue
            if role is not None and role not in rule.read:
                get = client.get(path)
                if get.status_code not in REFUSED:
                    problems.append(f"{role} GET {path} ({name}): {get.status_code}, bảng quyền không cho đọc")
            if not (role in rule.write or rule.public and rule.write):
                with CaptureQueriesContext(connection) as queries:
                    post = client.post(path, {})
                writes = [q["sql"][:120] for q in queries.captured_queries if WRITE_SQL.match(q["sql"])]
                if post.status_code not in REFUSED:
                    problems.append(f"{role} POST {path} ({name}): {post.status_code}, bảng quyền không cho ghi")
                if writes:
                    problems.append(f"{role} POST {path} ({name}) đã ghi: {writes}")
    assert not problems, "\n".join(problems)


def test_a_member_organisation_officer_cannot_write_the_fronts_own_data(client_for, rows, org_officer, tree):
    """Issue #13 item 3, each one by name."""
    from oversight.models import Supervision

    c = client_for(org_officer)
    r = rows
    before = Supervision.objects.get(pk=r.supervision.pk).subject
    posts = {
        f"/giam-sat/cuoc-giam-sat/{r.supervision.pk}/sua/": {"subject": "Đã sửa"},
        f"/giam-sat/{tree.dong_phuc.pk}/cuoc-giam-sat/them/": {"subject": "Mới"},
        f"/giam-sat/kien-nghi/{r.recommendation.pk}/": {"status": "answered", "answer": "x"},
        f"/thi-dua/guong-dien-hinh/{r.exemplary.pk}/sua/": {"name": "Khác"},
        f"/don-vi/{tree.dong_phuc.pk}/khu-dan-cu/them/": {"name": "Thôn Mới"},
        f"/don-vi/{tree.dong_phuc.pk}/khu-dan-cu/{tree.na_hai.pk}/": {"name": "Thôn Đổi Tên"},
        f"/don-vi/{tree.na_hai.pk}/thuoc-tinh/": {"households": "999"},
        f"/don-vi/{tree.dong_phuc.pk}/to-chuc/them/": {"name": "Hội Mới"},
    }
    for path, data in posts.items():
        assert c.post(path, data).status_code == 403, path
    assert Supervision.objects.get(pk=r.supervision.pk).subject == before
    tree.na_hai.refresh_from_db()
    assert tree.na_hai.name == "Thôn Nà Hai" and tree.na_hai.households == 120


def test_the_table_is_what_the_middleware_enforces(rf, org_officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        permissions.check(org_officer, "oversight:supervision_edit", "POST")
    permissions.check(org_officer, "initiatives:edit", "POST")  # own organisation's rows: allowed here
    assert permissions.TABLE["oversight:supervision_edit"].organisation == "Front only"
    assert permissions.TABLE["initiatives:edit"].organisation == "own rows"
