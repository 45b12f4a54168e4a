"""Budget services: totals kept from the lines, money never negative, versions, scope, and the spine's measures."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from budget import integrity, services
from budget.models import Budget, BudgetLine, Stage
from core.concurrency import StaleEdit

D = datetime.date


def spine(code, unit, period_code):
    from campaign.periods import get_period
    from indicators.models import Measure
    from indicators.queries import reading

    return reading(Measure.objects.get(code=code), unit, get_period(period_code)).value


def test_the_budget_keeps_planned_spent_and_mobilised_from_its_lines(dong_phuc_budget):
    b = dong_phuc_budget
    assert (b.planned, b.spent, b.mobilised) == (30_000_000, 25_000_000, 5_000_000)


def test_editing_and_deleting_a_line_moves_the_totals(dong_phuc_officer, dong_phuc_budget, catalogue):
    line = dong_phuc_budget.lines.get(stage=Stage.SETTLEMENT, source=catalogue.people)
    services.update_line(dong_phuc_officer, line, line.version, activity=line.activity, item=line.item,
                         source=line.source, amount=7_000_000)
    dong_phuc_budget.refresh_from_db()
    assert (dong_phuc_budget.spent, dong_phuc_budget.mobilised) == (27_000_000, 7_000_000)
    services.delete_line(dong_phuc_officer, line)
    dong_phuc_budget.refresh_from_db()
    assert (dong_phuc_budget.spent, dong_phuc_budget.mobilised) == (20_000_000, 0)


def test_a_negative_amount_is_refused_and_nothing_is_written(dong_phuc_officer, dong_phuc_budget, catalogue):
    with pytest.raises(ValidationError) as e:
        services.add_line(dong_phuc_officer, dong_phuc_budget, stage=Stage.ESTIMATE, activity="Sai",
                          item=catalogue.festival, source=catalogue.state, amount=-1)
    assert e.value.message_dict["amount"] == ["Số tiền không được âm."]
    assert BudgetLine.objects.count() == 4


def test_a_stale_edit_does_not_overwrite_a_newer_one(dong_phuc_officer, dong_phuc_budget):
    line = dong_phuc_budget.lines.first()
    seen = line.version
    services.update_line(dong_phuc_officer, line, seen, activity="Sửa lần 1", item=line.item, source=line.source,
                         amount=1)
    stale = BudgetLine.objects.get(pk=line.pk)
    with pytest.raises(StaleEdit):
        services.update_line(dong_phuc_officer, stale, seen, activity="Sửa lần 2", item=line.item,
                             source=line.source, amount=2)
    assert BudgetLine.objects.get(pk=line.pk).activity == "Sửa lần 1"


def test_one_budget_per_unit_and_year(dong_phuc_officer, dong_phuc_budget, tree):
    with pytest.raises(ValidationError):
        services.open_budget(dong_phuc_officer, tree.dong_phuc, 2026)


def test_another_communes_officer_cannot_write(other_officer, dong_phuc_budget, catalogue, tree):
    with pytest.raises(Http404):
        services.open_budget(other_officer, tree.dong_phuc, 2027)
    with pytest.raises(Http404):
        services.add_line(other_officer, dong_phuc_budget, stage=Stage.ESTIMATE, activity="X",
                          item=catalogue.festival, source=catalogue.state, amount=1)


def test_area_heads_and_member_organisations_do_not_keep_budgets(na_hai_head, org_officer, tree, catalogue):
    with pytest.raises(PermissionDenied):
        services.open_budget(org_officer, tree.dong_phuc, 2026)
    with pytest.raises(Http404):  # the area head's scope is the area, not the commune
        services.open_budget(na_hai_head, tree.dong_phuc, 2026)


def test_the_spine_derives_the_year_and_rolls_it_up_to_the_province(province_officer, dong_phuc_budget, tree,
                                                                     catalogue):
    province = services.open_budget(province_officer, tree.province, 2026)
    services.add_line(province_officer, province, stage=Stage.ESTIMATE, activity="Hội nghị triển khai",
                      item=catalogue.propaganda, source=catalogue.state, amount=100_000_000)
    assert spine("budget_planned", tree.dong_phuc, "2026") == 30_000_000
    assert spine("budget_spent", tree.dong_phuc, "2026") == 25_000_000
    assert spine("budget_mobilised", tree.dong_phuc, "2026") == 5_000_000
    assert spine("budget_planned", tree.province, "2026") == 130_000_000
    assert spine("budget_spent", tree.province, "2026") == 25_000_000
    assert spine("budget_planned", tree.bang_thanh, "2026") is None  # no budget: not reported, not 0
    assert spine("budget_planned", tree.dong_phuc, "2026-h1") is None  # a half covers no budget year
    assert spine("budget_planned", tree.dong_phuc, "2026-2030") == 30_000_000


def test_tree_rows_read_the_spine(province_officer, dong_phuc_budget, tree):
    total, children = services.tree_rows(tree.province, 2026)
    assert total["planned"] == 30_000_000
    by_name = {r["unit"].name: r for r in children}
    assert by_name["Xã Đồng Phúc"]["spent"] == 25_000_000
    assert by_name["Xã Bằng Thành"]["planned"] is None


def test_integrity_is_clean_and_finds_a_tampered_total(dong_phuc_budget):
    assert all(failure is None for _, failure in integrity.checks())
    Budget.objects.filter(pk=dong_phuc_budget.pk).update(spent=1)
    failures = {name: failure for name, failure in integrity.checks()}
    assert "Xã Đồng Phúc" in failures["Tổng dự toán, quyết toán, xã hội hóa của mỗi năm bằng tổng các dòng"]


def test_writes_are_audited(dong_phuc_budget):
    from accounts.models import AuditEvent

    assert AuditEvent.objects.filter(object_type="budget.budgetline", action="create").count() == 4
    assert AuditEvent.objects.filter(object_type="budget.budget", action="create").count() == 1


def test_a_settlement_dated_before_the_estimate_is_refused(dong_phuc_officer, dong_phuc_budget):
    with pytest.raises(ValidationError) as e:
        services.update_budget(dong_phuc_officer, dong_phuc_budget, dong_phuc_budget.version,
                               settlement_on=D(2025, 12, 31))
    assert "settlement_on" in e.value.message_dict
    dong_phuc_budget.refresh_from_db()
    assert dong_phuc_budget.settlement_on is None
