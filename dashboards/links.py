from django.urls import reverse


def unit(user, unit):
    if unit.level == "area":
        return []
    return [("Bảng điều hành", reverse("dashboards:unit", args=[unit.pk]),
             "Chỉ tiêu, báo cáo, quỹ, kiến nghị, bản đồ và biểu đồ; trình chiếu cho cuộc họp, tải PDF")]
