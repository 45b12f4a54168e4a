import pytest


@pytest.fixture
def measures(db):
    """The catalogue (transactional tests flush what post_migrate loaded)."""
    from indicators.models import Measure
    from indicators.sync import sync_measures

    sync_measures()
    # These tests type values on forms; registers of other apps may claim catalogue measures (plans claims
    # commune_env_plan, surveys the survey counts …), so the spine's own tests release them here.
    Measure.objects.update(source=Measure.Source.FORM, register="", absent_is_zero=False)
    return {m.code: m for m in Measure.objects.all()}


@pytest.fixture
def year(db):
    from campaign.periods import get_period

    return get_period("2026")


@pytest.fixture
def enter(province_officer, year):
    """enter(code_or_measure, unit, value, period=year, org_kind=None): form entry as the province officer."""
    from indicators import services
    from indicators.models import Measure

    def _enter(measure, unit, value, period=None, org_kind=None):
        if isinstance(measure, str):
            measure = Measure.objects.get(code=measure)
        return services.set_value(province_officer, measure, unit, period or year, value, org_kind)

    return _enter


@pytest.fixture
def value_of(year):
    """value_of(code, unit, period=year) -> Reading."""
    from indicators.models import Measure
    from indicators.queries import reading

    def _value(code, unit, period=None, org_kind=None):
        return reading(Measure.objects.get(code=code), unit, period or year, getattr(org_kind, "pk", org_kind))

    return _value


@pytest.fixture(autouse=True)
def catalogue_only():
    """These tests exercise the spine with the catalogue and their own throw-away registers: the apps' real
    registers (initiatives, activities, …), which claim catalogue measures, are set aside while they run."""
    from indicators import registers

    registers.discover()
    saved = dict(registers._REGISTERS)
    registers._REGISTERS.clear()
    yield
    registers._REGISTERS.clear()
    registers._REGISTERS.update(saved)
