"""Demo: a realistic few poor and near-poor households in every residential area of Thái Nguyên, on the lists
of last year and this year, with Tết gifts for most of them (the 100% target partly met), livelihood support
for some (the ≥ 200 target partly met, a few supported twice) and some Great Unity houses."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from units.models import Level, MemberOrganisation, Unit

from .models import Detail, Household, Kind, Listing, Source, Status, SupportRecord

ORDER = 60
PROVINCE_CODE = "19"
DONG_PHUC_CODE = "01933"

_SURNAMES = ["Hoàng", "Nông", "Ma", "Lương", "Triệu", "Hà", "Nguyễn", "Lý", "Đàm", "La", "Bế", "Dương", "Lục",
             "Đinh", "Trần", "Vi"]
_MIDDLE = ["Văn", "Thị", "Đức", "Thị Thu", "Văn", "Thị", "Minh", "Thị Hồng"]
_GIVEN = ["Mạnh", "Hoa", "Tuấn", "Lan", "Sơn", "Hương", "Bình", "Thắng", "Dũng", "Nga", "Phúc", "Hùng", "Mai",
          "Khánh", "Quý", "Thơm", "Chiến", "Lành", "Tâm", "Vượng", "Sinh", "Duyên", "Kiên", "Nhàn"]


def demo_year() -> int:
    """The last year whose "Tháng cao điểm" (17/10–18/11) is over: the demo's year of books and lists."""
    today = timezone.localdate()
    return today.year if today >= datetime.date(today.year, 11, 19) else today.year - 1


@transaction.atomic
def load_households(province: Unit, year: int) -> tuple[int, int]:
    areas = list(Unit.objects.subtree(province).filter(level=Level.AREA).order_by("path"))
    households, plans = [], []
    for area in areas:
        rng = random.Random(f"ho-{area.pk}")
        count = rng.choice([0, 1, 2, 2, 3, 3, 4, 5]) if area.name != "Thôn Nà Hai" else 6
        for _ in range(count):
            name = f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
            number = f"019{rng.randint(0, 999_999_999):09d}" if rng.random() < 0.6 else ""
            households.append(Household(unit=area, head_name=name, id_number=number, members=rng.randint(1, 7)))
            plans.append(rng.random())
    # identity numbers must be unique; drop the rare clash
    seen = set()
    for h in households:
        if h.id_number in seen:
            h.id_number = ""
        seen.add(h.id_number)
    from core.text import fold

    for h in households:
        h.search_key = fold(h.head_name)
    Household.objects.bulk_create(households, batch_size=2000)
    listings = []
    for h, roll in zip(households, plans):
        status = Status.POOR if roll < 0.45 else Status.NEAR_POOR if roll < 0.9 else Status.ESCAPED
        listings.append(Listing(household=h, year=year, status=status))
        previous = Status.POOR if status != Status.NEAR_POOR or roll < 0.6 else Status.NEAR_POOR
        listings.append(Listing(household=h, year=year - 1, status=previous))
    Listing.objects.bulk_create(listings, batch_size=4000)
    return len(households), len(listings)


@transaction.atomic
def load_support(province: Unit, year: int) -> int:
    households = list(Household.objects.filter(unit__path__startswith=province.path)
                      .filter(listings__year=year, listings__status__in=[Status.POOR, Status.NEAR_POOR])
                      .select_related("unit").order_by("pk"))
    hnd = {o.unit_id: o for o in MemberOrganisation.objects.filter(kind__code="hoi-nong-dan",
                                                                     unit__level=Level.COMMUNE,
                                                                     unit__parent=province)}
    records = []
    livelihood = 0
    for h in households:
        rng = random.Random(f"hotro-{h.pk}")
        if rng.random() < 0.82:  # Tết visit and gift, ~82% of the list
            records.append(SupportRecord(household=h, unit=h.unit, kind=Kind.GIFT, detail=Detail.TET,
                                         date=datetime.date(year, 1, rng.randint(20, 31)), amount=500_000,
                                         source=Source.FUND, description="Quà Tết Nguyên đán"))
        if livelihood < 170 and rng.random() < 0.05:
            livelihood += 1
            detail = rng.choice([Detail.LIVESTOCK, Detail.SEEDS, Detail.TOOLS, Detail.CAPITAL])
            org = hnd.get(h.unit.parent_id)
            records.append(SupportRecord(
                household=h, unit=h.unit, kind=Kind.LIVELIHOOD, detail=detail,
                date=datetime.date(year, rng.randint(3, 9), rng.randint(1, 28)),
                amount=rng.choice([3, 5, 8, 10]) * 10**6,
                in_kind=detail in (Detail.LIVESTOCK, Detail.SEEDS, Detail.TOOLS),
                in_kind_description={Detail.LIVESTOCK: "01 con bò giống", Detail.SEEDS: "Giống chè, phân bón",
                                     Detail.TOOLS: "Máy cày mini"}.get(detail, ""),
                source=Source.ORGANISATION if org else Source.FUND, organisation=org))
            if rng.random() < 0.2:  # supported twice: still one household
                records.append(SupportRecord(household=h, unit=h.unit, kind=Kind.LIVELIHOOD, detail=Detail.SEEDS,
                                             date=datetime.date(year - 1, 5, 10), amount=2_000_000, in_kind=True,
                                             in_kind_description="Giống ngô lai", source=Source.STATE))
        if rng.random() < 0.012:
            new = rng.random() < 0.6
            started = datetime.date(year, rng.randint(2, 6), rng.randint(1, 28))
            handed = started + datetime.timedelta(days=rng.randint(60, 140))
            records.append(SupportRecord(
                household=h, unit=h.unit, kind=Kind.HOUSE, detail=Detail.HOUSE_NEW if new else Detail.HOUSE_REPAIR,
                date=started, amount=60_000_000 if new else 30_000_000, source=Source.FUND, house_started_on=started,
                house_handed_over_on=handed if handed <= timezone.localdate() else None,
                description="Nhà Đại đoàn kết từ Quỹ “Vì người nghèo”"))
    records = [r for r in records if r.date <= timezone.localdate()]
    SupportRecord.objects.bulk_create(records, batch_size=4000)
    return len(records)


def load(log):
    province = Unit.objects.get(level=Level.PROVINCE, code=PROVINCE_CODE)
    year = demo_year()
    if Household.objects.filter(unit__path__startswith=province.path).exists():
        log("Hộ nghèo, cận nghèo: đã có, bỏ qua.")
        return
    households, listings = load_households(province, year)
    log(f"Hộ nghèo, cận nghèo Thái Nguyên: {households} hộ, {listings} lượt trong danh sách năm {year - 1}, {year}.")
    log(f"Hỗ trợ hộ: {load_support(province, year)} lần (quà Tết, sinh kế, nhà Đại đoàn kết).")
    from campaign.periods import get_period
    from indicators.services import derive_all

    periods = [get_period(code) for code in (str(year - 1), str(year), f"{year}-h1",
                                          "2026-2030" if year >= 2026 else "2021-2025")]
    derive_all(["welfare"], periods)  # inside the demo's batch: derived once with the other registers, at the end
