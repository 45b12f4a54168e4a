"""Two people editing the same record, and one person submitting the same form twice (issue #13, items 7, 8).

The forms are filled and posted through the test client as a browser would: the edit form carries the
version it was opened with, the create form a one-time key.
"""

import datetime
import re

import pytest

from core.testing import hidden

D = datetime.date


@pytest.fixture
def initiative(tree):
    from initiatives.tests.helpers import make

    return make(tree.na_hai, "Đường hoa Nà Hai")


def initiative_form(initiative, **changes):
    data = {"kind": initiative.kind, "title": initiative.title, "unit": initiative.unit_id, "status": "running",
            "started_on": "2026-03-01", "description": ""}
    data.update(changes)
    return data


def test_the_later_save_of_a_stale_initiative_form_is_refused_showing_the_other_change(
        client, tree, initiative, dong_phuc_officer, na_hai_head):
    from django.test import Client

    from initiatives.models import Initiative

    lan, tuan = Client(), Client()
    lan.force_login(dong_phuc_officer), tuan.force_login(na_hai_head)
    url = f"/mo-hinh/{initiative.pk}/sua/"
    opened_by_lan, opened_by_tuan = lan.get(url), tuan.get(url)
    v_lan, v_tuan = hidden(opened_by_lan, "version"), hidden(opened_by_tuan, "version")
    assert v_lan == v_tuan == "0"

    saved = lan.post(url, initiative_form(initiative, title="Đường hoa Nà Hai (mở rộng)", version=v_lan))
    assert saved.status_code == 302
    stale = tuan.post(url, initiative_form(initiative, title="Đường hoa thôn Nà Hai", version=v_tuan))
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "chưa được lưu" in page, re.findall(r'class="errors?[^"]*"[^>]*>(.*?)</', page, re.S)
    i = page.index("chưa được lưu")
    assert "Ma Thị Lan" in page[i - 400:i] and "Đường hoa Nà Hai (mở rộng)" in page[i - 400:i]
    assert Initiative.objects.get(pk=initiative.pk).title == "Đường hoa Nà Hai (mở rộng)"

    # the refused form now carries the current version: saving again, knowingly, goes through
    again = tuan.post(url, initiative_form(initiative, title="Đường hoa thôn Nà Hai",
                                           version=hidden(stale, "version")))
    assert again.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).title == "Đường hoa thôn Nà Hai"


def test_a_stale_household_supervision_activity_or_exemplary_save_is_refused(
        tree, dong_phuc_officer, na_hai_head, settings, tmp_path):
    from activities import services as activities
    from core.concurrency import StaleEdit
    from oversight import services as oversight
    from recognition import services as recognition
    from welfare import services as welfare

    settings.MEDIA_ROOT = tmp_path
    household = welfare.save_household(dong_phuc_officer, tree.na_hai, {"head_name": "Hoàng Văn Mạnh", "members": 4},
                                       2026, "poor")
    supervision = oversight.save_supervision(dong_phuc_officer, tree.dong_phuc, {
        "kind": "ban_gsdtcd", "subject_kind": "work", "subject": "Đường", "team": "", "start": D(2026, 3, 1),
        "end": D(2026, 3, 2), "findings": ""})
    activity = activities.save_activity(na_hai_head, "ngay_hoi", {"unit": tree.na_hai, "held_on": D(2026, 3, 18),
                                                                  "participants": 100})
    person = recognition.save_exemplary(dong_phuc_officer, tree.dong_phuc, {
        "year": 2025, "name": "Hà Văn Tuấn", "description": "", "story": "", "nomination": None})

    edits = [
        lambda v, name: welfare.save_household(dong_phuc_officer, tree.na_hai, {
            "head_name": name, "members": 4, "version": v}, 2026, "poor", instance=type(household).objects.get(
                pk=household.pk)),
        lambda v, name: oversight.save_supervision(dong_phuc_officer, tree.dong_phuc, {
            "kind": "ban_gsdtcd", "subject_kind": "work", "subject": name, "team": "", "start": D(2026, 3, 1),
            "end": D(2026, 3, 2), "findings": "", "version": v}, type(supervision).objects.get(pk=supervision.pk)),
        lambda v, name: activities.save_activity(na_hai_head, "ngay_hoi", {
            "unit": tree.na_hai, "held_on": D(2026, 3, 18), "participants": len(name), "version": v},
            type(activity).objects.get(pk=activity.pk)),
        lambda v, name: recognition.save_exemplary(dong_phuc_officer, tree.dong_phuc, {
            "year": 2025, "name": name, "description": "", "story": "", "nomination": None, "version": v},
            type(person).objects.get(pk=person.pk)),
    ]
    for edit in edits:
        opened = 0  # both forms were opened on the new row
        edit(opened, "Người sửa trước")
        with pytest.raises(StaleEdit) as refused:
            edit(opened, "Người sửa sau")
        assert "chưa được lưu" in refused.value.messages[0]


def test_a_double_submitted_receipt_makes_one_entry(client_for, tree, dong_phuc_officer):
    from funds import services
    from funds.models import Entry, FundKind

    fund = services.open_fund(dong_phuc_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))
    c = client_for(dong_phuc_officer)
    key = hidden(c.get(f"/quy/so/{fund.pk}/thu/"), "once")
    data = {"date": "2026-02-01", "amount": "500000", "donor_name": "Nguyễn Văn A", "donor_type": "individual",
            "receipt_number": "PT-0001", "once": key}
    answers = [c.post(f"/quy/so/{fund.pk}/thu/", data) for _ in range(3)]
    assert [a.status_code for a in answers] == [302, 302, 302]
    assert Entry.objects.filter(fund=fund).count() == 1


def test_a_receipt_number_is_used_once_per_book(client_for, tree, dong_phuc_officer, province_officer):
    from funds import services
    from funds.models import Entry, FundKind

    fund = services.open_fund(dong_phuc_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))
    other = services.open_fund(province_officer, tree.province, FundKind.POOR, opened_on=D(2026, 1, 1))
    first = services.record_receipt(dong_phuc_officer, fund, date=D(2026, 2, 1), amount=500_000, donor_name="A",
                                    donor_type="individual", receipt_number="PT-0001")
    c = client_for(dong_phuc_officer)
    page = c.post(f"/quy/so/{fund.pk}/thu/", {
        "date": "2026-02-02", "amount": "700000", "donor_name": "B", "donor_type": "individual",
        "receipt_number": "PT-0001", "once": "k1"})
    assert page.status_code == 200 and "Số biên lai PT-0001 đã ghi trong sổ này" in page.content.decode()
    assert Entry.objects.filter(fund=fund).count() == 1
    services.record_receipt(province_officer, other, date=D(2026, 2, 1), amount=500_000, donor_name="A",
                            donor_type="individual", receipt_number="PT-0001")  # another book: its own numbers
    services.reverse(dong_phuc_officer, first, reason="Ghi nhầm")  # the reversal repeats the number
    services.record_receipt(dong_phuc_officer, fund, date=D(2026, 2, 1), amount=600_000, donor_name="A",
                            donor_type="individual", receipt_number="PT-0001")  # the corrected entry reuses it
    assert Entry.objects.filter(fund=fund, receipt_number="PT-0001").count() == 3


def test_double_submitted_household_initiative_and_supervision_forms_make_one_row(client_for, tree,
                                                                                  dong_phuc_officer):
    from initiatives.models import Initiative
    from oversight.models import Supervision
    from welfare.models import Household

    c = client_for(dong_phuc_officer)
    forms = [
        (f"/ho-gia-dinh/{tree.na_hai.pk}/them/", Household, {
            "area": tree.na_hai.pk, "head_name": "Lương Thị Hoa", "members": 3, "year": 2026, "status": "poor"}),
        (f"/mo-hinh/them/{tree.na_hai.pk}/", Initiative, {
            "kind": "mo_hinh", "title": "Camera an ninh", "unit": tree.na_hai.pk, "status": "running",
            "started_on": "2026-03-01"}),
        (f"/giam-sat/{tree.dong_phuc.pk}/cuoc-giam-sat/them/", Supervision, {
            "kind": "ban_gsdtcd", "subject_kind": "work", "subject": "Đường", "start": "2026-03-01",
            "end": "2026-03-02"}),
    ]
    for url, model, data in forms:
        key = hidden(c.get(url), "once")
        answers = [c.post(url, {**data, "once": key}) for _ in range(2)]
        assert [a.status_code for a in answers] == [302, 302], (url, answers[0].content.decode()[:3000])
        assert model.objects.count() == 1, url
        assert "đã được gửi rồi" in c.get(answers[1]["Location"]).content.decode()
