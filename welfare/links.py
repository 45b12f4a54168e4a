"""Navigation into households and support: the top bar and the cards on a unit page."""

from django.urls import reverse

from accounts.scope import can_manage_users, root_unit


def nav(user):
    unit = root_unit(user)
    if unit is None:
        return []
    links = [("Hộ nghèo", reverse("welfare:list", args=[unit.pk]))]
    if user.role == "org_officer":
        links.append(("Nhận giúp đỡ hộ", reverse("welfare:adoptions", args=[unit.pk])))
    if can_manage_users(user):
        links.append(("Quyền dữ liệu cá nhân", reverse("welfare:rights")))
        links.append(("Danh mục hoàn cảnh", reverse("welfare:tags")))
    return links


def unit(user, unit):
    if unit.level == "nation":
        return []
    return [("Hộ nghèo, cận nghèo và hỗ trợ", reverse("welfare:list", args=[unit.pk]),
             "Danh sách hộ năm, thăm hỏi tặng quà, sinh kế, nhà Đại đoàn kết"),
            ("Nhận giúp đỡ hộ nghèo", reverse("welfare:adoptions", args=[unit.pk]),
             "Tổ chức thành viên, Mặt trận nhận giúp đỡ hộ; hộ đã thoát nghèo"),
            ("Đỡ đầu trẻ em “Kết nối yêu thương”", reverse("welfare:children", args=[unit.pk]),
             "Trẻ mồ côi, khó khăn được nhận đỡ đầu hằng tháng")]
