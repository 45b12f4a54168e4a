import datetime

import pytest

from campaign.periods import get_period
from reporting import services
from reporting.models import ReporterKind

TODAY = services.today()


MEASURES = ["households", "trees_planted", "env_cleanup_days"]


@pytest.fixture
def h1_round(tree, province_officer):
    """Thái Nguyên's 6-month round 2026, due in ten days: the three communes of the small tree report."""
    from importlib import import_module

    from campaign.models import Content
    from indicators.sync import sync_measures

    # transactional (browser) tests flush the rows the data migrations made: the contents and the catalogue
    for number, name, short_name in import_module("campaign.migrations.0002_contents_and_criteria").CONTENTS:
        Content.objects.get_or_create(number=number, defaults={"name": name, "short_name": short_name})
    sync_measures()
    return services.open_round(province_officer, tree.province, {
        "period": get_period("2026-h1"), "name": "Báo cáo 6 tháng đầu năm 2026",
        "cut_off": TODAY - datetime.timedelta(days=20), "due_date": TODAY + datetime.timedelta(days=10),
        "lock_on": None, "reporters": ReporterKind.COMMUNE, "include_organisations": False,
        "measure_codes": MEASURES, "remind_days_before": 3})


@pytest.fixture
def dong_phuc_sub(h1_round, tree):
    return h1_round.submissions.get(unit=tree.dong_phuc)


NARRATIVES = {"1": {"ket_qua": "Hỗ trợ 12 hộ nghèo phát triển sinh kế.", "han_che": "Nguồn lực còn ít."},
              "3": {"ket_qua": "Ra quân dọn vệ sinh 8 km đường làng."}}
