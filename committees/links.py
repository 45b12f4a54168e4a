"""Navigation into the committees register."""

from django.urls import reverse

from accounts.scope import root_unit

from .services import COMMITTEE_LEVELS


def nav(user):
    unit = root_unit(user)
    if unit is None or unit.level not in COMMITTEE_LEVELS:  # a residential area keeps no budget and no committee
        return []
    return [("Các ban vận động", reverse("committees:index", args=[unit.pk]))]


def unit(user, unit):
    if unit.level not in COMMITTEE_LEVELS or unit.level == "nation":
        return []
    return [("Các ban vận động", reverse("committees:index", args=[unit.pk]),
             "Ban vận động Quỹ “Vì người nghèo”, cứu trợ, Ban Chỉ đạo: thành viên, kiện toàn, quyết định")]
