"""Survey fixtures on the conftest tree: Đồng Phúc (Nà Hai 120 hộ, Nà Làn 90 hộ)."""

import datetime

import pytest

from surveys import services
from surveys.models import Respondent, Survey


def make_survey(officer, unit, open_=True, subject=Survey.Subject.NEW_RURAL, **kw):
    data = {"title": "Lấy ý kiến về nông thôn mới 2026", "subject": subject, "criteria_set": None,
            "starts_on": datetime.date(2026, 11, 1), "ends_on": datetime.date(2026, 12, 1), "threshold": 90,
            "min_coverage": 70, "every_question": False, "intro": ""}
    data.update(kw)
    survey = services.create_survey(officer, unit, data)
    if open_:
        services.generate_respondents(officer, survey)
        services.set_status(officer, survey, Survey.Status.OPEN)
    return survey


def all_yes(survey, exceptions=()):
    """Answers for every question, satisfied except the question numbers in `exceptions`."""
    return {q.pk: q.number not in exceptions for q in survey.questions.all()}


def household(survey, area, code):
    return Respondent.objects.get(survey=survey, area=area, code=code)


@pytest.fixture
def survey(dong_phuc_officer, tree):
    return make_survey(dong_phuc_officer, tree.dong_phuc)
