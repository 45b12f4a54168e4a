"""Demo: the campaign budget of Thái Nguyên province and of a few communes (Xã Đồng Phúc among them) for the demo
year and the year before — estimate lines by activity, TT 121/2017 spending item and source, and the settlement
(complete for the year before, so far for the demo year). Through the services, so the totals and the spine agree.
"""

import datetime
import random

from django.db import transaction

from accounts.models import User
from units.models import Level, Unit
from welfare.demo import demo_year

from . import services
from .models import Budget, FundingSource, SpendingItem, Stage

ORDER = 66
PROVINCE_CODE = "19"
COMMUNE_CODES = ["01933", "01864", "01840", "01852", "05443"]

PROVINCE_LINES = [
    ("Hội nghị triển khai Cuộc vận động năm {y}", "hoi-nghi", "nsnn-tinh", 45_000_000),
    ("In tài liệu, pano, áp phích tuyên truyền", "tuyen-truyen", "nsnn-tinh", 80_000_000),
    ("Tập huấn cán bộ Mặt trận cấp xã", "tap-huan", "nsnn-tinh", 120_000_000),
    ("Kiểm tra, giám sát việc thực hiện ở các xã, phường", "kiem-tra-giam-sat", "nsnn-tinh", 60_000_000),
    ("Hỗ trợ Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư điểm", "ngay-hoi", "nsnn-tinh", 150_000_000),
    ("Xây dựng mô hình điểm cấp tỉnh", "mo-hinh", "xhh-doanh-nghiep", 300_000_000),
    ("Lấy ý kiến sự hài lòng của Nhân dân", "lay-y-kien", "nsnn-tinh", 90_000_000),
    ("Khen thưởng tập thể, cá nhân tiêu biểu", "khen-thuong", "xhh-doanh-nghiep", 75_000_000),
]
COMMUNE_LINES = [
    ("Hội nghị triển khai Cuộc vận động năm {y}", "hoi-nghi", "nsnn-xa", 6_000_000),
    ("Tuyên truyền trên loa truyền thanh, pano", "tuyen-truyen", "nsnn-xa", 8_000_000),
    ("Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư", "ngay-hoi", "nsnn-xa", 24_000_000),
    ("Đóng góp của Nhân dân cho Ngày hội ở khu dân cư", "ngay-hoi", "xhh-nhan-dan", 18_000_000),
    ("Hỗ trợ mô hình “Thôn sáng – xanh – sạch – đẹp”", "mo-hinh", "xhh-doanh-nghiep", 30_000_000),
    ("Sơ kết, khen thưởng cuối năm", "khen-thuong", "nsnn-xa", 7_000_000),
]


def _fill(actor, unit, year, lines, rng, settled: float):
    budget = services.open_budget(actor, unit, year, estimate_number=f"{rng.randint(5, 40)}/DT-MTTQ-BTT",
                                  estimate_on=datetime.date(year, 1, 15))
    items = {i.code: i for i in SpendingItem.objects.all()}
    sources = {s.code: s for s in FundingSource.objects.all()}
    for activity, item, source, amount in lines:
        services.add_line(actor, budget, stage=Stage.ESTIMATE, activity=activity.format(y=year), item=items[item],
                          source=sources[source], amount=amount)
    for activity, item, source, amount in lines[:max(1, round(len(lines) * settled))]:
        spent = int(amount * rng.uniform(0.8, 1.1)) // 1000 * 1000
        services.add_line(actor, budget, stage=Stage.SETTLEMENT, activity=activity.format(y=year), item=items[item],
                          source=sources[source], amount=spent)
    if settled >= 1:
        services.update_budget(actor, budget, None, settlement_number=f"{rng.randint(50, 90)}/QT-MTTQ-BTT",
                               settlement_on=datetime.date(year, 12, 28))
    return budget


@transaction.atomic
def load(log):
    province = Unit.objects.filter(level=Level.PROVINCE, code=PROVINCE_CODE).first()
    if province is None or Budget.objects.filter(unit=province).exists():
        log("Kinh phí: đã có (hoặc chưa có tỉnh), bỏ qua.")
        return
    from indicators.services import deferred

    with deferred():
        _load(log, province)


def _load(log, province):
    year = demo_year()
    officer = User.objects.get(username="tinh.thainguyen")
    commune_officer = User.objects.filter(username="xa.dongphuc").first() or officer
    count = 0
    for y, settled in ((year - 1, 1.0), (year, 0.6)):
        _fill(officer, province, y, PROVINCE_LINES, random.Random(y), settled)
        count += 1
        for code in COMMUNE_CODES:
            commune = Unit.objects.filter(level=Level.COMMUNE, code=code).first()
            if commune is None:
                continue
            actor = commune_officer if code == "01933" else officer
            _fill(actor, commune, y, COMMUNE_LINES, random.Random(f"{code}{y}"), settled)
            count += 1
    log(f"Kinh phí Cuộc vận động năm {year - 1} và {year}: {count} bản dự toán (tỉnh và các xã, có Xã Đồng Phúc).")
