"""Demo: a realistic few poor and near-poor households in every residential area of Thái Nguyên, on the lists
of last year and this year, with Tết gifts for most of them (the 100% target partly met), livelihood support
for some (the ≥ 200 target partly met, a few supported twice) and some Great Unity houses."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from units.models import Level, MemberOrganisation, Unit

from .models import Adoption, ChildSponsorship, Detail, Household, Kind, Listing, Source, Status, SupportRecord

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


_CHILD_GIVEN = ["Minh Anh", "Gia Bảo", "Thu Trang", "Đức Anh", "Ngọc Hân", "Văn Khôi", "Thảo Vy", "Quốc Huy"]


@transaction.atomic
def load_adoptions(province: Unit, year: int) -> tuple[int, int, int]:
    """Member organisations (and some communes' Front) adopt ~35% of last year's poor and near-poor households
    for {year-1}–{year+1}; some of the support they gave is recorded under the adoption; ~40% of communes
    sponsor an orphaned child. Đồng Phúc's Farmers' Union (login hnd.dongphuc) adopts households of Nà Hai."""
    orgs = {}
    for o in MemberOrganisation.objects.filter(unit__level=Level.COMMUNE, unit__parent=province, is_active=True,
                                               kind__code__in=["hoi-nong-dan", "hoi-lhpn", "hoi-ccb",
                                                               "hoi-chu-thap-do"]).select_related("kind"):
        orgs.setdefault(o.unit_id, []).append(o)
    households = list(Household.objects.filter(unit__path__startswith=province.path, listings__year=year - 1,
                                               listings__status__in=[Status.POOR, Status.NEAR_POOR])
                      .select_related("unit").order_by("pk").distinct())
    adoptions, support = [], []
    for h in households:
        rng = random.Random(f"nhan-{h.pk}")
        commune_orgs = orgs.get(h.unit.parent_id, [])
        nahai = h.unit.name == "Thôn Nà Hai" and h.unit.parent.code == DONG_PHUC_CODE
        if not nahai and rng.random() >= 0.35:
            continue
        hnd = [o for o in commune_orgs if o.kind.code == "hoi-nong-dan"]
        org = hnd[0] if nahai and hnd else (rng.choice(commune_orgs) if commune_orgs and rng.random() < 0.85
                                            else None)
        a = Adoption(household=h, organisation=org, front_unit=None if org else h.unit.parent,
                     from_year=year - 1, to_year=year + 1, starts_on=datetime.date(year - 1, 1, 1),
                     ends_on=datetime.date(year + 1, 12, 31),
                     commitment=rng.choice(["Hỗ trợ con giống, hướng dẫn kỹ thuật chăn nuôi",
                                            "Giới thiệu việc làm, vận động con em đi học đầy đủ",
                                            "Hỗ trợ vốn, cây giống; thăm hỏi dịp lễ, Tết"]))
        adoptions.append(a)
        if rng.random() < 0.6:
            support.append((a, SupportRecord(
                household=h, unit=h.unit, kind=Kind.LIVELIHOOD, detail=rng.choice([Detail.LIVESTOCK, Detail.SEEDS]),
                date=datetime.date(year, rng.randint(3, 10), rng.randint(1, 28)),
                amount=rng.choice([2, 3, 5]) * 10**6, in_kind=True, in_kind_description="Con giống, cây giống",
                source=Source.ORGANISATION if org else Source.FUND, organisation=org,
                description="Hỗ trợ theo phân công nhận giúp đỡ")))
    Adoption.objects.bulk_create(adoptions, batch_size=2000)
    records = []
    for a, r in support:
        r.adoption = a
        if r.date <= timezone.localdate():
            records.append(r)
    SupportRecord.objects.bulk_create(records, batch_size=2000)
    children = []
    for commune, commune_orgs in orgs.items():
        rng = random.Random(f"dodau-{commune}")
        areas = list(Unit.objects.filter(parent_id=commune, level=Level.AREA).order_by("code")[:8])
        dong_phuc = areas and areas[0].parent.code == DONG_PHUC_CODE  # hnd.dongphuc sees a sponsored child
        if not areas or (rng.random() >= 0.4 and not dong_phuc):
            continue
        for n in range(rng.randint(1, 2)):
            hnd = [o for o in commune_orgs if o.kind.code == "hoi-nong-dan"]
            org = hnd[0] if dong_phuc and n == 0 and hnd else rng.choice(commune_orgs)
            children.append(ChildSponsorship(
                unit=rng.choice(areas), child_name=f"{rng.choice(_SURNAMES)} {rng.choice(_CHILD_GIVEN)}",
                birth_year=rng.randint(year - 15, year - 4), circumstance=rng.choice(["Mồ côi cha", "Mồ côi mẹ",
                                                                                      "Mồ côi cả cha và mẹ"]),
                organisation=org if dong_phuc and n == 0 or rng.random() < 0.7 else None,
                sponsor_name="",
                monthly_amount=rng.choice([300_000, 500_000, 1_000_000]),
                starts_on=datetime.date(year, rng.randint(1, 9), 1)))
    for n, c in enumerate(children):
        if c.organisation is None:
            c.sponsor_name = "Công ty Cổ phần Chè Tân Cương" if n % 2 else "Nhà hảo tâm trong xã"
    ChildSponsorship.objects.bulk_create(children, batch_size=500)
    return len(adoptions), len(records), len(children)


def load(log):
    province = Unit.objects.get(level=Level.PROVINCE, code=PROVINCE_CODE)
    year = demo_year()
    if Household.objects.filter(unit__path__startswith=province.path).exists():
        log("Hộ nghèo, cận nghèo: đã có, bỏ qua.")
    else:
        households, listings = load_households(province, year)
        log(f"Hộ nghèo, cận nghèo Thái Nguyên: {households} hộ, {listings} lượt trong danh sách năm {year - 1}, "
            f"{year}.")
        log(f"Hỗ trợ hộ: {load_support(province, year)} lần (quà Tết, sinh kế, nhà Đại đoàn kết).")
    every_period = False
    if Adoption.objects.filter(household__unit__path__startswith=province.path).exists():
        log("Nhận giúp đỡ hộ, đỡ đầu trẻ em: đã có, bỏ qua.")
    else:
        every_period = True  # adoptions run over years, support falls in quarters and months that exist already
        adopted, given, children = load_adoptions(province, year)
        log(f"Nhận giúp đỡ hộ: {adopted} phân công, {given} lần hỗ trợ theo phân công; {children} trẻ được đỡ đầu.")
    from campaign.periods import get_period
    from indicators.services import derive_all

    periods = [get_period(code) for code in (str(year - 1), str(year), f"{year}-h1",
                                          "2026-2030" if year >= 2026 else "2021-2025")]
    log(f"Chỉ số từ sổ hộ nghèo: {derive_all(['welfare'], None if every_period else periods)} giá trị, "
        "đã tổng hợp lên các cấp.")
