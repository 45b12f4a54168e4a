"""Long work as jobs: started from a page, run by the task backend, polled, downloaded; a failure or a dead
worker never leaves half a result."""

import io

import openpyxl
import pytest
from django.urls import reverse

from jobs import heartbeat, services
from jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def values(tree, province_officer):
    from campaign.periods import get_period
    from indicators import services as indicator_services
    from indicators.models import Measure
    from indicators.sync import sync_measures

    sync_measures()
    Measure.objects.filter(code="self_managed_models").update(source=Measure.Source.FORM, register="",
                                                             absent_is_zero=False)
    measure = Measure.objects.get(code="self_managed_models")
    year = get_period("2026")
    indicator_services.set_value(province_officer, measure, tree.na_hai, year, 2)
    indicator_services.set_value(province_officer, measure, tree.na_lan, year, 0)
    return measure, year


def test_an_area_export_runs_as_a_job_and_gives_an_xlsx_of_every_area(tree, values, client_for, province_officer):
    measure, year = values
    client = client_for(province_officer)
    response = client.post(reverse("jobs:area_values_export"),
                           {"unit": tree.province.pk, "period": year.code, "measure": measure.code})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.percent == 100 and job.total == 3
    status = client.get(reverse("jobs:status", args=[job.pk]))
    assert "Tải " in status.content.decode() and "hx-trigger" not in status.content.decode()
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = {r[2]: r[5] for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows == {"Thôn Nà Hai": 2, "Thôn Nà Làn": 0, "Bản Bằng": None}


def test_a_running_job_page_polls_until_it_ends(tree, province_officer, client_for):
    job = Job.objects.create(kind="rollup.rebuild", title="Tính lại", created_by=province_officer,
                             status=Job.Status.RUNNING, done=3, total=10)
    html = client_for(province_officer).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="30"' in html and "3/10" in html


def test_an_export_outside_the_scope_is_refused(tree, values, client_for, dong_phuc_officer):
    measure, year = values
    response = client_for(dong_phuc_officer).post(reverse("jobs:area_values_export"), {
        "unit": tree.bang_thanh.pk, "period": year.code, "measure": measure.code})
    assert response.status_code in (403, 404) and not Job.objects.exists()


def test_another_users_job_is_not_found(tree, province_officer, dong_phuc_officer, client_for):
    job = Job.objects.create(kind="rollup.rebuild", title="Tính lại", created_by=province_officer)
    client = client_for(dong_phuc_officer)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_failing_job_keeps_no_file_and_says_why_in_vietnamese(tree, province_officer, monkeypatch):
    def broken(job, progress):
        progress(5, 10, force=True)
        raise RuntimeError("boom")

    monkeypatch.setitem(services.HANDLERS, "test.broken", broken)
    job = services.start(province_officer, "test.broken", "Thử lỗi", {})
    assert job.status == Job.Status.FAILED and not job.file
    assert "lỗi hệ thống" in job.message and "boom" not in job.message


def test_a_job_error_message_is_shown_as_written(tree, province_officer, monkeypatch):
    def refuses(job, progress):
        raise services.JobError("Kỳ này đã bị xóa.")

    monkeypatch.setitem(services.HANDLERS, "test.refuses", refuses)
    assert services.start(province_officer, "test.refuses", "Thử", {}).message == "Kỳ này đã bị xóa."


def test_a_job_whose_worker_died_is_run_again_from_the_start(tree, province_officer, monkeypatch):
    calls = []
    monkeypatch.setitem(services.HANDLERS, "test.count",
                        lambda job, progress: calls.append(job.pk) or services.Result("a.txt", b"ok"))
    job = Job.objects.create(kind="test.count", title="Thử", created_by=province_officer, status=Job.Status.RUNNING,
                             attempts=1, worker_id="w-dead", done=7, total=10)
    heartbeat.beat("w-alive")
    alive = Job.objects.create(kind="test.count", title="Thử", created_by=province_officer,
                               status=Job.Status.RUNNING, attempts=1, worker_id="w-alive")
    assert services.reap() == (1, 0)
    job.refresh_from_db()
    alive.refresh_from_db()
    assert calls == [job.pk] and job.status == Job.Status.DONE and job.attempts == 2 and job.file
    assert alive.status == Job.Status.RUNNING


def test_a_job_that_lost_its_worker_twice_fails_with_a_message(tree, province_officer):
    job = Job.objects.create(kind="rollup.rebuild", title="Tính lại", created_by=province_officer,
                             status=Job.Status.RUNNING, attempts=2, worker_id="w-dead")
    assert services.reap() == (0, 1)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "bị dừng giữa chừng 2 lần" in job.message and not job.file


def test_only_a_national_administrator_may_rebuild_every_aggregate(tree, values, client_for, province_admin):
    from accounts.models import User

    response = client_for(province_admin).post(reverse("jobs:rollup_rebuild"))
    assert response.status_code == 302 and not Job.objects.exists()
    national = User.objects.create(username="qt", role="admin", unit=tree.nation, full_name="Quản trị")
    client_for(national).post(reverse("jobs:rollup_rebuild"))
    job = Job.objects.get()
    assert job.status == Job.Status.DONE and job.total >= 1 and "số tổng hợp" in job.message


def test_a_national_administrator_re_derives_every_register_as_a_job(tree, client_for, province_admin):
    from accounts.models import User
    from campaign.periods import get_period
    from indicators.models import DataValue
    from indicators.sync import sync_measures

    sync_measures()
    year = get_period("2026")
    client_for(province_admin).post(reverse("jobs:registers_derive"))
    assert not Job.objects.exists()  # a province's administrator may not
    national = User.objects.create(username="qt", role="admin", unit=tree.nation, full_name="Quản trị")
    before = sorted(DataValue.objects.filter(period=year).values_list("measure_id", "unit_id", "value"))
    client_for(national).post(reverse("jobs:registers_derive"))
    job = Job.objects.get()
    assert job.status == Job.Status.DONE and job.total >= 1 and "sổ theo dõi" in job.message
    assert sorted(DataValue.objects.filter(period=year).values_list("measure_id", "unit_id", "value")) == before
    page = client_for(national).get(reverse("jobs:index")).content.decode()
    assert reverse("jobs:registers_derive") in page
