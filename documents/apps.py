from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from documents import checks  # noqa: F401  (registers the font check)
