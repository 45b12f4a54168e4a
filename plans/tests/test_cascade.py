import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import AuditEvent
from indicators.models import Measure
from plans import services
from plans.cascade import adapt_text, cascade_plan
from plans.coverage import counts, plan_coverage
from plans.models import Plan


@pytest.fixture
def province_with_targets(province_plan, province_officer):
    services.replace_targets(province_officer, province_plan, [
        {"group": "1.", "text": "MTTQ và các tổ chức thành viên toàn tỉnh hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, "
                                "hộ cận nghèo", "measure": "households_livelihood_supported", "scope": "total",
         "comparator": ">=", "threshold": 200},
        {"group": "1.", "text": "MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh", "measure": "pilot_models_province_level",
         "scope": "total", "comparator": ">=", "threshold": 2},
        {"group": "1.", "text": "100% MTTQ cấp xã xây dựng ít nhất 01 mô hình điểm về an sinh cộng đồng",
         "measure": "pilot_models_welfare", "scope": "share_of_units", "level": "commune", "comparator": ">=",
         "threshold": 100, "unit_comparator": ">=", "unit_threshold": 1},
        {"group": "2.", "text": "100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
         "measure": "great_unity_day_held", "scope": "share_of_units", "level": "area", "comparator": ">=",
         "threshold": 100},
        {"group": "3.", "text": "MTTQ mỗi xã, phường chủ trì xây dựng ít nhất 03 mô hình điểm khu dân cư tự quản "
                                "“Sáng - Xanh - Sạch - Đẹp”", "measure": "pilot_models_green_clean",
         "scope": "each_unit", "level": "commune", "comparator": ">=", "threshold": 3},
    ])
    return services.issue_plan(province_officer, province_plan)


def test_targets_are_adapted_to_the_commune(province_with_targets, province_officer, dong_phuc_officer, tree):
    province = province_with_targets
    livelihood = province.targets.get(measure__code="households_livelihood_supported")
    services.save_allocations(province_officer, livelihood, {tree.dong_phuc: Decimal(5), tree.bang_thanh: Decimal(3)})
    plan = cascade_plan(dong_phuc_officer, province, tree.dong_phuc)
    targets = {t.measure.code: t for t in plan.targets.select_related("measure")}
    assert set(targets) == {"households_livelihood_supported", "pilot_models_welfare", "great_unity_day_held",
                            "pilot_models_green_clean"}  # the province's own pilot models stay with the province
    green = targets["pilot_models_green_clean"]
    assert (green.scope, green.level, green.comparator, green.threshold) == ("total", "", ">=", 3)
    assert green.text.startswith("MTTQ xã chủ trì xây dựng ít nhất 03")
    welfare = targets["pilot_models_welfare"]
    assert (welfare.scope, welfare.threshold, welfare.unit_threshold) == ("total", 1, None)
    day = targets["great_unity_day_held"]
    assert (day.scope, day.level, day.threshold, day.unit_threshold) == ("share_of_units", "area", 100, 1)
    live = targets["households_livelihood_supported"]
    assert live.threshold == 5 and live.allocated_from == livelihood and "ít nhất 5 hộ" in live.text
    assert "toàn xã" in live.text
    assert all(t.issuer == tree.dong_phuc and t.period.code == "2026" for t in targets.values())


def test_basis_header_sections_tasks_and_reports_are_filled(province_with_targets, dong_phuc_officer, tree):
    plan = cascade_plan(dong_phuc_officer, province_with_targets, tree.dong_phuc)
    assert plan.parent_plan == province_with_targets and not plan.is_issued
    assert plan.parent_body == "ỦY BAN MTTQ VIỆT NAM XÃ ĐỒNG PHÚC" and plan.place == "Đồng Phúc"
    assert plan.intro.startswith("Căn cứ Kế hoạch số 59/KH-MTTQ-BTT ngày 16/03/2026 của Ban Thường trực Ủy ban "
                                 "MTTQ tỉnh về thực hiện Cuộc vận động")
    ref = plan.references.get()
    assert ref.linked_plan == province_with_targets and ref.number == "59/KH-MTTQ-BTT"
    assert plan.sections.count() == province_with_targets.sections.count()
    assert "MTTQ xã chủ trì" in plan.sections.get(title__contains="03 mô hình").title
    task = plan.tasks.get()
    assert task.unit_level == "area"
    reports = list(plan.report_requirements.order_by("due_date").values_list("period__code", "due_date",
                                                                            "reporter_level"))
    assert reports == [("2026-h1", datetime.date(2026, 6, 5), "area"), ("2026", datetime.date(2026, 11, 10), "area")]
    assert plan.title.endswith("năm 2026 trên địa bàn xã")
    assert AuditEvent.objects.filter(verb="Xây dựng kế hoạch từ kế hoạch cấp trên", object_id=str(plan.pk)).exists()


def test_cascade_needs_an_issued_plan_and_happens_once(province_plan, province_officer, dong_phuc_officer, tree):
    with pytest.raises(ValidationError):
        cascade_plan(dong_phuc_officer, province_plan, tree.dong_phuc)
    services.issue_plan(province_officer, province_plan)
    cascade_plan(dong_phuc_officer, province_plan, tree.dong_phuc)
    with pytest.raises(ValidationError):
        cascade_plan(dong_phuc_officer, province_plan, tree.dong_phuc)
    assert Plan.objects.filter(unit=tree.dong_phuc).count() == 1


def test_allocations_sum_and_scope(province_with_targets, province_officer, tree, leader):
    target = province_with_targets.targets.get(measure__code="households_livelihood_supported")
    services.save_allocations(province_officer, target, {tree.dong_phuc: Decimal(150), tree.bang_thanh: Decimal(30)})
    assert sum(a.value for a in target.allocations.all()) == 180
    assert services.allocation_problems(target, {u: a.value for a in target.allocations.all() for u in [a.unit]}) == [
        "Tổng phân bổ cho các xã (180) thấp hơn chỉ tiêu (200)."]
    services.save_allocations(province_officer, target, {tree.dong_phuc: None, tree.ward: Decimal(50)})
    assert {a.unit: a.value for a in target.allocations.all()} == {tree.bang_thanh: 30, tree.ward: 50}
    with pytest.raises(ValidationError):
        services.save_allocations(province_officer, target, {tree.cao_bang_commune: Decimal(1)})
    with pytest.raises(ValidationError):
        services.save_allocations(province_officer, target, {tree.dong_phuc: Decimal(-1)})
    share = province_with_targets.targets.get(measure__code="great_unity_day_held")
    with pytest.raises(ValidationError):
        services.save_allocations(province_officer, share, {tree.dong_phuc: Decimal(1)})
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.save_allocations(leader, target, {tree.dong_phuc: Decimal(1)})


def test_coverage_lists_missing_communes_first(province_with_targets, dong_phuc_officer, other_officer, tree):
    plan = cascade_plan(dong_phuc_officer, province_with_targets, tree.dong_phuc)
    plan.number, plan.issued_on, plan.signer_title, plan.signer_name = "07", datetime.date(2026, 4, 1), "CHỦ TỊCH", "A"
    plan.save()
    services.issue_plan(dong_phuc_officer, plan)
    cascade_plan(other_officer, province_with_targets, tree.bang_thanh)
    rows = plan_coverage(province_with_targets)
    assert [(r.unit, r.state) for r in rows] == [(tree.ward, "missing"), (tree.bang_thanh, "draft"),
                                                 (tree.dong_phuc, "issued")]
    assert counts(rows) == {"missing": 1, "draft": 1, "issued": 1, "total": 3}


def test_issuing_a_commune_plan_derives_the_plan_measures(province_with_targets, dong_phuc_officer, tree):
    from campaign.periods import get_period
    from indicators.models import DataValue

    get_period("2026")
    plan = cascade_plan(dong_phuc_officer, province_with_targets, tree.dong_phuc)
    plan.title = "Thực hiện Chương trình xây dựng khu dân cư “Sáng – Xanh – Sạch – Đẹp” năm 2026"
    plan.number, plan.issued_on, plan.signer_title, plan.signer_name = "07", datetime.date(2026, 4, 1), "CHỦ TỊCH", "A"
    plan.save()
    services.issue_plan(dong_phuc_officer, plan)
    values = dict(DataValue.objects.filter(unit=tree.dong_phuc, period__code="2026").values_list("measure__code",
                                                                                                 "value"))
    assert values["commune_plan_issued"] == 1 and values["commune_env_plan"] == 1
    assert Measure.objects.get(code="commune_env_plan").source == "register"


def test_adapt_text():
    class U:
        def __init__(self, name, level):
            self.name, self.level = name, level

    province, commune = U("Tỉnh Thái Nguyên", "province"), U("Phường Phan Đình Phùng", "commune")
    assert adapt_text("MTTQ các cấp tổ chức ít nhất 01 hoạt động", commune, province) == \
        "MTTQ phường tổ chức ít nhất 01 hoạt động"
    assert adapt_text("năm 2026 trên địa bàn tỉnh Thái Nguyên", commune, province) == "năm 2026 trên địa bàn phường"
