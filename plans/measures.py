"""The plans register: which communes have issued their plan (derived, never typed).

- commune_plan_issued: the commune has an issued plan (Kế hoạch) dated in the period.
- commune_env_plan (catalogue measure, claimed): … and that plan's title names the “Sáng – Xanh – Sạch – Đẹp”
  programme (the Thái Nguyên 2026 target “100% UB MTTQ xã xây dựng kế hoạch … Sáng - Xanh - Sạch - Đẹp”).

A commune without such a plan is a known “no” (False), not “not reported”.
"""

from core.text import fold
from indicators.registers import MeasureDef, Register, register

REGISTER = "plans"
ENV_WORDS = ("sang", "xanh", "sach", "dep")


def mentions_green_clean(title: str) -> bool:
    folded = fold(title)
    return all(word in folded for word in ENV_WORDS)


@register
class PlansRegister(Register):
    code = REGISTER
    name = "Sổ kế hoạch"
    measures = [
        MeasureDef(code="commune_plan_issued", name="Xã có kế hoạch thực hiện Cuộc vận động đã ban hành trên doanket",
                   value_type="bool", level="commune", aggregation="count_yes", unit_label="xã", content=5,
                   description="Tính từ các kế hoạch đã ban hành trong kỳ.", order=39),
        MeasureDef(code="commune_env_plan",
                   name="Xã có kế hoạch thực hiện Chương trình “Sáng – Xanh – Sạch – Đẹp” giai đoạn 2026–2030",
                   value_type="bool", level="commune", aggregation="count_yes", unit_label="xã", content=3,
                   criteria=(("ntm-xa-2026-2030", 8),), order=40),
    ]

    def compute(self, measure_code, period, units):
        from .models import DocType, Plan

        units = list(units)
        plans = Plan.objects.filter(unit__in=units, status=Plan.Status.ISSUED, doc_type__in=[DocType.KH, DocType.CTR],
                                    issued_on__gte=period.start, issued_on__lte=period.end)
        if measure_code == "commune_plan_issued":
            having = set(plans.values_list("unit_id", flat=True))
        else:
            having = {unit_id for unit_id, title in plans.values_list("unit_id", "title") if mentions_green_clean(title)}
        return {(u.pk, None): u.pk in having for u in units}


def plan_issued(plan) -> None:
    """Called by plans.services.issue_plan inside its transaction."""
    from indicators.services import refresh

    if plan.unit.level == "commune" and plan.issued_on:
        refresh(REGISTER, unit=plan.unit, on=plan.issued_on)
