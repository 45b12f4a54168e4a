from django.core import mail
from django.urls import reverse

from accounts.models import AuditEvent, User
from conftest import PASSWORD


def test_login_page_is_vietnamese(client, tree):
    body = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in body and "Mật khẩu" in body


def test_login_lands_an_officer_on_the_dashboard_of_their_unit(client, dong_phuc_officer):
    response = client.post(reverse("login"), {"username": "dongphuc", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboards:unit", args=[dong_phuc_officer.unit_id])


def test_wrong_password_message_and_lockout(client, dong_phuc_officer):
    response = client.post(reverse("login"), {"username": "dongphuc", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "dongphuc", "password": "sai"})
    assert "tạm bị khóa" in response.content.decode()
    response = client.post(reverse("login"), {"username": "dongphuc", "password": PASSWORD})
    assert "tạm bị khóa" in response.content.decode()


def test_password_reset_sends_vietnamese_email(client, dong_phuc_officer):
    client.post(reverse("accounts:password_reset"), {"email": dong_phuc_officer.email})
    assert len(mail.outbox) == 1
    assert "đặt lại mật khẩu" in mail.outbox[0].body.lower()


def test_admin_creates_user_in_scope_and_it_is_audited(client_for, province_admin, tree):
    response = client_for(province_admin).post(reverse("accounts:user_add"), {
        "username": "moi.dongphuc", "full_name": "Lục Thị Mới", "role": "officer", "unit": tree.dong_phuc.pk,
        "password": "mot-mat-khau-dai", "is_active": "on"})
    assert response.status_code == 302, response.content.decode()
    user = User.objects.get(username="moi.dongphuc")
    assert user.check_password("mot-mat-khau-dai")
    event = AuditEvent.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert event.actor == province_admin and "password" not in event.changes


def test_admin_cannot_put_user_outside_scope(client_for, province_admin, tree):
    response = client_for(province_admin).post(reverse("accounts:user_add"), {
        "username": "ngoai", "full_name": "Ngoài", "role": "officer", "unit": tree.cao_bang_commune.pk,
        "password": "mot-mat-khau-dai"})
    assert response.status_code == 200 and not User.objects.filter(username="ngoai").exists()


def test_history_page_filters_by_person(client_for, dong_phuc_officer, province_officer, tree):
    client_for(dong_phuc_officer).post(f"/don-vi/{tree.dong_phuc.pk}/khu-dan-cu/them/",
                                       {"code": "10", "name": "Cốc Slam", "kind": "ban", "is_active": "on"})
    client = client_for(province_officer)
    body = client.get(reverse("accounts:history"), {"unit": tree.dong_phuc.pk}).content.decode()
    assert "Bản Cốc Slam" in body and "Ma Thị Lan" in body
    body = client.get(reverse("accounts:history"), {"unit": tree.dong_phuc.pk, "actor": province_officer.pk}).content.decode()
    assert "Bản Cốc Slam" not in body
