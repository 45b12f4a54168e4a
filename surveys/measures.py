"""Surveys as a register of the spine: coverage and satisfaction, derived from the roll, receipts and ballots.

A survey counts in the periods that contain its last day (`ends_on`); when a commune has several in one period,
the latest counts. Coverage (who answered) is derived per residential area while the survey runs.
Satisfaction is derived per commune and only once collection has ended: a value that moved with each ballot
(with its change history) would tell, next to the receipts, what one household answered.
"""

from indicators.registers import MeasureDef, Register, register

from django.db.models import Count

CONTENT = 5  # dân chủ, giám sát (the survey is the Front's supervision of new-rural results)


def surveys_for(period, commune_ids, closed_only=False):
    """{commune_id: survey} — the survey of each commune that counts in this period."""
    from .models import Survey

    statuses = [Survey.Status.CLOSED] if closed_only else [Survey.Status.OPEN, Survey.Status.CLOSED]
    chosen = {}
    for survey in (Survey.objects.filter(unit_id__in=commune_ids, status__in=statuses,
                                         ends_on__gte=period.start, ends_on__lte=period.end)
                   .order_by("unit_id", "ends_on", "id")):
        chosen[survey.unit_id] = survey  # the latest wins
    return chosen


@register
class SurveysRegister(Register):
    code = "surveys"
    name = "Sổ lấy ý kiến sự hài lòng"
    measures = [
        MeasureDef("survey_households_in_scope", "Số hộ thuộc diện lấy ý kiến sự hài lòng", "count", "area", "sum",
                   "hộ", CONTENT, order=66),
        MeasureDef("survey_households_asked", "Số hộ đã được lấy ý kiến sự hài lòng", "count", "area", "sum", "hộ",
                   CONTENT, order=67),
        MeasureDef("survey_coverage_rate", "Tỷ lệ hộ được lấy ý kiến sự hài lòng", "ratio", "area", "ratio", "%",
                   CONTENT, numerator="survey_households_asked", denominator="survey_households_in_scope", scale=100,
                   order=68),
        MeasureDef("survey_satisfied", "Số phiếu hài lòng chung với kết quả xây dựng nông thôn mới, đô thị văn minh",
                   "count", "commune", "sum", "phiếu", CONTENT, order=69,
                   description="Phiếu trả lời “hài lòng” ở câu hỏi chung; tính khi đã kết thúc lấy ý kiến."),
        MeasureDef("survey_returned", "Số phiếu lấy ý kiến thu về", "count", "commune", "sum", "phiếu", CONTENT,
                   order=70, description="Tính khi đã kết thúc lấy ý kiến."),
        MeasureDef("survey_satisfaction_rate", "Tỷ lệ người dân hài lòng", "ratio", "commune", "ratio", "%", CONTENT,
                   numerator="survey_satisfied", denominator="survey_returned", scale=100, order=71),
    ]

    def compute(self, measure_code, period, units):
        from .models import Answer, Ballot, Receipt, Respondent

        units = list(units)
        if measure_code in ("survey_households_in_scope", "survey_households_asked"):
            surveys = surveys_for(period, {u.parent_id for u in units})
            area_ids = [u.pk for u in units if u.parent_id in surveys]
            model = Respondent if measure_code == "survey_households_in_scope" else Receipt
            counts = dict(model.objects.filter(survey__in=surveys.values(), area_id__in=area_ids)
                          .values_list("area_id").annotate(n=Count("id")).values_list("area_id", "n"))
            # an area of a running survey with nobody on its roll is not reported; with a roll, 0 is a real 0
            on_roll = counts if model is Respondent else dict(
                Respondent.objects.filter(survey__in=surveys.values(), area_id__in=area_ids)
                .values_list("area_id").annotate(n=Count("id")).values_list("area_id", "n"))
            return {(a, None): counts.get(a, 0) for a in area_ids if on_roll.get(a)}
        if measure_code in ("survey_satisfied", "survey_returned"):
            surveys = surveys_for(period, {u.pk for u in units}, closed_only=True)
            if measure_code == "survey_returned":
                counts = dict(Ballot.objects.filter(survey__in=surveys.values()).values_list("survey__unit_id")
                              .annotate(n=Count("id")).values_list("survey__unit_id", "n"))
            else:
                counts = dict(Answer.objects.filter(ballot__survey__in=surveys.values(), question__is_overall=True,
                                                    satisfied=True)
                              .values_list("ballot__survey__unit_id").annotate(n=Count("id"))
                              .values_list("ballot__survey__unit_id", "n"))
            return {(c, None): counts.get(c, 0) for c, s in surveys.items() if s.ballots.exists()}
        return {}
