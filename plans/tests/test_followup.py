"""Following up an issued plan: tasks assigned, updated by the assignee, overdue on the dashboard and unit page;
the contact person on rounds and reminders; the registration deadline opened as the year's drive in one click."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import followup
from plans.models import TaskStatus

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def task(issued_province_plan):
    return issued_province_plan.tasks.get()


def test_the_issuer_assigns_a_task_to_a_commune_and_it_is_audited(task, tree, province_officer):
    from accounts.models import AuditEvent

    followup.assign_task(province_officer, task, unit=tree.dong_phuc, organisation=None,
                         deadline=datetime.date(2026, 5, 1))
    task.refresh_from_db()
    assert task.assigned_unit == tree.dong_phuc and task.deadline == datetime.date(2026, 5, 1)
    assert AuditEvent.objects.filter(object_type="plans.task", object_id=str(task.pk), verb="Giao nhiệm vụ").exists()


def test_a_task_cannot_go_to_a_unit_outside_the_plan(task, tree, province_officer):
    with pytest.raises(ValidationError, match="không thuộc"):
        followup.assign_task(province_officer, task, unit=tree.cao_bang_commune, organisation=None, deadline=None)


def test_a_commune_officer_cannot_assign_the_province_task(task, tree, dong_phuc_officer):
    with pytest.raises((PermissionDenied, Exception)):
        followup.assign_task(dong_phuc_officer, task, unit=tree.dong_phuc, organisation=None, deadline=None)


def test_the_assignee_records_progress_with_evidence(task, tree, province_officer, dong_phuc_officer):
    followup.assign_task(province_officer, task, unit=tree.dong_phuc, organisation=None,
                         deadline=datetime.date(2026, 5, 1))
    evidence = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    followup.update_progress(dong_phuc_officer, task, status=TaskStatus.DONE, note="Đã ban hành KH số 12.",
                             evidence=evidence, done_on=datetime.date(2026, 4, 20))
    task.refresh_from_db()
    assert task.status == "done" and task.evidence_name == "bien-ban.pdf" and task.evidence_type == "application/pdf"
    assert not task.is_overdue(datetime.date(2026, 6, 1))


def test_another_commune_cannot_update_a_task_given_to_dong_phuc(task, tree, province_officer, other_officer):
    followup.assign_task(province_officer, task, unit=tree.dong_phuc, organisation=None, deadline=None)
    with pytest.raises(PermissionDenied):
        followup.update_progress(other_officer, task, status=TaskStatus.DOING, note="")


def test_a_member_organisation_updates_only_its_own_task(task, tree, province_officer, org_officer):
    from units.models import MemberOrganisation, OrganisationKind

    kind = OrganisationKind.objects.get(code="hoi-nong-dan")
    province_hnd = MemberOrganisation.objects.create(unit=tree.province, kind=kind, name="Hội Nông dân tỉnh")
    followup.assign_task(province_officer, task, unit=None, organisation=province_hnd, deadline=None)
    with pytest.raises(PermissionDenied):  # the commune's Hội Nông dân is another organisation
        followup.update_progress(org_officer, task, status=TaskStatus.DOING, note="")


def test_bad_evidence_is_refused_and_nothing_is_written(task, province_officer):
    with pytest.raises(ValidationError, match="Minh chứng"):
        followup.update_progress(province_officer, task, status=TaskStatus.DONE, note="xong",
                                 evidence=SimpleUploadedFile("a.pdf", b"not a pdf"))
    task.refresh_from_db()
    assert task.status == "todo" and task.progress_note == "" and task.version == 0


def test_a_draft_plans_tasks_are_not_followed_up(province_plan, tree, province_officer):
    task = province_plan.tasks.get()
    with pytest.raises(ValidationError, match="chưa ban hành"):
        followup.assign_task(province_officer, task, unit=tree.dong_phuc, organisation=None, deadline=None)


def test_overdue_is_computed_from_the_deadline(task, tree, province_officer, dong_phuc_officer):
    followup.assign_task(province_officer, task, unit=tree.dong_phuc, organisation=None,
                         deadline=datetime.date(2026, 4, 15))
    task.refresh_from_db()
    assert task.follow_up_status(datetime.date(2026, 4, 15)) == "Chưa làm"
    assert task.follow_up_status(datetime.date(2026, 4, 16)) == "Quá hạn"
    assert list(followup.overdue_tasks(dong_phuc_officer, tree.dong_phuc, datetime.date(2026, 5, 1))) == [task]
    assert list(followup.overdue_tasks(province_officer, tree.bang_thanh, datetime.date(2026, 5, 1))) == []


def test_the_task_page_lets_the_assignee_update(task, tree, province_officer, dong_phuc_officer, client_for):
    followup.assign_task(province_officer, task, unit=tree.dong_phuc, organisation=None,
                         deadline=datetime.date(2026, 4, 15))
    client = client_for(dong_phuc_officer)
    url = reverse("plans:task", args=[task.plan_id, task.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Cập nhật tiến độ" in page.content.decode()
    assert "Giao nhiệm vụ" not in page.content.decode()  # only the issuer assigns
    response = client.post(url, {"action": "progress", "status": "doing", "progress_note": "Đang soạn",
                                 "version": 1})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "doing"
    listing = client.get(reverse("plans:tasks") + "?loc=qua-han").content.decode()
    assert "Quá hạn" in listing and task.text[:30] in listing


def test_a_stale_form_does_not_overwrite(task, province_officer, client_for):
    client = client_for(province_officer)
    url = reverse("plans:task", args=[task.plan_id, task.pk])
    followup.update_progress(province_officer, task, status="doing", note="Bản mới")
    client.post(url, {"action": "progress", "status": "done", "progress_note": "Bản cũ", "version": 0})
    task.refresh_from_db()
    assert task.progress_note == "Bản mới"


def test_overdue_tasks_show_on_the_dashboard_and_unit_page(task, tree, province_officer, client_for):
    followup.assign_task(province_officer, task, unit=tree.dong_phuc, organisation=None,
                         deadline=datetime.date(2026, 4, 20))
    client = client_for(province_officer)
    unit_page = client.get(reverse("units:detail", args=[tree.dong_phuc.pk])).content.decode()
    assert "Nhiệm vụ quá hạn: 1" in unit_page
    board = client.get(reverse("dashboards:unit", args=[tree.province.pk])).content.decode()
    assert "Nhiệm vụ quá hạn" in board and task.text[:30] in board


def test_another_province_does_not_see_the_task(task, tree, client_for):
    from conftest import _user

    stranger = _user("caobang", "officer", tree.other_province)
    assert followup.visible_tasks(stranger).count() == 0
    assert client_for(stranger).get(reverse("plans:task", args=[task.plan_id, task.pk])).status_code == 404


# --- the contact person ------------------------------------------------------------------------------------

def test_the_contact_person_shows_on_rounds_opened_from_the_plan_and_in_reminders(
        issued_province_plan, tree, province_officer, dong_phuc_officer, client_for, mailoutbox):
    from plans.models import Plan, ReportRequirement
    from reporting import reminders, services

    Plan.objects.filter(pk=issued_province_plan.pk).update(
        contact_name="Nguyễn Thị Lê", contact_phone="0977713613", contact_email="le@example.vn")
    requirement = ReportRequirement.objects.filter(plan=issued_province_plan).first()
    rnd = services.open_round(province_officer, tree.province, {**services.from_requirement(requirement),
                                                                 "period": requirement.period,
                                                                 "requirement": requirement})
    page = client_for(province_officer).get(reverse("reporting:round", args=[rnd.pk])).content.decode()
    assert "Nguyễn Thị Lê" in page and "0977713613" in page
    sub = rnd.submissions.get(unit=tree.dong_phuc)
    reminders.send_submission_reminder(sub, "manual", datetime.date(2026, 6, 1))
    assert "Cán bộ phụ trách theo dõi, tổng hợp: Nguyễn Thị Lê · 0977713613 · le@example.vn" in mailoutbox[0].body


def test_a_phone_without_a_name_is_refused_on_the_plan_form():
    from plans.forms import PlanForm

    form = PlanForm({"doc_type": "KH", "issuing_body": "BAN THƯỜNG TRỰC", "title": "Kế hoạch", "archive": "VT",
                     "contact_phone": "0977 713 613"})
    assert not form.is_valid() and "contact_name" in form.errors


# --- the registration deadline -------------------------------------------------------------------------------

def test_a_recurring_registration_deadline_is_offered_as_the_next_drive_and_opened_in_one_click(
        province_plan, tree, province_officer, client_for):
    from initiatives.models import RegistrationDrive
    from plans.models import Plan

    Plan.objects.filter(pk=province_plan.pk).update(registration_deadline=datetime.date(2018, 2, 15),
                                                    registration_recurring=True)
    province_plan.refresh_from_db()
    offer = followup.registration_offer(province_officer, province_plan, datetime.date(2026, 12, 1))
    assert offer == {"year": 2027, "deadline": datetime.date(2027, 2, 15)}
    offer = followup.registration_offer(province_officer, province_plan, datetime.date(2027, 1, 10))
    assert offer == {"year": 2027, "deadline": datetime.date(2027, 2, 15)}
    client = client_for(province_officer)
    assert "Mở đợt đăng ký năm" in client.get(reverse("plans:detail", args=[province_plan.pk])).content.decode()
    response = client.post(reverse("plans:open_drive", args=[province_plan.pk]))
    drive = RegistrationDrive.objects.get(unit=tree.province)
    assert response.status_code == 302 and drive.deadline.month == 2 and drive.deadline.day == 15
    assert "Mở đợt đăng ký năm" not in client.get(reverse("plans:detail", args=[province_plan.pk])).content.decode()
    assert client.post(reverse("plans:open_drive", args=[province_plan.pk])).status_code == 302
    assert RegistrationDrive.objects.count() == 1


def test_a_member_organisation_is_not_offered_the_drive(province_plan, org_officer):
    from plans.models import Plan

    Plan.objects.filter(pk=province_plan.pk).update(registration_deadline=datetime.date(2018, 2, 15),
                                                    registration_recurring=True)
    province_plan.refresh_from_db()
    assert followup.registration_offer(org_officer, province_plan) is None


def test_the_bac_kan_import_proposes_the_recurring_deadline_and_no_contact(tree):
    from plans.from_import import proposal
    from plans.importer import parse_file
    from plans.tests.test_importer_seeds import SEEDS

    path = SEEDS / "ke-hoach-phoi-hop-bac-kan-2017.txt"
    data = proposal(parse_file(path), path.read_text(encoding="utf-8"), tree.province)
    assert data["header"]["registration_deadline"] == "2018-02-15"
    assert data["header"]["registration_recurring"] is True
    assert data["header"]["contact_name"] == ""


def test_the_thai_nguyen_import_proposes_its_contact_person(tree):
    from plans.from_import import proposal
    from plans.importer import parse_file
    from plans.tests.test_importer_seeds import SEEDS

    path = SEEDS / "ke-hoach-thai-nguyen-2026.txt"
    data = proposal(parse_file(path), path.read_text(encoding="utf-8"), tree.province)
    assert (data["header"]["contact_name"], data["header"]["contact_phone"]) == ("Nguyễn Thị Lê", "0977713613")


def test_a_commune_reads_a_province_task_given_to_another_commune_but_cannot_update_it(
        task, tree, province_officer, other_officer, client_for):
    followup.assign_task(province_officer, task, unit=tree.dong_phuc, organisation=None, deadline=None)
    client = client_for(other_officer)
    page = client.get(reverse("plans:task", args=[task.plan_id, task.pk]))
    assert page.status_code == 200 and "Cập nhật tiến độ" not in page.content.decode()
    assert task.text[:30] not in client.get(reverse("plans:tasks")).content.decode()  # not given to them
    assert client.post(reverse("plans:task", args=[task.plan_id, task.pk]),
                       {"action": "progress", "status": "done"}).status_code == 403


def test_a_member_organisation_commitment_is_evaluated_for_that_organisation(tree, province_officer):
    """Bắc Kạn §II.3: 'Hội Phụ nữ ở mỗi xã … ít nhất 01 mô hình' — a target on organisation_models for the
    women's union, met by the communes whose women's union runs a model, whatever other organisations do."""
    from campaign.periods import get_period
    from indicators.models import Measure
    from indicators.services import changed
    from indicators.sync import sync_measures
    from indicators.targets import evaluate
    from initiatives.tests.helpers import make
    from plans import services
    from units.models import MemberOrganisation, OrganisationKind

    sync_measures()
    women, _ = OrganisationKind.objects.get_or_create(code="hoi-lhpn", defaults={"name": "Hội LHPN",
                                                                                 "short_name": "Hội LHPN"})
    period = get_period("2026")
    dp_women = MemberOrganisation.objects.create(unit=tree.dong_phuc, kind=women, name="Hội LHPN xã Đồng Phúc")
    make(tree.na_hai, title="Xây dựng gia đình hạnh phúc", organisation=dp_women)
    make(tree.ban_bang, title="Tổ hợp tác chè", organisation=tree.hnd_bang_thanh)  # another organisation
    for unit in (tree.na_hai, tree.ban_bang):
        changed("initiatives", unit, datetime.date(2026, 1, 1))
    plan = services.create_plan(province_officer, tree.province, {"title": "Kế hoạch phối hợp", "period": period})
    services.replace_targets(province_officer, plan, [{
        "text": "Hội Phụ nữ ở mỗi xã duy trì ít nhất 01 mô hình", "measure": "organisation_models",
        "scope": "each_unit", "level": "commune", "threshold": 1, "org_kind": "hoi-lhpn"}])
    target = plan.targets.get()
    assert Measure.objects.get(code="organisation_models").by_organisation
    result = evaluate(target)
    assert (result.units_meeting, result.units_total) == (1, 3)  # Đồng Phúc only; Bằng Thành's model is Hội Nông dân's
