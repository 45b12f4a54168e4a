import datetime
from decimal import Decimal

import pytest

FORM_CODES = ("households_livelihood_supported", "great_unity_day_held")


@pytest.fixture
def measures(db):
    """The catalogue and the registers' measures; the two measures these tests type on a form are released from
    their registers (the spine's own tests do the same)."""
    from indicators.models import Measure
    from indicators.sync import sync_measures

    sync_measures()
    Measure.objects.filter(code__in=FORM_CODES).update(source=Measure.Source.FORM, register="")
    return {m.code: m for m in Measure.objects.all()}


@pytest.fixture
def year(db):
    from campaign.periods import get_period

    return get_period("2026")


@pytest.fixture
def last_year(db):
    from campaign.periods import get_period

    return get_period("2025")


@pytest.fixture
def enter(province_officer, year):
    from indicators import services
    from indicators.models import Measure

    def _enter(code, unit, value, period=None):
        return services.set_value(province_officer, Measure.objects.get(code=code), unit, period or year, value)

    return _enter


@pytest.fixture
def plan(tree, measures, year, province_officer):
    """An issued province plan for 2026 with three targets of the spine's grammar."""
    from campaign.models import Content
    from plans.models import Plan, Target

    plan = Plan.objects.create(unit=tree.province, title="Thực hiện Cuộc vận động năm 2026", period=year,
                               status=Plan.Status.ISSUED, issued_on=datetime.date(2026, 3, 16), number="59",
                               symbol="KH-MTTQ-BTT")
    from importlib import import_module

    seed = import_module("campaign.migrations.0002_contents_and_criteria").CONTENTS
    for number, name, short in seed:  # transactional (browser) tests flush what the data migration made
        Content.objects.get_or_create(number=number, defaults={"name": name, "short_name": short})
    content = {c.number: c for c in Content.objects.all()}
    plan.t_livelihood = Target.objects.create(
        plan=plan, text="Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, hộ cận nghèo", content=content.get(1),
        measure=measures["households_livelihood_supported"], scope="total", threshold=Decimal(200), period=year,
        order=1)
    plan.t_unity_day = Target.objects.create(
        plan=plan, text="100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc", content=content.get(2),
        measure=measures["great_unity_day_held"], scope="share_of_units", level="area", threshold=Decimal(100),
        period=year, order=2)
    return plan


@pytest.fixture
def filled(tree, enter, last_year):
    """2026: Nà Hai supported 150 households and held the day, Nà Làn did not; 2025: Nà Hai supported 100."""
    enter("households_livelihood_supported", tree.na_hai, 150)
    enter("households_livelihood_supported", tree.ban_bang, 20)
    enter("households_livelihood_supported", tree.na_hai, 100, last_year)
    enter("great_unity_day_held", tree.na_hai, "có")
    enter("great_unity_day_held", tree.na_lan, "không")
