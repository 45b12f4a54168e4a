"""A double-submitted round form opens one reporting round (and assigns its reports once)."""


from django.urls import reverse

from core.testing import hidden
from reporting.models import ReportingRound


def test_a_double_submitted_round_form_opens_one_round(client_for, province_officer, tree):
    client = client_for(province_officer)
    url = reverse("reporting:round_new")
    data = {"period": "2026-h1", "name": "Báo cáo 6 tháng đầu năm 2026", "cut_off": "31/05/2026",
            "due_date": "10/06/2026", "reporters": "commune", "remind_days_before": 3,
            "once": hidden(client.get(url), "once")}
    first = client.post(url, data)
    assert first.status_code == 302
    again = client.post(url, data, follow=True)
    rnd = ReportingRound.objects.get()
    assert again.redirect_chain[-1][0] == reverse("reporting:round", args=[rnd.pk])
    assert "đã được gửi" in again.content.decode()
    assert rnd.submissions.count() == 3
