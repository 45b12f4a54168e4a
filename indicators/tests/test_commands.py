import pytest
from django.core.management import CommandError, call_command

from indicators.models import AggregateValue

pytestmark = pytest.mark.django_db


def test_rollup_check_and_rebuild(tree, measures, enter, capsys):
    enter("pilot_models", tree.na_hai, 3)
    call_command("rollup", "--check")
    AggregateValue.objects.filter(unit=tree.nation).update(value=1)
    with pytest.raises(CommandError):
        call_command("rollup", "--check")
    assert "pilot_models · Việt Nam · 2026" in capsys.readouterr().out
    call_command("rollup", "--rebuild")
    call_command("rollup", "--check", "--period", "2026")
    call_command("check_integrity")


def test_sync_measures_is_idempotent(measures, capsys):
    call_command("sync_measures")
    call_command("sync_measures")
    assert "0 thêm mới, 0 cập nhật" in capsys.readouterr().out
