from django.urls import reverse

from accounts.scope import root_unit


def nav(user):
    unit = root_unit(user)
    if unit is None:
        return []
    return [("Thi đua, khen thưởng", reverse("recognition:index", args=[unit.pk]))]


def unit(user, unit):
    if unit.level == "area":
        return [("Danh hiệu văn hóa", reverse("recognition:index", args=[unit.pk]), "Gia đình văn hóa, khu dân cư văn hóa")]
    hint = ("Nhập theo từng khu dân cư, nhập từ tệp XLSX" if unit.level == "commune"
            else "Tỷ lệ gia đình văn hóa theo xã, xã tiêu biểu")
    return [("Danh hiệu văn hóa", reverse("recognition:index", args=[unit.pk]), hint),
            ("Khen thưởng, gương điển hình", reverse("recognition:nominations", args=[unit.pk]),
             "Đề nghị, xét, quyết định khen thưởng; câu chuyện gương điển hình")]
