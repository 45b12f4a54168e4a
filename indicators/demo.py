"""Demo: the measure catalogue, the periods of the Thái Nguyên 2026 plan, and form-entered values for Thái Nguyên
(only for measures no register derives yet), rolled up — so the values page shows real rollups."""

import random
from decimal import Decimal

from django.db import transaction

from campaign.periods import get_period
from units.models import Level, Unit

from . import rollup
from .models import DataValue, Measure
from .sync import sync_measures

ORDER = 30
PERIODS = ["2025", "2026", "2026-h1", "2026-2030"]
PROVINCE_CODE = "19"

# measure code -> how a residential area's (or commune's) value is drawn: (level, generator(rng, unit))
AREA_VALUES = {
    "poor_households": lambda r, u: r.randint(2, max(3, (u.households or 100) // 8)),
    "self_managed_models": lambda r, u: r.choice([0, 1, 1, 1, 2, 2, 3]),
    "community_works": lambda r, u: r.choice([0, 1, 1, 2, 3]),
    "covenant_civilised_rules": lambda r, u: int(r.random() < 0.92),
    "great_unity_day_held": lambda r, u: int(r.random() < 0.97),
    "propaganda_integrated": lambda r, u: int(r.random() < 0.95),
    "great_unity_day_participants": lambda r, u: r.randint(60, 400),
    "households": lambda r, u: u.households or r.randint(60, 320),
    "security_self_managed_models": lambda r, u: r.choice([0, 1, 1, 2]),
}
COMMUNE_VALUES = {
    "commune_env_plan": lambda r, u: int(r.random() < 0.9),
    "pilot_models_welfare": lambda r, u: r.choice([0, 1, 1, 1, 2]),
    "pilot_models_green_clean": lambda r, u: r.choice([1, 2, 3, 3, 3, 4]),
    "pilot_models_drugs_new": lambda r, u: r.choice([0, 1, 1, 1]),
    "festivals": lambda r, u: r.choice([0, 1, 1, 2]),
    "commendation_events": lambda r, u: r.choice([0, 1, 1]),
    "money_mobilised": lambda r, u: r.randint(20, 400) * 1_000_000,
    "supervisions_held": lambda r, u: r.randint(1, 6),
}


def _values(period, measures, units, generators, seed, reported_share):
    rows = []
    for unit in units:
        rng = random.Random(f"{seed}-{unit.pk}")
        if rng.random() > reported_share:  # some units have not reported yet: shown as "—"
            continue
        for code, draw in generators.items():
            m = measures.get(code)
            if m is None or not m.is_entered:
                continue
            rows.append(DataValue(measure=m, unit=unit, period=period, org_key=0, value=Decimal(draw(rng, unit)),
                                  source=Measure.Source.FORM))
    return rows


def _gifted(period, measures, rows):
    """poor_households_gifted: most areas gift every poor household, some not yet."""
    m = measures["poor_households_gifted"]
    if not m.is_entered:
        return []
    out = []
    for row in rows:
        if row.measure.code == "poor_households":
            rng = random.Random(f"gift-{row.unit_id}-{period.code}")
            gifted = row.value if rng.random() < 0.8 else int(row.value * Decimal(rng.uniform(0.5, 0.95)))
            out.append(DataValue(measure=m, unit_id=row.unit_id, period=period, org_key=0, value=Decimal(gifted),
                                 source=Measure.Source.FORM))
            supported = measures["households_livelihood_supported"]
            if supported.is_entered and rng.random() < 0.15:
                out.append(DataValue(measure=supported, unit_id=row.unit_id, period=period, org_key=0,
                                     value=Decimal(rng.randint(1, 3)), source=Measure.Source.FORM))
    return out


@transaction.atomic
def load(log):
    r = sync_measures()
    log(f"Chỉ số: {r['total']} ({r['created']} thêm mới).")
    periods = {code: get_period(code) for code in PERIODS}
    province = Unit.objects.filter(level=Level.PROVINCE, code=PROVINCE_CODE).first()
    if province is None:
        return
    measures = {m.code: m for m in Measure.objects.all()}
    areas = list(Unit.objects.subtree(province).filter(level=Level.AREA).only("pk", "households", "level"))
    communes = list(Unit.objects.subtree(province).filter(level=Level.COMMUNE).only("pk", "level"))
    written = 0
    for code, share in (("2026", 0.93), ("2025", 1.0)):
        period = periods[code]
        if DataValue.objects.filter(period=period, unit__in=communes[:1] + areas[:1]).exists():
            continue
        rows = _values(period, measures, areas, AREA_VALUES, code, share)
        rows += _gifted(period, measures, rows)
        rows += _values(period, measures, communes, COMMUNE_VALUES, code, share)
        pm = measures["pilot_models_province_level"]
        if pm.is_entered:
            rows.append(DataValue(measure=pm, unit=province, period=period, org_key=0, value=Decimal(2 if code ==
                                  "2025" else 1), source=Measure.Source.FORM))
        DataValue.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
        written += len(rows)
    rollup.rebuild([p.pk for p in periods.values()])
    log(f"Số liệu chỉ số mẫu Thái Nguyên: {written} giá trị thêm mới; đã tổng hợp lên các cấp.")
