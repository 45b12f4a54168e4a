"""Phone budget on the demo data (Thái Nguyên), not part of the test suite: every page the Nà Hai area head
(`thon.nahai`) and the Đồng Phúc commune officer (`xa.dongphuc`) reach from the top bar and the unit pages, at
360 px: bytes transferred on the first and on a repeat visit, width, and axe-core's serious/critical violations.

    DATABASE_URL=sqlite:////tmp/doanket-demo.sqlite3 .venv/bin/python bench/phone_budget.py [--out bench/phone-budget.json]

The database must hold the demo (`manage.py demo`). Starts `manage.py runserver` on a free port with it (the
service worker blocked: an upper bound), measures with the same code as core/tests/test_browser_phone_budget.py.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanket.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from accounts.models import User  # noqa: E402
from core.tests.test_browser_phone_budget import BUDGET, measure, write  # noqa: E402

PASSWORD = "doanket2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "bench" / "phone-budget.json"))
    args = parser.parse_args()
    head, officer = User.objects.get(username="thon.nahai"), User.objects.get(username="xa.dongphuc")
    port = free_port()
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except Exception:
                time.sleep(0.3)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            results, problems, cold = measure(browser, base, [("area_head", head, head.unit),
                                                              ("commune_officer", officer, head.unit)], PASSWORD)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    write(args.out, results, cold, data="demo (Thái Nguyên), manage.py demo",
          measured_at=time.strftime("%d/%m/%Y %H:%M UTC", time.gmtime()))
    print(f"{'vai trò':16} {'trang':48} {'lần đầu':>9} {'lần sau':>9} {'rộng':>5} axe")
    for r in results:
        print(f"{r['role']:16} {r['url'][:48]:48} {r['first_visit_bytes']:9} {r['repeat_bytes']:9} "
              f"{r['scroll_width']:5} {len(r['axe_serious_or_critical'])}")
    print("cold start:", cold)
    print(f"largest repeat visit: {max(r['repeat_bytes'] for r in results)} B (budget {BUDGET} B)")
    for line in problems:
        print("PROBLEM", line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
