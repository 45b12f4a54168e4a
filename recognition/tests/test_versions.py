"""Two people, one nomination or one commune's titles: the later save of a stale page is refused with who
changed what, and writes nothing; a double-submitted nomination form makes one nomination."""

import pytest
from django.urls import reverse

from core.testing import hidden, two
from recognition.models import AreaTitle, Nomination

pytestmark = pytest.mark.django_db


def nomination_form(**changes):
    data = {"year": "2025", "nominee_type": "individual", "nominee_name": "Hà Văn Tuấn",
            "achievement": "Vận động hiến đất", "award_form": "Giấy khen"}
    data.update(changes)
    return data


def test_a_double_submitted_nomination_makes_one_and_a_stale_edit_is_refused(tree, dong_phuc_officer, minh):
    lan, minh_ = two(dong_phuc_officer, minh)
    add = reverse("recognition:nomination_add", args=[tree.dong_phuc.pk])
    data = nomination_form(once=hidden(lan.get(add), "once"))
    assert lan.post(add, data).status_code == 302
    again = lan.post(add, data, follow=True)
    assert Nomination.objects.count() == 1
    n = Nomination.objects.get()
    assert again.redirect_chain[-1][0] == reverse("recognition:nomination", args=[n.pk])

    url = reverse("recognition:nomination_edit", args=[n.pk])
    v_lan, v_minh = hidden(lan.get(url), "version"), hidden(minh_.get(url), "version")
    assert lan.post(url, nomination_form(achievement="Hiến 300 m² đất làm đường", version=v_lan)).status_code == 302
    stale = minh_.post(url, nomination_form(achievement="Vận động 12 hộ hiến đất", version=v_minh))
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "chưa được lưu" in page and "Ma Thị Lan" in page and "Hiến 300 m² đất làm đường" in page
    assert Nomination.objects.get().achievement == "Hiến 300 m² đất làm đường"
    assert minh_.post(url, nomination_form(achievement="Vận động 12 hộ hiến đất",
                                           version=hidden(stale, "version"))).status_code == 302
    assert Nomination.objects.get().achievement == "Vận động 12 hộ hiến đất"


def test_a_review_from_a_stale_page_is_refused(tree, dong_phuc_officer, minh):
    from recognition.tests.test_awards import nominate

    n = nominate(dong_phuc_officer, tree.dong_phuc)
    lan, minh_ = two(dong_phuc_officer, minh)
    url = reverse("recognition:nomination", args=[n.pk])
    v_minh = hidden(minh_.get(url), "version")
    v_lan = hidden(lan.get(url), "version")
    assert lan.post(url, {"action": "review", "decision": "reject", "on": "20/11/2025", "note": "Chưa đủ thành tích",
                          "version": v_lan}).status_code == 302
    stale = minh_.post(url, {"action": "review", "decision": "approve", "on": "21/11/2025", "version": v_minh})
    assert stale.status_code == 200 and "chưa được lưu" in stale.content.decode()
    n.refresh_from_db()
    assert n.status == "rejected" and n.review_note == "Chưa đủ thành tích"


def test_a_stale_titles_page_is_refused_as_a_whole(tree, dong_phuc_officer, minh):
    lan, minh_ = two(dong_phuc_officer, minh)
    url = reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025])
    page_lan, page_minh = lan.get(url), minh_.get(url)

    def form(page, hai, lan_):
        data = {"versions": "1", f"total-{tree.na_hai.pk}": "120", f"cultural-{tree.na_hai.pk}": hai,
                f"total-{tree.na_lan.pk}": "90", f"cultural-{tree.na_lan.pk}": lan_}
        for area in (tree.na_hai, tree.na_lan):
            data[f"v-{area.pk}"] = hidden(page, f"v-{area.pk}")
        return data

    assert lan.post(url, form(page_lan, "100", "60")).status_code == 302
    stale = minh_.post(url, form(page_minh, "110", "70"))
    assert stale.status_code == 200
    text = stale.content.decode()
    assert "chưa được lưu" in text and "Ma Thị Lan" in text
    assert 'value="110"' in text  # what was typed stays
    assert dict(AreaTitle.objects.values_list("unit_id", "cultural_families")) == {tree.na_hai.pk: 100,
                                                                                    tree.na_lan.pk: 60}
    # the refused page now holds the saved versions: saving again, knowingly, goes through
    assert minh_.post(url, form(stale, "110", "70")).status_code == 302
    assert dict(AreaTitle.objects.values_list("unit_id", "cultural_families")) == {tree.na_hai.pk: 110,
                                                                                    tree.na_lan.pk: 70}
