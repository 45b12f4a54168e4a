from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Chỉ số, tổng hợp và chỉ tiêu"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from .models import Measure
        from .rollup import invalidate_caches
        from .sync import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
        post_save.connect(invalidate_caches, sender=Measure)
        post_delete.connect(invalidate_caches, sender=Measure)
