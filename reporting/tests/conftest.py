import datetime

import pytest

from campaign.periods import get_period
from reporting import services
from reporting.models import ReporterKind

TODAY = services.today()


MEASURES = ["households_livelihood_supported", "great_unity_houses_built", "commune_env_plan"]


@pytest.fixture
def h1_round(tree, province_officer):
    """Thái Nguyên's 6-month round 2026, due in ten days: the three communes of the small tree report."""
    from indicators.sync import sync_measures
    sync_measures()  # transactional (browser) tests flush the catalogue rows
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
