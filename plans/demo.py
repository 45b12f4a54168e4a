"""Demo: the Thái Nguyên 2026 plan imported from its seed through the real importer, issued, with the
livelihood target allocated to the communes; Xã Đồng Phúc's plan cascaded from it (issued); a handful of
other communes with plans (some still drafts), so the "which communes have a plan" page means something."""

import datetime
import unicodedata
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import User
from units.models import Level, Unit

ORDER = 40
SEED = "ke-hoach-thai-nguyen-2026.txt"
SEED_DIRS = [Path(settings.BASE_DIR) / "plans" / "tests" / "fixtures" / "seeds"]
NUMBER, SYMBOL, ISSUED_ON = "59", "KH-MTTQ-BTT", datetime.date(2026, 3, 16)
LIVELIHOOD_TOTAL = 200
OTHER_COMMUNES_ISSUED, OTHER_COMMUNES_DRAFT = 7, 3


def seed_path() -> Path:
    for folder in SEED_DIRS:
        if (folder / SEED).exists():
            return folder / SEED
    raise FileNotFoundError(f"Không tìm thấy tệp kế hoạch mẫu {SEED}.")


def import_province_plan(officer, province):
    from . import services
    from .from_import import proposal
    from .importer import extract_text, parse_text

    path = seed_path()
    text = unicodedata.normalize("NFC", extract_text(path))
    data = proposal(parse_text(text), text, province)
    header = dict(data["header"], number=NUMBER, symbol=SYMBOL, issued_on=ISSUED_ON)
    from campaign.periods import get_period

    header["period"] = get_period(header["period"] or "2026")
    reports = [dict(r, period=get_period(r["period"]), due_date=datetime.date.fromisoformat(r["due_date"]))
               for r in data["reports"]]
    plan = services.create_imported_plan(
        officer, province, header, sections=data["sections"], references=data["references"],
        contents=data["contents"], tasks=data["tasks"], reports=reports, targets=data["targets"],
        source_name=path.name, source_text=text, warnings=data["warnings"])
    return services.issue_plan(officer, plan)


def allocate_livelihood(officer, plan, communes):
    """200 households over the communes: 2 each, one more for the first ones, Đồng Phúc among them."""
    from . import services

    target = plan.targets.filter(measure__code="households_livelihood_supported", scope="total").first()
    if target is None or target.allocations.exists():
        return
    base, extra = divmod(LIVELIHOOD_TOTAL, len(communes))
    values = {u: Decimal(base + (1 if i < extra else 0)) for i, u in enumerate(communes)}
    services.save_allocations(officer, target, values)


def cascade_and_issue(user, source, commune, number, day, signer_name, issue=True):
    from . import services
    from .cascade import cascade_plan
    from .models import Plan

    plan = Plan.objects.filter(unit=commune, parent_plan=source).first() or cascade_plan(user, source, commune)
    if issue and not plan.is_issued:
        services.update_plan(user, plan, {"number": number, "issued_on": day, "signer_title": "CHỦ TỊCH",
                                          "signer_name": commune.chair_name or signer_name})
        services.issue_plan(user, plan)
    return plan


SIGNERS = ["Hoàng Văn Dũng", "Lường Thị Mai", "Nông Văn Hải", "Triệu Thị Hoa", "Ma Văn Quân", "Hà Thị Thu",
           "Lý Văn Bình", "Đinh Thị Yến", "Lục Văn Toàn", "Bế Thị Hạnh", "Vi Văn Sáng"]


@transaction.atomic
def load(log):
    from .models import Plan

    province = Unit.objects.get(level=Level.PROVINCE, code="19")
    officer = User.objects.get(username="tinh.thainguyen")
    dong_phuc_officer = User.objects.get(username="xa.dongphuc")
    plan = Plan.objects.filter(unit=province, number=NUMBER, symbol=SYMBOL).first()
    if plan is None:
        plan = import_province_plan(officer, province)
        log(f"{plan}: nhập từ {SEED}, {plan.targets.count()} chỉ tiêu, {plan.tasks.count()} nhiệm vụ.")
    communes = list(Unit.objects.filter(parent=province, level=Level.COMMUNE, is_active=True).order_by("code"))
    dong_phuc = next(u for u in communes if u.code == "01933")
    communes.remove(dong_phuc)
    communes.insert(0, dong_phuc)
    allocate_livelihood(officer, plan, communes)
    cascade_and_issue(dong_phuc_officer, plan, dong_phuc, "12", datetime.date(2026, 3, 25), SIGNERS[0])
    others = [u for u in communes[1:] if u.code != "01864"][: OTHER_COMMUNES_ISSUED + OTHER_COMMUNES_DRAFT]
    for i, commune in enumerate(others):
        issue = i < OTHER_COMMUNES_ISSUED
        cascade_and_issue(officer, plan, commune, f"{20 + i:02d}", datetime.date(2026, 3, 26 + i % 5),
                          SIGNERS[(i + 1) % len(SIGNERS)], issue=issue)
    issued = Plan.objects.filter(parent_plan=plan, status=Plan.Status.ISSUED).count()
    log(f"Kế hoạch xã căn cứ {plan}: {issued} đã ban hành, "
        f"{Plan.objects.filter(parent_plan=plan, status=Plan.Status.DRAFT).count()} dự thảo "
        f"(trên {len(communes)} xã, phường).")
