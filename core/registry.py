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
