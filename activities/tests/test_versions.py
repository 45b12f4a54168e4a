"""Two people, one covenant update: the later save of a stale form is refused with who changed what and
writes nothing; a double-submitted covenant form makes one update."""

import pytest
from django.urls import reverse

from activities.models import CovenantRule, CovenantUpdate
from core.testing import hidden, two

pytestmark = pytest.mark.django_db


def test_covenant_create_once_and_a_stale_edit_is_refused(tree, dong_phuc_officer, na_hai_head):
    lan, tuan = two(dong_phuc_officer, na_hai_head)
    rule = CovenantRule.objects.filter(is_civilised_lifestyle=True).first()
    add = reverse("activities:covenant_add", args=[tree.na_hai.pk])
    data = {"unit": tree.na_hai.pk, "kind": "quy_uoc", "updated_on": "05/03/2026", "rules": [rule.pk],
            "approved_by": "QĐ số 12/QĐ-UBND", "note": "", "once": hidden(tuan.get(add), "once")}
    assert tuan.post(add, data).status_code == 302
    assert tuan.post(add, data).status_code == 302
    assert CovenantUpdate.objects.count() == 1
    update = CovenantUpdate.objects.get()

    url = reverse("activities:covenant_edit", args=[update.pk])
    v_lan, v_tuan = hidden(lan.get(url), "version"), hidden(tuan.get(url), "version")
    form = {k: v for k, v in data.items() if k != "once"}
    assert lan.post(url, {**form, "approved_by": "QĐ số 15/QĐ-UBND", "version": v_lan}).status_code == 302
    stale = tuan.post(url, {**form, "note": "Bổ sung việc tang", "version": v_tuan})
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "chưa được lưu" in page and "Ma Thị Lan" in page and "QĐ số 15/QĐ-UBND" in page
    update.refresh_from_db()
    assert update.approved_by == "QĐ số 15/QĐ-UBND" and update.note == ""
    assert tuan.post(url, {**form, "note": "Bổ sung việc tang", "version": hidden(stale, "version")}
                     ).status_code == 302
    update.refresh_from_db()
    assert update.note == "Bổ sung việc tang"
