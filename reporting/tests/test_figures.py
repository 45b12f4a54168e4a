"""The form's measures go through the spine: entered ones are stored and rolled up on submit, the ones the
children's rollup knows are shown read-only, bad input names the field and writes nothing."""

from decimal import Decimal

import pytest

from indicators import queries
from indicators.models import DataValue, Measure
from indicators.services import set_value
from reporting import consolidation, figures, services
from reporting.integrity import checks

from django.urls import reverse

from .conftest import NARRATIVES


def _fields(sub):
    return {f.code: f for f in figures.form_fields(sub)}


def test_area_measures_are_read_only_on_the_commune_form_with_the_rollup(dong_phuc_sub, na_hai_head, tree):
    m = Measure.objects.get(code="households")
    set_value(na_hai_head, m, tree.na_hai, dong_phuc_sub.round.period, "4")
    fields = _fields(dong_phuc_sub)
    assert fields["households"].read_only
    assert fields["households"].known == 4
    assert "khu dân cư" in fields["households"].source
    assert not fields["trees_planted"].read_only and not fields["env_cleanup_days"].read_only


def test_submitted_values_are_stored_and_rolled_up(dong_phuc_sub, dong_phuc_officer, other_officer, h1_round, tree):
    services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES,
                    values={"trees_planted": "3", "env_cleanup_days": "1"}, general="")
    bang_thanh = h1_round.submissions.get(unit=tree.bang_thanh)
    services.submit(other_officer, bang_thanh, 0, narratives=NARRATIVES,
                    values={"trees_planted": "2", "env_cleanup_days": "0"}, general="")
    houses = Measure.objects.get(code="trees_planted")
    assert queries.reading(houses, tree.province, h1_round.period).value == Decimal(5)
    welfare = Measure.objects.get(code="env_cleanup_days")
    assert queries.reading(welfare, tree.province, h1_round.period).value == Decimal(1)
    assert queries.reading(welfare, tree.bang_thanh, h1_round.period).value == Decimal(0)  # 0 reported, not absent
    c = consolidation.build(h1_round)
    figures = {f.code: f for f in c.figures}
    assert figures["trees_planted"].value == 5
    row = next(r for r in c.annex.rows if r["unit"] == "Xã Đồng Phúc")
    assert row["trees_planted"] == 3
    assert all(failure is None for _, failure in checks())


def test_bad_input_names_the_field_and_writes_nothing(dong_phuc_sub, dong_phuc_officer):
    with pytest.raises(services.ReportingError, match="Số cây xanh được trồng"):
        services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES,
                        values={"trees_planted": "ba", "env_cleanup_days": "1"}, general="")
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.state == "draft" and dong_phuc_sub.version == 0
    assert not DataValue.objects.filter(unit=dong_phuc_sub.unit).exists()


def test_a_draft_writes_its_values_into_the_spine_through_the_one_entry_service(dong_phuc_sub, dong_phuc_officer,
                                                                               tree):
    from accounts.models import AuditEvent

    services.save_draft(dong_phuc_officer, dong_phuc_sub, 0, values={"trees_planted": "12"})
    trees = Measure.objects.get(code="trees_planted")
    assert queries.reading(trees, tree.dong_phuc, dong_phuc_sub.round.period).value == 12
    assert queries.reading(trees, tree.province, dong_phuc_sub.round.period).value == 12  # rolled up at once
    assert AuditEvent.objects.filter(verb="Nhập số liệu chỉ số", object_id__startswith=f"{tree.dong_phuc.pk}:").exists()
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.accepted_values == {}  # no second copy on the submission
    assert _fields(dong_phuc_sub)["trees_planted"].stored == 12  # the form reads the spine back
    services.save_draft(dong_phuc_officer, dong_phuc_sub, 1, values={"trees_planted": ""})
    assert queries.reading(trees, tree.dong_phuc, dong_phuc_sub.round.period).value is None  # cleared


def test_an_accepted_report_keeps_the_frozen_snapshot_while_the_spine_moves_on(
        client_for, dong_phuc_sub, dong_phuc_officer, province_officer, na_hai_head, tree):
    pledges = Measure.objects.get(code="households")
    set_value(na_hai_head, pledges, tree.na_hai, dong_phuc_sub.round.period, "4")
    sub = services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES,
                          values={"trees_planted": "3"}, general="")
    sub = services.accept(province_officer, sub)
    assert sub.accepted_values == {"households": 4, "trees_planted": 3, "env_cleanup_days": None}
    set_value(province_officer, Measure.objects.get(code="trees_planted"), tree.dong_phuc, sub.round.period, "7")
    sub.refresh_from_db()
    assert sub.accepted_values["trees_planted"] == 3
    assert all(failure is None for _, failure in checks())  # a snapshot differing from today is not a fault
    html = client_for(province_officer).get(reverse("reporting:submission", args=[sub.pk])).content.decode()
    assert "Số liệu như khi báo cáo được tiếp nhận" in html and "Số liệu hiện tại trong hệ thống: 7" in html
    returned = services.return_for_correction(province_officer, sub, "Sửa số cây")
    assert returned.accepted_values == {}
