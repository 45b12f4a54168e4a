"""The dashboard's figures, per unit, plan and period, read from the spine and the registers' own services.

Nothing here recomputes a number the spine has: targets come from `indicators.targets.evaluate`, values from
`indicators.queries.readings`, completeness from `reporting.completeness`, fund books from `funds.services`,
recommendations from `oversight.services.followup_rows`. This module only chooses what to read and groups it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from campaign.models import Content, Period
from campaign.periods import get_period, previous_same
from core.replica import on_primary
from indicators import generation
from indicators import targets as spine_targets
from indicators.display import show
from indicators.models import AggregateValue, Measure
from indicators.queries import NOT_REPORTED, prefetch, reading, readings, shared_counts
from units.models import Level, Unit, within

TREND_YEARS = 5
TREND_MEASURES = 6


def default_period(on: datetime.date | None = None) -> Period:
    return get_period(str((on or timezone.localdate()).year))


def parse_period(code: str | None) -> Period | None:
    if not code:
        return None
    try:
        return get_period(code)
    except ValueError:
        return None


def plans_for(unit: Unit):
    """Issued plans that concern the unit: its own and its ancestors' (newest first)."""
    from plans.models import Plan

    return (Plan.objects.filter(unit_id__in=[*unit.ancestor_ids, unit.pk], status=Plan.Status.ISSUED)
            .select_related("unit", "period").order_by("-period__start", "-unit__depth", "-issued_on", "-pk"))


def default_plan(unit: Unit, period: Period | None, plans=None):
    """`plans`: the whole of `plans_for(unit)` when the caller has read it already."""
    plans = plans_for(unit) if plans is None else plans
    if period is not None:
        same = [p for p in plans if p.period_id and p.period.start <= period.start and p.period.end >= period.end]
        if same:
            return same[0]
    return plans.first() if hasattr(plans, "first") else (plans[0] if plans else None)


# --- targets --------------------------------------------------------------------------------------


@dataclass
class TargetRow:
    target: object
    evaluation: spine_targets.Evaluation
    last_year: spine_targets.Evaluation | None
    period: Period
    value_text: str
    last_value_text: str
    behind_count: int

    @property
    def progress_percent(self):
        return self.evaluation.progress_percent

    @property
    def is_behind(self):
        return self.evaluation.status == spine_targets.CHUA_DAT


@dataclass
class ContentGroup:
    content: Content | None
    rows: list = field(default_factory=list)

    @property
    def met(self):
        return sum(1 for r in self.rows if r.evaluation.status == spine_targets.DAT)


def spec_for(target, unit: Unit, period: Period):
    """The plan's target, read over `unit`'s part of the issuer's tree and in `period` (a part of the target's
    period shows the progress so far). A total the issuer allocated among the units below is judged, at the
    issuer, by who is below their share; at a unit given a share, against that share."""
    threshold, allocations = target.threshold, {}
    if target.scope == spine_targets.TOTAL:
        allocations = spine_targets.allocations_of(target)
        if unit.pk != target.issuer.pk:
            threshold = allocations.get(unit.pk, threshold)
            allocations = {}
    return spine_targets.TargetSpec(
        measure=target.measure, scope=target.scope, threshold=threshold, period=period, issuer=unit,
        comparator=target.comparator or ">=", level=target.level or "", unit_comparator=target.unit_comparator or "",
        unit_threshold=target.unit_threshold, org_kind=target.org_kind, allocations=allocations)


def target_period(target, period: Period) -> Period:
    own = target.period
    if own is not None and own.start <= period.start and period.end <= own.end:
        return period
    return own or period


def applies(target, unit: Unit) -> bool:
    """A target applies to the unit when the unit is the issuer or under it, above the target's unit level; a
    target on a measure captured at the issuer's own level applies to the issuer alone."""
    if not target.is_evaluable or not unit.is_within(target.issuer):
        return False
    if unit.pk != target.issuer.pk and spine_targets.issuer_only(target):
        return False  # "MTTQ tỉnh xây dựng 02 mô hình điểm cấp tỉnh" concerns the province alone
    if target.scope != spine_targets.TOTAL and target.level:
        order = [Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.AREA]
        return order.index(unit.level) < order.index(target.level) if target.level in order else True
    return True


def value_text(target, evaluation) -> str:
    if evaluation is None or evaluation.value is None:
        return "—"
    if target.scope == spine_targets.TOTAL:
        from indicators.queries import Reading

        return show(target.measure, Reading(evaluation.value, 1, 0), is_area=True)
    if target.scope == spine_targets.EACH_UNIT:
        return f"{evaluation.units_meeting}/{evaluation.units_total} đơn vị đạt"
    from core.formatting import format_percent

    return f"{format_percent(evaluation.value)} ({evaluation.units_meeting}/{evaluation.units_total})"


def last_year(target, unit: Unit, period: Period, spec=None) -> spine_targets.Evaluation:
    """The same target a year earlier. A total is the spine's reading of the measure (what `evaluate` returns as
    its value), read directly so that the children behind are not loaded for nothing, against the threshold of
    `spec` (this year's `spec_for`, when the caller has it: the unit's share, where it was given one)."""
    got = reading(target.measure, unit, period, getattr(target.org_kind, "pk", None))
    if got.value is None:  # nothing reported under the unit that year: nothing to evaluate
        return spine_targets.Evaluation(spine_targets.CHUA_CO_SO_LIEU, None, target.threshold, None)
    if target.scope == spine_targets.TOTAL:
        threshold = (spec or spec_for(target, unit, period)).threshold
        met = spine_targets.COMPARATORS[target.comparator or ">="](got.value, threshold)
        return spine_targets.Evaluation(spine_targets.DAT if met else spine_targets.CHUA_DAT, got.value,
                                        threshold, None)
    return spine_targets.evaluate(spec_for(target, unit, period), behind_limit=0)


def target_rows(plan, unit: Unit, period: Period, compare: bool = True) -> list[ContentGroup]:
    """Every evaluable target of the plan that applies to the unit, evaluated by the spine, grouped by content."""
    if plan is None:
        return []
    with shared_counts():  # the areas under the unit are counted once for all targets, this year and last
        return _target_rows(plan, unit, period, compare)


def _target_rows(plan, unit: Unit, period: Period, compare: bool) -> list[ContentGroup]:
    groups: dict[int | None, ContentGroup] = {}
    contents = {c.pk: c for c in Content.objects.all()}
    previous = {}
    targets = [t for t in plan.targets.select_related("measure", "period", "org_kind", "plan__unit", "content")
               .order_by("order", "pk") if applies(t, unit)]
    if compare:  # last year's figures of every target, read in one query
        periods = {target_period(t, period) for t in targets}
        for p in periods:
            previous.setdefault(p.pk, previous_same(p))
        prefetch([unit], {t.measure for t in targets if not t.org_kind_id},
                 [p for p in previous.values() if p is not None])
    for target in targets:
        in_period = target_period(target, period)
        # the board shows how many units are behind, never who: no unit is listed (the count stays exact)
        spec = spec_for(target, unit, in_period)
        evaluation = spine_targets.evaluate(spec, behind_limit=0)
        last = None
        if compare:
            if in_period.pk not in previous:
                previous[in_period.pk] = previous_same(in_period)
            if previous[in_period.pk] is not None:
                last = last_year(target, unit, previous[in_period.pk], spec)
        behind = (0 if evaluation.status == spine_targets.DAT and target.scope == spine_targets.TOTAL
                  else len(evaluation.units_behind) + evaluation.units_behind_more)
        content_id = target.content_id or target.measure.content_id
        group = groups.setdefault(content_id, ContentGroup(contents.get(content_id)))
        group.rows.append(TargetRow(target, evaluation, last, in_period, value_text(target, evaluation),
                                    value_text(target, last), behind))
    return [groups[k] for k in sorted(groups, key=lambda k: (k is None, contents[k].number if k in contents else 0))]


def target_summary(groups) -> dict:
    rows = [r for g in groups for r in g.rows]
    count = lambda status: sum(1 for r in rows if r.evaluation.status == status)  # noqa: E731
    return {"total": len(rows), "met": count(spine_targets.DAT), "behind": count(spine_targets.CHUA_DAT),
            "no_data": count(spine_targets.CHUA_CO_SO_LIEU)}


# --- reporting ------------------------------------------------------------------------------------


def current_round(user, unit: Unit, period: Period):
    """The reporting round the unit receives for this period (latest due date), or its latest round."""
    from reporting.models import ReportingRound
    from reporting.services import can_read_round

    rounds = ReportingRound.objects.filter(issuer=unit).select_related("period", "issuer").order_by("-due_date")
    chosen = rounds.filter(period__start__gte=period.start, period__end__lte=period.end).first() or rounds.first()
    return chosen if chosen is not None and can_read_round(user, chosen) else None


def reporting_panel(user, unit: Unit, period: Period, on=None) -> dict | None:
    from reporting import completeness

    rnd = current_round(user, unit, period)
    if rnd is None:
        return None
    c = completeness.compute(rnd, on)
    late = [r for r in c.rows if r.status in (completeness.Status.MISSING, completeness.Status.LATE)]
    return {"round": rnd, "completeness": c, "late": late[:10], "late_more": max(0, len(late) - 10),
            "late_count": len(late)}


# --- registration drive ---------------------------------------------------------------------------


def drive_panel(user, unit: Unit, year: int) -> dict | None:
    """Member organisations asked to register in the year's drives of the unit's tree: sent, drafting, not yet."""
    from accounts import scope
    from initiatives.models import Initiative, RegistrationDrive, Submission

    drives = scope.scope_queryset(user, RegistrationDrive.objects.filter(within(unit), year=year), "unit")
    drive_units = list(drives.values_list("unit_id", flat=True))
    if not drive_units:
        return None
    orgs = scope.organisations_in_scope(user).filter(unit_id__in=drive_units, is_active=True)
    expected = orgs.count()
    sent = Submission.objects.filter(drive__in=drives, organisation__in=orgs, submitted_at__isnull=False)
    sent_ids = set(sent.values_list("drive_id", "organisation_id"))
    listed = set(Initiative.objects.filter(drive__in=drives, organisation__in=orgs)
                 .values_list("drive_id", "organisation_id").distinct())
    drafting = len(listed - sent_ids)
    own = drives.filter(unit=unit).first()
    return {"year": year, "drives": len(drive_units), "expected": expected, "sent": len(sent_ids),
            "drafting": drafting, "not_registered": max(0, expected - len(sent_ids) - drafting), "own": own}


# --- plan tasks ----------------------------------------------------------------------------------


def tasks_panel(user, unit: Unit, on=None) -> dict | None:
    """Tasks of issued plans given to the unit's tree (or not yet given, of the unit's own plans) that are past
    their deadline and not done: the list officers chase."""
    from plans import followup

    if not getattr(user, "is_authenticated", False):
        return None
    overdue = followup.overdue_tasks(user, unit, on)
    count = overdue.count()
    if not count:
        return None
    return {"overdue": list(overdue[:10]), "count": count, "more": max(0, count - 10)}


# --- funds ----------------------------------------------------------------------------------------

FUND_MEASURES = ("fund_poor_receipts", "fund_poor_disbursed", "fund_poor_peak_receipts")


def funds_panel(user, unit: Unit, period: Period) -> dict:
    """Fund for the Poor over the unit's tree (from the spine), this period and last year's, and the unit's own
    books (every kind, relief included) for the period."""
    from funds.models import Fund
    from funds.services import summary

    measures = {m.code: m for m in Measure.objects.filter(code__in=FUND_MEASURES)}
    last = previous_same(period)
    prefetch([unit], measures.values(), [p for p in (period, last) if p is not None])  # six readings, one query
    tree = {}
    for code in FUND_MEASURES:
        m = measures.get(code)
        tree[code] = (reading(m, unit, period).value if m else None,
                      reading(m, unit, last).value if m and last else None)
    peak, peak_last = tree["fund_poor_peak_receipts"]
    books = []
    for fund in Fund.objects.filter(unit=unit).order_by("kind", "name"):
        books.append((fund, summary(fund, period.start, period.end)))
    return {"receipts": tree["fund_poor_receipts"][0], "disbursed": tree["fund_poor_disbursed"][0],
            "receipts_last": tree["fund_poor_receipts"][1], "disbursed_last": tree["fund_poor_disbursed"][1],
            "peak": peak, "peak_last": peak_last,
            "peak_progress": (min(100, round(100 * peak / peak_last)) if peak is not None and peak_last else None),
            "books": books, "last_period": last}


# --- supervision ----------------------------------------------------------------------------------


def oversight_panel(user, unit: Unit, period: Period, on=None) -> dict | None:
    from accounts import scope
    from oversight.models import Recommendation
    from oversight.services import followup_rows

    if unit.level == Level.AREA:
        return None
    on = on or timezone.localdate()
    recs = scope.scope_queryset(user, Recommendation.objects.filter(within(unit), sent_on__lte=period.end))
    open_recs = recs.filter(Q(status=Recommendation.Status.SENT) | Q(sent_on__gte=period.start))
    rows = followup_rows(open_recs, on)
    return {"rows": rows[:8], "more": max(0, len(rows) - 8), "on": on,
            "open": sum(r["overdue"] + r["waiting"] for r in rows), "overdue": sum(r["overdue"] for r in rows)}


# --- surveys --------------------------------------------------------------------------------------


def surveys_panel(user, unit: Unit, period: Period) -> dict:
    from surveys.access import visible_surveys
    from surveys.models import Survey

    running = list(visible_surveys(user).filter(within(unit), status=Survey.Status.OPEN).order_by("ends_on")[:8])
    coverage = Measure.objects.filter(code="survey_coverage_rate").first()
    rows = []
    for survey in running:
        got = reading(coverage, survey.unit, get_period(str(survey.ends_on.year))) if coverage else NOT_REPORTED
        rows.append((survey, got))
    overall = reading(coverage, unit, period) if coverage else NOT_REPORTED
    return {"running": rows, "coverage": overall, "coverage_measure": coverage}


# --- trend ----------------------------------------------------------------------------------------


def years_with_data(unit: Unit, period: Period) -> list[Period]:
    """The year periods up to the chosen one in which the unit has any rolled-up value (at most TREND_YEARS)."""
    held = AggregateValue.objects.filter(unit=unit, period=OuterRef("pk"))  # index (unit, period)
    years = list(Period.objects.filter(kind=Period.Kind.YEAR, start__lte=period.end).filter(Exists(held))
                 .order_by("-start")[:TREND_YEARS])
    return sorted(years, key=lambda p: p.start)


def trend(groups, unit: Unit, period: Period) -> dict:
    """The targets' measures over the years that exist (total over the unit's tree), one series per measure."""
    years = years_with_data(unit, period)
    measures = []
    for g in groups:
        for r in g.rows:
            if r.target.measure not in measures:
                measures.append(r.target.measure)
    series = []
    prefetch([unit], measures[:TREND_MEASURES], years)  # every point of the trend in one query
    for m in measures[:TREND_MEASURES]:
        points = [(y, reading(m, unit, y)) for y in years]
        if any(p.value is not None for _, p in points):
            series.append({"measure": m, "points": [(y, p.value, show(m, p)) for y, p in points]})
    return {"years": years, "series": series}


# --- children, for maps and bar charts -----------------------------------------------------------


def child_values(measure: Measure, unit: Unit, period: Period, org_kind_id=None) -> list[tuple[Unit, object]]:
    """(child unit, Reading) for every active child of the unit, in tree order. The readings are cached under
    the spine's generation of the unit (`indicators.generation`)."""
    from indicators.queries import Reading

    children = list(unit.children.filter(is_active=True).ordered())
    if not children:
        return []

    def compute():
        with on_primary(), shared_counts(fresh=True):
            got = readings(measure, children, period, org_kind_id)
        return {pk: (r.value, r.reporting, r.positive, r.numerator, r.denominator, r.is_area) for pk, r in got.items()}

    got = generation.cached(unit, ("children", CACHE_VERSION, measure.pk, period.pk, org_kind_id), compute)
    return [(c, Reading(*got[c.pk]) if c.pk in got else NOT_REPORTED) for c in children]


# --- the spine's part of the dashboard, cached ---------------------------------------------------------------
CACHE_VERSION = 1  # move on when the cached shape below changes


def _plain(evaluation) -> dict | None:
    """An Evaluation as plain data (the dashboard lists no unit behind, and the issuer is the page's unit)."""
    if evaluation is None:
        return None
    return {f.name: getattr(evaluation, f.name) for f in fields(evaluation)
            if f.name not in ("units_behind", "issuer")}


def _spine_live(unit: Unit, period: Period, plan) -> dict:
    # on the primary, and from nothing the page read before (perhaps on the replica): this goes into the cache
    with on_primary(), shared_counts(fresh=True):
        groups = _target_rows(plan, unit, period, True) if plan is not None else []
        return {"groups": groups, "summary": target_summary(groups), "trend": trend(groups, unit, period)}


def _spine_plain(live: dict) -> dict:
    """The targets' rows and the trend as plain data: ids, Decimals and text."""
    rows = [(r.target.pk, r.target.content_id or r.target.measure.content_id, r.period.pk, _plain(r.evaluation),
             _plain(r.last_year), r.value_text, r.last_value_text, r.behind_count)
            for g in live["groups"] for r in g.rows]
    drawn = live["trend"]
    return {"rows": rows, "years": [y.pk for y in drawn["years"]],
            "series": [(s["measure"].pk, [(y.pk, v, t) for y, v, t in s["points"]]) for s in drawn["series"]]}


def spine_part(unit: Unit, period: Period, plan) -> dict:
    """What the dashboard reads from the spine — the plan's targets evaluated over the unit (groups, summary) and
    the trend — cached under the spine's generation of the unit, the targets and the tree
    (`indicators.generation`): a value written anywhere under the unit, a rebuild, a target or allocation edited
    or a unit added gives a new key, so a cached figure is never older than the data."""
    live = {}

    def compute():
        live.update(_spine_live(unit, period, plan))
        return _spine_plain(live)

    plain = generation.cached(unit, ("dashboard", CACHE_VERSION, getattr(plan, "pk", None), period.pk), compute)
    if live:  # computed just now: the objects themselves (the cache holds the same figures)
        return live
    targets = ({t.pk: t for t in plan.targets.select_related("measure", "period", "org_kind", "plan__unit",
                                                             "content")} if plain["rows"] else {})
    periods = Period.objects.in_bulk({row[2] for row in plain["rows"]} | set(plain["years"]))
    if any(row[0] not in targets or row[2] not in periods for row in plain["rows"]) or \
            any(pk not in periods for pk in plain["years"]):  # cannot happen while the generations are kept
        return _spine_live(unit, period, plan)
    contents = {c.pk: c for c in Content.objects.all()} if plain["rows"] else {}
    groups: dict[int | None, ContentGroup] = {}
    for target_id, content_id, period_id, evaluation, last, text, last_text, behind in plain["rows"]:
        group = groups.setdefault(content_id, ContentGroup(contents.get(content_id)))
        group.rows.append(TargetRow(
            targets[target_id], spine_targets.Evaluation(**evaluation, issuer=unit),
            None if last is None else spine_targets.Evaluation(**last, issuer=unit), periods[period_id], text,
            last_text, behind))
    ordered = [groups[k] for k in sorted(groups, key=lambda k: (k is None,
                                                                contents[k].number if k in contents else 0))]
    measures = {t.measure_id: t.measure for t in targets.values()}
    years = [periods[pk] for pk in plain["years"]]
    series = [{"measure": measures[m], "points": [(periods[y], v, t) for y, v, t in points]}
              for m, points in plain["series"] if m in measures]
    return {"groups": ordered, "summary": target_summary(ordered), "trend": {"years": years, "series": series}}


def dashboard(user, unit: Unit, period: Period, plan, on=None) -> dict:
    with shared_counts():
        return _dashboard(user, unit, period, plan, on)


def _dashboard(user, unit: Unit, period: Period, plan, on=None) -> dict:
    spine = spine_part(unit, period, plan)
    return {
        "groups": spine["groups"], "summary": spine["summary"],
        "reporting": reporting_panel(user, unit, period, on),
        "drive": drive_panel(user, unit, period.start.year),
        "funds": funds_panel(user, unit, period),
        "oversight": oversight_panel(user, unit, period, on),
        "tasks": tasks_panel(user, unit, on),
        "surveys": surveys_panel(user, unit, period),
        "trend": spine["trend"],
    }
