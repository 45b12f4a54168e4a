"""The public dashboard: opt-in per unit, chosen panels only, no personal data, readable without logging in."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_unit_is_not_public_until_an_officer_publishes_it(client, tree):
    assert client.get(reverse("dashboards_public:unit", args=[tree.province.pk])).status_code == 404


def test_an_officer_publishes_chosen_panels_and_anyone_reads_them(client, client_for, province_officer, tree, plan,
                                                                  filled):
    officer = client_for(province_officer)
    response = officer.post(reverse("dashboards:publish", args=[tree.province.pk]), {
        "published": "1", "panels": ["targets", "map"], "period": "2026", "plan": plan.pk})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(object_type="dashboards.publicdashboard").exists()
    client.logout()
    body = client.get(reverse("dashboards_public:unit", args=[tree.province.pk])).content.decode()
    assert "Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo" in body and ">170<" in body
    assert "<title>Xã Đồng Phúc: 150</title>" in body
    assert "Báo cáo định kỳ" not in body  # a panel not chosen
    assert reverse("indicators:measure", args=[tree.province.pk, "2026", "households_livelihood_supported"]) \
        not in body  # no links into the signed-in pages
    officer = client_for(province_officer)  # the same test client: log in again
    officer.post(reverse("dashboards:publish", args=[tree.province.pk]), {"published": "0", "panels": ["targets"]})
    client.logout()
    assert client.get(reverse("dashboards_public:unit", args=[tree.province.pk])).status_code == 404


def test_publishing_nothing_is_refused_with_a_vietnamese_message(client_for, province_officer, tree):
    response = client_for(province_officer).post(reverse("dashboards:publish", args=[tree.province.pk]),
                                                 {"published": "1", "period": "2026"})
    assert response.status_code == 400
    assert "Chọn ít nhất một phần để công khai." in response.content.decode()


@pytest.mark.parametrize("who", ["leader", "org_officer", "other_officer"])
def test_only_an_officer_of_the_unit_may_publish(request, client_for, tree, who):
    user = request.getfixturevalue(who)
    unit = tree.province if who == "leader" else tree.dong_phuc
    response = client_for(user).post(reverse("dashboards:publish", args=[unit.pk]),
                                     {"published": "1", "panels": ["targets"], "period": "2026"})
    assert response.status_code in (403, 404)
