"""The form's measures go through the spine: entered ones are stored and rolled up on submit, the ones the
children's rollup knows are shown read-only, bad input names the field and writes nothing."""

from decimal import Decimal

import pytest

from indicators import queries
from indicators.models import DataValue, Measure
from indicators.services import set_value
from reporting import consolidation, figures, services
from reporting.integrity import checks

from .conftest import NARRATIVES


def _fields(sub):
    return {f.code: f for f in figures.form_fields(sub)}


def test_area_measures_are_read_only_on_the_commune_form_with_the_rollup(dong_phuc_sub, na_hai_head, tree):
    m = Measure.objects.get(code="security_pledges")
    set_value(na_hai_head, m, tree.na_hai, dong_phuc_sub.round.period, "4")
    fields = _fields(dong_phuc_sub)
    assert fields["security_pledges"].read_only
    assert fields["security_pledges"].known == 4
    assert "khu dân cư" in fields["security_pledges"].source
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


def test_integrity_notices_a_stored_value_changed_after_acceptance(dong_phuc_sub, dong_phuc_officer,
                                                                  province_officer):
    sub = services.submit(dong_phuc_officer, dong_phuc_sub, 0, narratives=NARRATIVES,
                          values={"trees_planted": "3"}, general="")
    services.accept(province_officer, sub)
    DataValue.objects.filter(unit=sub.unit, measure__code="trees_planted").update(value=7)
    failures = dict(checks())
    assert "gửi 3, đang lưu 7" in failures["Số liệu báo cáo đã tiếp nhận bằng số liệu đang lưu"]
