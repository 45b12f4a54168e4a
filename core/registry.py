"""Discovery of per-app hooks, so that adding an app touches no other app.

- `<app>/demo.py`      defines `ORDER` (int) and `load(log)`: idempotent demo data for `manage.py demo`.
- `<app>/integrity.py` defines `checks()`: yields (check name, failure message or None) for `check_integrity`.
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
