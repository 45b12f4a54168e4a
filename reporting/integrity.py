"""Consistency of reporting: each submission's state is the end of its transitions and timestamps agree with the
states. (An accepted report's figures are a frozen snapshot, so they may differ from today's spine on purpose.)"""

from django.db.models import OuterRef, Subquery

from .models import State, Submission, Transition


def checks():
    last = Transition.objects.filter(submission=OuterRef("pk")).order_by("-at", "-id").values("to_state")[:1]
    subs = Submission.objects.annotate(last_state=Subquery(last)).select_related("unit")
    bad_state, bad_times = [], []
    for s in subs.only("pk", "state", "first_submitted_at", "accepted_at", "unit__name", "organisation_id"):
        expected = s.last_state or State.DRAFT
        if s.state != expected:
            bad_state.append(f"{s.unit.name} (#{s.pk}: {s.state}, bước cuối {expected})")
        sent = s.first_submitted_at is not None
        if sent != (s.state != State.DRAFT) or (s.state in (State.ACCEPTED, State.LOCKED)) != (
                s.accepted_at is not None) and s.state != State.RETURNED:
            bad_times.append(f"{s.unit.name} (#{s.pk})")
    yield "Trạng thái báo cáo khớp bước xử lý cuối cùng", (
        f"{len(bad_state)} báo cáo lệch, ví dụ {', '.join(bad_state[:5])}" if bad_state else None)
    yield "Thời điểm gửi, tiếp nhận khớp trạng thái", (
        f"{len(bad_times)} báo cáo lệch: {', '.join(bad_times[:5])}" if bad_times else None)
    yield from review_checks()


def review_checks():
    """A review round's reports hold text only under the sections of the outline the round was opened with."""
    from .models import REVIEW_KINDS, ReportingRound

    stray = []
    for rnd in ReportingRound.objects.filter(kind__in=REVIEW_KINDS).only("pk", "review_sections"):
        keys = {s["key"] for s in rnd.review_sections}
        for pk, narratives in rnd.submissions.values_list("pk", "narratives"):
            if set((narratives or {}).get("review") or {}) - keys:
                stray.append(f"#{pk}")
    yield "Báo cáo sơ kết, tổng kết chỉ có các mục của đề cương", (
        f"{len(stray)} báo cáo có mục lạ: {', '.join(stray[:5])}" if stray else None)
