from decimal import Decimal

from campaign.periods import get_period
from indicators.models import Measure
from plans.models import Plan, Target
from reporting import consolidation


def test_a_year_target_of_the_issuers_plan_is_shown_against_the_half_year(h1_round, tree):
    plan = Plan.objects.create(unit=tree.province, title="Thực hiện Cuộc vận động năm 2026", status="issued")
    Target.objects.create(plan=plan, text="Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, cận nghèo",
                          measure=Measure.objects.get(code="security_pledges"),
                          threshold=Decimal(200), period=get_period("2026"))
    draft = Plan.objects.create(unit=tree.province, title="Dự thảo", status="draft")
    Target.objects.create(plan=draft, text="Chưa ban hành", threshold=Decimal(1), period=get_period("2026"),
                          measure=Measure.objects.get(code="security_pledges"))
    c = consolidation.build(h1_round)
    figure = next(f for f in c.figures if f.code == "security_pledges")
    assert [t["label"] for t in figure.targets] == ["Tổng ≥ 200 (Năm 2026)"]
    rows = consolidation.figure_table(c).rows
    assert any(r["target"] == "Tổng ≥ 200 (Năm 2026)" for r in rows)
