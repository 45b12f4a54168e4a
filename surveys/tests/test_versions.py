"""Two people, one survey round: the later save of its settings or questions from a stale page is refused
with who changed what and writes nothing; a double-submitted create form makes one survey."""

import pytest
from django.test import Client
from django.urls import reverse

from core.testing import hidden, two
from surveys.models import Survey

from .helpers import make_survey

pytestmark = pytest.mark.django_db


SETTINGS = {"title": "Đợt 1", "subject": "ntm", "starts_on": "01/11/2026", "ends_on": "01/12/2026",
            "threshold": "90", "min_coverage": "70"}


def test_a_double_submitted_survey_form_makes_one_survey(tree, dong_phuc_officer):
    client = Client()
    client.force_login(dong_phuc_officer, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("surveys:create")
    data = {**SETTINGS, "unit": tree.dong_phuc.pk, "once": hidden(client.get(url), "once")}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    survey = Survey.objects.get()
    assert again.status_code == 302 and again.url == reverse("surveys:detail", args=[survey.pk])


def test_stale_settings_and_stale_questions_are_refused(tree, dong_phuc_officer, minh):
    survey = make_survey(dong_phuc_officer, tree.dong_phuc, open_=False)
    lan, minh_ = two(dong_phuc_officer, minh)
    url = reverse("surveys:edit", args=[survey.pk])
    v_lan, v_minh = hidden(lan.get(url), "version"), hidden(minh_.get(url), "version")
    assert lan.post(url, {**SETTINGS, "threshold": "95", "version": v_lan}).status_code == 302
    stale = minh_.post(url, {**SETTINGS, "title": "Đợt của anh Minh", "version": v_minh})
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "chưa được lưu" in page and "Ma Thị Lan" in page
    survey.refresh_from_db()
    assert survey.threshold == 95 and survey.title == "Đợt 1"

    q = survey.questions.order_by("number").first()
    url = reverse("surveys:questions", args=[survey.pk])
    v_lan, v_minh = hidden(lan.get(url), "version"), hidden(minh_.get(url), "version")
    assert lan.post(url, {f"text-{q.pk}": "Câu hỏi của chị Lan", "version": v_lan}).status_code == 302
    stale = minh_.post(url, {f"text-{q.pk}": "Câu hỏi của anh Minh", "version": v_minh})
    assert stale.status_code == 200 and "chưa được lưu" in stale.content.decode()
    q.refresh_from_db()
    assert q.text == "Câu hỏi của chị Lan"
    assert minh_.post(url, {f"text-{q.pk}": "Câu hỏi của anh Minh",
                            "version": hidden(stale, "version")}).status_code == 302
    q.refresh_from_db()
    assert q.text == "Câu hỏi của anh Minh"
