import datetime

import pytest

from budget import services
from budget.models import FundingSource, SpendingItem, Stage

D = datetime.date


@pytest.fixture
def catalogue(db):
    """The seeded spending items and sources (get_or_create: transactional tests flush migration rows)."""
    t = type("Catalogue", (), {})()
    t.festival, _ = SpendingItem.objects.get_or_create(code="ngay-hoi", defaults={
        "name": "Hỗ trợ tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư", "order": 50})
    t.propaganda, _ = SpendingItem.objects.get_or_create(code="tuyen-truyen", defaults={
        "name": "Tuyên truyền, phổ biến nội dung Cuộc vận động (tài liệu, tờ rơi, pano, áp phích, tin bài)",
        "order": 10})
    t.state, _ = FundingSource.objects.get_or_create(code="nsnn-xa", defaults={
        "name": "Ngân sách nhà nước cấp xã", "kind": "state", "order": 20})
    t.people, _ = FundingSource.objects.get_or_create(code="xhh-nhan-dan", defaults={
        "name": "Xã hội hóa: đóng góp tự nguyện của Nhân dân", "kind": "socialised", "order": 40})
    return t


@pytest.fixture
def dong_phuc_budget(tree, dong_phuc_officer, catalogue):
    """Đồng Phúc's 2026 budget: 30.000.000 đ estimated (24 state + 6 people), 25.000.000 đ settled (20 + 5)."""
    b = services.open_budget(dong_phuc_officer, tree.dong_phuc, 2026, estimate_number="12/DT-MTTQ-BTT",
                             estimate_on=D(2026, 1, 15))
    add = services.add_line
    add(dong_phuc_officer, b, stage=Stage.ESTIMATE, activity="Ngày hội ở 2 thôn", item=catalogue.festival,
        source=catalogue.state, amount=24_000_000)
    add(dong_phuc_officer, b, stage=Stage.ESTIMATE, activity="Đóng góp của Nhân dân cho Ngày hội",
        item=catalogue.festival, source=catalogue.people, amount=6_000_000)
    add(dong_phuc_officer, b, stage=Stage.SETTLEMENT, activity="Ngày hội ở 2 thôn", item=catalogue.festival,
        source=catalogue.state, amount=20_000_000)
    add(dong_phuc_officer, b, stage=Stage.SETTLEMENT, activity="Đóng góp của Nhân dân cho Ngày hội",
        item=catalogue.festival, source=catalogue.people, amount=5_000_000)
    b.refresh_from_db()
    return b
