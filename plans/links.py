from django.urls import reverse

from units.models import Level


def nav(user):
    if not user.is_authenticated or not (user.unit_id or user.is_superuser):
        return []
    return [("Kế hoạch", reverse("plans:list"))]


def unit(user, unit):
    if unit.level == Level.AREA:
        return []
    from .followup import overdue_tasks

    url = reverse("plans:list") + f"?don-vi={unit.pk}"
    links = [("Kế hoạch", url, "Kế hoạch của đơn vị: chỉ tiêu, nhiệm vụ, chế độ báo cáo; nhập từ tệp, tải DOCX/PDF")]
    overdue = overdue_tasks(user, unit).count()
    if overdue:
        links.append((f"Nhiệm vụ quá hạn: {overdue}", reverse("plans:tasks") + f"?loc=qua-han&don-vi={unit.pk}",
                      "Nhiệm vụ của kế hoạch đã ban hành giao cho đơn vị, tổ chức thuộc đơn vị này, quá thời hạn "
                      "mà chưa xong"))
    return links
