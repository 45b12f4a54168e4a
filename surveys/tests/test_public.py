"""The no-login phone form: one-time codes, reuse refused, guesses throttled, results posted when published."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from surveys import ratelimit, services
from surveys.models import Ballot, PendingBallot, Receipt, Survey

from .helpers import all_yes, household, survey  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def _post(survey, unhappy=()):
    return {f"q{k}": "1" if v else "0" for k, v in all_yes(survey, unhappy).items()} | {"comment": "Tốt"}


def test_a_household_answers_without_logging_in_and_only_once(survey, client, tree):
    h = household(survey, tree.na_hai, "001")
    start = client.post(reverse("surveys_public:start"), {"code": h.card_code.lower()[:4] + " " + h.card_code[4:]})
    assert start.status_code == 302 and start.url == reverse("surveys_public:answer", args=[h.card_code])
    page = client.get(start.url)
    assert page.status_code == 200 and "Thôn Nà Hai" in page.content.decode()
    done = client.post(start.url, _post(survey, {3}))
    assert "Cảm ơn" in done.content.decode()
    assert Receipt.objects.get().channel == "online" and PendingBallot.objects.count() == 1
    again = client.post(start.url, _post(survey))
    assert again.status_code == 410 and PendingBallot.objects.count() + Ballot.objects.count() == 1


def test_a_missing_answer_keeps_the_choices_and_writes_nothing(survey, client, tree):
    h = household(survey, tree.na_hai, "002")
    data = _post(survey)
    first_q = survey.questions.order_by("number").first()
    del data[f"q{first_q.pk}"]
    page = client.post(reverse("surveys_public:answer", args=[h.card_code]), data)
    assert "Chưa trả lời câu 1" in page.content.decode() and not Receipt.objects.exists()


def test_wrong_codes_are_throttled(survey, client, tree):
    for _ in range(ratelimit.MAX_FAILURES):
        assert client.post(reverse("surveys_public:start"), {"code": "AAAAAAAA"}).status_code == 200
    h = household(survey, tree.na_hai, "003")
    assert client.post(reverse("surveys_public:start"), {"code": h.card_code}).status_code == 429
    assert client.get(reverse("surveys_public:answer", args=[h.card_code])).status_code == 429


def test_a_closed_survey_takes_no_answers(survey, client, dong_phuc_officer, tree):
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    h = household(survey, tree.na_hai, "004")
    client.post(reverse("surveys_public:answer", args=[h.card_code]), _post(survey))
    assert not Receipt.objects.exists()


def test_results_are_public_only_when_published(survey, client, dong_phuc_officer, tree):
    url = reverse("surveys_public:results", args=[survey.pk])
    assert client.get(url).status_code == 404
    for i in range(1, 11):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai,
                                    household(survey, tree.na_hai, f"{i:03d}").pk, all_yes(survey))
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    assert client.get(url).status_code == 404
    services.set_published(dong_phuc_officer, survey, True)
    page = client.get(url).content.decode()
    assert "100%" in page and "10/210" in page
    assert survey.title in client.get(reverse("surveys_public:published")).content.decode()
