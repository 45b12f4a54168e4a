"""Running in production: /healthz, one log line per request, a Vietnamese 503 when the database is down, a
strict Content Security Policy with no inline script anywhere, the idle sign-out."""

import logging
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_healthz_answers_without_login_with_database_worker_and_disk(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["database"]["ok"] and body["worker"]["mode"] == "in-process" and body["disk"]["free_mb"] > 0


def test_healthz_fails_when_the_worker_stopped_beating(client, settings):
    from jobs import heartbeat

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert client.get("/healthz").status_code == 503
    heartbeat.beat("w-test")
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["worker"]["last_seen_seconds"] <= 1


def test_healthz_fails_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def down(self, *args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as m:
        m.setattr(BaseDatabaseWrapper, "cursor", down)
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == {"ok": False, "error": "OperationalError"}


def test_a_lost_database_gives_a_vietnamese_503_page_not_a_stack_trace(dong_phuc_officer, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    client = Client(raise_request_exception=False)
    client.force_login(dong_phuc_officer, backend="django.contrib.auth.backends.ModelBackend")

    def down(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    url = reverse("units:detail", args=[dong_phuc_officer.unit_id])
    with monkeypatch.context() as m:
        m.setattr(BaseDatabaseWrapper, "cursor", down)
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Hệ thống tạm thời gián đoạn" in html and "Traceback" not in html and "could not connect" not in html


def test_each_request_writes_one_log_line_with_user_unit_path_status_and_time(client_for, dong_phuc_officer,
                                                                              caplog):
    client = client_for(dong_phuc_officer)
    with caplog.at_level(logging.INFO, logger="doanket.request"):
        client.get(reverse("units:detail", args=[dong_phuc_officer.unit_id]))
    lines = [r.getMessage() for r in caplog.records if r.name == "doanket.request"]
    assert len(lines) == 1
    assert re.fullmatch(rf"user={dong_phuc_officer.pk} unit={dong_phuc_officer.unit_id} GET "
                        rf"/don-vi/{dong_phuc_officer.unit_id}/ 200 \d+ms", lines[0])


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script.strip() == "'self'" and "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy


def test_no_template_holds_an_inline_script_or_event_handler():
    offenders = []
    for path in Path(settings.BASE_DIR).glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=\s*[\"']", text) \
                or "javascript:" in text:
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []


def test_an_idle_session_is_signed_out_with_a_message(client_for, dong_phuc_officer, settings):
    settings.SESSION_IDLE_SECONDS = 60
    client = client_for(dong_phuc_officer)
    url = reverse("units:detail", args=[dong_phuc_officer.unit_id])
    assert client.get(url).status_code == 200
    session = client.session
    session["_last_seen"] = int(time.time()) - 61
    session.save()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "hết hạn sau 1 phút không thao tác" in page.content.decode()


def test_an_active_session_stays_signed_in(client_for, dong_phuc_officer, settings):
    settings.SESSION_IDLE_SECONDS = 60
    client = client_for(dong_phuc_officer)
    url = reverse("units:detail", args=[dong_phuc_officer.unit_id])
    client.get(url)
    session = client.session
    session["_last_seen"] = int(time.time()) - 59
    session.save()
    assert client.get(url).status_code == 200
