import datetime

import pytest

from committees import services
from committees.models import CommitteeKind

D = datetime.date
MEMBERS = """Ma Thị Lan; Trưởng ban; Chủ tịch Ủy ban MTTQ Việt Nam xã
Hà Văn Tuấn; Phó Trưởng ban; Phó Chủ tịch UBND xã
Nông Văn Bình; Thành viên; Chủ tịch Hội Nông dân xã"""


@pytest.fixture
def poor_kind(db):
    kind, _ = CommitteeKind.objects.get_or_create(code="ban-van-dong-quy-vnn", defaults={
        "name": "Ban vận động Quỹ “Vì người nghèo”", "order": 10})
    return kind


@pytest.fixture
def committee(dong_phuc_officer, tree, poor_kind):
    return services.establish(dong_phuc_officer, tree.dong_phuc, poor_kind, decision_number="03/QĐ-MTTQ-BTT",
                              decided_on=D(2025, 1, 20), members=MEMBERS)
