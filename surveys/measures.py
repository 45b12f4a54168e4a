"""Surveys as a register of the spine: coverage and satisfaction, derived from the roll, receipts and ballots.

A survey counts in the periods that contain its last day (`ends_on`); when a commune has several in one period,
the latest counts. Coverage (who answered) is derived per residential area while the survey runs.
Satisfaction is derived per commune and only once collection has ended: a value that moved with each ballot
(with its change history) would tell, next to the receipts, what one household answered.
"""

from django.db.models import Count

from indicators.registers import NOT_REPORTED, Derivation, Register, register


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


def _coverage(model_name):
    def compute(period, unit_ids):
        from units.models import Unit

        from .models import Receipt, Respondent

        parents = dict(Unit.objects.filter(pk__in=unit_ids, level="area").values_list("pk", "parent_id"))
        surveys = surveys_for(period, set(parents.values()))
        area_ids = [a for a, parent in parents.items() if parent in surveys]
        model = Respondent if model_name == "respondent" else Receipt
        counts = dict(model.objects.filter(survey__in=surveys.values(), area_id__in=area_ids)
                      .values_list("area_id").annotate(n=Count("id")).values_list("area_id", "n"))
        # an area of a running survey with nobody on its roll is not reported; with a roll, 0 is a real 0
        on_roll = counts if model is Respondent else dict(
            Respondent.objects.filter(survey__in=surveys.values(), area_id__in=area_ids)
            .values_list("area_id").annotate(n=Count("id")).values_list("area_id", "n"))
        return {(a, None): counts.get(a, 0) for a in area_ids if on_roll.get(a)}
    return compute


def _satisfaction(returned: bool):
    def compute(period, unit_ids):
        from .models import Answer, Ballot

        surveys = surveys_for(period, set(unit_ids), closed_only=True)
        if returned:
            counts = dict(Ballot.objects.filter(survey__in=surveys.values()).values_list("survey__unit_id")
                          .annotate(n=Count("id")).values_list("survey__unit_id", "n"))
        else:
            counts = dict(Answer.objects.filter(ballot__survey__in=surveys.values(), question__is_overall=True,
                                                satisfied=True)
                          .values_list("ballot__survey__unit_id").annotate(n=Count("id"))
                          .values_list("ballot__survey__unit_id", "n"))
        with_ballots = set(Ballot.objects.filter(survey__in=surveys.values()).values_list("survey_id", flat=True))
        return {(c, None): counts.get(c, 0) for c, s in surveys.items() if s.pk in with_ballots}
    return compute


@register
class SurveysRegister(Register):
    code = "surveys"
    name = "Sổ lấy ý kiến sự hài lòng"
    derivations = [
        Derivation("survey_households_in_scope", compute=_coverage("respondent"), missing=NOT_REPORTED),
        Derivation("survey_households_asked", compute=_coverage("receipt"), missing=NOT_REPORTED),
        Derivation("survey_satisfied", compute=_satisfaction(returned=False), missing=NOT_REPORTED),
        Derivation("survey_returned", compute=_satisfaction(returned=True), missing=NOT_REPORTED),
    ]
