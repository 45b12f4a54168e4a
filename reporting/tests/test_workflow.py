import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import AuditEvent
from reporting import services
from reporting.models import State, Transition

from .conftest import NARRATIVES

JUNE_1 = datetime.date(2026, 6, 1)  # the round has no lock date: any day before it is open


def test_opening_a_round_assigns_one_submission_per_commune(h1_round, tree):
    units = set(h1_round.submissions.values_list("unit__name", flat=True))
    assert units == {"Xã Đồng Phúc", "Xã Bằng Thành", "Phường Phan Đình Phùng"}


def test_member_organisations_are_assigned_when_asked(tree, province_officer):
    from units.models import MemberOrganisation, OrganisationKind
    MemberOrganisation.objects.create(unit=tree.province, kind=OrganisationKind.objects.get(code="hoi-ccb"),
                                      name="Hội Cựu chiến binh tỉnh")
    from campaign.periods import get_period
    rnd = services.open_round(province_officer, tree.province, {
        "period": get_period("2026"), "name": "Năm 2026", "cut_off": datetime.date(2026, 11, 1),
        "due_date": datetime.date(2026, 11, 15), "reporters": "commune", "include_organisations": True,
        "measure_codes": []})
    assert rnd.submissions.filter(organisation__name="Hội Cựu chiến binh tỉnh").count() == 1
    assert rnd.submissions.count() == 4
    assert services.assign(province_officer, rnd) == 0  # idempotent


def test_the_whole_cycle_is_recorded(dong_phuc_sub, dong_phuc_officer, province_officer):
    sub = services.save_draft(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES, on=JUNE_1)
    sub = services.submit(dong_phuc_officer, sub, on=JUNE_1)
    assert sub.state == State.SUBMITTED and sub.first_submitted_at
    first = sub.first_submitted_at
    sub = services.return_for_correction(province_officer, sub, "Bổ sung nguyên nhân.", "content:1:nguyen_nhan")
    assert sub.state == State.RETURNED
    sub = services.submit(dong_phuc_officer, sub, sub.version, narratives={
        **NARRATIVES, "1": {**NARRATIVES["1"], "nguyen_nhan": "Địa bàn rộng."}}, general="", on=JUNE_1)
    assert sub.state == State.SUBMITTED and sub.first_submitted_at == first
    sub = services.accept(province_officer, sub)
    sub = services.lock(province_officer, sub)
    steps = list(Transition.objects.filter(submission=sub).values_list("verb", "to_state"))
    assert steps == [("Gửi báo cáo", "submitted"), ("Trả lại để sửa", "returned"), ("Gửi lại báo cáo", "submitted"),
                     ("Tiếp nhận báo cáo", "accepted"), ("Khóa số liệu", "locked")]
    verbs = set(AuditEvent.objects.filter(object_type="reporting.submission", object_id=str(sub.pk))
                .values_list("verb", flat=True))
    assert {"Lưu báo cáo", "Gửi báo cáo", "Trả lại để sửa", "Gửi lại báo cáo", "Tiếp nhận báo cáo",
            "Khóa số liệu"} <= verbs
    change = AuditEvent.objects.filter(object_id=str(sub.pk), verb="Lưu báo cáo").first()
    assert "narratives" in change.changes


def test_return_needs_a_comment(dong_phuc_sub, dong_phuc_officer, province_officer):
    sub = services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES, general="", values={},
                          on=JUNE_1)
    with pytest.raises(services.ReportingError, match="không được để trống"):
        services.return_for_correction(province_officer, sub, "  ")
    with pytest.raises(services.ReportingError, match="không có trong báo cáo"):
        services.return_for_correction(province_officer, sub, "Sửa", "content:9:ket_qua")


def test_an_empty_report_cannot_be_sent(dong_phuc_sub, dong_phuc_officer):
    with pytest.raises(services.ReportingError, match="chưa có nội dung"):
        services.submit(dong_phuc_officer, dong_phuc_sub, on=JUNE_1)


def test_second_save_with_an_old_version_is_a_conflict_and_overwrites_nothing(dong_phuc_sub, dong_phuc_officer,
                                                                              tree):
    from conftest import _user
    colleague = _user("dongphuc2", "officer", tree.dong_phuc, full_name="Lý Văn Hải")
    opened_version = dong_phuc_sub.version
    services.save_draft(dong_phuc_officer, dong_phuc_sub, opened_version, narratives=NARRATIVES, on=JUNE_1)
    stale = type(dong_phuc_sub).objects.get(pk=dong_phuc_sub.pk)
    stale.version = opened_version  # the colleague opened the form before the first save
    with pytest.raises(services.ConflictError) as err:
        services.save_draft(colleague, stale, opened_version, narratives={"1": {"ket_qua": "Khác hẳn."}}, on=JUNE_1)
    assert "Ma Thị Lan" in str(err.value)
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.narratives["1"]["ket_qua"] == NARRATIVES["1"]["ket_qua"]
    assert dong_phuc_sub.version == opened_version + 1


def test_locked_period_refuses_writes_unless_an_exception_is_granted(dong_phuc_sub, dong_phuc_officer,
                                                                    province_officer):
    dong_phuc_sub.round.lock_on = datetime.date(2026, 7, 15)
    dong_phuc_sub.round.save()
    after_lock = datetime.date(2026, 7, 20)
    with pytest.raises(services.LockedError, match="đã khóa"):
        services.save_draft(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES, on=after_lock)
    with mock.patch("reporting.services.today", return_value=after_lock):
        services.grant_exception(province_officer, dong_phuc_sub, datetime.date(2026, 7, 25))
        sub = services.save_draft(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES, on=after_lock)
        sub = services.submit(dong_phuc_officer, sub, on=after_lock)
    assert sub.state == State.SUBMITTED
    with pytest.raises(services.LockedError):
        services.save_draft(dong_phuc_officer, sub, sub.version, narratives={}, on=datetime.date(2026, 7, 26))


def test_an_explicitly_locked_submission_refuses_writes(dong_phuc_sub, dong_phuc_officer, province_officer):
    sub = services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES, on=JUNE_1)
    sub = services.lock(province_officer, services.accept(province_officer, sub))
    with pytest.raises(services.LockedError):
        services.save_draft(dong_phuc_officer, sub, sub.version, narratives={}, on=JUNE_1)


def test_only_the_receiver_reviews_and_only_the_reporter_writes(dong_phuc_sub, dong_phuc_officer, other_officer,
                                                                leader, province_officer):
    with pytest.raises(PermissionDenied):
        services.save_draft(leader, dong_phuc_sub, 0, narratives=NARRATIVES, on=JUNE_1)
    with pytest.raises(PermissionDenied):
        services.save_draft(province_officer, dong_phuc_sub, 0, narratives=NARRATIVES, on=JUNE_1)
    from django.http import Http404
    with pytest.raises(Http404):
        services.save_draft(other_officer, dong_phuc_sub, 0, narratives=NARRATIVES, on=JUNE_1)
    sub = services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES, on=JUNE_1)
    with pytest.raises((PermissionDenied, Http404)):
        services.accept(dong_phuc_officer, sub)
    with pytest.raises(PermissionDenied):
        services.accept(leader, sub)


def test_attachments_are_checked_by_content_and_size(dong_phuc_sub, dong_phuc_officer, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    settings.MEDIA_ROOT = tmp_path
    att = services.add_attachment(dong_phuc_officer, dong_phuc_sub,
                                  SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 signed scan\n%%EOF\n",
                                                                    "application/pdf"))
    assert att.content_type == "application/pdf" and att.size == 27
    with pytest.raises(services.ReportingError, match="không phải PDF"):
        services.add_attachment(dong_phuc_officer, dong_phuc_sub,
                                SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", "application/pdf"))
    big = SimpleUploadedFile("lon.pdf", b"%PDF" + b"0" * (services.MAX_ATTACHMENT_BYTES + 1), "application/pdf")
    with pytest.raises(services.ReportingError, match="quá giới hạn"):
        services.add_attachment(dong_phuc_officer, dong_phuc_sub, big)
