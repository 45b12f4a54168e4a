from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Tác vụ nền"

    def ready(self):
        from . import handlers  # noqa: F401  (registers the job kinds)
