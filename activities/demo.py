"""Demo: Thái Nguyên's activities for 2025–2026 with clear laggards against the 2026 targets.

- Great Unity Day 2026 held in ~80% of residential areas (target 100%); thôn Nà Hai has not recorded it yet,
  so the demo login `thon.nahai` can record it on a phone and see the targets move.
- ~85% of those days integrated environment / crime prevention / civilised-lifestyle content.
- ~70% of areas' covenants carry civilised-lifestyle rules (target 90%).
- The province and ~75% of communes held a cultural-sports festival; ~60% of communes a commendation event.
"""

import datetime
import random

from django.db import transaction

from units.models import Level, Unit

from .models import Activity, CovenantRule, CovenantUpdate

ORDER = 55
PROVINCE_CODE = "19"
D = datetime.date
Kind = Activity.Kind
HIGHLIGHTS = [
    "Biểu dương gia đình văn hóa tiêu biểu, tặng quà hộ nghèo; thi nấu cơm, kéo co, hát then.",
    "Ra quân tổng vệ sinh, trồng cây; giao lưu văn nghệ giữa các dòng họ; ký cam kết không ma túy.",
    "Tổng kết khu dân cư đoàn kết, ấm no, hạnh phúc; trao học bổng khuyến học.",
]


@transaction.atomic
def load(log):
    province = Unit.objects.get(level=Level.PROVINCE, code=PROVINCE_CODE)
    if Activity.objects.filter(unit__path__startswith=province.path).exists():
        log("Hoạt động Thái Nguyên: đã có, bỏ qua.")
        return
    _load(log, province)
    from indicators.services import derive_all

    derive_all(["activities"])  # inside the demo's batch: derived once with the other registers, at the end


def _load(log, province):
    communes = list(province.children.filter(level=Level.COMMUNE).order_by("code"))
    areas = list(Unit.objects.filter(parent__in=communes, level=Level.AREA).order_by("parent_id", "code"))
    rules = {r.code: r for r in CovenantRule.objects.all()}
    activities, covenants, covenant_rules = [], [], []
    for area in areas:
        rng = random.Random(area.pk * 31 + 7)
        skip_2026 = area.name == "Thôn Nà Hai" and area.parent.code == "01933"
        households = area.households or rng.randint(60, 300)
        for year, share in ((2025, 0.95), (2026, 0.80)):
            if rng.random() >= share or (year == 2026 and skip_2026):
                continue
            integrated = rng.random() < 0.85
            activities.append(Activity(
                kind=Kind.GREAT_UNITY_DAY, unit=area, held_on=D(year, 11, rng.randint(1, 20)),
                title="Ngày hội Đại đoàn kết toàn dân tộc", participants=int(households * rng.uniform(1.5, 3.2)),
                households=int(households * rng.uniform(0.7, 0.98)), money_spent=rng.randint(3, 25) * 1_000_000,
                money_mobilised=rng.randint(2, 40) * 1_000_000, integrates_environment=integrated,
                integrates_civilised_lifestyle=integrated and rng.random() < 0.8,
                integrates_crime_prevention=integrated and rng.random() < 0.6, highlights=rng.choice(HIGHLIGHTS)))
        roll = rng.random()
        if roll < 0.85 or skip_2026:
            civilised = roll < 0.70 and not skip_2026
            update = CovenantUpdate(unit=area, kind=rng.choice([CovenantUpdate.Kind.QUY_UOC, CovenantUpdate.Kind.HUONG_UOC]),
                                    updated_on=D(rng.choice([2024, 2025, 2026]), rng.randint(1, 10), rng.randint(1, 28)),
                                    approved_by="Quyết định công nhận của UBND xã")
            covenants.append(update)
            chosen = ["viec-cuoi", "viec-tang", "moi-truong"] if civilised else []
            chosen += rng.sample(["an-ninh-trat-tu", "phong-chong-ma-tuy", "khuyen-hoc", "hoa-giai", "le-hoi"], 2)
            covenant_rules.append((update, [rules[c] for c in chosen]))
    for commune in communes:
        rng = random.Random(int(commune.code) + 55)
        activities.append(Activity(kind=Kind.PROPAGANDA, unit=commune, held_on=D(2026, rng.randint(3, 9), 10),
                                   title="Hội nghị tuyên truyền bảo vệ môi trường, phân loại rác tại nguồn",
                                   sessions=rng.randint(1, 4), participants=rng.randint(60, 300),
                                   articles=rng.randint(2, 20), integrates_environment=True))
        if rng.random() < 0.5:
            activities.append(Activity(kind=Kind.TRAINING, unit=commune, held_on=D(2026, rng.randint(3, 8), 15),
                                       title="Tập huấn nghiệp vụ cho Ban Công tác Mặt trận khu dân cư",
                                       sessions=1, participants=rng.randint(30, 90)))
        if rng.random() < 0.75:
            activities.append(Activity(kind=Kind.FESTIVAL, unit=commune, held_on=D(2026, rng.randint(4, 10), 20),
                                       title="Liên hoan văn hóa, thể thao các dân tộc", participants=rng.randint(150, 900),
                                       money_spent=rng.randint(10, 60) * 1_000_000))
        if rng.random() < 0.6:
            activities.append(Activity(kind=Kind.COMMENDATION, unit=commune, held_on=D(2026, rng.randint(5, 11), 5),
                                       title="Biểu dương mô hình tự quản tiêu biểu của Nhân dân",
                                       commended=rng.randint(5, 30), participants=rng.randint(50, 200)))
    activities.append(Activity(kind=Kind.FESTIVAL, unit=province, held_on=D(2026, 9, 2),
                               title="Liên hoan nghệ thuật quần chúng “Bài ca đại đoàn kết các dân tộc” tỉnh Thái Nguyên "
                                     "lần thứ nhất", participants=1200, money_spent=450_000_000))
    activities.append(Activity(kind=Kind.COMMENDATION, unit=province, held_on=D(2026, 11, 10),
                               title="Biểu dương điển hình tiên tiến trong Cuộc vận động", commended=86, participants=350))
    Activity.objects.bulk_create(activities, batch_size=1000)
    CovenantUpdate.objects.bulk_create(covenants, batch_size=1000)
    Through = CovenantUpdate.rules.through
    Through.objects.bulk_create([Through(covenantupdate_id=u.pk, covenantrule_id=r.pk)
                                 for u, chosen in covenant_rules for r in chosen], batch_size=2000)
    log(f"Hoạt động Thái Nguyên: {len(activities)} hoạt động, {len(covenants)} cập nhật hương ước, quy ước.")
