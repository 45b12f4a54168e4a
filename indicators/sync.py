"""Upsert the catalogue and every register's measures into Measure (`manage.py sync_measures`, demo, post_migrate)."""

from django.db import transaction

from .catalogue import MEASURES
from .registers import all_registers


def measure_defs():
    """(MeasureDef, register code or "") for the catalogue, with registers' declarations claiming by code."""
    defs = {d.code: (d, "") for d in MEASURES}
    for code, reg in sorted(all_registers().items()):
        for d in reg.measures:
            if d.code in defs and defs[d.code][1]:
                raise ValueError(f"Chỉ số {d.code} được hai sổ theo dõi khai báo: {defs[d.code][1]} và {code}.")
            defs[d.code] = (d, code)
    return list(defs.values())


@transaction.atomic
def sync_measures() -> dict:
    from campaign.models import Content, Criterion

    from .models import Measure

    contents = {c.number: c for c in Content.objects.all()}
    criteria = {(c.criteria_set.code, c.number): c for c in Criterion.objects.select_related("criteria_set")}
    existing = {m.code: m for m in Measure.objects.all()}
    created = updated = 0
    pending_parts = []
    for d, register_code in measure_defs():
        fields = d.fields() | {
            "content": contents.get(d.content),
            "source": Measure.Source.REGISTER if register_code else Measure.Source.FORM,
            "register": register_code,
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
    declared = {d.code for d, reg in measure_defs() if reg}
    released = Measure.objects.filter(source=Measure.Source.REGISTER).exclude(code__in=declared)
    released_count = released.update(source=Measure.Source.FORM, register="")
    from .rollup import invalidate_caches

    invalidate_caches()
    return {"created": created, "updated": updated, "released": released_count, "total": len(existing)}


def sync_after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    tables = connections[using].introspection.table_names()
    if "indicators_measure" in tables and "campaign_content" in tables:
        sync_measures()
