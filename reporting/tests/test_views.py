import datetime

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import Reminder, State

from .conftest import NARRATIVES


def _submission_urls(sub, att_pk=1):
    return [reverse("reporting:submission", args=[sub.pk]), reverse("reporting:autosave", args=[sub.pk]),
            reverse("reporting:review", args=[sub.pk]), reverse("reporting:attachment_add", args=[sub.pk]),
            reverse("reporting:attachment", args=[sub.pk, att_pk])]


def _round_urls(rnd, sub):
    return [reverse(n, args=[rnd.pk]) for n in ("reporting:round", "reporting:round_xlsx", "reporting:remind_all",
                                                "reporting:consolidated", "reporting:consolidated_docx",
                                                "reporting:consolidated_xlsx", "reporting:consolidated_job",
                                                "reporting:fill_upward")] + [
        reverse("reporting:remind", args=[rnd.pk, sub.pk])]


def test_another_communes_officer_gets_404_on_every_url(client_for, other_officer, dong_phuc_sub, h1_round):
    client = client_for(other_officer)
    for url in _submission_urls(dong_phuc_sub) + _round_urls(h1_round, dong_phuc_sub):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"action": "accept", "version": 0}).status_code in (403, 404), url  # 403: by role


def test_member_organisation_officer_cannot_see_the_communes_report(client_for, org_officer, dong_phuc_sub):
    client = client_for(org_officer)
    for url in _submission_urls(dong_phuc_sub):
        assert client.post(url, {"version": 0}).status_code in (403, 404), url  # 403: by role, before any row


def test_commune_officer_cannot_open_the_provinces_round_pages(client_for, dong_phuc_officer, h1_round,
                                                               dong_phuc_sub):
    client = client_for(dong_phuc_officer)
    for url in _round_urls(h1_round, dong_phuc_sub):
        assert client.post(url).status_code in (403, 404), url  # 403: by role, before any row


def test_leader_reads_everything_and_writes_nothing(client_for, leader, dong_phuc_sub, h1_round):
    client = client_for(leader)
    for url in [reverse("reporting:index"), reverse("reporting:round", args=[h1_round.pk]),
                reverse("reporting:consolidated", args=[h1_round.pk]),
                reverse("reporting:submission", args=[dong_phuc_sub.pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Tiếp nhận</button>" not in response.content.decode() and "Nhắc</button>" not in response.content.decode()
    response = client.post(reverse("reporting:submission", args=[dong_phuc_sub.pk]),
                           {"version": 0, "n-1-ket_qua": "Sửa trộm", "action": "save"})
    assert response.status_code == 403
    assert client.post(reverse("reporting:remind_all", args=[h1_round.pk])).status_code == 403
    assert client.get(reverse("reporting:round_new")).status_code == 403
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.narratives == {}


def test_commune_officer_fills_saves_and_sends(client_for, dong_phuc_officer, dong_phuc_sub):
    client = client_for(dong_phuc_officer)
    url = reverse("reporting:submission", args=[dong_phuc_sub.pk])
    page = client.get(url)
    assert "Nội dung 1" in page.content.decode() and page.status_code == 200
    response = client.post(url, {"version": 0, "n-1-ket_qua": "Hỗ trợ 12 hộ nghèo.", "general": "Tốt.",
                                 "action": "submit"})
    assert response.status_code == 302
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.state == State.SUBMITTED
    assert dong_phuc_sub.narratives == {"1": {"ket_qua": "Hỗ trợ 12 hộ nghèo."}}


def test_a_stale_form_shows_the_conflict_and_keeps_both_texts(client_for, dong_phuc_officer, dong_phuc_sub):
    client = client_for(dong_phuc_officer)
    url = reverse("reporting:submission", args=[dong_phuc_sub.pk])
    client.post(url, {"version": 0, "n-1-ket_qua": "Bản thứ nhất.", "action": "save"})
    response = client.post(url, {"version": 0, "n-1-ket_qua": "Bản thứ hai.", "action": "save"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "vừa được" in text and "Bản thứ nhất." in text and "Bản thứ hai." in text
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.narratives["1"]["ket_qua"] == "Bản thứ nhất."
    autosave = client.post(reverse("reporting:autosave", args=[dong_phuc_sub.pk]),
                           {"version": 0, "n-1-ket_qua": "Bản thứ ba."})
    assert 'data-conflict="1"' in autosave.content.decode() and 'id="version"' not in autosave.content.decode()


def test_autosave_saves_a_draft_and_answers_the_new_version(client_for, dong_phuc_officer, dong_phuc_sub):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("reporting:autosave", args=[dong_phuc_sub.pk]),
                           {"version": 0, "n-2-ket_qua": "Đang gõ dở"}, HTTP_HX_REQUEST="true")
    assert 'value="1"' in response.content.decode()
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.narratives == {"2": {"ket_qua": "Đang gõ dở"}} and dong_phuc_sub.state == State.DRAFT


def test_locked_round_shows_a_vietnamese_message(client_for, dong_phuc_officer, dong_phuc_sub):
    rnd = dong_phuc_sub.round
    rnd.lock_on = services.today() - datetime.timedelta(days=1)
    rnd.due_date = rnd.cut_off
    rnd.save()
    client = client_for(dong_phuc_officer)
    url = reverse("reporting:submission", args=[dong_phuc_sub.pk])
    assert "đã khóa" in client.get(url).content.decode()
    response = client.post(url, {"version": 0, "n-1-ket_qua": "Muộn", "action": "save"})
    assert response.status_code == 423 and "đã khóa" in response.content.decode()


def test_province_returns_with_a_comment_shown_on_the_section(client_for, province_officer, dong_phuc_officer,
                                                              dong_phuc_sub):
    services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES)
    client = client_for(province_officer)
    client.post(reverse("reporting:review", args=[dong_phuc_sub.pk]),
                {"action": "return", "comment": "Nêu rõ nguyên nhân.", "target": "content:1:nguyen_nhan"})
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.state == State.RETURNED
    page = client_for(dong_phuc_officer).get(reverse("reporting:submission", args=[dong_phuc_sub.pk])).content.decode()
    assert "Ý kiến: Nêu rõ nguyên nhân." in page


def test_remind_buttons_send_mail_to_the_responsible_people(client_for, province_officer, dong_phuc_officer,
                                                           other_officer, h1_round, mailoutbox):
    client = client_for(province_officer)
    sub = h1_round.submissions.get(unit=dong_phuc_officer.unit)
    response = client.post(reverse("reporting:remind", args=[h1_round.pk, sub.pk]), HTTP_HX_REQUEST="true")
    assert "Đã nhắc Xã Đồng Phúc" in response.content.decode()
    assert [m.to for m in mailoutbox] == [[dong_phuc_officer.email]]
    client.post(reverse("reporting:remind_all", args=[h1_round.pk]))
    assert Reminder.objects.filter(kind="manual").count() == 4  # Đồng Phúc twice, Bằng Thành, the ward
    assert any(other_officer.email in m.to for m in mailoutbox)


def test_round_can_be_opened_from_the_form(client_for, province_officer, tree):
    client = client_for(province_officer)
    assert client.get(reverse("reporting:round_new")).status_code == 200
    response = client.post(reverse("reporting:round_new"), {
        "period": "2026", "name": "Báo cáo năm 2026", "cut_off": "2026-11-01", "due_date": "2026-11-15",
        "reporters": "commune", "remind_days_before": 3})
    assert response.status_code == 302
    bad = client.post(reverse("reporting:round_new"), {
        "period": "2026", "name": "Sai", "cut_off": "2026-11-20", "due_date": "2026-11-15",
        "reporters": "commune", "remind_days_before": 3})
    assert "Hạn gửi phải sau ngày chốt số liệu" in bad.content.decode()


def test_consolidated_docx_and_xlsx_carry_the_communes_text(client_for, province_officer, dong_phuc_officer,
                                                            dong_phuc_sub, h1_round):
    """A province's round consolidates hundreds of reports: its files are made by a background job (the tests'
    task backend runs it at once), polled on the job's page and downloaded from there."""
    import io

    import docx
    import openpyxl

    from jobs.models import Job

    services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES)
    client = client_for(province_officer)
    page = client.get(reverse("reporting:consolidated", args=[h1_round.pk])).content.decode()
    assert "Xã Đồng Phúc:</b> Hỗ trợ 12 hộ nghèo phát triển sinh kế." in page
    assert reverse("reporting:consolidated_job", args=[h1_round.pk]) in page and "Lập báo cáo (DOCX)" in page
    # the direct download does not build a province's report inside the request: it points to the job
    direct = client.get(reverse("reporting:consolidated_docx", args=[h1_round.pk]))
    assert direct.status_code == 302 and direct.url == reverse("reporting:consolidated", args=[h1_round.pk])

    def made(fmt):
        response = client.post(reverse("reporting:consolidated_job", args=[h1_round.pk]), {"fmt": fmt})
        job = Job.objects.latest("pk")
        assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
        assert job.status == Job.Status.DONE and job.percent == 100, job.message
        status = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
        assert "Tải " in status and "hx-trigger" not in status
        download = client.get(reverse("jobs:download", args=[job.pk]))
        assert download.status_code == 200 and job.filename.endswith("." + fmt)
        return io.BytesIO(b"".join(download.streaming_content))

    text = "\n".join(p.text for p in docx.Document(made("docx")).paragraphs)
    assert "BÁO CÁO" in text and "Xã Đồng Phúc: Hỗ trợ 12 hộ nghèo phát triển sinh kế." in text
    sheet = openpyxl.load_workbook(made("xlsx")).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "Xã Đồng Phúc" in cells and "Gửi đúng hạn" in cells
    assert client.post(reverse("reporting:consolidated_job", args=[h1_round.pk]), {"fmt": "pdf"}).status_code == 302
    assert Job.objects.count() == 2  # an unknown format starts nothing


def test_a_failed_consolidation_job_says_why_in_vietnamese(client_for, province_officer, h1_round, monkeypatch):
    from jobs.models import Job
    from reporting import consolidation

    def broken(rnd, on=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(consolidation, "build", broken)
    client_for(province_officer).post(reverse("reporting:consolidated_job", args=[h1_round.pk]), {"fmt": "docx"})
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and not job.file
    assert "Không hoàn thành được" in job.message and "boom" not in job.message


def test_pressing_save_while_the_forms_own_autosave_is_answering_is_not_a_conflict(client_for, dong_phuc_officer,
                                                                                   dong_phuc_sub):
    client = client_for(dong_phuc_officer)
    client.post(reverse("reporting:autosave", args=[dong_phuc_sub.pk]),
                {"version": 0, "form_token": "trang-1", "n-1-ket_qua": "Đang gõ"}, HTTP_HX_REQUEST="true")
    # The page still holds version 0: the click went out before the autosave's answer arrived.
    response = client.post(reverse("reporting:submission", args=[dong_phuc_sub.pk]),
                           {"version": 0, "form_token": "trang-1", "n-1-ket_qua": "Đang gõ xong.", "action": "save"})
    assert response.status_code == 302
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.narratives["1"]["ket_qua"] == "Đang gõ xong." and dong_phuc_sub.version == 2


def test_another_persons_save_after_an_autosave_still_shows_both_versions_by_name(client_for, dong_phuc_officer,
                                                                                  dong_phuc_sub, tree):
    from conftest import _user
    colleague = _user("dongphuc2", "officer", tree.dong_phuc, full_name="Lý Văn Hải")
    client_for(dong_phuc_officer).post(reverse("reporting:autosave", args=[dong_phuc_sub.pk]),
                                       {"version": 0, "form_token": "trang-1", "n-1-ket_qua": "Bản của Lan."})
    response = client_for(colleague).post(reverse("reporting:submission", args=[dong_phuc_sub.pk]),
                                          {"version": 0, "form_token": "trang-1", "n-1-ket_qua": "Bản của Hải.",
                                           "action": "save"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Bản của Lan." in text and "Bản của Hải." in text
    assert "Nội dung 1 – Kết quả:" in text and "ket_qua:" not in text and "– ket_qua" not in text
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.narratives["1"]["ket_qua"] == "Bản của Lan."


def test_counts_and_money_on_the_report_form_show_separators_while_typing(client_for, dong_phuc_officer,
                                                                           dong_phuc_sub):
    page = client_for(dong_phuc_officer).get(reverse("reporting:submission", args=[dong_phuc_sub.pk])).content.decode()
    assert 'class="num-input money-input"' in page and "core/money-input.js" in page


def test_an_autosave_arriving_after_its_own_forms_manual_save_never_overwrites_it(client_for, dong_phuc_officer,
                                                                                 dong_phuc_sub):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("reporting:submission", args=[dong_phuc_sub.pk]),
                           {"version": 0, "form_token": "trang-1", "n-1-ket_qua": "Bản đầy đủ.", "action": "save"})
    assert response.status_code == 302
    late = client.post(reverse("reporting:autosave", args=[dong_phuc_sub.pk]),
                       {"version": 0, "form_token": "trang-1", "n-1-ket_qua": "Bản gõ dở"}, HTTP_HX_REQUEST="true")
    assert 'data-conflict="1"' not in late.content.decode()
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.narratives["1"]["ket_qua"] == "Bản đầy đủ." and dong_phuc_sub.version == 1


def test_a_communes_consolidated_report_is_still_downloaded_at_once(client_for, dong_phuc_officer, tree):
    """A commune consolidates a few dozen areas: its files are made in the request, no job."""
    from campaign.periods import get_period
    from jobs.models import Job
    from reporting.models import ReporterKind

    today = services.today()
    rnd = services.open_round(dong_phuc_officer, tree.dong_phuc, {
        "period": get_period(str(today.year)), "name": "Báo cáo năm của khu dân cư", "cut_off": today,
        "due_date": today + datetime.timedelta(days=7), "reporters": ReporterKind.AREA, "measure_codes": []})
    client = client_for(dong_phuc_officer)
    page = client.get(reverse("reporting:consolidated", args=[rnd.pk])).content.decode()
    assert "Tải báo cáo (DOCX)" in page and "Lập báo cáo (DOCX)" not in page
    response = client.get(reverse("reporting:consolidated_docx", args=[rnd.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("reporting:consolidated_xlsx", args=[rnd.pk])).status_code == 200
    assert not Job.objects.exists()
