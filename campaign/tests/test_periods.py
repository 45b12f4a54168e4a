import datetime

import pytest

from campaign.models import Content, CriteriaSet
from campaign.periods import get_period, previous_same


@pytest.mark.django_db
@pytest.mark.parametrize("code, kind, start, end, name", [
    ("2026", "year", (2026, 1, 1), (2026, 12, 31), "Năm 2026"),
    ("2026-h1", "half", (2026, 1, 1), (2026, 6, 30), "6 tháng đầu năm 2026"),
    ("2026-q3", "quarter", (2026, 7, 1), (2026, 9, 30), "Quý III năm 2026"),
    ("2028-02", "month", (2028, 2, 1), (2028, 2, 29), "Tháng 2 năm 2028"),
    ("2026-2030", "phase", (2026, 1, 1), (2030, 12, 31), "Giai đoạn 2026–2030"),
])
def test_periods_from_codes(code, kind, start, end, name):
    p = get_period(code)
    assert (p.kind, p.start, p.end, p.name) == (kind, datetime.date(*start), datetime.date(*end), name)
    assert get_period(code).pk == p.pk


@pytest.mark.django_db
def test_bad_codes_are_refused():
    with pytest.raises(ValueError, match="kết thúc trước"):
        get_period("2026-2023")
    with pytest.raises(ValueError):
        get_period("2026-13")


@pytest.mark.django_db
def test_previous_same_period():
    assert previous_same(get_period("2026-h1")).code == "2025-h1"
    assert previous_same(get_period("2021-2025")) is None


@pytest.mark.django_db
def test_contents_and_criteria_sets_ship_as_data():
    assert Content.objects.count() == 5
    assert CriteriaSet.objects.get(code="ntm-xa-2021-2025").criteria.count() == 19
    assert CriteriaSet.objects.get(code="ntm-xa-2026-2030").criteria.count() == 10
    assert CriteriaSet.objects.get(code="dtvm-2022").criteria.count() == 9
    assert CriteriaSet.current("ntm", datetime.date(2026, 5, 1)).code == "ntm-xa-2026-2030"
