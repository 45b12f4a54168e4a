"""Navigation into the fund books and the public disclosure."""

from django.urls import reverse

from accounts.scope import root_unit

from .services import BOOK_LEVELS


def nav(user):
    unit = root_unit(user)
    if unit is None:
        return []
    return [("Sổ quỹ", reverse("funds:list", args=[unit.pk]))]


def unit(user, unit):
    if unit.level not in BOOK_LEVELS or unit.level == "nation":
        return []
    return [("Sổ quỹ", reverse("funds:list", args=[unit.pk]),
             "Quỹ “Vì người nghèo”, cứu trợ, “Đền ơn đáp nghĩa”: thu, chi, chuyển quỹ"),
            ("Công khai quỹ", reverse("public:unit", args=[unit.pk]), "Trang công khai thu, chi cho người dân")]
