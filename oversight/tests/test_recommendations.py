import datetime
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent
from indicators.derive import recompute
from oversight import services
from oversight.measures import overdue, pending
from oversight.models import Recommendation, RecommendationEvent

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_recommendation_goes_sent_answered_resolved_with_history_and_audit(make_rec, agencies,
                                                                             dong_phuc_officer):
    rec = make_rec(agencies.ubnd_dp, D(2026, 4, 1), D(2026, 5, 1))
    assert rec.status == "sent"
    rec = services.change_status(dong_phuc_officer, rec, "answered", D(2026, 4, 20), answer="Đã sửa xong")
    assert (rec.status, rec.answered_on, rec.answer) == ("answered", D(2026, 4, 20), "Đã sửa xong")
    assert rec.answered_late is False
    rec = services.change_status(dong_phuc_officer, rec, "resolved", D(2026, 5, 10), note="Kiểm tra thực tế")
    assert rec.closed_on == D(2026, 5, 10)
    assert list(rec.events.values_list("from_status", "to_status")) == [
        ("", "sent"), ("sent", "answered"), ("answered", "resolved")]
    verbs = list(AuditEvent.objects.filter(object_type="oversight.recommendation", object_id=str(rec.pk))
                 .values_list("verb", flat=True))
    assert "Chuyển kiến nghị sang “Đã trả lời”" in verbs and "Chuyển kiến nghị sang “Đã giải quyết”" in verbs


def test_it_refuses_skipping_or_going_back(make_rec, agencies, dong_phuc_officer):
    rec = make_rec(agencies.ubnd_dp, D(2026, 4, 1), D(2026, 5, 1))
    with pytest.raises(ValidationError):
        services.change_status(dong_phuc_officer, rec, "resolved", D(2026, 5, 1))
    rec = services.change_status(dong_phuc_officer, rec, "answered", D(2026, 4, 2), answer="Trả lời")
    with pytest.raises(ValidationError):
        services.change_status(dong_phuc_officer, rec, "sent", D(2026, 5, 1))
    assert RecommendationEvent.objects.filter(recommendation=rec).count() == 2


def test_an_answer_needs_text_and_a_date_not_before_sending_nor_after_today(make_rec, agencies,
                                                                            dong_phuc_officer, fixed_today):
    rec = make_rec(agencies.ubnd_dp, D(2026, 4, 1), D(2026, 5, 1))
    with pytest.raises(ValidationError):
        services.change_status(dong_phuc_officer, rec, "answered", D(2026, 4, 5), answer="  ")
    with pytest.raises(ValidationError):
        services.change_status(dong_phuc_officer, rec, "answered", D(2026, 3, 30), answer="x")
    with pytest.raises(ValidationError):
        services.change_status(dong_phuc_officer, rec, "answered", fixed_today + datetime.timedelta(days=1),
                               answer="x")
    rec.refresh_from_db()
    assert rec.status == "sent" and rec.answered_on is None


def test_a_due_date_before_the_sending_date_is_refused(agencies, dong_phuc_officer):
    with pytest.raises(ValidationError):
        services.add_recommendation(dong_phuc_officer, agencies.ubnd_dp.unit, {
            "agency": agencies.ubnd_dp, "content": "x", "sent_on": D(2026, 5, 1), "due_on": D(2026, 4, 1)})
    assert not Recommendation.objects.exists()


def test_a_commune_cannot_address_another_communes_agency(agencies, dong_phuc_officer, tree):
    with pytest.raises(ValidationError):
        services.add_recommendation(dong_phuc_officer, tree.dong_phuc, {
            "agency": agencies.ubnd_bt, "content": "x", "sent_on": D(2026, 5, 1), "due_on": D(2026, 6, 1)})
    # the province's agencies are open to the communes under it
    rec = services.add_recommendation(dong_phuc_officer, tree.dong_phuc, {
        "agency": agencies.so_nn, "content": "x", "sent_on": D(2026, 5, 1), "due_on": D(2026, 6, 1)})
    assert rec.unit == tree.dong_phuc


def test_a_leader_cannot_change_a_status(make_rec, agencies, leader):
    rec = make_rec(agencies.ubnd_dp, D(2026, 4, 1), D(2026, 5, 1))
    with pytest.raises(PermissionDenied):
        services.change_status(leader, rec, "answered", D(2026, 4, 2), answer="x")


def test_overdue_is_unanswered_past_the_due_date_and_comes_first(make_rec, agencies, fixed_today):
    late = make_rec(agencies.ubnd_dp, D(2026, 3, 1), D(2026, 4, 1))                      # overdue
    due_today = make_rec(agencies.ubnd_dp, D(2026, 5, 15), D(2026, 6, 15))                # due today: not yet
    answered_late = make_rec(agencies.ubnd_dp, D(2026, 2, 1), D(2026, 3, 1), answered=D(2026, 5, 1))
    waiting = make_rec(agencies.police_dp, D(2026, 6, 1), D(2026, 7, 1))
    very_late = make_rec(agencies.police_dp, D(2026, 1, 5), D(2026, 2, 5))               # overdue, oldest
    assert [r.is_overdue(fixed_today) for r in (late, due_today, answered_late, waiting, very_late)] == [
        True, False, False, False, True]
    ordered = list(services.with_overdue(Recommendation.objects.all(), fixed_today))
    assert ordered[:2] == [very_late, late]
    assert [r.overdue for r in ordered] == [1, 1, 0, 0, 0]


def test_the_per_agency_table_matches_an_independent_count(make_rec, agencies, fixed_today, dong_phuc_officer):
    rng = random.Random(7)
    for _ in range(40):
        agency = rng.choice([agencies.ubnd_dp, agencies.police_dp, agencies.so_nn])
        sent = D(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 160))
        due = sent + datetime.timedelta(days=rng.choice([10, 30, 45]))
        answered = sent + datetime.timedelta(days=rng.randint(0, 60)) if rng.random() < 0.6 else None
        answered = answered if answered and answered <= fixed_today else None
        closed = answered if answered and rng.random() < 0.5 else None
        make_rec(agency, sent, due, answered=answered, closed=closed, resolved=rng.random() < 0.7,
                 unit=dong_phuc_officer.unit)
    rows = {r["agency__name"]: r for r in services.followup_rows(Recommendation.objects.all(), fixed_today)}
    for agency in (agencies.ubnd_dp, agencies.police_dp, agencies.so_nn):
        mine = [r for r in Recommendation.objects.all() if r.agency_id == agency.pk]
        row = rows[agency.name]
        assert row["sent"] == len(mine)
        assert row["on_time"] == sum(1 for r in mine if r.answered_on and r.answered_on <= r.due_on)
        assert row["late"] == sum(1 for r in mine if r.answered_on and r.answered_on > r.due_on)
        assert row["overdue"] == sum(1 for r in mine if r.answered_on is None and r.due_on < fixed_today)
        assert row["waiting"] == sum(1 for r in mine if r.answered_on is None and r.due_on >= fixed_today)
        assert row["resolved"] == sum(1 for r in mine if r.status == "resolved")
        assert row["unresolved"] == sum(1 for r in mine if r.status == "unresolved")
    table = services.followup_table(dong_phuc_officer.unit, Recommendation.objects.all(), fixed_today)
    assert table.totals["sent"] == 40
    assert table.totals["overdue"] == sum(1 for r in Recommendation.objects.all() if r.is_overdue(fixed_today))


def test_derived_measures_count_the_raw_rows(make_rec, agencies, tree, dong_phuc_officer, fixed_today):
    from campaign.periods import get_period
    from oversight.models import Supervision

    for kind, start in [("chuyen_de", D(2026, 2, 1)), ("phan_bien", D(2026, 3, 1)), ("ban_gsdtcd", D(2026, 8, 1)),
                        ("thuong_xuyen", D(2025, 12, 30))]:
        services.save_supervision(dong_phuc_officer, tree.dong_phuc, {
            "kind": kind, "subject_kind": "work", "subject": "Đường", "team": "", "start": start, "end": start,
            "findings": ""})
    make_rec(agencies.ubnd_dp, D(2026, 1, 10), D(2026, 2, 10), answered=D(2026, 2, 1))   # on time in q1
    make_rec(agencies.ubnd_dp, D(2026, 1, 10), D(2026, 2, 10), answered=D(2026, 4, 1))   # late, answered q2
    make_rec(agencies.ubnd_dp, D(2026, 3, 1), D(2026, 3, 20))                            # overdue since 20/3
    h1, q1, y2025 = get_period("2026-h1"), get_period("2026-q1"), get_period("2025")
    units = [tree.dong_phuc, tree.bang_thanh]
    key = (tree.dong_phuc.pk, None)
    assert recompute("supervisions_held", h1, units) == {key: 1}
    assert recompute("supervisions_held", y2025, units) == {key: 1}
    assert recompute("social_critiques_held", h1, units) == {key: 1}
    assert recompute("recommendations_made", q1, units) == {key: 3}
    assert recompute("recommendations_answered_on_time", q1, units) == {key: 1}
    assert recompute("recommendations_answered_on_time", h1, units) == {key: 1}
    # at the end of Q1 two were overdue (the late one was still unanswered on 31/3); by today only one
    assert {k: v for k, v in overdue(q1, [u.pk for u in units], today=fixed_today).items()} == {key: 2}
    assert {k: v for k, v in overdue(h1, [u.pk for u in units], today=fixed_today).items()} == {key: 1}
    # pending: sent and unanswered on the as-at date (in time or not)
    assert pending(q1, [u.pk for u in units], today=fixed_today) == {key: 2}
    assert pending(h1, [u.pk for u in units], today=fixed_today) == {key: 1}
    assert pending(get_period("2025"), [u.pk for u in units], today=fixed_today) == {}
    # Bằng Thành recorded nothing: no value at all (not reported), never 0
    assert (tree.bang_thanh.pk, None) not in recompute("supervisions_held", h1, units)


def test_integrity_catches_an_answer_without_a_date(make_rec, agencies):
    from oversight.integrity import checks

    assert all(failure is None for _, failure in checks())
    rec = make_rec(agencies.ubnd_dp, D(2026, 4, 1), D(2026, 5, 1), answered=D(2026, 4, 2))
    Recommendation.objects.filter(pk=rec.pk).update(answered_on=None)
    failures = dict(checks())
    assert failures["Kiến nghị đã trả lời có ngày trả lời (và chưa trả lời thì không có)"]


def test_integrity_catches_a_status_that_disagrees_with_its_history(make_rec, agencies):
    from oversight.integrity import checks

    rec = make_rec(agencies.ubnd_dp, D(2026, 4, 1), D(2026, 5, 1), answered=D(2026, 4, 2))
    Recommendation.objects.filter(pk=rec.pk).update(status="resolved", closed_on=D(2026, 4, 3))
    assert dict(checks())["Lịch sử trạng thái kiến nghị khớp trạng thái hiện tại"]


def test_the_spine_receives_the_derived_values(make_rec, agencies, tree, dong_phuc_officer, fixed_today):
    from campaign.periods import get_period
    from indicators.models import Measure
    from indicators.queries import reading

    q1 = get_period("2026-q1")
    from indicators.rollup import invalidate_caches

    invalidate_caches()  # other tests in this worker may have re-synced measures (catalogue only)
    rec = make_rec(agencies.ubnd_dp, D(2026, 1, 10), D(2026, 2, 10))
    make_rec(agencies.ubnd_dp, D(2026, 2, 10), D(2026, 3, 10), answered=D(2026, 3, 1))
    made, on_time, rate = (Measure.objects.get(code=c) for c in (
        "recommendations_made", "recommendations_answered_on_time", "recommendations_answered_rate"))
    assert made.source == "register"
    assert reading(made, tree.province, q1).value == 2
    assert reading(on_time, tree.province, q1).value == 1
    services.change_status(dong_phuc_officer, rec, "answered", D(2026, 2, 5), answer="Đã trả lời")
    assert reading(on_time, tree.province, q1).value == 2
    assert float(reading(rate, tree.province, q1).value) == pytest.approx(100)


def test_opinion_summaries_count_in_their_quarter_half_and_year_never_a_month(tree, dong_phuc_officer,
                                                                               other_officer):
    from campaign.periods import get_period

    q1, q2 = get_period("2026-q1"), get_period("2026-q2")
    services.save_opinion_summary(dong_phuc_officer, tree.dong_phuc, q1, {"situation": "Ổn định"}, submit=True)
    services.save_opinion_summary(dong_phuc_officer, tree.dong_phuc, q2, {"situation": "Ổn định"}, submit=True)
    services.save_opinion_summary(other_officer, tree.bang_thanh, q1, {"situation": "Nháp"})  # a draft
    units = [tree.dong_phuc, tree.bang_thanh]
    key = (tree.dong_phuc.pk, None)
    assert recompute("opinion_summaries_submitted", q1, units) == {key: 1}
    assert recompute("opinion_summaries_submitted", get_period("2026-h1"), units) == {key: 2}
    assert recompute("opinion_summaries_submitted", get_period("2026"), units) == {key: 2}
    assert recompute("opinion_summaries_submitted", get_period("2026-01"), units) == {}
    services.save_opinion_summary(other_officer, tree.bang_thanh, q1, {"situation": "Gửi"}, submit=True)
    assert recompute("opinion_summaries_submitted", q1, units) == {key: 1, (tree.bang_thanh.pk, None): 1}
