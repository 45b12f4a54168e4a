"""A derivation's new and changed values are written together (one upsert on PostgreSQL) and exactly."""

from decimal import Decimal

from indicators.models import DataValue, Measure
from indicators.services import _write_values


def test_new_and_changed_values_are_written_in_one_go(tree, measures, year):
    measure = measures["self_managed_models"]
    kept = DataValue.objects.create(measure=measure, unit=tree.na_hai, period=year, org_key=0, value=2,
                                    source=Measure.Source.REGISTER)
    untouched = DataValue.objects.create(measure=measure, unit=tree.ban_bang, period=year, org_key=0, value=7,
                                         source=Measure.Source.REGISTER)
    new = DataValue(measure_id=measure.pk, unit_id=tree.na_lan.pk, period_id=year.pk, org_key=0, org_kind_id=None,
                    value=Decimal(3), source=Measure.Source.REGISTER)
    changed = DataValue(pk=kept.pk, measure_id=measure.pk, unit_id=tree.na_hai.pk, period_id=year.pk, org_key=0,
                        org_kind_id=None, value=Decimal(5), source=Measure.Source.REGISTER)
    _write_values([new], [changed])
    got = dict(DataValue.objects.filter(measure=measure, period=year).values_list("unit_id", "value"))
    assert got == {tree.na_hai.pk: 5, tree.na_lan.pk: 3, tree.ban_bang.pk: 7}
    assert DataValue.objects.get(pk=kept.pk).value == 5  # updated in place, not a second row
    assert DataValue.objects.get(pk=untouched.pk).value == 7
    assert DataValue.objects.get(unit=tree.na_lan, measure=measure).source == Measure.Source.REGISTER


def test_history_rows_are_written_in_one_go(tree, measures, year, province_officer):
    from indicators.models import DataValueChange
    from indicators.services import _write_history

    measure = measures["self_managed_models"]
    rows = [DataValueChange(measure_id=measure.pk, unit_id=unit.pk, period_id=year.pk, org_kind_id=None,
                            old_value=old, new_value=new, source=Measure.Source.REGISTER, by=province_officer)
            for unit, old, new in [(tree.na_hai, None, Decimal(2)), (tree.na_lan, Decimal(4), None)]]
    _write_history(rows)
    got = set(DataValueChange.objects.filter(measure=measure).values_list("unit_id", "old_value", "new_value",
                                                                         "source", "by_id"))
    assert got == {(tree.na_hai.pk, None, 2, "register", province_officer.pk),
                   (tree.na_lan.pk, 4, None, "register", province_officer.pk)}
    assert all(DataValueChange.objects.filter(measure=measure).values_list("at", flat=True))
