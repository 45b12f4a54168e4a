from decimal import Decimal

import pytest

from campaign.periods import get_period
from indicators.models import Measure
from plans.models import Plan, Target
from reporting import consolidation


def test_a_year_target_of_the_issuers_plan_is_shown_against_the_half_year(h1_round, tree):
    plan = Plan.objects.create(unit=tree.province, title="Thực hiện Cuộc vận động năm 2026", status="issued")
    Target.objects.create(plan=plan, text="Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, cận nghèo",
                          measure=Measure.objects.get(code="households"),
                          threshold=Decimal(200), period=get_period("2026"))
    draft = Plan.objects.create(unit=tree.province, title="Dự thảo", status="draft")
    Target.objects.create(plan=draft, text="Chưa ban hành", threshold=Decimal(1), period=get_period("2026"),
                          measure=Measure.objects.get(code="households"))
    c = consolidation.build(h1_round)
    figure = next(f for f in c.figures if f.code == "households")
    assert [t["label"] for t in figure.targets] == ["Tổng ≥ 200 (Năm 2026)"]
    rows = consolidation.figure_table(c).rows
    assert any(r["target"] == "Tổng ≥ 200 (Năm 2026)" for r in rows)


@pytest.fixture
def enter(province_officer):
    from indicators.services import set_value

    def _enter(code, unit, value, period):
        return set_value(province_officer, Measure.objects.get(code=code), unit, period, value)
    return _enter


def _year_target(tree, threshold=200, title="Thực hiện Cuộc vận động năm 2026", unit=None, period="2026"):
    plan = Plan.objects.create(unit=unit or tree.province, title=title, status="issued")
    return Target.objects.create(plan=plan, text="Ít nhất 200 lượt ký cam kết", threshold=Decimal(threshold),
                                 measure=Measure.objects.get(code="households"), period=get_period(period))


def _text(doc) -> str:
    return "\n".join(getattr(b, "text", "") for b in doc.blocks)


def test_a_six_month_report_shows_progress_towards_a_yearly_target_never_a_yearly_verdict(h1_round, tree, enter):
    """107 in the first half against ≥ 200 for the year: "107 / 200 (53,5%) giữa năm", not the year's
    "Chưa đạt (85%)" computed from the year's 170."""
    _year_target(tree)
    enter("households", tree.na_hai, 60, get_period("2026-h1"))
    enter("households", tree.ban_bang, 47, get_period("2026-h1"))
    enter("households", tree.na_hai, 170, get_period("2026"))
    c = consolidation.build(h1_round)
    figure = next(f for f in c.figures if f.code == "households")
    assert figure.value == 107
    assert figure.targets == [{"label": "Tổng ≥ 200 (Năm 2026)", "verdict": "107 / 200 (53,5%) giữa năm",
                               "final": False}]
    text = _text(consolidation.document(c))
    assert "107 / 200 (53,5%) giữa năm" in text and "Chưa đạt" not in text


def test_a_target_for_the_reports_own_period_gets_its_verdict(h1_round, tree, enter):
    _year_target(tree, threshold=100, period="2026-h1")
    enter("households", tree.na_hai, 60, get_period("2026-h1"))
    figure = next(f for f in consolidation.build(h1_round).figures if f.code == "households")
    assert [t["verdict"] for t in figure.targets] == ["Chưa đạt (60%)"]


def test_a_target_line_appears_once_when_two_plans_carry_it(h1_round, tree, enter):
    _year_target(tree)
    _year_target(tree, title="Kế hoạch Tháng cao điểm năm 2026")
    _year_target(tree, threshold=5, title="Kế hoạch của xã", unit=tree.dong_phuc)  # its own line at its level
    enter("households", tree.na_hai, 60, get_period("2026-h1"))
    c = consolidation.build(h1_round)
    figure = next(f for f in c.figures if f.code == "households")
    assert [t["label"] for t in figure.targets] == ["Tổng ≥ 200 (Năm 2026)"]
    assert _text(consolidation.document(c)).count("chỉ tiêu Tổng ≥ 200 (Năm 2026)") == 1


def test_units_that_did_not_submit_are_named_and_figures_say_whether_they_include_them(
        h1_round, tree, enter, dong_phuc_officer):
    from reporting import services

    from .conftest import NARRATIVES

    enter("households", tree.na_hai, 4, get_period("2026-h1"))
    enter("households", tree.ban_bang, 3, get_period("2026-h1"))  # Bằng Thành has not sent its report
    services.submit(dong_phuc_officer, h1_round.submissions.get(unit=tree.dong_phuc), 0, narratives=NARRATIVES,
                    values={"trees_planted": "2"}, general="")
    c = consolidation.build(h1_round)
    assert sorted(c.unsent_names) == ["Phường Phan Đình Phùng", "Xã Bằng Thành"]
    figures = {f.code: f for f in c.figures}
    assert figures["households"].value == 7 and figures["households"].unsent_included == 1
    assert figures["households"].unsent_note == "Gồm số liệu đã nhập nhưng chưa gửi của 1 đơn vị"
    assert figures["trees_planted"].unsent_note == "Không gồm số liệu của đơn vị chưa gửi báo cáo"
    text = _text(consolidation.document(c))
    assert "2 đơn vị chưa gửi báo cáo (chưa đến hạn): " in text
    assert "Xã Bằng Thành" in text and "Phường Phan Đình Phùng" in text
    assert "gồm số liệu đã nhập nhưng chưa gửi của 1 đơn vị" in text
    Measure.objects.filter(code="households").update(source="register", register="activities")
    figure = next(f for f in consolidation.build(h1_round).figures if f.code == "households")
    assert figure.unsent_note == "Gồm số liệu tính từ sổ theo dõi của 1 đơn vị chưa gửi báo cáo"
