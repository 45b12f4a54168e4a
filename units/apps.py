from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_triggers(sender, using="default", **kwargs):
    from django.db import connections

    from .triggers import ensure

    ensure(connections[using])


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Đơn vị"

    def ready(self):
        post_migrate.connect(_ensure_triggers, sender=self, dispatch_uid="units_ensure_triggers")
