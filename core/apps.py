from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Nền tảng"

    def ready(self):
        from . import collation  # noqa: F401  (registers the Vietnamese collation on SQLite connections)
