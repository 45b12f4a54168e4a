"""Accounts and a reporting round for the load test on the national bench tree (doanket_bench):
`DATABASE_URL=postgres://…/doanket_bench python bench/load_users.py accounts.json`, then
`python bench/sessions.py sessions.json` and the locust run (bench/RESULTS.md).

Idempotent: in each of PROVINCES a province officer and a leader, commune officers for the first
COMMUNES_PER_PROVINCE communes, area heads for the first area of the first AREA_HEADS_PER_PROVINCE communes
(password doanket2026, like the demo); each province issues one reporting round to its communes. Re-running resets
the bench accounts' submissions to draft so that every run saves and submits the same forms again.
Writes FILE: {"officer": [usernames], "area_head": [usernames]} for the locustfile (ACCOUNTS=FILE)."""

import datetime
import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanket.settings")
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from campaign.periods import get_period  # noqa: E402
from reporting import figures  # noqa: E402
from reporting.models import ReporterKind, ReportingRound, State, Submission  # noqa: E402
from reporting.services import expected_reporters  # noqa: E402
from units.models import Level, Unit  # noqa: E402

PASSWORD = "doanket2026"
PROVINCES = ["02", "08", "15", "22", "31"]
COMMUNES_PER_PROVINCE = 16
AREA_HEADS_PER_PROVINCE = 4
ROUND_NAME = "Báo cáo năm 2026 kết quả thực hiện Cuộc vận động (đo tải)"


def _user(username, full_name, role, unit, hashed):
    user, created = User.objects.get_or_create(username=username, defaults={"password": hashed})
    user.full_name, user.role, user.unit, user.is_active = full_name, role, unit, True
    user.position = "Tài khoản đo tải"
    user.email = f"{username}@bench.doanket.local"
    user.save()
    return user


@transaction.atomic
def load() -> dict:
    hashed = make_password(PASSWORD)
    period = get_period("2026")
    codes = [m.code for m in figures.demo_measures()]
    accounts = {"officer": [], "area_head": []}
    for code in PROVINCES:
        province = Unit.objects.get(level=Level.PROVINCE, code=code)
        officer = _user(f"tinh.{code}", f"Cán bộ MTTQ {province.name}", Role.OFFICER, province, hashed)
        _user(f"lanhdao.{code}", f"Lãnh đạo {province.name}", Role.LEADER, province, hashed)
        accounts["officer"] += [f"tinh.{code}", f"lanhdao.{code}"]
        communes = list(Unit.objects.subtree(province, include_self=False).active()
                        .filter(level=Level.COMMUNE).order_by("code")[:COMMUNES_PER_PROVINCE])
        for i, commune in enumerate(communes):
            _user(f"xa.{commune.code}", f"Cán bộ MTTQ {commune.name}", Role.OFFICER, commune, hashed)
            accounts["officer"].append(f"xa.{commune.code}")
            if i < AREA_HEADS_PER_PROVINCE:
                area = commune.children.filter(level=Level.AREA, is_active=True).order_by("code").first()
                if area:
                    name = f"thon.{commune.code}.{area.code}"  # area codes are numbered within their commune
                    _user(name, f"Trưởng Ban Công tác Mặt trận {area.name}, {commune.name}", Role.AREA_HEAD, area,
                          hashed)
                    accounts["area_head"].append(name)
        rnd, _ = ReportingRound.objects.get_or_create(
            issuer=province, period=period, name=ROUND_NAME,
            defaults={"cut_off": datetime.date(2026, 11, 30), "due_date": datetime.date(2026, 12, 31),
                      "reporters": ReporterKind.COMMUNE, "measure_codes": codes, "created_by": officer})
        existing = set(rnd.submissions.values_list("unit_id", "organisation_id"))
        Submission.objects.bulk_create([Submission(round=rnd, unit=u, organisation=o)
                                        for u, o in expected_reporters(rnd)
                                        if (u.pk, o.pk if o else None) not in existing], batch_size=500)
        # every run saves and submits again: the bench communes' submissions go back to draft
        rnd.submissions.filter(unit__in=communes).exclude(state=State.DRAFT).update(state=State.DRAFT)
    return accounts


if __name__ == "__main__":
    accounts = load()
    json.dump(accounts, open(sys.argv[1] if len(sys.argv) > 1 else "accounts.json", "w"), indent=1)
    print(f"{len(accounts['officer'])} officers and leaders, {len(accounts['area_head'])} area heads; "
          f"rounds “{ROUND_NAME}” in {len(PROVINCES)} provinces")
