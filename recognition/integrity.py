"""Consistency of the recognition register."""

from django.db.models import F, Q

from units.models import Level

from .models import AreaTitle, CommuneTitle, Nomination


def checks():
    bad = AreaTitle.objects.filter(cultural_families__gt=F("total_families"))
    yield "Số gia đình văn hóa không vượt tổng số hộ gia đình", (
        f"{bad.count()} khu dân cư, ví dụ {', '.join(str(t) for t in bad.select_related('unit')[:5])}"
        if bad.exists() else None)
    bad = AreaTitle.objects.exclude(unit__level=Level.AREA).count() + \
        CommuneTitle.objects.exclude(unit__level=Level.COMMUNE).count()
    yield "Danh hiệu gắn đúng cấp (khu dân cư văn hóa, xã tiêu biểu)", (f"{bad} danh hiệu gắn sai cấp" if bad else None)
    bad = Nomination.objects.filter(status=Nomination.Status.DECIDED).filter(
        Q(decision_number="") | Q(decision_date__isnull=True) | Q(decision_level=""))
    yield "Khen thưởng đã quyết định có số, ngày, cấp quyết định", (
        f"{bad.count()} đề nghị thiếu thông tin quyết định" if bad.exists() else None)
    bad = Nomination.objects.exclude(status=Nomination.Status.DECIDED).exclude(decision_number="").count()
    yield "Chỉ đề nghị đã quyết định mới có số quyết định", (f"{bad} đề nghị sai" if bad else None)
