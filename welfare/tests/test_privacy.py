"""Identity numbers masked by default, sensitive fields behind their own right, every read logged, exports
masked unless the exporter has the right and gives a reason (logged)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from welfare.privacy import mask_id
from welfare.tests.conftest import grant


@pytest.mark.parametrize("number, masked", [
    ("001203004589", "0012******89"), ("019087000123", "0190******23"), ("", ""), ("12345", "*****"),
    ("1234567", "1234*67"),
])
def test_identity_numbers_are_masked(number, masked):
    assert mask_id(number) == masked


def test_the_list_shows_masked_numbers_only(client_for, dong_phuc_officer, tree, households):
    html = client_for(dong_phuc_officer).get(reverse("welfare:list", args=[tree.dong_phuc.pk])).content.decode()
    assert "Hoàng Văn Mạnh" in html
    assert "0012******89" in html
    assert "001203004589" not in html


def test_opening_a_household_is_logged_with_who(client_for, dong_phuc_officer, households):
    client = client_for(dong_phuc_officer)
    before = AuditEvent.objects.filter(action="view").count()
    response = client.get(reverse("welfare:detail", args=[households.manh.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="view").latest("pk")
    assert AuditEvent.objects.filter(action="view").count() == before + 1
    assert event.actor == dong_phuc_officer
    assert event.object_id == str(households.manh.pk) and event.object_type == "welfare.household"
    assert "001203004589" not in response.content.decode()


def test_sensitive_fields_need_their_own_right(client_for, dong_phuc_officer, households):
    url = reverse("welfare:detail", args=[households.manh.pk])
    html = client_for(dong_phuc_officer).get(url).content.decode()
    assert "Tày" not in html and "Bệnh tim" not in html
    allowed = grant(dong_phuc_officer, "view_sensitive")
    html = client_for(allowed).get(url).content.decode()
    assert "Tày" in html and "Bệnh tim" in html


def test_the_audit_trail_never_holds_a_full_identity_number(dong_phuc_officer, tree):
    from welfare import services
    from welfare.models import Status

    allowed = grant(dong_phuc_officer, "view_sensitive")
    household = services.save_household(allowed, tree.na_hai, {
        "head_name": "Đàm Văn Quý", "id_number": "019099888777", "members": 3, "ethnicity": "Nùng",
        "health_note": "Ung thư"}, 2026, Status.POOR)
    event = AuditEvent.objects.filter(object_type="welfare.household", object_id=str(household.pk)).get()
    text = str(event.changes)
    assert "019099888777" not in text and "0190******77" in text
    assert "Nùng" not in text and "Ung thư" not in text


def _export(client, unit, **data):
    return client.post(reverse("welfare:export", args=[unit.pk]), {"fmt": "xlsx", "year": 2026, **data})


def _cells(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]


def test_exports_are_masked_by_default_and_logged(client_for, dong_phuc_officer, tree, households):
    response = _export(client_for(dong_phuc_officer), tree.dong_phuc, unmask="on", reason="thử xuất đầy đủ")
    cells = _cells(response)
    assert "0012******89" in cells and "001203004589" not in cells
    assert "Tày" not in cells
    event = AuditEvent.objects.filter(action="export").latest("pk")
    assert event.actor == dong_phuc_officer and "đã che" in event.note


def test_an_unmasked_export_needs_the_right_and_a_reason_which_is_logged(client_for, dong_phuc_officer, tree,
                                                                           households):
    allowed = grant(dong_phuc_officer, "export_identity")
    client = client_for(allowed)
    response = _export(client, tree.dong_phuc, unmask="on", reason="")
    assert response.status_code == 200 and "Ghi rõ lý do" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()
    response = _export(client, tree.dong_phuc, unmask="on", reason="Gửi Ngân hàng CSXH làm hồ sơ vay vốn")
    assert "001203004589" in _cells(response)
    event = AuditEvent.objects.filter(action="export").latest("pk")
    assert "KHÔNG che" in event.note and "Ngân hàng CSXH" in event.note


def test_an_administrator_grants_the_rights_and_it_is_logged(client_for, province_admin, dong_phuc_officer):
    client = client_for(province_admin)
    assert client.get(reverse("welfare:rights")).status_code == 200
    client.post(reverse("welfare:rights"), {"user": dong_phuc_officer.pk, "sensitive": "1"})
    from accounts.models import User

    fresh = User.objects.get(pk=dong_phuc_officer.pk)
    assert fresh.has_perm("welfare.view_sensitive") and not fresh.has_perm("welfare.export_identity")
    assert AuditEvent.objects.filter(verb="Cấp quyền dữ liệu cá nhân", object_id=str(fresh.pk)).exists()


def test_only_administrators_grant_rights(client_for, dong_phuc_officer, province_officer):
    assert client_for(dong_phuc_officer).get(reverse("welfare:rights")).status_code == 403
    response = client_for(dong_phuc_officer).post(reverse("welfare:rights"), {"user": province_officer.pk,
                                                                             "sensitive": "1"})
    assert response.status_code == 403


def test_a_provinces_list_is_exported_by_a_background_job_masked_and_logged(client_for, province_officer, tree,
                                                                             households):
    """Thousands of households: the province's export runs as a job (progress page, download when done), with the
    same masking and the same log as a direct download."""
    from jobs.models import Job

    client = client_for(province_officer)
    response = _export(client, tree.province, unmask="on", reason="không có quyền nên vẫn che")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.filename.endswith(".xlsx") and "đã che" in job.message
    download = client.get(reverse("jobs:download", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "0012******89" in cells and "001203004589" not in cells and "Hoàng Văn Mạnh" in cells
    event = AuditEvent.objects.filter(action="export", verb="Xuất danh sách hộ").latest("pk")
    assert event.actor == province_officer and "đã che" in event.note
