"""Phone budget (issue #17 §5): every page a residential-area head or a commune officer reaches from the navigation
and the unit pages stays under 150 KB transferred after the first visit, fits 360 px, and axe-core (from the npm
registry, node_modules/axe-core) finds no serious or critical accessibility violation.

Bytes are what the network carried (Chrome's encodedDataLength: compressed size plus headers, 0 for the browser's
cache), measured with the service worker blocked, so the area head's figures are an upper bound (with the app
installed the shell comes from the worker). `PHONE_BUDGET_OUT=path.json` writes the figures
(see bench/RESULTS.md)."""

import datetime
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BUDGET = 150 * 1024
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """() => axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))"""


def _rows(tree, na_hai_head, dong_phuc_officer):
    """A little of everything the two people see, so that no page is measured empty."""
    from activities import services as activities
    from activities.models import CovenantRule
    from campaign.periods import get_period
    from initiatives import services as initiatives
    from indicators.sync import sync_measures

    sync_measures()
    get_period(str(datetime.date.today().year))
    day = datetime.date.today() - datetime.timedelta(days=1)
    activities.save_activity(na_hai_head, "ngay_hoi", {"unit": tree.na_hai, "held_on": day, "participants": 300,
                                                      "households": 110, "title": "Ngày hội Đại đoàn kết"})
    rule, _ = CovenantRule.objects.get_or_create(name="Nếp sống văn minh trong việc cưới, việc tang",
                                                 defaults={"is_civilised_lifestyle": True})
    activities.save_covenant(na_hai_head, {"unit": tree.na_hai, "kind": "huong_uoc", "updated_on": day,
                                           "rules": [rule]})
    initiatives.save_initiative(dong_phuc_officer, {"kind": "mo_hinh", "title": "Tổ tự quản đường hoa",
                                                    "unit": tree.na_hai, "organisation": None,
                                                    "started_on": day})


def pages_of(user, area):
    """The landing page, the top bar's links, the unit pages and the cards on them, and the phone forms."""
    from django.urls import reverse

    from activities.models import Activity
    from core.registry import nav_links, unit_links
    from initiatives.models import Initiative
    from core.views import landing_url

    urls = [landing_url(user), reverse("units:detail", args=[user.unit.pk])]
    urls += [url for _, url in nav_links(user)]
    areas = [area] if user.unit.level == "area" else [user.unit, area]
    for unit in areas:
        urls += [url for _, url, _ in unit_links(user, unit)]
    urls += [reverse("activities:add", args=["ngay_hoi", area.pk]),
             reverse("activities:covenant_add", args=[area.pk]),
             reverse("initiatives:add", args=[area.pk])]
    if user.unit.level != "area":
        urls.append(reverse("units:detail", args=[area.pk]))
    # the pages the area's phone page links to: this year's Great Unity Day (photos) and a model
    day = Activity.objects.filter(unit=area, kind="ngay_hoi").order_by("-held_on").first()
    model = Initiative.objects.filter(unit=area).order_by("pk").first()
    urls += [reverse("activities:detail", args=[day.pk])] if day else []
    urls += [reverse("initiatives:detail", args=[model.pk])] if model else []
    seen, unique = set(), []
    for url in urls:
        if url not in seen:
            seen.add(url)
            unique.append(url)
    return unique


def phone(chromium, base_url, user, password=PASSWORD):
    context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN",
                                   timezone_id="Asia/Ho_Chi_Minh", service_workers="block")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(20000)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    counter = {"bytes": 0, "requests": 0}

    def finished(event):
        counter["bytes"] += int(event.get("encodedDataLength", 0))
        counter["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    page.goto(f"{base_url}/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    cold = {"url": urlsplit(page.url).path, "bytes": counter["bytes"], "requests": counter["requests"]}
    return context, page, counter, cold


def visit(page, counter, url):
    counter["bytes"] = counter["requests"] = 0
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response, counter["bytes"], counter["requests"]


def measure(chromium, base_url, people, password=PASSWORD):
    """[(role, user, area)] -> (figures per page, problems, cold starts)."""
    results, problems, cold_starts = [], [], {}
    for role, user, area in people:
        context, page, counter, cold_starts[role] = phone(chromium, base_url, user, password)
        try:
            for path in pages_of(user, area):
                url = base_url + path
                _, first, _ = visit(page, counter, url)  # the shell is cached already: this page's own bytes
                response, repeat, requests = visit(page, counter, url)
                final = urlsplit(page.url).path
                width = page.evaluate("() => document.documentElement.scrollWidth")
                violations = page.evaluate(AXE_RUN)
                row = {"role": role, "url": path, "status": response.status if response else None,
                       "first_visit_bytes": first, "repeat_bytes": repeat, "repeat_requests": requests,
                       "scroll_width": width, "axe_serious_or_critical": violations}
                if final != urlsplit(path).path:
                    row["landed_on"] = final
                results.append(row)
                if response is None or response.status != 200:
                    problems.append(f"{role} {path}: HTTP {response and response.status}")
                if repeat >= BUDGET:
                    problems.append(f"{role} {path}: {repeat} B sau lần đầu (≥ 150 KB)")
                if width > 360:
                    problems.append(f"{role} {path}: rộng {width} px")
                for v in violations:
                    problems.append(f"{role} {path}: axe {v['impact']} {v['id']} {v['nodes']}")
        finally:
            context.close()
    return results, problems, cold_starts


def write(out, results, cold_starts, **extra):
    Path(out).write_text(json.dumps({"budget_bytes": BUDGET, "viewport": "360x780", **extra,
                                     "cold_start_login_and_landing": cold_starts, "pages": results},
                                    ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@pytest.mark.skipif(not AXE.exists(), reason="axe-core chưa được cài (npm ci trong bin/setup)")
def test_phone_pages_stay_under_150_kb_fit_360_px_and_pass_axe(chromium, live_server, tree, na_hai_head,
                                                                dong_phuc_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _rows(tree, na_hai_head, dong_phuc_officer)
    results, problems, cold_starts = measure(chromium, live_server.url, [
        ("area_head", na_hai_head, tree.na_hai), ("commune_officer", dong_phuc_officer, tree.na_hai)])
    if os.environ.get("PHONE_BUDGET_OUT"):
        write(os.environ["PHONE_BUDGET_OUT"], results, cold_starts, data="test fixtures")
    assert len(results) >= 20
    assert not problems, "\n".join(problems)
