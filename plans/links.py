from django.urls import reverse

from units.models import Level


def nav(user):
    if not user.is_authenticated or not (user.unit_id or user.is_superuser):
        return []
    return [("Kế hoạch", reverse("plans:list"))]


def unit(user, unit):
    if unit.level == Level.AREA:
        return []
    url = reverse("plans:list") + f"?don-vi={unit.pk}"
    return [("Kế hoạch", url, "Kế hoạch của đơn vị: chỉ tiêu, nhiệm vụ, chế độ báo cáo; nhập từ tệp, tải DOCX/PDF")]
