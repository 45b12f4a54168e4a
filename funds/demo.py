"""Demo: a year of fund books at the province and at a few communes (Xã Đồng Phúc among them): receipts from
people and businesses (many in the "Tháng cao điểm" 17/10–18/11), spending by category (a Great Unity house
linked to its household), a relief fund for one campaign, and a transfer from the province to Đồng Phúc.
Everything goes through the services, so the books pass `check_integrity`."""

import datetime
import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from units.models import Level, Unit
from welfare.demo import demo_year
from welfare.models import Detail, Household, Kind, Source, SupportRecord

from . import services
from .models import Category, DonorType, Fund, FundKind

ORDER = 65
PROVINCE_CODE = "19"
COMMUNE_CODES = ["01933", "01864", "01840", "01852", "05443"]  # Đồng Phúc, Bằng Thành and a few others

BUSINESSES = ["Công ty CP Gang thép Thái Nguyên", "Ngân hàng Agribank chi nhánh Thái Nguyên",
              "Công ty TNHH Samsung Electronics Việt Nam Thái Nguyên", "Công ty Điện lực Thái Nguyên",
              "Công ty CP Xi măng Quang Sơn", "Công ty TNHH Chè Tân Cương Hoàng Bình"]
AGENCIES = ["Sở Giáo dục và Đào tạo", "Bệnh viện Đa khoa Trung ương Thái Nguyên", "Công an tỉnh",
            "Bộ Chỉ huy Quân sự tỉnh"]
PEOPLE = ["Nguyễn Văn Hải", "Hoàng Thị Mai", "Trần Đức Long", "Ma Văn Phúc", "Lương Thị Thu", "Đàm Văn Quý"]


def _days(year, rng, n, start=(1, 2), end=(12, 31)):
    first, last = datetime.date(year, *start), min(datetime.date(year, *end), timezone.localdate())
    if last < first:
        return []
    span = (last - first).days
    return sorted(first + datetime.timedelta(days=rng.randint(0, span)) for _ in range(n))


def _receipts(actor, fund, year, rng, scale, count):
    for i, day in enumerate(_days(year, rng, count)):
        kind = rng.choice([DonorType.INDIVIDUAL, DonorType.INDIVIDUAL, DonorType.BUSINESS, DonorType.ORGANISATION])
        donor = {DonorType.INDIVIDUAL: rng.choice(PEOPLE), DonorType.BUSINESS: rng.choice(BUSINESSES),
                 DonorType.ORGANISATION: rng.choice(AGENCIES)}[kind]
        services.record_receipt(actor, fund, date=day, amount=rng.randint(1, 20) * scale, donor_name=donor,
                                donor_type=kind, receipt_number=f"{i + 1:04d}/BL")
    # the peak month: "Tháng cao điểm vì người nghèo"
    for i, day in enumerate(_days(year, rng, count, start=(10, 17), end=(11, 18))):
        services.record_receipt(actor, fund, date=day, amount=rng.randint(2, 30) * scale,
                                donor_name=rng.choice(BUSINESSES + AGENCIES), donor_type=DonorType.ORGANISATION,
                                receipt_number=f"CĐ-{i + 1:03d}", description="Tháng cao điểm vì người nghèo")


def _spend(actor, fund, year, rng, scale, count):
    categories = [Category.HOUSE_NEW, Category.HOUSE_REPAIR, Category.LIVELIHOOD, Category.SCHOLARSHIP,
                  Category.HEALTH, Category.GIFT]
    for i, day in enumerate(_days(year, rng, count, start=(1, 20))):
        try:
            with transaction.atomic():
                services.record_disbursement(actor, fund, date=day, amount=rng.randint(1, 8) * scale,
                                             category=rng.choice(categories),
                                             approval_ref=f"Biên bản số {i + 1:02d}/BB-BVĐ")
        except ValidationError:  # not enough money on that day: the book refuses, as it should
            continue


def _great_unity_house(actor, fund, year):
    """A house for the first household of thôn Nà Hai, paid from Đồng Phúc's fund."""
    household = Household.objects.filter(unit__name="Thôn Nà Hai", unit__parent=fund.unit).order_by("pk").first()
    if household is None:
        return
    started = datetime.date(year, 4, 2)
    record = SupportRecord.objects.filter(household=household, kind=Kind.HOUSE).first()
    if record is None:
        from welfare.services import add_support

        record = add_support(actor, household, {
            "kind": Kind.HOUSE, "detail": Detail.HOUSE_NEW, "date": started, "amount": 60_000_000,
            "source": Source.FUND, "sponsor_name": "Quỹ “Vì người nghèo” xã", "house_started_on": started,
            "house_handed_over_on": datetime.date(year, 7, 15), "description": "Xây mới nhà Đại đoàn kết"})
    services.record_disbursement(actor, fund, date=datetime.date(year, 7, 15), amount=record.amount,
                                 category=Category.HOUSE_NEW, support_record=record,
                                 approval_ref="Quyết định số 12/QĐ-MTTQ ngày 25/3")


@transaction.atomic
def load(log):
    from campaign.periods import get_period

    if Fund.objects.filter(unit__level=Level.PROVINCE, unit__code=PROVINCE_CODE).exists():
        log("Sổ quỹ: đã có, bỏ qua.")
        return
    from indicators.services import deferred

    year = demo_year()
    for code in (str(year), f"{year}-h1", f"{year}-h2", "2026-2030" if year >= 2026 else "2021-2025"):
        get_period(code)
    with deferred():  # the spine derives the books once, at the end
        _load(log)


def _load(log):
    province = Unit.objects.get(level=Level.PROVINCE, code=PROVINCE_CODE)
    actor = User.objects.get(username="tinh.thainguyen")
    year = demo_year()
    opened = datetime.date(year, 1, 1)
    rng = random.Random(year)

    poor = services.open_fund(actor, province, FundKind.POOR, opened_on=opened, opening_balance=2_350_000_000)
    _receipts(actor, poor, year, rng, 5_000_000, 30)
    _spend(actor, poor, year, rng, 25_000_000, 25)

    relief = services.open_fund(actor, province, FundKind.RELIEF, opened_on=datetime.date(year, 7, 20),
                                relief_campaign=f"Ủng hộ đồng bào bị thiệt hại do mưa lũ tháng 7/{year}")
    for day, donor, amount in [(datetime.date(year, 7, 22), BUSINESSES[0], 500_000_000),
                               (datetime.date(year, 7, 25), AGENCIES[2], 120_000_000),
                               (datetime.date(year, 7, 28), PEOPLE[0], 5_000_000)]:
        services.record_receipt(actor, relief, date=day, amount=amount, donor_name=donor,
                                donor_type=DonorType.INDIVIDUAL if donor in PEOPLE else DonorType.ORGANISATION)
    services.record_disbursement(actor, relief, date=datetime.date(year, 8, 5), amount=450_000_000,
                                 category=Category.RELIEF, approval_ref="Biên bản Ban vận động cứu trợ số 02/BB")

    gratitude = services.open_fund(actor, province, FundKind.GRATITUDE, opened_on=opened)
    services.record_receipt(actor, gratitude, date=datetime.date(year, 7, 1), amount=300_000_000,
                            donor_name=AGENCIES[3], donor_type=DonorType.ORGANISATION)
    services.record_disbursement(actor, gratitude, date=datetime.date(year, 7, 27), amount=180_000_000,
                                 category=Category.GIFT, approval_ref="Kế hoạch số 40/KH-MTTQ, thăm gia đình chính sách")

    books = 3
    for code in COMMUNE_CODES:
        commune = Unit.objects.filter(level=Level.COMMUNE, code=code).first()
        if commune is None:
            continue
        fund = services.open_fund(actor, commune, FundKind.POOR, opened_on=opened,
                                  opening_balance=rng.randint(40, 120) * 1_000_000)
        _receipts(actor, fund, year, random.Random(code), 500_000, 12)
        if code == "01933":
            _great_unity_house(actor, fund, year)
            transfer_day = min(datetime.date(year, 11, 20), timezone.localdate())
            services.transfer(actor, poor, fund, date=transfer_day, amount=120_000_000,
                              description="Tỉnh hỗ trợ xã Đồng Phúc xây nhà Đại đoàn kết")
        _spend(actor, fund, year, random.Random(code + "c"), 2_000_000, 8)
        books += 1
    log(f"Sổ quỹ năm {year}: {books} sổ (tỉnh và {books - 3} xã), có chuyển quỹ tỉnh → Xã Đồng Phúc.")
