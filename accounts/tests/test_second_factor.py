"""Administrators pass a TOTP code after the password (when OTP_REQUIRED_FOR_ADMINS, on in production)."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required(settings):
    settings.OTP_REQUIRED_FOR_ADMINS = True


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_an_administrator_without_a_device_is_sent_to_set_one_up(client_for, province_admin):
    client = client_for(province_admin)
    response = client.get(reverse("accounts:users"))
    assert response.status_code == 302 and response.url.startswith(reverse("otp_setup"))
    page = client.get(response.url).content.decode()
    assert "<svg" in page and "Thiết lập xác thực hai lớp" in page


def test_setting_up_with_the_right_code_confirms_the_device_and_lets_the_administrator_in(client_for,
                                                                                         province_admin):
    client = client_for(province_admin)
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(user=province_admin)
    wrong = client.post(reverse("otp_setup"), {"token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "Mã không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code slows the next try down (django-otp's throttle); not under test here
    response = client.post(reverse("otp_setup"), {"token": code(device), "next": reverse("accounts:users")})
    assert response.status_code == 302 and response.url == reverse("accounts:users")
    assert TOTPDevice.objects.get(user=province_admin).confirmed
    assert client.get(reverse("accounts:users")).status_code == 200


def test_a_new_session_of_an_administrator_needs_the_code_again(client_for, province_admin):
    device = TOTPDevice.objects.create(user=province_admin, name="app", confirmed=True)
    client = client_for(province_admin)
    response = client.get(reverse("accounts:users"))
    assert response.status_code == 302 and response.url.startswith(reverse("otp_verify"))
    assert client.post(reverse("otp_verify"), {"token": "12345"}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(reverse("otp_verify"), {"token": code(device), "next": reverse("accounts:users")})
    assert ok.status_code == 302 and client.get(reverse("accounts:users")).status_code == 200


def test_other_roles_need_no_second_factor(client_for, dong_phuc_officer):
    assert client_for(dong_phuc_officer).get(reverse("units:detail", args=[dong_phuc_officer.unit_id])).status_code \
        == 200


def test_the_demo_and_tests_can_leave_the_second_factor_off(client_for, province_admin, settings):
    settings.OTP_REQUIRED_FOR_ADMINS = False
    assert client_for(province_admin).get(reverse("accounts:users")).status_code == 200
