"""The demo loads twice without duplicating, and the integrity checks catch a broken survey."""

import pytest

from surveys import demo, integrity, services
from surveys.models import Ballot, Receipt, Survey

from .helpers import all_yes, household, survey  # noqa: F401

pytestmark = pytest.mark.django_db


def failures():
    return [(name, failure) for name, failure in integrity.checks() if failure]


def test_the_demo_is_idempotent_and_consistent(tree):
    from units.models import Kind, Level, Unit

    for i in (1, 2):
        Unit(parent=tree.ward, level=Level.AREA, kind=Kind.STREET_GROUP, code=f"{i:02d}", name=f"Tổ dân phố số {i}",
             households=60).save()
    demo.load(lambda _: None)
    counts = (Survey.objects.count(), Receipt.objects.count(), Ballot.objects.count())
    demo.load(lambda _: None)
    assert (Survey.objects.count(), Receipt.objects.count(), Ballot.objects.count()) == counts
    closed = Survey.objects.get(unit=tree.ward)
    running = Survey.objects.get(unit=tree.dong_phuc)
    assert closed.status == "closed" and closed.published and closed.criteria_set.code == "dtvm-2022"
    assert running.status == "open" and running.criteria_set.code == "ntm-xa-2026-2030"
    from surveys import results

    res = results.compute(closed, closed.unit.children.all())
    assert res.passed
    assert failures() == []


def test_integrity_finds_a_ballot_without_its_receipt(survey, dong_phuc_officer, tree):
    services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai, household(survey, tree.na_hai, "001").pk,
                                all_yes(survey))
    assert failures() == []
    Receipt.objects.all().delete()
    assert [name for name, _ in failures()] == ["Số mã/hộ đã dùng bằng số phiếu thu về, từng khu dân cư"]


def test_integrity_finds_an_incomplete_ballot(survey, dong_phuc_officer, tree):
    services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai, household(survey, tree.na_hai, "001").pk,
                                all_yes(survey))
    services.flush_ballots(survey, everything=True)
    Ballot.objects.get().answers.first().delete()
    assert [name for name, _ in failures()] == ["Mỗi phiếu trả lời đủ mọi câu hỏi"]
