"""The figures of a survey, computed from the raw rows every time (HD 90: rate per question = satisfied / returned).

Coverage = households that answered / households on the roll. A rate is always recomputed from its counts,
never averaged over areas. Per-area satisfaction is withheld for areas with fewer than MIN_CELL ballots.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from .models import Answer, Ballot, Receipt, Respondent

MIN_CELL = 5  # fewer ballots than this in an area: its satisfaction is not shown (it would expose households)


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def reaches(part: int, whole: int, threshold: Decimal) -> bool:
    """part/whole >= threshold%, exactly (no rounding)."""
    return bool(whole) and Decimal(part) * 100 >= Decimal(threshold) * whole


@dataclass
class Row:
    label: str
    area_id: int | None
    asked: int = 0
    answered: int = 0  # households with a receipt
    returned: int = 0  # ballots
    satisfied: dict = field(default_factory=dict)  # question id -> satisfied count
    suppressed: bool = False  # hidden as well so that no small area can be derived from the shown ones

    @property
    def coverage(self):
        return percent(self.answered, self.asked)

    @property
    def shown(self) -> bool:
        return self.returned >= MIN_CELL and not self.suppressed

    def rate(self, question_id):
        return percent(self.satisfied.get(question_id, 0), self.returned)


@dataclass
class Results:
    survey: object
    questions: list
    rows: list  # one Row per residential area
    total: Row

    @property
    def overall(self):
        return next((q for q in self.questions if q.is_overall), None)

    @property
    def overall_rate(self):
        return self.total.rate(self.overall.pk) if self.overall and self.total.returned else None

    @property
    def coverage_ok(self) -> bool:
        return reaches(self.total.answered, self.total.asked, self.survey.min_coverage)

    def question_ok(self, question) -> bool:
        return reaches(self.total.satisfied.get(question.pk, 0), self.total.returned, self.survey.threshold)

    @property
    def failing_questions(self):
        return [q for q in self.questions if not self.question_ok(q)]

    @property
    def satisfaction_ok(self) -> bool:
        if not self.total.returned or self.overall is None:
            return False
        if self.survey.every_question:
            return not self.failing_questions
        return self.question_ok(self.overall)

    @property
    def passed(self) -> bool:
        return self.coverage_ok and self.satisfaction_ok

    def question_rows(self):
        """(question, satisfied, returned, rate, reaches threshold) for the whole commune."""
        return [(q, self.total.satisfied.get(q.pk, 0), self.total.returned, self.total.rate(q.pk), self.question_ok(q))
                for q in self.questions]

    @property
    def verdict(self) -> str:
        if not self.total.returned:
            return "Chưa có phiếu."
        return f"{'ĐẠT' if self.passed else 'CHƯA ĐẠT'}: {self.verdict_detail}"

    @property
    def verdict_detail(self) -> str:
        if not self.total.returned:
            return "Chưa có phiếu."
        cov = (f"tỷ lệ hộ được lấy ý kiến {fmt(self.total.coverage)} "
               f"({'đạt' if self.coverage_ok else 'chưa đạt'} mức tối thiểu {fmt(self.survey.min_coverage)})")
        if self.survey.every_question:
            sat = (f"mọi câu hỏi đạt từ {fmt(self.survey.threshold)} trở lên" if not self.failing_questions else
                   f"{len(self.failing_questions)} câu hỏi dưới ngưỡng {fmt(self.survey.threshold)}")
        else:
            sat = (f"tỷ lệ hài lòng chung {fmt(self.overall_rate)} "
                   f"({'đạt' if self.satisfaction_ok else 'chưa đạt'} ngưỡng {fmt(self.survey.threshold)})")
        return f"{cov[:1].upper()}{cov[1:]}; {sat}."


def fmt(value) -> str:
    from core.formatting import format_percent

    return format_percent(value)


def compute(survey, areas) -> Results:
    """Figures for these areas (all of the commune's, or an area head's own) and their total."""
    areas = list(areas)
    ids = [a.pk for a in areas]
    questions = list(survey.questions.order_by("number"))
    asked = dict(Respondent.objects.filter(survey=survey, area_id__in=ids).values_list("area_id")
                 .annotate(n=Count("id")).values_list("area_id", "n"))
    answered = dict(Receipt.objects.filter(survey=survey, area_id__in=ids).values_list("area_id")
                    .annotate(n=Count("id")).values_list("area_id", "n"))
    returned = dict(Ballot.objects.filter(survey=survey, area_id__in=ids).values_list("area_id")
                    .annotate(n=Count("id")).values_list("area_id", "n"))
    satisfied = (Answer.objects.filter(ballot__survey=survey, ballot__area_id__in=ids, satisfied=True)
                 .values_list("ballot__area_id", "question_id").annotate(n=Count("id")))
    rows = {a.pk: Row(a.name, a.pk, asked.get(a.pk, 0), answered.get(a.pk, 0), returned.get(a.pk, 0)) for a in areas}
    total = Row("Tổng cộng", None)
    for area_id, question_id, n in satisfied:
        rows[area_id].satisfied[question_id] = n
        total.satisfied[question_id] = total.satisfied.get(question_id, 0) + n
    for row in rows.values():
        total.asked += row.asked
        total.answered += row.answered
        total.returned += row.returned
    suppress_complementary(list(rows.values()))
    return Results(survey, questions, [rows[a.pk] for a in areas], total)


def suppress_complementary(rows) -> None:
    """Small areas are hidden; if the hidden ones together hold fewer than MIN_CELL ballots, the total minus
    the shown areas would give them away (Bằng Thành: 4/8 − 4/6 ⇒ both households of the hidden area were
    dissatisfied). Hide the smallest shown areas too until the hidden group holds at least MIN_CELL ballots."""
    hidden = sum(r.returned for r in rows if r.returned and not r.shown)
    if not hidden or hidden >= MIN_CELL:
        return
    for row in sorted((r for r in rows if r.shown), key=lambda r: (r.returned, r.label)):
        row.suppressed = True
        hidden += row.returned
        if hidden >= MIN_CELL:
            return
