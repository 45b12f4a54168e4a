"""Discovery of per-app hooks, so that adding an app touches no other app.

- `<app>/demo.py`      defines `ORDER` (int) and `load(log)`: idempotent demo data for `manage.py demo`.
- `<app>/integrity.py` defines `checks()`: yields (check name, failure message or None) for `check_integrity`.
- `<app>/links.py`     may define `nav(user)` (top navigation) and `unit(user, unit)` (entries on a unit page).
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


def app_modules(name: str):
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{name}"
        if find_spec(module_name) is not None:
            yield import_module(module_name)


def demo_loaders():
    return sorted(app_modules("demo"), key=lambda m: getattr(m, "ORDER", 100))


def integrity_modules():
    return list(app_modules("integrity"))


def nav_links(user) -> list[tuple[str, str]]:
    """Top navigation entries from every app's `links.py` (`nav(user)` -> [(label, url)])."""
    return [item for module in app_modules("links") if hasattr(module, "nav") for item in module.nav(user)]


def unit_links(user, unit) -> list[tuple[str, str, str]]:
    """Work entries on a unit page from every app's `links.py` (`unit(user, unit)` -> [(label, url, hint)])."""
    return [item for module in app_modules("links") if hasattr(module, "unit") for item in module.unit(user, unit)]


# The top bar's groups, in order; an app's link joins the group of its URL's first segment (the longest matching
# prefix wins). Links no group claims go to "Khác", so a new app's entry is never lost.
NAV_GROUPS = [
    ("Kế hoạch & chỉ tiêu", ("/ke-hoach/", "/chi-so/")),
    ("Báo cáo", ("/bao-cao/",)),
    ("Sổ theo dõi", ("/mo-hinh/", "/hoat-dong/", "/ban/")),
    ("Quỹ & an sinh", ("/quy/", "/kinh-phi/", "/ho-gia-dinh/", "/cong-khai/")),
    ("Giám sát", ("/giam-sat/", "/lay-y-kien/")),
    ("Thi đua", ("/thi-dua/",)),
    ("Quản trị", ("/tai-khoan/", "/don-vi/", "/ho-gia-dinh/quyen/", "/ho-gia-dinh/hoan-canh/", "/api/")),
]
OTHER_GROUP = "Khác"


def nav_group_of(url: str) -> str:
    best, best_len = OTHER_GROUP, 0
    for name, prefixes in NAV_GROUPS:
        for prefix in prefixes:
            if url.startswith(prefix) and len(prefix) > best_len:
                best, best_len = name, len(prefix)
    return best


def nav_groups(links) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group label, [(label, url)])] in the order of NAV_GROUPS, empty groups left out."""
    grouped: dict[str, list] = {}
    for label, url in links:
        grouped.setdefault(nav_group_of(url), []).append((label, url))
    order = [name for name, _ in NAV_GROUPS] + [OTHER_GROUP]
    return [(name, grouped[name]) for name in order if grouped.get(name)]
