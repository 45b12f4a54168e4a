"""Demo: Thái Nguyên's activities for 2025–2026 with clear laggards against the 2026 targets.

- Great Unity Day 2026 held in ~80% of residential areas (target 100%); thôn Nà Hai has not recorded it yet,
  so the demo login `thon.nahai` can record it on a phone and see the targets move.
- ~85% of those days integrated environment / crime prevention / civilised-lifestyle content.
- ~70% of areas' covenants carry civilised-lifestyle rules (target 90%).
- The province and ~75% of communes held a cultural-sports festival; ~60% of communes a commendation event.
- Issue #16 (loaded once, on its own, so an existing demo gains it): propaganda with counts per channel and the
  campaign contents, training by topic, study tours, the security (19/8) and defence (22/12) festival days,
  27/7 gratitude, dialogues / voter contact / "Lắng nghe ý kiến của Nhân dân" with opinions raised, and
  security pledges in ~70% of residential areas. Thái Nguyên has no land border: no Ngày hội Biên phòng.
"""

import datetime
import random

from django.db import transaction

from units.models import Level, Unit

from .models import Activity, ActivityChannel, CovenantRule, CovenantUpdate, PropagandaChannel, TrainingTopic

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
    else:
        _load(log, province)
    if Activity.objects.filter(unit__path__startswith=province.path, kind=Kind.DIALOGUE).exists():
        log("Đối thoại, cam kết, học tập kinh nghiệm Thái Nguyên: đã có, bỏ qua.")
    else:
        _load_outreach(log, province)
    from indicators.services import derive_all

    log(f"Giá trị chỉ số từ sổ hoạt động: {derive_all(['activities'])} giá trị.")


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


TOURS = ["Mô hình “Khu dân cư Sáng – Xanh – Sạch – Đẹp” xã Tân Cương", "Hợp tác xã chè Tân Cương",
         "Mô hình thôn thông minh, xã Phúc Xuân", "Làng văn hóa du lịch cộng đồng Hồng Thái (Na Hang, Tuyên Quang)",
         "Mô hình tự quản về an ninh trật tự “Camera an ninh” phường Phan Đình Phùng"]
DIALOGUE_TITLES = {
    Activity.DialogueForm.DIALOGUE: "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
    Activity.DialogueForm.VOTERS: "Tiếp xúc cử tri với đại biểu Hội đồng nhân dân",
    Activity.DialogueForm.LISTENING: "Chương trình “Lắng nghe ý kiến của Nhân dân”",
}


def _load_outreach(log, province):
    from campaign.models import Content

    communes = list(province.children.filter(level=Level.COMMUNE).order_by("code"))
    areas = list(Unit.objects.filter(parent__in=communes, level=Level.AREA).order_by("parent_id", "code"))
    channels = list(PropagandaChannel.objects.filter(is_active=True))
    topics = list(TrainingTopic.objects.filter(is_active=True))
    contents = {c.number: c for c in Content.objects.all()}
    rows, channel_rows, content_rows = [], [], []

    def add(activity, channel_counts=(), numbers=()):
        rows.append(activity)
        channel_rows.append(channel_counts)
        content_rows.append([contents[n] for n in numbers if n in contents])

    for commune in communes:
        rng = random.Random(int(commune.code) + 16)
        for _ in range(rng.randint(1, 3)):
            picked = rng.sample(channels, rng.randint(2, min(5, len(channels))))
            counts = [(c, rng.randint(1, 12)) for c in picked]
            add(Activity(kind=Kind.PROPAGANDA, unit=commune, held_on=D(2026, rng.randint(1, 10), rng.randint(1, 28)),
                         title=rng.choice(["Tuyên truyền Cuộc vận động và Nghị quyết Đại hội Mặt trận",
                                           "Tuyên truyền phân loại rác tại nguồn, nếp sống văn minh",
                                           "Tuyên truyền phòng chống ma túy, tội phạm công nghệ cao"]),
                         sessions=sum(n for _, n in counts), participants=rng.randint(80, 600),
                         articles=rng.randint(0, 15), integrates_environment=rng.random() < 0.5),
                counts, rng.sample([1, 2, 3, 4, 5], rng.randint(1, 3)))
        if topics and rng.random() < 0.7:
            add(Activity(kind=Kind.TRAINING, unit=commune, held_on=D(2026, rng.randint(2, 9), 12),
                         topic=rng.choice(topics), title="Lớp tập huấn cho cán bộ Mặt trận cơ sở", sessions=1,
                         participants=rng.randint(25, 80)), (), [5])
        if rng.random() < 0.45:
            add(Activity(kind=Kind.STUDY_TOUR, unit=commune, held_on=D(2026, rng.randint(3, 10), 8),
                         title="Đoàn học tập kinh nghiệm xây dựng nông thôn mới", destination=rng.choice(TOURS),
                         participants=rng.randint(15, 45), money_spent=rng.randint(8, 40) * 1_000_000),
                (), [1, 3])
        add(Activity(kind=Kind.SECURITY_DAY, unit=commune, held_on=D(2025, 8, rng.randint(10, 19)),
                     title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc", participants=rng.randint(200, 700),
                     households=rng.randint(120, 400), money_spent=rng.randint(5, 20) * 1_000_000))
        if rng.random() < 0.6:
            add(Activity(kind=Kind.DEFENCE_DAY, unit=commune, held_on=D(2025, 12, rng.randint(15, 22)),
                         title="Ngày hội quốc phòng toàn dân", participants=rng.randint(150, 500)))
        add(Activity(kind=Kind.GRATITUDE, unit=commune, held_on=D(2026, 7, rng.randint(20, 27)),
                     title="Thăm, tặng quà gia đình chính sách nhân kỷ niệm Ngày Thương binh – Liệt sĩ 27/7",
                     households=rng.randint(10, 60), participants=rng.randint(20, 80),
                     money_mobilised=rng.randint(10, 80) * 1_000_000))
        for form in rng.sample(list(Activity.DialogueForm), rng.randint(1, 3)):
            people = rng.randint(40, 250)
            add(Activity(kind=Kind.DIALOGUE, unit=commune, dialogue_form=form,
                         held_on=D(2026, rng.randint(2, 10), rng.randint(1, 28)), title=DIALOGUE_TITLES[form],
                         participants=people, opinions=rng.randint(3, max(4, people // 8))), (), [5])
    for area in areas:
        rng = random.Random(area.pk * 17 + 16)
        if rng.random() < 0.7:
            households = area.households or rng.randint(60, 300)
            add(Activity(kind=Kind.SECURITY_PLEDGE, unit=area, held_on=D(2026, rng.randint(2, 6), rng.randint(1, 28)),
                         title="Ký cam kết bảo đảm an ninh trật tự, không ma túy",
                         households=int(households * rng.uniform(0.8, 1.0)), participants=rng.randint(40, 200)))
    add(Activity(kind=Kind.STUDY_TOUR, unit=province, held_on=D(2026, 5, 14),
                 title="Đoàn Ủy ban MTTQ tỉnh học tập kinh nghiệm khu dân cư kiểu mẫu",
                 destination="Tỉnh Bắc Ninh, mô hình khu dân cư kiểu mẫu", participants=32,
                 money_spent=96_000_000), (), [1, 2, 3])
    add(Activity(kind=Kind.DIALOGUE, unit=province, dialogue_form=Activity.DialogueForm.DIALOGUE,
                 held_on=D(2026, 6, 20), title="Hội nghị đối thoại giữa Chủ tịch UBND tỉnh với Nhân dân",
                 participants=420, opinions=57), (), [5])
    Activity.objects.bulk_create(rows, batch_size=1000)
    ActivityChannel.objects.bulk_create([ActivityChannel(activity=a, channel=c, count=n)
                                         for a, counts in zip(rows, channel_rows) for c, n in counts], batch_size=2000)
    Through = Activity.contents.through
    Through.objects.bulk_create([Through(activity_id=a.pk, content_id=c.pk)
                                 for a, chosen in zip(rows, content_rows) for c in chosen], batch_size=2000)
    log(f"Đối thoại, cam kết, học tập kinh nghiệm, ngày hội, tuyên truyền theo hình thức Thái Nguyên: "
        f"{len(rows)} hoạt động.")
