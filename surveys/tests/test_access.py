"""Scope on every URL: another commune's officer gets 404, a leader reads but cannot write, an area head enters
only their own area's ballots."""

import pytest
from django.urls import reverse

from surveys.models import Receipt, Survey

from .helpers import all_yes, household, survey  # noqa: F401

pytestmark = pytest.mark.django_db


def officer_urls(survey, area):
    pk = survey.pk
    return [
        ("get", reverse("surveys:detail", args=[pk])),
        ("get", reverse("surveys:edit", args=[pk])),
        ("get", reverse("surveys:questions", args=[pk])),
        ("post", reverse("surveys:status", args=[pk])),
        ("get", reverse("surveys:roster", args=[pk])),
        ("post", reverse("surveys:roster_generate", args=[pk])),
        ("get", reverse("surveys:roster_import", args=[pk])),
        ("get", reverse("surveys:roster_template", args=[pk, "xlsx"])),
        ("get", reverse("surveys:paper", args=[pk, area.pk])),
        ("post", reverse("surveys:paper", args=[pk, area.pk])),
        ("get", reverse("surveys:cards", args=[pk])),
        ("get", reverse("surveys:results", args=[pk])),
        ("get", reverse("surveys:results_export", args=[pk, "xlsx"])),
        ("get", reverse("surveys:results_export", args=[pk, "csv"])),
        ("get", reverse("surveys:report", args=[pk])),
    ]


def test_another_communes_officer_gets_404_everywhere(survey, other_officer, client_for, tree):
    client = client_for(other_officer)
    for method, url in officer_urls(survey, tree.na_hai):
        assert getattr(client, method)(url).status_code == 404, url
    assert survey.title not in client.get(reverse("surveys:list")).content.decode()


def test_the_commune_officer_and_the_province_officer_reach_every_page(survey, dong_phuc_officer, province_officer,
                                                                       client_for, tree):
    for user in (dong_phuc_officer, province_officer):
        client = client_for(user)
        for method, url in officer_urls(survey, tree.na_hai):
            if method == "get":
                assert client.get(url).status_code in (200, 302), url


def test_a_leader_reads_but_cannot_write(survey, leader, client_for, tree):
    client = client_for(leader)
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 200
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200
    h = household(survey, tree.na_hai, "001")
    post = {"household": h.pk, **{f"q{k}": "1" for k in all_yes(survey)}}
    assert client.post(reverse("surveys:paper", args=[survey.pk, tree.na_hai.pk]), post).status_code == 403
    assert client.post(reverse("surveys:status", args=[survey.pk]), {"status": "closed"}).status_code == 403
    assert client.get(reverse("surveys:edit", args=[survey.pk])).status_code == 403
    assert client.post(reverse("surveys:roster_generate", args=[survey.pk])).status_code == 403
    assert client.get(reverse("surveys:cards", args=[survey.pk])).status_code == 403
    assert not Receipt.objects.exists()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN


def test_the_area_head_enters_ballots_of_their_own_area_only(survey, na_hai_head, client_for, tree):
    client = client_for(na_hai_head)
    assert survey.title in client.get(reverse("surveys:list")).content.decode()
    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "Thôn Nà Hai" in page and "Thôn Nà Làn" not in page
    h = household(survey, tree.na_hai, "001")
    post = {"household": h.pk, **{f"q{k}": "1" for k in all_yes(survey)}}
    response = client.post(reverse("surveys:paper", args=[survey.pk, tree.na_hai.pk]), post,
                           HTTP_ACCEPT="application/json")
    assert response.json()["ok"] and response.json()["answered"] == 1
    assert client.get(reverse("surveys:paper", args=[survey.pk, tree.na_lan.pk])).status_code == 404
    assert client.get(reverse("surveys:roster", args=[survey.pk]) + f"?khu={tree.na_lan.pk}").context["area"] \
        == tree.na_hai
    for name in ("edit", "questions", "cards", "roster_import"):
        assert client.get(reverse(f"surveys:{name}", args=[survey.pk])).status_code in (403, 404), name


def test_a_member_organisation_officer_cannot_enter_ballots(survey, org_officer, client_for, tree):
    client = client_for(org_officer)
    assert client.get(reverse("surveys:paper", args=[survey.pk, tree.na_hai.pk])).status_code == 403


def test_only_a_commune_officer_creates_a_survey_there(dong_phuc_officer, other_officer, client_for, tree):
    data = {"unit": tree.dong_phuc.pk, "title": "Đợt 1", "subject": "ntm", "starts_on": "2026-11-01",
            "ends_on": "2026-12-01", "threshold": "90", "min_coverage": "70"}
    response = client_for(other_officer).post(reverse("surveys:create"), data)
    assert response.status_code == 200 and not Survey.objects.exists()  # Đồng Phúc is not a choice for him
    response = client_for(dong_phuc_officer).post(reverse("surveys:create"), data)
    survey = Survey.objects.get()
    assert response.status_code == 302 and survey.questions.count() == 11
