"""Consistency of the activities register."""

from django.db.models import F

from units.models import Level

from .models import Activity, CovenantUpdate


def checks():
    gud = Activity.objects.filter(kind=Activity.Kind.GREAT_UNITY_DAY).exclude(unit__level=Level.AREA)
    yield "Ngày hội Đại đoàn kết ghi cho khu dân cư", (f"{gud.count()} bản ghi ở cấp khác" if gud.exists() else None)
    cov = CovenantUpdate.objects.exclude(unit__level=Level.AREA)
    yield "Hương ước, quy ước thuộc khu dân cư", (f"{cov.count()} bản ghi ở cấp khác" if cov.exists() else None)
    outside = Activity.objects.filter(organisation__isnull=False).exclude(
        unit__path__startswith=F("organisation__unit__path"))
    yield "Hoạt động của tổ chức thành viên nằm trong địa bàn của tổ chức", (
        f"{outside.count()} hoạt động" if outside.exists() else None)
