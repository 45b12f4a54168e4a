"""Navigation into surveys: the top bar and the work cards of commune and area pages."""

from django.urls import reverse

from accounts.models import Role
from units.models import Level


def nav(user):
    if not user.is_authenticated or (user.unit_id is None and not user.is_superuser):
        return []
    return [("Lấy ý kiến", reverse("surveys:list"))]


def unit(user, unit):
    if unit.level == Level.COMMUNE:
        return [("Lấy ý kiến sự hài lòng", reverse("surveys:list") + f"?don-vi={unit.pk}",
                 "Phiếu giấy và trực tuyến, tỷ lệ hài lòng, báo cáo kết quả")]
    if unit.level == Level.AREA and user.role == Role.AREA_HEAD:
        return [("Nhập phiếu lấy ý kiến", reverse("surveys:list"), "Nhập phiếu giấy của khu dân cư")]
    return []
