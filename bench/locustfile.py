"""Load test of doanket as officers use it: `locust -f bench/locustfile.py` (command and figures in
bench/RESULTS.md). Units, submissions and areas are looked up from the pages the accounts see.

Accounts: ACCOUNTS=file (JSON {"officer": [...], "area_head": [...]}, written by `bench/load_users.py` for the
national bench tree); without it the Thái Nguyên demo's accounts. Each simulated user takes the next account of
its kind, so up to as many users as accounts each have their own (a commune officer submits its own report once).

Signing in costs one PBKDF2 hash (about 1 M iterations, by design slow) and an officer signs in once a day, so
a run that signs 100 users in at once measures the hash, not the pages. With SESSIONS=file (JSON
{username: sessionid}, written by `bench/sessions.py`) users start already signed in."""

import itertools
import json
import os
import re
import time
from datetime import date
from urllib.parse import urlsplit

from locust import HttpUser, between, task

PASSWORD = "doanket2026"
YEAR = str(date.today().year)
DEMO = {"officer": ["tinh.thainguyen", "xa.dongphuc", "xa.bangthanh", "lanhdao.thainguyen"],
        "area_head": ["thon.nahai"]}
ACCOUNTS = json.load(open(os.environ["ACCOUNTS"])) if os.environ.get("ACCOUNTS") else DEMO
SESSIONS = json.load(open(os.environ["SESSIONS"])) if os.environ.get("SESSIONS") else None
_next = {kind: itertools.cycle(names) for kind, names in ACCOUNTS.items()}


def login(user, username):
    if SESSIONS is not None:
        user.client.cookies.set("sessionid", SESSIONS[username])
        user.client.get("/dang-nhap/", name="/dang-nhap/")  # the CSRF cookie
        return
    user.client.get("/dang-nhap/", name="/dang-nhap/")
    token = user.client.cookies.get("csrftoken")
    user.client.post("/dang-nhap/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
                     headers={"Referer": user.client.base_url + "/dang-nhap/"}, name="/dang-nhap/ (POST)")


def hidden(html, name):
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else ""


def post_form(user, url, data, name):
    """POST a form; it counts as failed unless the server redirected (a re-rendered form is a refusal)."""
    data = {"csrfmiddlewaretoken": user.client.cookies.get("csrftoken"), **data}
    with user.client.post(url, data, headers={"Referer": user.client.base_url + url}, name=name,
                          catch_response=True) as response:
        if response.ok and not response.history:
            response.failure(f"form refused: {re.findall(r'class=\"[^\"]*error[^\"]*\"[^>]*>([^<]+)', response.text)[:2]}")


class Officer(HttpUser):
    """A province or commune officer (or a leader) reading unit pages, indicators, target progress, lists, and
    exporting; a commune officer also saves its report of the bench round twice and then submits it."""

    wait_time = between(1, 3)
    weight = 6

    def on_start(self):
        self.username = next(_next["officer"])
        login(self, self.username)
        home = self.client.get("/", name="/ (home)")
        match = re.search(r"/(?:don-vi|bang-dieu-hanh)/(\d+)/", home.url)
        self.unit = match.group(1) if match else "1"
        self.home = urlsplit(home.url).path  # the unit's dashboard
        page = self.client.get(f"/don-vi/{self.unit}/", name="/don-vi/[unit]/")
        self.children = re.findall(r'href="/don-vi/(\d+)/"', page.text) or [self.unit]
        self.submission, self.saves = None, 0
        if self.username.startswith("xa."):
            reports = self.client.get("/bao-cao/", name="/bao-cao/")
            match = re.search(r'href="/bao-cao/(\d+)/"', reports.text)
            self.submission = match.group(1) if match else None

    @task(2)
    def dashboard(self):
        self.client.get(self.home, name="/bang-dieu-hanh/[unit]/")

    @task(5)
    def unit_page(self):
        self.client.get(f"/don-vi/{self.choice()}/", name="/don-vi/[unit]/")

    @task(3)
    def indicators(self):
        self.client.get(f"/chi-so/{self.unit}/{YEAR}/", name="/chi-so/[unit]/[period]/")

    @task(3)
    def target_progress(self):
        self.client.get(f"/chi-so/{self.unit}/{YEAR}/chi-tieu/", name="/chi-so/[unit]/[period]/chi-tieu/")

    @task(2)
    def measure_drilldown(self):
        self.client.get(f"/chi-so/{self.unit}/{YEAR}/self_managed_models/", name="/chi-so/[unit]/[period]/[measure]/")

    @task(3)
    def initiatives(self):
        self.client.get(f"/mo-hinh/?don_vi={self.unit}", name="/mo-hinh/?don_vi=[unit]")

    @task(2)
    def activities(self):
        self.client.get(f"/hoat-dong/?don_vi={self.unit}", name="/hoat-dong/?don_vi=[unit]")

    @task(2)
    def households(self):
        self.client.get(f"/ho-gia-dinh/{self.choice()}/", name="/ho-gia-dinh/[unit]/")

    @task(1)
    def plans(self):
        self.client.get("/ke-hoach/", name="/ke-hoach/")

    @task(1)
    def reports(self):
        self.client.get("/bao-cao/", name="/bao-cao/")

    @task(2)
    def report_form(self):
        """Open the unit's report; save it (twice over the run), then submit it (once)."""
        if not self.submission:
            return
        url = f"/bao-cao/{self.submission}/"
        page = self.client.get(url, name="/bao-cao/[submission]/")
        if self.saves > 2 or 'value="submit"' not in page.text:
            return
        self.saves += 1
        action = "submit" if self.saves == 3 else "save"
        values = {name: str(self.saves * 3) for name in re.findall(r'name="(v-[^"]+)"', page.text)}
        post_form(self, url, {
            "version": hidden(page.text, "version"), "form_token": hidden(page.text, "form_token"),
            "action": action, "general": f"Báo cáo đo tải, lần lưu {self.saves}.",
            "n-1-ket_qua": "Tổ chức Ngày hội Đại đoàn kết ở các khu dân cư.", **values},
            f"/bao-cao/[submission]/ (POST {action})")

    @task(1)
    def export(self):
        self.client.get(f"/chi-so/{self.unit}/{YEAR}/tai.xlsx", name="/chi-so/[unit]/[period]/tai.xlsx")

    def choice(self):
        return self.children[int(time.time() * 1000) % len(self.children)]


class AreaHead(HttpUser):
    """A residential area's front-committee head on a phone: the area page, and a Great Unity Day recorded."""

    wait_time = between(2, 5)
    weight = 1

    def on_start(self):
        login(self, next(_next["area_head"]))
        page = self.client.get("/hoat-dong/khu-dan-cu/", name="/hoat-dong/khu-dan-cu/")
        match = re.search(r"/hoat-dong/them/ngay_hoi/(\d+)/", page.text)
        self.area = match.group(1) if match else None

    @task(4)
    def area_home(self):
        self.client.get("/hoat-dong/khu-dan-cu/", name="/hoat-dong/khu-dan-cu/")

    @task(1)
    def record_great_unity_day(self):
        if not self.area:
            return
        url = f"/hoat-dong/them/ngay_hoi/{self.area}/"
        page = self.client.get(url, name="/hoat-dong/them/ngay_hoi/[area]/")
        post_form(self, url, {
            "once": hidden(page.text, "once"), "unit": self.area, "held_on": f"18/11/{YEAR}",
            "title": f"Ngày hội Đại đoàn kết {time.time():.0f}", "participants": "120", "households": "80",
            "money_spent": "0", "money_mobilised": "0"}, "/hoat-dong/them/ngay_hoi/[area]/ (POST)")
