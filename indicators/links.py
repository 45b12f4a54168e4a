from django.urls import reverse

from accounts import scope


def nav(user):
    if scope.root_unit(user) is None:
        return []
    return [("Chỉ số và tổng hợp", reverse("indicators:home"))]


def unit(user, unit):
    return [("Chỉ số và tổng hợp", reverse("indicators:unit_default", args=[unit.pk]),
             "Số liệu của đơn vị và các cấp dưới, tổng hợp tự động; nhập số liệu, tải XLSX/CSV")]
