"""Which units under a plan's unit have made and issued their own plan from it (missing first)."""

from dataclasses import dataclass

from django.db.models import Q

from units.models import Level, Unit

from .models import Plan


@dataclass
class Row:
    unit: Unit
    plan: Plan | None

    @property
    def state(self) -> str:
        if self.plan is None:
            return "missing"
        return "issued" if self.plan.is_issued else "draft"


def plan_coverage(source: Plan, level=Level.COMMUNE) -> list[Row]:
    """One row per active unit of `level` under the plan's unit: its plan based on `source` (made by cascade,
    or naming it as its basis), missing first, then drafts, then issued; by name within each."""
    units = list(Unit.objects.subtree(source.unit, include_self=False).filter(level=level, is_active=True)
                 .order_by("sort_key", "code"))
    plans = (Plan.objects.filter(unit__in=units).filter(Q(parent_plan=source) | Q(references__linked_plan=source))
             .distinct().order_by("status", "-issued_on"))
    best = {}
    for plan in plans:  # an issued plan wins over a draft
        if plan.unit_id not in best or (plan.is_issued and not best[plan.unit_id].is_issued):
            best[plan.unit_id] = plan
    rows = [Row(u, best.get(u.pk)) for u in units]
    order = {"missing": 0, "draft": 1, "issued": 2}
    return sorted(rows, key=lambda r: order[r.state])


def counts(rows) -> dict:
    out = {"missing": 0, "draft": 0, "issued": 0, "total": len(rows)}
    for row in rows:
        out[row.state] += 1
    return out
