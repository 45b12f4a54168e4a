"""Completeness against an independent count: each unit's first-send date compared by hand with the due date."""

import datetime

from django.utils import timezone

from reporting import completeness
from reporting.models import Submission


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 30)))


def test_counts_match_an_independent_expectation(h1_round, tree):
    due = h1_round.due_date
    # Xã Đồng Phúc on the due day (late evening, local time: still on time), Bằng Thành two days late,
    # the ward not at all.
    sent = {tree.dong_phuc.pk: due, tree.bang_thanh.pk: due + datetime.timedelta(days=2), tree.ward.pk: None}
    for unit_id, day in sent.items():
        Submission.objects.filter(round=h1_round, unit_id=unit_id).update(
            first_submitted_at=_aware(day) if day else None, submitted_at=_aware(day) if day else None,
            state="submitted" if day else "draft")
    on = due + datetime.timedelta(days=5)
    state = completeness.compute(h1_round, on)
    expected_total = 3
    expected_on_time = sum(1 for d in sent.values() if d and d <= due)
    expected_late = sum(1 for d in sent.values() if d and d > due)
    expected_missing = sum(1 for d in sent.values() if d is None)
    assert (state.expected, state.on_time, state.late, state.missing, state.received) == (
        expected_total, expected_on_time, expected_late, expected_missing, expected_on_time + expected_late)
    assert state.on_time_rate == round(100 * expected_on_time / expected_total, 1)
    assert [r.submission.unit.name for r in state.rows] == ["Phường Phan Đình Phùng", "Xã Bằng Thành",
                                                           "Xã Đồng Phúc"]
    assert [r.days_late for r in state.rows] == [5, 2, None]


def test_before_the_due_date_unsent_is_pending_not_missing(h1_round):
    state = completeness.compute(h1_round, h1_round.due_date)
    assert state.pending == 3 and state.missing == 0 and state.on_time_rate == 0
