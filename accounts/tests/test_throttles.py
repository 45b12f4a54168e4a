"""Throttles in the shared cache, keyed on the account (or device) as well as the address: a mistyping person
behind a carrier NAT never locks out the others."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_cache(settings):
    settings.CACHES = settings.CACHES  # the database cache of the settings (shared by every process)
    cache.clear()
    yield
    cache.clear()


def test_the_shared_cache_is_the_database_unless_redis_is_configured(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_password_reset_is_throttled_per_email_address(dong_phuc_officer, settings):
    settings.PASSWORD_RESET_PER_HOUR = 2
    client = Client()
    url = reverse("accounts:password_reset")
    for _ in range(2):
        assert client.post(url, {"email": dong_phuc_officer.email}).status_code == 302
    refused = client.post(url, {"email": dong_phuc_officer.email})
    assert refused.status_code == 429 and "quá nhiều yêu cầu" in refused.content.decode()
    assert len(mail.outbox) == 2


def test_password_reset_of_another_account_from_the_same_address_still_works(dong_phuc_officer, other_officer,
                                                                              settings):
    settings.PASSWORD_RESET_PER_HOUR = 2
    client = Client()
    url = reverse("accounts:password_reset")
    for _ in range(3):
        client.post(url, {"email": dong_phuc_officer.email})
    assert client.post(url, {"email": other_officer.email}).status_code == 302


def test_password_reset_is_throttled_per_address_too(settings, tree):
    settings.PASSWORD_RESET_PER_HOUR = 1
    client = Client()
    url = reverse("accounts:password_reset")
    statuses = [client.post(url, {"email": f"nguoi{i}@example.vn"}).status_code for i in range(7)]
    assert statuses == [302] * 6 + [429]


def test_a_login_lock_holds_one_account_at_one_address_only(dong_phuc_officer, other_officer, settings):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": dong_phuc_officer.username, "password": "sai-mat-khau"})
    locked = client.post(reverse("login"), {"username": dong_phuc_officer.username, "password": PASSWORD})
    assert locked.status_code == 429
    neighbour = Client(REMOTE_ADDR="203.0.113.7")
    ok = neighbour.post(reverse("login"), {"username": other_officer.username, "password": PASSWORD})
    assert ok.status_code == 302
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    assert elsewhere.post(reverse("login"), {"username": dong_phuc_officer.username,
                                             "password": PASSWORD}).status_code == 302


def test_survey_code_guesses_lock_one_device_not_the_whole_address(tree):
    from surveys import ratelimit

    guesser = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="may-doan-ma")
    for _ in range(ratelimit.MAX_FAILURES):
        guesser.post(reverse("surveys_public:start"), {"code": "SAIMA123"})
    assert guesser.post(reverse("surveys_public:start"), {"code": "SAIMA123"}).status_code == 429
    household = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="dien-thoai-cua-ho")
    assert household.post(reverse("surveys_public:start"), {"code": "SAIMA123"}).status_code == 200


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(settings, rf):
    from core.throttle import client_address

    settings.BEHIND_PROXY = True
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"
    settings.BEHIND_PROXY = False
    assert client_address(request) == "127.0.0.1"
