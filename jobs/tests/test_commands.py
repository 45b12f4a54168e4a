"""The daily jobs (run by a systemd timer) and the worker's recovery of a dead worker's tasks."""

import datetime

import pytest
from django.core.management import call_command

from campaign.models import Period

pytestmark = pytest.mark.django_db


def test_daily_jobs_open_this_years_periods_and_next_year_and_can_run_twice(tree):
    call_command("daily_jobs", date="2026-12-01")
    codes = set(Period.objects.values_list("code", flat=True))
    assert {"2026", "2026-h1", "2026-h2", "2026-q1", "2026-q4", "2027"} <= codes
    count = Period.objects.count()
    call_command("daily_jobs", date="2026-12-01")
    assert Period.objects.count() == count


def test_daily_jobs_count_a_recommendation_that_became_overdue_without_any_edit(tree):
    """Nothing is written when a due date passes; the daily run re-derives the running periods."""
    from django.utils import timezone

    from indicators.models import DataValue
    from indicators.sync import sync_measures
    from oversight.models import Agency, Recommendation

    sync_measures()
    today = timezone.localdate()
    call_command("daily_jobs")
    agency = Agency.objects.create(unit=tree.dong_phuc, name="UBND xã Đồng Phúc")
    # written straight to the table, as if its due date had simply passed since the last derivation
    Recommendation.objects.create(source=Recommendation.Source.OPINION, unit=tree.dong_phuc, agency=agency,
                                  content="Bố trí điểm tập kết rác", sent_on=today - datetime.timedelta(days=20),
                                  due_on=today - datetime.timedelta(days=1))
    overdue = {"measure__code": "recommendations_overdue", "unit": tree.dong_phuc, "period__code": str(today.year)}
    assert not DataValue.objects.filter(**overdue, value__gt=0).exists()
    call_command("daily_jobs")
    assert DataValue.objects.get(**overdue).value == 1


def test_daily_jobs_prune_the_api_call_log_older_than_the_retention(tree, settings):
    from django.utils import timezone

    from api.models import ApiCall

    settings.API_CALL_RETENTION_DAYS = 30
    old = ApiCall.objects.create(method="GET", path="/api/v1/units", status=200)
    recent = ApiCall.objects.create(method="GET", path="/api/v1/units", status=200)
    ApiCall.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=31))
    ApiCall.objects.filter(pk=recent.pk).update(at=timezone.now() - datetime.timedelta(days=29))
    call_command("daily_jobs")
    assert list(ApiCall.objects.values_list("pk", flat=True)) == [recent.pk]
