from django.urls import reverse

from accounts.scope import root_unit


def nav(user):
    unit = root_unit(user)
    if unit is None or unit.level == "area":
        return []
    return [("Giám sát, kiến nghị", reverse("oversight:index", args=[unit.pk]))]


def unit(user, unit):
    if unit.level == "area":
        return []
    links = [("Giám sát, phản biện và kiến nghị", reverse("oversight:index", args=[unit.pk]),
              "Cuộc giám sát, kiến nghị quá hạn, theo dõi trả lời theo cơ quan")]
    hint = "Gửi báo cáo hằng quý" if unit.level == "commune" else "Xã nào đã gửi, tổng hợp theo quý"
    links.append(("Tình hình Nhân dân", reverse("oversight:opinions", args=[unit.pk]), hint))
    return links
