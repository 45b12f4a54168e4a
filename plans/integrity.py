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
    from .models import Task, TaskStatus

    tasks = Task.objects.filter(Q(assigned_unit__isnull=False) | Q(assigned_organisation__isnull=False))
    both = tasks.filter(assigned_unit__isnull=False, assigned_organisation__isnull=False)
    unit_outside = tasks.filter(assigned_unit__isnull=False).exclude(
        assigned_unit__path__startswith=F("plan__unit__path"))
    org_outside = tasks.filter(assigned_organisation__isnull=False).exclude(
        assigned_organisation__unit__path__startswith=F("plan__unit__path"))
    wrong = [*both, *unit_outside, *org_outside]
    yield ("Nhiệm vụ giao cho một đơn vị hoặc một tổ chức thuộc đơn vị ban hành",
           f"{len(wrong)} nhiệm vụ: {', '.join(str(t.pk) for t in wrong[:10])}" if wrong else None)
    undated = Task.objects.filter(status=TaskStatus.DONE, done_on__isnull=True) | Task.objects.exclude(
        status=TaskStatus.DONE).filter(done_on__isnull=False)
    yield ("Nhiệm vụ xong có ngày hoàn thành (và chỉ nhiệm vụ xong)",
           f"{undated.count()} nhiệm vụ: {', '.join(str(t.pk) for t in undated[:10])}" if undated.exists() else None)
