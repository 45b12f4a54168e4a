"""Consistency of the activities register."""

from django.db.models import F

from units.models import Level

from .models import Activity, ActivityChannel, CovenantUpdate


def checks():
    gud = Activity.objects.filter(kind=Activity.Kind.GREAT_UNITY_DAY).exclude(unit__level=Level.AREA)
    yield "Ngày hội Đại đoàn kết ghi cho khu dân cư", (f"{gud.count()} bản ghi ở cấp khác" if gud.exists() else None)
    cov = CovenantUpdate.objects.exclude(unit__level=Level.AREA)
    yield "Hương ước, quy ước thuộc khu dân cư", (f"{cov.count()} bản ghi ở cấp khác" if cov.exists() else None)
    outside = Activity.objects.filter(organisation__isnull=False).exclude(
        unit__path__startswith=F("organisation__unit__path"))
    yield "Hoạt động của tổ chức thành viên nằm trong địa bàn của tổ chức", (
        f"{outside.count()} hoạt động" if outside.exists() else None)
    pledges = Activity.objects.filter(kind=Activity.Kind.SECURITY_PLEDGE).exclude(unit__level=Level.AREA)
    yield "Ký cam kết an ninh trật tự ghi cho khu dân cư", (
        f"{pledges.count()} bản ghi ở cấp khác" if pledges.exists() else None)
    channels = ActivityChannel.objects.exclude(activity__kind=Activity.Kind.PROPAGANDA)
    yield "Số lượt theo hình thức tuyên truyền chỉ gắn với hoạt động tuyên truyền", (
        f"{channels.count()} dòng" if channels.exists() else None)
    topics = Activity.objects.filter(topic__isnull=False).exclude(kind=Activity.Kind.TRAINING)
    yield "Chủ đề tập huấn chỉ gắn với hoạt động tập huấn", (f"{topics.count()} hoạt động" if topics.exists() else None)
