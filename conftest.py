"""Fixtures as people: a small Thái Nguyên tree and one named user per role.

    province_officer   Cán bộ MTTQ tỉnh Thái Nguyên
    dong_phuc_officer  Cán bộ MTTQ Xã Đồng Phúc
    na_hai_head        Trưởng Ban Công tác Mặt trận thôn Nà Hai (Đồng Phúc)
    org_officer        Cán bộ Hội Nông dân xã Đồng Phúc
    other_officer      Cán bộ MTTQ Xã Bằng Thành (another commune)
    leader             Lãnh đạo tỉnh (read-only)
    province_admin     Quản trị tỉnh
"""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(autouse=True)
def _fresh_measure_cache():
    """The rollup keeps the catalogue's ids and flags in memory, invalidated when a measure is saved; a test's
    rolled-back transaction undoes the save without a signal, so each test starts from the database."""
    from indicators.rollup import invalidate_caches

    invalidate_caches()
    yield
    invalidate_caches()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users: hash their passwords cheaply (production keeps Django's PBKDF2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree(db):
    from units.models import Kind, Level, MemberOrganisation, OrganisationKind, Unit

    def unit(parent, level, kind, code, name, **kw):
        u = Unit(parent=parent, level=level, kind=kind, code=code, name=name, **kw)
        u.save()
        return u

    t = type("Tree", (), {})()
    t.nation = unit(None, Level.NATION, Kind.NATION, "VN", "Việt Nam")
    t.province = unit(t.nation, Level.PROVINCE, Kind.PROVINCE, "19", "Tỉnh Thái Nguyên")
    t.other_province = unit(t.nation, Level.PROVINCE, Kind.PROVINCE, "04", "Tỉnh Cao Bằng")
    t.dong_phuc = unit(t.province, Level.COMMUNE, Kind.COMMUNE, "01933", "Xã Đồng Phúc")
    t.bang_thanh = unit(t.province, Level.COMMUNE, Kind.COMMUNE, "01864", "Xã Bằng Thành")
    t.ward = unit(t.province, Level.COMMUNE, Kind.WARD, "05443", "Phường Phan Đình Phùng")
    t.na_hai = unit(t.dong_phuc, Level.AREA, Kind.VILLAGE, "01", "Thôn Nà Hai", households=120)
    t.na_lan = unit(t.dong_phuc, Level.AREA, Kind.VILLAGE, "02", "Thôn Nà Làn", households=90)
    t.ban_bang = unit(t.bang_thanh, Level.AREA, Kind.HAMLET, "01", "Bản Bằng", households=80)
    t.cao_bang_commune = unit(t.other_province, Level.COMMUNE, Kind.COMMUNE, "01273", "Xã Hòa An")
    # get_or_create: transactional (browser) tests flush the rows the data migration made
    hnd, _ = OrganisationKind.objects.get_or_create(code="hoi-nong-dan", defaults={
        "name": "Hội Nông dân", "short_name": "Hội ND", "is_standard": True, "order": 1})
    OrganisationKind.objects.get_or_create(code="hoi-ccb", defaults={
        "name": "Hội Cựu chiến binh", "short_name": "Hội CCB", "is_standard": True, "order": 4})
    t.hnd_dong_phuc = MemberOrganisation.objects.create(unit=t.dong_phuc, kind=hnd, name="Hội Nông dân xã Đồng Phúc")
    t.hnd_bang_thanh = MemberOrganisation.objects.create(unit=t.bang_thanh, kind=hnd,
                                                         name="Hội Nông dân xã Bằng Thành")
    return t


def _user(username, role, unit, organisation=None, full_name=""):
    from accounts.models import User

    user = User(username=username, role=role, unit=unit, organisation=organisation,
                full_name=full_name or username, email=f"{username}@example.vn")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def province_officer(tree):
    return _user("tinh", "officer", tree.province, full_name="Nguyễn Thị Hạnh")


@pytest.fixture
def dong_phuc_officer(tree):
    return _user("dongphuc", "officer", tree.dong_phuc, full_name="Ma Thị Lan")


@pytest.fixture
def na_hai_head(tree):
    return _user("nahai", "area_head", tree.na_hai, full_name="Hà Văn Tuấn")


@pytest.fixture
def org_officer(tree):
    return _user("hnd", "org_officer", tree.dong_phuc, tree.hnd_dong_phuc, full_name="Nông Văn Bình")


@pytest.fixture
def other_officer(tree):
    return _user("bangthanh", "officer", tree.bang_thanh, full_name="Triệu Văn Sơn")


@pytest.fixture
def leader(tree):
    return _user("lanhdao", "leader", tree.province, full_name="Hoàng Văn Thắng")


@pytest.fixture
def province_admin(tree):
    return _user("quantri", "admin", tree.province, full_name="Lê Minh Quân")


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = os.path.join(os.path.dirname(__file__), "test-artifacts")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (a test tool's own browser download cannot work here)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium của Debian chưa được cài (/usr/bin/chromium); bin/test cài khi chạy với quyền root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page_for(chromium, live_server):
    """page_for(user, phone=False) -> a Playwright page logged in through the real login form."""
    contexts = []

    def open_page(user, phone=False):
        viewport = {"width": 360, "height": 780} if phone else {"width": 1280, "height": 900}
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.base_url = live_server.url
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def minh(tree):
    """A second officer of Xã Đồng Phúc, for two people editing the same thing."""
    return _user("dongphuc2", "officer", tree.dong_phuc, full_name="Lý Văn Minh")
