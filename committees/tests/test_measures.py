"""Issue #16: committees in the spine — in force and renewed, each committee once, rolled up; check_integrity
stays clean."""

import datetime

from campaign.periods import get_period
from committees import services
from indicators.models import Measure
from indicators.queries import reading

D = datetime.date


def value(code, unit, period):
    return reading(Measure.objects.get(code=code), unit, get_period(period)).value


def clean_integrity():
    from indicators.integrity import checks

    return [f for _, f in checks() if f]


def test_committees_in_force_and_renewed(dong_phuc_officer, tree, committee):
    get_period("2025"), get_period("2026"), get_period("2026-q1"), get_period("2026-q2")
    assert value("committees_in_force", tree.dong_phuc, "2025") == 1
    assert value("committees_in_force", tree.province, "2025") == 1  # rolled up
    assert value("committees_renewed", tree.dong_phuc, "2025") == 0
    keep = [m.pk for m in committee.current_term.members.all()]
    services.renew(dong_phuc_officer, committee, committee.version, decided_on=D(2026, 3, 1), keep=keep)
    # the old term ends 28/02 and the new one starts 01/03: the committee counts once in the quarter
    assert value("committees_in_force", tree.dong_phuc, "2026-q1") == 1
    assert value("committees_renewed", tree.dong_phuc, "2026-q1") == 1
    assert value("committees_renewed", tree.dong_phuc, "2026-q2") == 0
    assert value("committees_renewed", tree.province, "2026") == 1
    assert clean_integrity() == []
