"""Surveys feed the spine: coverage per area while collecting, satisfaction per commune once closed."""

from decimal import Decimal

import pytest

from campaign.periods import get_period
from indicators.queries import reading
from indicators.models import Measure
from indicators.sync import sync_measures
from surveys import services
from surveys.models import Survey

from .helpers import all_yes, household, make_survey

pytestmark = pytest.mark.django_db


def test_surveys_claim_their_measures_and_feed_the_rollup(dong_phuc_officer, tree):
    year = get_period("2026")
    sync_measures()
    assert Measure.objects.get(code="survey_satisfaction_rate").register == "surveys"
    survey = make_survey(dong_phuc_officer, tree.dong_phuc)
    for i in range(1, 11):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai,
                                    household(survey, tree.na_hai, f"{i:03d}").pk,
                                    all_yes(survey, {11} if i > 8 else ()))
    coverage = Measure.objects.get(code="survey_coverage_rate")
    satisfaction = Measure.objects.get(code="survey_satisfaction_rate")
    assert reading(Measure.objects.get(code="survey_households_asked"), tree.na_hai, year).value == 10
    assert reading(coverage, tree.dong_phuc, year).value.quantize(Decimal("0.01")) == Decimal("4.76")  # 10 / 210
    assert reading(satisfaction, tree.dong_phuc, year).value is None  # not while collecting
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    assert reading(satisfaction, tree.dong_phuc, year).value == 80  # 8 of 10 satisfied overall
    assert reading(satisfaction, tree.province, year).value == 80
    assert reading(Measure.objects.get(code="survey_returned"), tree.province, year).value == 10
