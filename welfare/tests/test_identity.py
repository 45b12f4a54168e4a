"""Identity numbers leave the server only on an explicit, logged "show" by a user with the right, and a
uniqueness error never tells one commune who is listed in another (issue #13, item 9)."""

import pytest

from accounts.models import AuditEvent
from welfare.models import Household

from .conftest import grant

NUMBER = "001203004589"


@pytest.fixture
def manh(tree, dong_phuc_officer):
    from welfare import services

    return services.save_household(dong_phuc_officer, tree.na_hai, {"head_name": "Hoàng Văn Mạnh", "members": 4,
                                                                     "id_number": NUMBER}, 2026, "poor")


def test_the_edit_form_does_not_carry_the_full_number(client_for, dong_phuc_officer, manh):
    page = client_for(dong_phuc_officer).get(f"/ho-gia-dinh/ho/{manh.pk}/sua/").content.decode()
    assert NUMBER not in page and manh.masked_id in page


def test_saving_the_edit_form_with_the_number_left_empty_keeps_it(client_for, dong_phuc_officer, manh, tree):
    c = client_for(dong_phuc_officer)
    answer = c.post(f"/ho-gia-dinh/ho/{manh.pk}/sua/", {
        "area": tree.na_hai.pk, "head_name": "Hoàng Văn Mạnh", "id_number": "", "members": 5, "year": 2026,
        "status": "poor", "version": 0})
    assert answer.status_code == 302
    manh.refresh_from_db()
    assert manh.id_number == NUMBER and manh.members == 5


def test_another_communes_number_is_no_oracle(client_for, other_officer, manh, tree):
    answer = client_for(other_officer).post(f"/ho-gia-dinh/{tree.ban_bang.pk}/them/", {
        "area": tree.ban_bang.pk, "head_name": "Triệu Văn Bằng", "id_number": NUMBER, "members": 3, "year": 2026,
        "status": "poor"})
    assert answer.status_code == 302  # saved: nothing says the number is listed in Đồng Phúc
    assert "đã có" not in answer.content.decode()
    assert Household.objects.filter(id_number=NUMBER).count() == 2


def test_a_duplicate_number_in_ones_own_scope_names_the_household(client_for, dong_phuc_officer, manh, tree):
    answer = client_for(dong_phuc_officer).post(f"/ho-gia-dinh/{tree.na_lan.pk}/them/", {
        "area": tree.na_lan.pk, "head_name": "Nông Thị Lan", "id_number": NUMBER, "members": 3, "year": 2026,
        "status": "poor"})
    assert answer.status_code == 200
    assert "Số định danh này đã có ở Hộ Hoàng Văn Mạnh (Thôn Nà Hai)" in answer.content.decode()


def test_showing_the_full_number_needs_the_right_and_a_reason_and_is_logged(client_for, dong_phuc_officer, manh):
    c = client_for(dong_phuc_officer)
    url = f"/ho-gia-dinh/ho/{manh.pk}/so-dinh-danh/"
    assert c.post(url, {"reason": "Đối chiếu hồ sơ"}).status_code == 403
    officer = grant(dong_phuc_officer, "export_identity")
    c = client_for(officer)
    assert NUMBER not in c.get(f"/ho-gia-dinh/ho/{manh.pk}/").content.decode()
    assert c.post(url, {"reason": ""}).status_code == 302  # no reason: nothing shown
    shown = c.post(url, {"reason": "Đối chiếu hồ sơ"})
    assert NUMBER in shown.content.decode() and "no-store" in shown.get("Cache-Control", "")
    event = AuditEvent.objects.get(verb="Xem số định danh đầy đủ")
    assert event.actor == officer and "Đối chiếu hồ sơ" in event.note and NUMBER not in str(event.changes)
