"""Two people, one plan: the header, every list page and a target's allocation are refused as a whole when
someone saved since the page was opened; a double-submitted create form makes one plan."""

import pytest
from django.urls import reverse

from core.testing import hidden, two
from plans import services
from plans.models import Allocation, Plan


@pytest.fixture
def second_officer(tree):
    from conftest import _user

    return _user("tinh2", "officer", tree.province, full_name="Đinh Văn Khải")


def header(**changes):
    """The province plan's header as its edit form shows it (conftest.province_plan)."""
    data = {"doc_type": "KH", "number": "59", "symbol": "KH-MTTQ-BTT", "place": "Thái Nguyên",
            "parent_body": "ỦY BAN MTTQ VIỆT NAM TỈNH THÁI NGUYÊN", "issuing_body": "BAN THƯỜNG TRỰC",
            "issuer_in_text": "Ban Thường trực Ủy ban MTTQ tỉnh", "issued_on": "16/03/2026", "period": "2026",
            "title": "Thực hiện Cuộc vận động năm 2026", "signer_authority": "TM. BAN THƯỜNG TRỰC",
            "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Đàm Quang Tuyền", "archive": "VT, TG-CTXH",
            "recipients": "Như trên;"}
    data.update(changes)
    return data


def test_a_stale_plan_header_is_refused_naming_who_changed_what(province_plan, province_officer,
                                                                 second_officer):
    hanh, khai = two(province_officer, second_officer)
    url = reverse("plans:edit", args=[province_plan.pk])
    v_hanh, v_khai = hidden(hanh.get(url), "version"), hidden(khai.get(url), "version")
    assert v_hanh == v_khai

    assert hanh.post(url, header(title="Kế hoạch của chị Hạnh", version=v_hanh)).status_code == 302
    stale = khai.post(url, header(title="Kế hoạch của anh Khải", recipients="Chỉ một nơi;", version=v_khai))
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "chưa được lưu" in page and "Nguyễn Thị Hạnh" in page and "Kế hoạch của chị Hạnh" in page
    plan = Plan.objects.get(pk=province_plan.pk)
    assert plan.title == "Kế hoạch của chị Hạnh"
    assert list(plan.recipients.values_list("text", flat=True)) == ["Như trên"]  # nothing of Khải's

    # the refused form holds the current version: saving again, knowingly, goes through
    again = khai.post(url, header(title="Kế hoạch của anh Khải", version=hidden(stale, "version")))
    assert again.status_code == 302
    assert Plan.objects.get(pk=province_plan.pk).title == "Kế hoạch của anh Khải"


@pytest.mark.parametrize("part,rows", [
    ("sections", {"label": "I.", "title": "MỤC ĐÍCH"}),
    ("targets", {"group": "1.", "text": "Hỗ trợ sinh kế cho ít nhất 100 hộ", "scope": "total", "comparator": ">=",
                 "threshold": "100"}),
])
def test_a_stale_list_page_writes_none_of_its_rows(province_plan, province_officer, second_officer, part, rows):
    hanh, khai = two(province_officer, second_officer)
    url = reverse(f"plans:edit_{part}", args=[province_plan.pk])
    v_hanh, v_khai = hidden(hanh.get(url), "version"), hidden(khai.get(url), "version")

    def post(client, version, text):
        row = {f"{part}-0-{k}": v for k, v in rows.items()}
        row[f"{part}-0-{'title' if part == 'sections' else 'text'}"] = text
        return client.post(url, {f"{part}-TOTAL_FORMS": "1", f"{part}-INITIAL_FORMS": "0", **row,
                                 "version": version}, follow=True)

    assert post(hanh, v_hanh, "Dòng của chị Hạnh").redirect_chain
    stale = post(khai, v_khai, "Dòng của anh Khải")
    assert not stale.redirect_chain
    page = stale.content.decode()
    assert "chưa được lưu" in page and "Nguyễn Thị Hạnh" in page
    texts = (province_plan.sections.values_list("title", flat=True) if part == "sections"
             else province_plan.targets.values_list("text", flat=True))
    assert list(texts) == ["Dòng của chị Hạnh"]
    assert post(khai, hidden(stale, "version"), "Dòng của anh Khải").redirect_chain


def test_a_stale_allocation_is_refused_as_a_whole(tree, province_plan, province_officer, second_officer):
    services.replace_targets(province_officer, province_plan, [
        {"group": "1.", "text": "Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo",
         "measure": "households_livelihood_supported", "scope": "total", "comparator": ">=", "threshold": 200}])
    target = province_plan.targets.get()
    hanh, khai = two(province_officer, second_officer)
    url = reverse("plans:allocate", args=[province_plan.pk, target.pk])
    v_hanh, v_khai = hidden(hanh.get(url), "version"), hidden(khai.get(url), "version")
    assert hanh.post(url, {"action": "luu", "version": v_hanh, f"u{tree.dong_phuc.pk}": "120",
                           f"u{tree.bang_thanh.pk}": "80"}).status_code == 302
    stale = khai.post(url, {"action": "luu", "version": v_khai, f"u{tree.dong_phuc.pk}": "100",
                            f"u{tree.bang_thanh.pk}": "50", f"u{tree.ward.pk}": "50"})
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "chưa được lưu" in page and "Nguyễn Thị Hạnh" in page and "120" in page
    assert dict(Allocation.objects.filter(target=target).values_list("unit__name", "value")) == {
        tree.dong_phuc.name: 120, tree.bang_thanh.name: 80}
    # the shares typed stay on the page and the page now holds the current version
    assert f'name="u{tree.ward.pk}" value="50"' in page
    assert khai.post(url, {"action": "luu", "version": hidden(stale, "version"), f"u{tree.dong_phuc.pk}": "100",
                           f"u{tree.bang_thanh.pk}": "50", f"u{tree.ward.pk}": "50"}).status_code == 302
    assert Allocation.objects.filter(target=target).count() == 3


def test_a_double_submitted_plan_create_form_makes_one_plan(tree, client_for, province_officer):
    client = client_for(province_officer)
    url = reverse("plans:create")
    once = hidden(client.get(url), "once")
    data = header(title="Kế hoạch gửi hai lần", once=once)
    first, second = client.post(url, data), client.post(url, data, follow=True)
    assert first.status_code == 302
    plans = Plan.objects.filter(title="Kế hoạch gửi hai lần")
    assert plans.count() == 1
    assert second.redirect_chain[-1][0] == reverse("plans:detail", args=[plans.get().pk])
    assert "đã được gửi" in second.content.decode()
