import datetime

import pytest

from funds import services
from funds.models import FundKind
from welfare.tests.conftest import households  # noqa: F401  (shared fixture)

D = datetime.date


@pytest.fixture
def books(tree, province_officer):
    """Quỹ "Vì người nghèo" at the province, at Đồng Phúc and at Bằng Thành, opened on 1/1/2026."""
    t = type("Books", (), {})()
    t.province = services.open_fund(province_officer, tree.province, FundKind.POOR, opened_on=D(2026, 1, 1))
    t.dong_phuc = services.open_fund(province_officer, tree.dong_phuc, FundKind.POOR, opened_on=D(2026, 1, 1))
    t.bang_thanh = services.open_fund(province_officer, tree.bang_thanh, FundKind.POOR, opened_on=D(2026, 1, 1))
    return t


def receive(actor, fund, amount, day=D(2026, 2, 1), **kw):
    return services.record_receipt(actor, fund, date=day, amount=amount, donor_name=kw.pop("donor", "Nguyễn Văn A"),
                                   donor_type=kw.pop("donor_type", "individual"), **kw)


def spend(actor, fund, amount, day=D(2026, 3, 1), **kw):
    return services.record_disbursement(actor, fund, date=day, amount=amount,
                                        category=kw.pop("category", "livelihood"),
                                        approval_ref=kw.pop("approval_ref", "BB 01"), **kw)
