"""Demo: Thái Nguyên's initiatives for 2025–2026, so that the 2026 targets are partly met with clear laggards,
and the 2026 registration drive with some member organisations registered and some not.

- ~85% of communes have a welfare pilot model (target 100%); ~35% have fewer than 3 green-clean pilots
  (target ≥ 3 per commune); ~70% started a drug-prevention pilot in 2026; ~85% of residential areas run a
  self-managed model (target 100%).
- Thôn Nà Hai (Đồng Phúc) carries the plan's own pilot model, evaluated "tốt", on the showcase.
"""

import datetime
import random

from django.db import transaction

from units.models import Level, MemberOrganisation, Unit

from .models import Initiative, Photo, RegistrationDrive, Submission, Topic

ORDER = 50
PROVINCE_CODE = "19"
D = datetime.date
Status = Initiative.Status

SELF_MANAGED = [
    ("Khu dân cư tự quản về an ninh trật tự", "an-ninh-trat-tu", 4),
    ("Tổ tự quản vệ sinh môi trường", "bao-ve-moi-truong", 3),
    ("Đường làng, ngõ xóm sáng – xanh – sạch – đẹp", "sang-xanh-sach-dep", 3),
    ("Camera an ninh khu dân cư", "an-ninh-trat-tu", 4),
    ("Thu gom, phân loại rác tại nguồn", "bao-ve-moi-truong", 3),
    ("Tổ hòa giải tự quản", "nep-song-van-minh", 4),
]
COMMUNITY_WORKS = [
    ("Bê tông hóa đường ngõ xóm", "giao-thong-nong-thon", 1, Initiative.Kind.WORK),
    ("Thắp sáng đường quê", "sang-xanh-sach-dep", 3, Initiative.Kind.WORK),
    ("Trồng cây xanh tuyến đường", "sang-xanh-sach-dep", 3, Initiative.Kind.CONTRIBUTION),
    ("Quỹ khuyến học thôn", "hoc-tap-cong-dong", 2, Initiative.Kind.CONTRIBUTION),
]
ORG_MODELS = {
    "hoi-nong-dan": ("Tổ hợp tác sản xuất chè an toàn", "giam-ngheo", 1),
    "hoi-lhpn": ("Phụ nữ tham gia bảo vệ môi trường “5 không 3 sạch”", "bao-ve-moi-truong", 3),
    "hoi-ccb": ("Cựu chiến binh giúp nhau giảm nghèo, làm kinh tế giỏi", "giam-ngheo", 1),
    "doan-tncs": ("Tuyến đường thanh niên tự quản", "sang-xanh-sach-dep", 3),
}
NA_HAI_MODEL = ("Khu dân cư tự quản, đồng thuận, phát triển du lịch nông nghiệp trải nghiệm kết hợp với bảo tồn "
                "trang phục truyền thống")


def _new(rows, topic_links, topics, title, unit, topic, content, **kw):
    row = Initiative(title=title, unit=unit, content_id=content, **kw)
    rows.append(row)
    topic_links.append((row, topics[topic]))
    return row


def _contents():
    from campaign.models import Content

    return {c.number: c.pk for c in Content.objects.all()}


@transaction.atomic
def load(log):
    province = Unit.objects.get(level=Level.PROVINCE, code=PROVINCE_CODE)
    if Initiative.objects.filter(unit__path__startswith=province.path).exists():
        log("Mô hình Thái Nguyên: đã có, bỏ qua.")
        return
    _load(log, province)
    from indicators.services import derive_all

    derive_all(["initiatives"])  # inside the demo's batch: derived once with the other registers, at the end


def _load(log, province):
    topics = {t.code: t for t in Topic.objects.all()}
    contents = _contents()
    communes = list(province.children.filter(level=Level.COMMUNE).order_by("code"))
    areas_by_commune = {}
    for area in Unit.objects.filter(parent__in=communes, level=Level.AREA).order_by("code"):
        areas_by_commune.setdefault(area.parent_id, []).append(area)
    orgs = {}
    for org in MemberOrganisation.objects.filter(unit__in=communes).select_related("kind"):
        orgs[(org.unit_id, org.kind.code)] = org
    rows, links = [], []
    for commune in communes:
        rng = random.Random(int(commune.code) * 7 + 2026)
        areas = areas_by_commune.get(commune.pk, [])
        if not areas:
            continue
        c = lambda n: contents.get(n)  # noqa: E731
        if rng.random() < 0.85:
            _new(rows, links, topics, "Mô hình điểm “Mái ấm an sinh cộng đồng”", commune, "an-sinh-cong-dong", c(1),
                 is_pilot=True, status=Status.RUNNING, started_on=D(2026, rng.randint(2, 6), rng.randint(1, 28)),
                 money=rng.randint(20, 120) * 1_000_000)
        green = 3 if rng.random() < 0.65 else rng.randint(0, 2)
        for area in rng.sample(areas, min(green, len(areas))):
            _new(rows, links, topics, f"Khu dân cư tự quản “Sáng – Xanh – Sạch – Đẹp” {area.short_name}", area,
                 "sang-xanh-sach-dep", c(3), is_pilot=True, is_self_managed=True, status=Status.RUNNING,
                 started_on=D(2026, rng.randint(1, 9), rng.randint(1, 28)), money=rng.randint(5, 60) * 1_000_000,
                 workdays=rng.randint(50, 600), land_m2=rng.choice([None, 0, 50, 120, 300]))
        if rng.random() < 0.7:
            area = rng.choice(areas)
            _new(rows, links, topics, f"Thôn, xóm không ma túy — {area.short_name}", area, "phong-chong-ma-tuy", c(4),
                 is_pilot=True, status=Status.RUNNING, started_on=D(2026, rng.randint(3, 10), rng.randint(1, 28)))
        for area in areas:
            if rng.random() < 0.85:
                title, topic, content = rng.choice(SELF_MANAGED)
                evaluated = rng.random() < 0.25
                rating = rng.choice(["tot", "tot", "kha", "trung_binh"]) if evaluated else ""
                _new(rows, links, topics, title, area, topic, c(content), is_self_managed=True,
                     status=Status.EVALUATED if evaluated else Status.RUNNING, rating=rating,
                     evaluated_on=D(2026, 6, 20) if evaluated else None,
                     evaluation_notes="Duy trì đều đặn, nhân dân đồng thuận." if rating == "tot" else "",
                     is_exemplary=rating == "tot" and rng.random() < 0.3,
                     started_on=D(2025 if rng.random() < 0.6 else 2026, rng.randint(1, 10), rng.randint(1, 28)))
            if rng.random() < 0.6:
                title, topic, content, kind = rng.choice(COMMUNITY_WORKS)
                _new(rows, links, topics, title, area, topic, c(content), kind=kind, status=Status.RUNNING,
                     started_on=D(2026, rng.randint(1, 10), rng.randint(1, 28)),
                     money=rng.randint(10, 400) * 1_000_000, workdays=rng.randint(20, 900),
                     land_m2=rng.choice([None, 0, 40, 200, 500]))
        for code, (title, topic, content) in ORG_MODELS.items():
            org = orgs.get((commune.pk, code))
            if org and rng.random() < (0.55 if code == "hoi-ccb" else 0.7):
                area = rng.choice(areas)
                _new(rows, links, topics, title, area, topic, c(content), organisation=org,
                     status=Status.RUNNING, started_on=D(2026, rng.randint(1, 8), rng.randint(1, 28)),
                     money=rng.randint(5, 80) * 1_000_000)
    # The plan's own pilot model at thôn Nà Hai.
    dong_phuc = next((c for c in communes if c.code == "01933"), None)
    na_hai = dong_phuc and next((a for a in areas_by_commune.get(dong_phuc.pk, []) if a.name == "Thôn Nà Hai"), None)
    if na_hai:
        _new(rows, links, topics, NA_HAI_MODEL, na_hai, "kdc-doan-ket-am-no", contents.get(1), is_pilot=True,
             is_self_managed=True, status=Status.EVALUATED, rating="tot", evaluated_on=D(2026, 10, 15),
             evaluation_notes="Mô hình điểm của Ban Thường trực Ủy ban MTTQ tỉnh; thu hút khách trải nghiệm, "
                              "giữ gìn trang phục truyền thống của đồng bào Tày.",
             is_exemplary=True, started_on=D(2025, 4, 1), money=350_000_000, workdays=1200, land_m2=600,
             description="Nhân dân góp công, góp đất làm đường, nhà văn hóa, khu trưng bày trang phục truyền thống.")
    Initiative.objects.bulk_create(rows, batch_size=1000)
    Through = Initiative.topics.through
    Through.objects.bulk_create([Through(initiative_id=row.pk, topic_id=topic.pk) for row, topic in links],
                                batch_size=2000)
    log(f"Mô hình, công trình, phần việc Thái Nguyên: {len(rows)} thêm mới.")
    _load_drives(log, province, dong_phuc, topics, contents)
    _load_photos(log, province)


def _load_drives(log, province, dong_phuc, topics, contents):
    """The 2026 drive of the province (about 60% of its member organisations submitted) and of Đồng Phúc."""
    rng = random.Random(2026)
    for unit, deadline in [(province, D(2026, 2, 15)), (dong_phuc, D(2026, 2, 28))]:
        if unit is None:
            continue
        drive, _ = RegistrationDrive.objects.get_or_create(unit=unit, year=2026, defaults={
            "deadline": deadline, "note": "Các tổ chức thành viên đăng ký danh sách công trình, mô hình, phần việc "
                                          "tham gia xây dựng nông thôn mới, đô thị văn minh năm 2026 theo mẫu."})
        orgs = list(MemberOrganisation.objects.filter(unit=unit).select_related("kind").order_by("kind__order"))
        targets = [a for a in Unit.objects.filter(parent=unit).order_by("code")[:40]] or [unit]
        rows, links, subs = [], [], []
        for n, org in enumerate(orgs):
            registered = org.kind.code == "hoi-nong-dan" or (unit == province and rng.random() < 0.6)
            if not registered:
                continue
            title, topic, content = ORG_MODELS.get(org.kind.code, (f"Phần việc của {org.kind.short_name or org.name} "
                                                                   "tham gia xây dựng nông thôn mới", "kdc-doan-ket-am-no",
                                                                   2))
            for k in range(rng.randint(2, 4)):
                place = rng.choice(targets)
                row = Initiative(title=f"{title} ({place.short_name})", unit=place, organisation=org, drive=drive,
                                 content_id=contents.get(content), status=Status.REGISTERED,
                                 started_on=D(2026, rng.randint(3, 6), 1), money=rng.randint(5, 50) * 1_000_000,
                                 workdays=rng.randint(20, 200))
                rows.append(row)
                links.append((row, topics[topic]))
            if rng.random() < 0.8 or org.kind.code == "hoi-nong-dan" and unit == province:
                subs.append(Submission(drive=drive, organisation=org,
                                       submitted_at=datetime.datetime(2026, 2, rng.randint(1, 14), 9,
                                                                      tzinfo=datetime.timezone.utc)))
        Initiative.objects.bulk_create(rows)
        Initiative.topics.through.objects.bulk_create(
            [Initiative.topics.through(initiative_id=r.pk, topic_id=t.pk) for r, t in links])
        Submission.objects.bulk_create(subs, ignore_conflicts=True)
        log(f"Đợt đăng ký 2026 của {unit.name}: {len(subs)}/{len(orgs)} tổ chức đã gửi, {len(rows)} dòng.")


def _load_photos(log, province):
    """A few generated pictures so that the showcase shows photos (drawn, not downloaded)."""
    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    from .photos import prepare

    chosen = list(Initiative.objects.filter(unit__path__startswith=province.path, is_exemplary=True)
                  .order_by("-is_pilot", "id")[:8])
    for n, initiative in enumerate(chosen):
        image = Image.new("RGB", (1200, 900), (46 + n * 20 % 120, 125, 70 + n * 30 % 150))
        draw = ImageDraw.Draw(image)
        for k in range(9):
            draw.rectangle([80 + k * 120, 520 - k * 30, 160 + k * 120, 820], fill=(220, 200 - k * 10, 120))
        draw.ellipse([900, 80, 1080, 260], fill=(250, 220, 90))
        buffer = __import__("io").BytesIO()
        image.save(buffer, "JPEG", quality=85)
        content = prepare(ContentFile(buffer.getvalue(), name="demo.jpg"))
        photo = Photo(initiative=initiative, caption=f"Ảnh minh họa — {initiative.unit.name}")
        photo.image.save(content.name, content)
    log(f"Ảnh minh họa mô hình tiêu biểu: {len(chosen)}.")
