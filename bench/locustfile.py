"""Load test of doanket as officers use it: `locust -f bench/locustfile.py` (command and figures in
bench/RESULTS.md). Accounts are the demo's (password doanket2026); units are looked up from the pages.

Signing in costs one PBKDF2 hash (about 1 M iterations, by design slow) and an officer signs in once a day, so
a run that signs 100 users in at once measures the hash, not the pages. With SESSIONS=file (JSON
{username: sessionid}, written by `bench/sessions.py`) users start already signed in."""

import json
import os
import random
import re
import time
from datetime import date

from locust import HttpUser, between, task

PASSWORD = "doanket2026"
YEAR = str(date.today().year)


class Officer(HttpUser):
    """A province or commune officer reading unit pages, indicators, target progress, lists, and exporting."""

    wait_time = between(1, 3)
    weight = 6
    accounts = ["tinh.thainguyen", "xa.dongphuc", "xa.bangthanh", "lanhdao.thainguyen"]

    def on_start(self):
        self.username = random.choice(self.accounts)
        self.login(self.username)
        home = self.client.get("/", name="/ (home)")
        match = re.search(r"/don-vi/(\d+)/", home.url)
        self.unit = match.group(1) if match else "1"
        page = self.client.get(f"/don-vi/{self.unit}/", name="/don-vi/[unit]/")
        self.children = re.findall(r'href="/don-vi/(\d+)/"', page.text) or [self.unit]

    def login(self, username):
        if os.environ.get("SESSIONS"):
            self.client.cookies.set("sessionid", json.load(open(os.environ["SESSIONS"]))[username])
            self.client.get("/dang-nhap/", name="/dang-nhap/")  # the CSRF cookie
            return
        self.client.get("/dang-nhap/", name="/dang-nhap/")
        token = self.client.cookies.get("csrftoken")
        self.client.post("/dang-nhap/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
                         headers={"Referer": self.client.base_url + "/dang-nhap/"}, name="/dang-nhap/ (POST)")

    @task(5)
    def unit_page(self):
        self.client.get(f"/don-vi/{random.choice(self.children)}/", name="/don-vi/[unit]/")

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
        self.client.get(f"/ho-gia-dinh/{random.choice(self.children)}/", name="/ho-gia-dinh/[unit]/")

    @task(1)
    def plans(self):
        self.client.get("/ke-hoach/", name="/ke-hoach/")

    @task(1)
    def reports(self):
        self.client.get("/bao-cao/", name="/bao-cao/")

    @task(1)
    def export(self):
        self.client.get(f"/chi-so/{self.unit}/{YEAR}/tai.xlsx", name="/chi-so/[unit]/[period]/tai.xlsx")


class AreaHead(HttpUser):
    """The Nà Hai front-committee head on a phone: the area page, and a Great Unity Day recorded."""

    wait_time = between(2, 5)
    weight = 1

    def on_start(self):
        Officer.login(self, "thon.nahai")
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
        self.client.get(url, name="/hoat-dong/them/ngay_hoi/[area]/")
        token = self.client.cookies.get("csrftoken")
        self.client.post(url, {
            "csrfmiddlewaretoken": token, "unit": self.area, "held_on": f"{YEAR}-11-18",
            "title": f"Ngày hội Đại đoàn kết {time.time():.0f}", "participants": "120", "households": "80",
            "money_spent": "0", "money_mobilised": "0"}, headers={"Referer": self.client.base_url + url},
            name="/hoat-dong/them/ngay_hoi/[area]/ (POST)")
