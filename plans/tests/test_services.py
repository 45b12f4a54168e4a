import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts.models import AuditEvent
from plans import services
from plans.access import PlanLocked, get_plan, visible_plans
from plans.models import Plan, Section


def test_sections_form_a_tree_from_their_labels(province_plan):
    sections = {(s.label, s.title[:10]): s for s in province_plan.sections.select_related("parent")}
    roman = [s for s in province_plan.sections.all() if s.depth == 1]
    assert [s.label for s in roman] == ["I.", "II.", "III."]
    bullet = province_plan.sections.get(label="-")
    assert bullet.parent.label == "1." and bullet.parent.parent.label == "III."
    assert sections[("2.", "100% khu d")].parent.label == "II."


def test_writes_are_audited(province_plan):
    verbs = set(AuditEvent.objects.filter(object_type="plans.plan", object_id=str(province_plan.pk))
                .values_list("verb", flat=True))
    assert {"Sửa các mục", "Sửa nơi nhận", "Sửa chế độ báo cáo", "Sửa nhiệm vụ"} <= verbs


def test_recipients_drop_dashes_semicolons_and_the_archive_line(province_plan, province_officer):
    services.replace_recipients(province_officer, province_plan, ["- UBND tỉnh (để phối hợp);", "", "- Lưu: VT."])
    assert list(province_plan.recipients.values_list("text", flat=True)) == ["UBND tỉnh (để phối hợp)"]


def test_issuing_needs_number_date_and_signer(tree, province_officer):
    plan = services.create_plan(province_officer, tree.province, {"title": "Kế hoạch thử"})
    with pytest.raises(ValidationError) as exc:
        services.issue_plan(province_officer, plan)
    text = " ".join(exc.value.messages)
    assert "số văn bản" in text and "ngày ban hành" in text and "người ký" in text
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_issued_plans_are_read_only_and_issuing_is_audited(issued_province_plan, province_officer):
    plan = issued_province_plan
    assert plan.is_issued and plan.issued_by == province_officer
    assert AuditEvent.objects.filter(object_id=str(plan.pk), verb="Ban hành kế hoạch").exists()
    for change in (lambda: services.update_plan(province_officer, plan, {"title": "Khác"}),
                   lambda: services.replace_sections(province_officer, plan, []),
                   lambda: services.replace_recipients(province_officer, plan, []),
                   lambda: services.issue_plan(province_officer, plan),
                   lambda: services.delete_draft(province_officer, plan)):
        with pytest.raises(PlanLocked):
            change()
    assert plan.sections.count() == 9


def test_leader_and_member_organisation_officer_cannot_write(province_plan, leader, org_officer, tree):
    with pytest.raises(PermissionDenied):
        services.update_plan(leader, province_plan, {"title": "x"})
    with pytest.raises(PermissionDenied):
        services.create_plan(org_officer, tree.dong_phuc, {"title": "x"})


def test_other_commune_cannot_write_or_read_a_communes_draft(tree, dong_phuc_officer, other_officer):
    plan = services.create_plan(dong_phuc_officer, tree.dong_phuc, {"title": "Kế hoạch xã"})
    with pytest.raises(Http404):
        services.update_plan(other_officer, plan, {"title": "x"})
    with pytest.raises(Http404):
        get_plan(other_officer, plan.pk)


def test_communes_read_issued_plans_above_but_not_drafts(province_plan, province_officer, dong_phuc_officer):
    assert not visible_plans(dong_phuc_officer).filter(pk=province_plan.pk).exists()
    services.issue_plan(province_officer, province_plan)
    assert visible_plans(dong_phuc_officer).filter(pk=province_plan.pk).exists()


def test_report_requirement_knows_who_reports_to_whom(province_plan, tree):
    req = province_plan.report_requirements.get(name="Báo cáo 6 tháng")
    assert req.period.code == "2026-h1" and req.due_date == datetime.date(2026, 6, 10)
    assert req.recipient_unit == tree.province
    assert set(req.reporting_units()) == {tree.dong_phuc, tree.bang_thanh, tree.ward}


def test_report_cutoff_after_due_date_is_refused(province_plan, province_officer):
    from campaign.periods import get_period

    with pytest.raises(ValidationError):
        services.replace_report_requirements(province_officer, province_plan, [
            {"name": "Báo cáo quý", "period": get_period("2026-q1"), "cutoff_date": datetime.date(2026, 4, 1),
             "due_date": datetime.date(2026, 3, 20)}])
    assert province_plan.report_requirements.count() == 2


def test_references_link_plans_that_are_in_doanket(issued_province_plan, tree, dong_phuc_officer):
    plan = services.create_plan(dong_phuc_officer, tree.dong_phuc, {"title": "Kế hoạch xã"})
    services.replace_references(dong_phuc_officer, plan, [
        {"kind": "basis", "number": "59/KH-MTTQ-BTT", "date": datetime.date(2026, 3, 16), "text": "Kế hoạch số 59"},
        {"kind": "basis", "number": "09/TB-MTTQ-BTT", "text": "Thông báo số 09"}])
    refs = list(plan.references.all())
    assert refs[0].linked_plan == issued_province_plan and refs[1].linked_plan is None


def test_section_depth_from_labels():
    from plans.models import label_depth

    assert [label_depth(x) for x in ["I.", "1.", "1.1.", "1.1.1.", "a)", "-"]] == [1, 2, 3, 4, 4, 5]
    assert Section(label="+").is_bullet
