"""Upsert the catalogue into Measure, with the registers' claims (`manage.py sync_measures`, demo, post_migrate).

The catalogue is the only definition of a measure; a register's Derivation claims a catalogue code (its source
becomes `register`, read-only on forms). A claim of an unknown code, of a ratio or of a code claimed twice is an
error: definitions never drift apart again."""

from django.db import transaction

from .catalogue import MEASURES
from .registers import ZERO, all_registers


def claims() -> dict[str, tuple[str, bool]]:
    """{measure code: (register code, absent is zero)}"""
    catalogue = {d.code: d for d in MEASURES}
    claimed = {}
    for code, reg in sorted(all_registers().items()):
        for d in reg.derivations:
            if d.measure not in catalogue:
                raise ValueError(f"Sổ {code} khai báo chỉ số {d.measure} không có trong danh mục (indicators/catalogue.py).")
            if catalogue[d.measure].aggregation == "ratio":
                raise ValueError(f"Chỉ số tỷ lệ {d.measure} được tính từ tử số và mẫu số, không do sổ {code} tính.")
            if d.measure in claimed:
                raise ValueError(f"Chỉ số {d.measure} được hai sổ theo dõi khai báo: {claimed[d.measure][0]} và {code}.")
            claimed[d.measure] = (code, d.missing == ZERO)
    for d in MEASURES:  # a rate of two parts derived by one register is shown as that register's
        if d.aggregation == "ratio" and d.numerator in claimed and d.denominator in claimed:
            if claimed[d.numerator][0] == claimed[d.denominator][0]:
                claimed[d.code] = (claimed[d.numerator][0], False)
    return claimed


def measure_defs():
    """(MeasureDef, register code or "", absent is zero) for every catalogue measure."""
    claimed = claims()
    return [(d, *claimed.get(d.code, ("", False))) for d in MEASURES]


@transaction.atomic
def sync_measures() -> dict:
    from campaign.models import Content, Criterion

    from .models import Measure

    contents = {c.number: c for c in Content.objects.all()}
    criteria = {(c.criteria_set.code, c.number): c for c in Criterion.objects.select_related("criteria_set")}
    existing = {m.code: m for m in Measure.objects.all()}
    created = updated = 0
    pending_parts = []
    defs = measure_defs()
    for d, register_code, absent_is_zero in defs:
        fields = d.fields() | {
            "content": contents.get(d.content),
            "source": Measure.Source.REGISTER if register_code else Measure.Source.FORM,
            "register": register_code,
            "absent_is_zero": absent_is_zero,
            "from_catalogue": True,
        }
        m = existing.get(d.code)
        if m is None:
            m = Measure(code=d.code, **fields)
            m.save()
            existing[d.code] = m
            created += 1
        else:
            changed = [k for k, v in fields.items() if getattr(m, k) != v]
            if changed:
                for k in changed:
                    setattr(m, k, fields[k])
                m.save(update_fields=changed)
                updated += 1
        wanted = [criteria[key] for key in d.criteria if key in criteria]
        if {c.pk for c in wanted} != set(m.criteria.values_list("pk", flat=True)):
            m.criteria.set(wanted)
        pending_parts.append((m, d))
    for m, d in pending_parts:
        num = existing[d.numerator] if d.numerator else None
        den = existing[d.denominator] if d.denominator else None
        if (m.numerator_id, m.denominator_id) != (num and num.pk, den and den.pk):
            m.numerator, m.denominator = num, den
            m.save(update_fields=["numerator", "denominator"])
    # A register that disappeared gives its measures back to forms.
    declared = {d.code for d, reg, _ in defs if reg}
    released = Measure.objects.filter(source=Measure.Source.REGISTER).exclude(code__in=declared)
    released_count = released.update(source=Measure.Source.FORM, register="", absent_is_zero=False)
    from .rollup import invalidate_caches

    invalidate_caches()
    return {"created": created, "updated": updated, "released": released_count, "total": len(existing)}


def sync_after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    tables = connections[using].introspection.table_names()
    if "indicators_measure" in tables and "campaign_content" in tables:
        sync_measures()
