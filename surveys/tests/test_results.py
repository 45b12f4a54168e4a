"""The rate arithmetic, recomputed by hand on fixture data (HD 90: per question = satisfied / returned)."""

from decimal import Decimal

import pytest

from surveys import results, services
from surveys.models import Survey

from .helpers import all_yes, household, survey  # noqa: F401

pytestmark = pytest.mark.django_db


def _fill(survey, officer, area, n, unhappy_with=(), start=1):
    for i in range(start, start + n):
        services.enter_paper_ballot(officer, survey, area, household(survey, area, f"{i:03d}").pk,
                                    all_yes(survey, unhappy_with))


def test_rates_per_question_per_area_and_overall(survey, dong_phuc_officer, tree):
    # Nà Hai: 90 of 120 ballots, 9 of them unhappy with question 1; Nà Làn: 60 of 90, 6 unhappy with overall (11)
    _fill(survey, dong_phuc_officer, tree.na_hai, 81)
    _fill(survey, dong_phuc_officer, tree.na_hai, 9, unhappy_with={1}, start=82)
    _fill(survey, dong_phuc_officer, tree.na_lan, 54)
    _fill(survey, dong_phuc_officer, tree.na_lan, 6, unhappy_with={11}, start=55)
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    res = results.compute(survey, [tree.na_hai, tree.na_lan])
    q1 = survey.questions.get(number=1)
    overall = survey.questions.get(is_overall=True)
    na_hai, na_lan = res.rows
    assert (na_hai.asked, na_hai.answered, na_hai.returned) == (120, 90, 90)
    assert na_hai.coverage == Decimal("75.0")
    assert na_hai.rate(q1.pk) == Decimal("90.0")  # 81 / 90
    assert na_lan.rate(overall.pk) == Decimal("90.0")  # 54 / 60
    assert res.total.asked == 210 and res.total.returned == 150
    assert res.total.coverage == Decimal("71.4")  # 150 / 210
    assert res.total.rate(q1.pk) == Decimal("94.0")  # 141 / 150
    assert res.overall_rate == Decimal("96.0")  # 144 / 150, not the mean of the two areas' rates
    assert res.coverage_ok and res.satisfaction_ok and res.passed
    assert res.verdict.startswith("ĐẠT")


def test_thresholds_are_settings_and_compared_exactly(survey, dong_phuc_officer, tree):
    _fill(survey, dong_phuc_officer, tree.na_hai, 89)
    _fill(survey, dong_phuc_officer, tree.na_hai, 11, unhappy_with={11}, start=90)  # overall 89/100
    res = results.compute(survey, [tree.na_hai, tree.na_lan])
    assert res.overall_rate == Decimal("89.0")
    assert not res.satisfaction_ok and not res.passed
    assert not res.coverage_ok  # 100 / 210 = 47.6% < 70%
    survey.threshold, survey.min_coverage = Decimal("89"), Decimal("47.6")
    res = results.compute(survey, [tree.na_hai, tree.na_lan])
    assert res.satisfaction_ok and res.coverage_ok and res.passed  # 100/210 = 47.619…% ≥ 47.6
    survey.min_coverage = Decimal("47.62")
    assert not results.compute(survey, [tree.na_hai, tree.na_lan]).coverage_ok  # … < 47.62


def test_every_question_mode_fails_on_one_weak_question(survey, dong_phuc_officer, tree):
    _fill(survey, dong_phuc_officer, tree.na_hai, 80)
    _fill(survey, dong_phuc_officer, tree.na_hai, 20, unhappy_with={3}, start=81)
    survey.min_coverage = 0
    res = results.compute(survey, [tree.na_hai])
    assert res.passed
    survey.every_question = True
    res = results.compute(survey, [tree.na_hai])
    assert [q.number for q in res.failing_questions] == [3] and not res.passed


def test_no_ballots_is_not_zero_percent(survey, tree):
    res = results.compute(survey, [tree.na_hai])
    assert res.total.returned == 0 and res.overall_rate is None and not res.passed
    assert res.rows[0].coverage == Decimal("0.0")


def test_small_areas_keep_their_rates_hidden(survey, dong_phuc_officer, tree):
    _fill(survey, dong_phuc_officer, tree.na_hai, results.MIN_CELL - 1)
    res = results.compute(survey, [tree.na_hai])
    assert not res.rows[0].shown
