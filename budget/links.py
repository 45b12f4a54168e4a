"""Navigation into the campaign budget."""

from django.urls import reverse

from accounts.scope import root_unit

from .services import BUDGET_LEVELS


def nav(user):
    unit = root_unit(user)
    if unit is None or unit.level not in BUDGET_LEVELS:  # a residential area keeps no budget and no committee
        return []
    return [("Kinh phí", reverse("budget:index", args=[unit.pk]))]


def unit(user, unit):
    if unit.level not in BUDGET_LEVELS or unit.level == "nation":
        return []
    return [("Kinh phí Cuộc vận động", reverse("budget:index", args=[unit.pk]),
             "Dự toán, quyết toán theo nội dung chi Thông tư 121/2017 và theo nguồn")]
