"""The plans register: which communes have issued their plan (derived, never typed).

- commune_plan_issued: the commune has an issued plan (Kế hoạch) dated in the period.
- commune_env_plan (catalogue measure, claimed): … and that plan's title names the “Sáng – Xanh – Sạch – Đẹp”
  programme (the Thái Nguyên 2026 target “100% UB MTTQ xã xây dựng kế hoạch … Sáng - Xanh - Sạch - Đẹp”).

A commune without such a plan is a known “no” (False), not “not reported”.
"""

from core.text import fold
from django.db.models import Q

from indicators.registers import Any, Derivation, During, Register, register

REGISTER = "plans"
ENV_WORDS = ("sang", "xanh", "sach", "dep")


def mentions_green_clean(title: str) -> bool:
    folded = fold(title)
    return all(word in folded for word in ENV_WORDS)


def _issued(period, unit_ids):
    from .models import DocType, Plan

    return Plan.objects.filter(unit_id__in=unit_ids, unit__level="commune", status=Plan.Status.ISSUED,
                               doc_type__in=[DocType.KH, DocType.CTR], issued_on__gte=period.start,
                               issued_on__lte=period.end)


def env_plan(period, unit_ids):
    """Titles name the programme in any spelling ("Sáng - Xanh - Sạch - Đẹp"): matched after folding, in Python."""
    return {(unit_id, None): True for unit_id, title in _issued(period, unit_ids).values_list("unit_id", "title")
            if mentions_green_clean(title)}


@register
class PlansRegister(Register):
    code = REGISTER
    name = "Sổ kế hoạch"
    derivations = [
        Derivation("commune_plan_issued", model="plans.Plan", window=During("issued_on"), aggregate=Any(),
                   filter=Q(status="issued", doc_type__in=["KH", "CTr"])),
        Derivation("commune_env_plan", compute=env_plan),
    ]


def plan_issued(plan) -> None:
    """Called by plans.services.issue_plan inside its transaction."""
    from indicators.services import changed

    if plan.unit.level == "commune" and plan.issued_on:
        changed(REGISTER, plan.unit, plan.issued_on, plan.issued_on)
