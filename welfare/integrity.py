"""Consistency of adoptions and sponsored children (issue #16)."""

from django.db.models import F, Q

from .models import Adoption, ChildSponsorship, SupportRecord


def checks():
    outside = SupportRecord.objects.filter(adoption__isnull=False).filter(
        ~Q(household=F("adoption__household")) | Q(date__lt=F("adoption__starts_on")) |
        Q(date__gt=F("adoption__ends_on")))
    yield "Hỗ trợ theo phân công nhận giúp đỡ: đúng hộ, trong thời gian nhận giúp đỡ", (
        f"{outside.count()} lần hỗ trợ" if outside.exists() else None)
    far = Adoption.objects.filter(organisation__isnull=False).exclude(
        household__unit__path__startswith=F("organisation__unit__path"))
    yield "Tổ chức nhận giúp đỡ hộ hoạt động ở địa bàn của hộ", (f"{far.count()} phân công" if far.exists() else None)
    spans = Adoption.objects.filter(Q(to_year__lt=F("from_year")) | Q(ends_on__lt=F("starts_on")))
    yield "Thời gian nhận giúp đỡ hợp lệ", (f"{spans.count()} phân công" if spans.exists() else None)
    children = ChildSponsorship.objects.exclude(unit__level="area")
    yield "Trẻ được đỡ đầu ghi theo khu dân cư", (f"{children.count()} trẻ" if children.exists() else None)
