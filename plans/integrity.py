"""Consistency checks for plans (run by `manage.py check_integrity`)."""

from django.db.models import F, Q


def checks():
    from .models import Plan, Target

    missing = Plan.objects.filter(status=Plan.Status.ISSUED).filter(
        Q(number="") | Q(issued_on__isnull=True) | Q(signer_name=""))
    yield ("Kế hoạch đã ban hành có số, ngày và người ký",
           f"{missing.count()} kế hoạch thiếu: {', '.join(str(p.pk) for p in missing[:10])}" if missing.exists() else None)
    wrong = Target.objects.filter(allocated_from__isnull=False).exclude(allocated_from__plan=F("plan__parent_plan"))
    yield ("Chỉ tiêu phân bổ lấy từ chính kế hoạch căn cứ",
           f"{wrong.count()} chỉ tiêu: {', '.join(str(t.pk) for t in wrong[:10])}" if wrong.exists() else None)
    outside = Plan.objects.filter(parent_plan__isnull=False).exclude(
        unit__path__startswith=F("parent_plan__unit__path"))
    yield ("Kế hoạch căn cứ là của cấp trên",
           f"{outside.count()} kế hoạch: {', '.join(str(p.pk) for p in outside[:10])}" if outside.exists() else None)
