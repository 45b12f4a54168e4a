"""Consistency of the oversight register: answers have dates, statuses agree with their history."""

from django.db.models import Count, F, Max, Q

from .models import Recommendation, RecommendationEvent, Supervision

Status = Recommendation.Status


def checks():
    bad = Recommendation.objects.filter(
        Q(status__in=[Status.ANSWERED, Status.RESOLVED, Status.UNRESOLVED], answered_on__isnull=True)
        | Q(status=Status.SENT, answered_on__isnull=False))
    yield "Kiến nghị đã trả lời có ngày trả lời (và chưa trả lời thì không có)", (
        f"{bad.count()} kiến nghị sai, ví dụ số {', '.join(str(p) for p in bad.values_list('pk', flat=True)[:5])}"
        if bad.exists() else None)
    bad = Recommendation.objects.filter(Q(answered_on__lt=F("sent_on")) | Q(closed_on__lt=F("answered_on")))
    yield "Ngày trả lời sau ngày gửi, ngày kết luận sau ngày trả lời", (
        f"{bad.count()} kiến nghị có ngày sai thứ tự" if bad.exists() else None)
    bad = Recommendation.objects.filter(Q(status__in=[Status.RESOLVED, Status.UNRESOLVED], closed_on__isnull=True))
    yield "Kiến nghị đã kết luận có ngày kết luận", (f"{bad.count()} kiến nghị thiếu ngày kết luận"
                                                     if bad.exists() else None)
    # The last event of each recommendation names its current status.
    last = (RecommendationEvent.objects.values("recommendation_id").annotate(last=Max("id")).values("last"))
    mismatched = RecommendationEvent.objects.filter(id__in=last).exclude(
        to_status=F("recommendation__status")).count()
    missing = Recommendation.objects.annotate(n=Count("events")).filter(n=0).count()
    yield "Lịch sử trạng thái kiến nghị khớp trạng thái hiện tại", (
        f"{mismatched} kiến nghị có trạng thái khác lịch sử, {missing} kiến nghị không có lịch sử"
        if mismatched or missing else None)
    bad = Supervision.objects.filter(end__lt=F("start")).count()
    yield "Cuộc giám sát kết thúc sau khi bắt đầu", (f"{bad} cuộc giám sát sai ngày" if bad else None)
