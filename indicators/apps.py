from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Chỉ số, tổng hợp và chỉ tiêu"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import pending
        from .models import Measure
        from .rollup import invalidate_caches
        from .sync import sync_after_migrate

        from campaign.models import Period

        pending.install()  # `changed()` inside a transaction: derived once, before the commit
        post_migrate.connect(sync_after_migrate, sender=self)
        post_save.connect(period_created, sender=Period, dispatch_uid="indicators_period_created")
        post_save.connect(invalidate_caches, sender=Measure)
        post_delete.connect(invalidate_caches, sender=Measure)
        # cached reads of the spine (indicators.generation): what a cached read depends on besides the values
        from units.models import Unit, tree_changed

        from . import generation

        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(generation.everything_changed, sender=Measure, dispatch_uid=f"gen_measure_{name}")
            signal.connect(generation.everything_changed, sender=Period, dispatch_uid=f"gen_period_{name}")
            signal.connect(generation.units_changed, sender=Unit, dispatch_uid=f"gen_unit_{name}")
            for model in ("plans.Plan", "plans.Target", "plans.Allocation"):  # lazy: the spine does not import plans
                signal.connect(generation.targets_changed, sender=model, dispatch_uid=f"gen_{model}_{name}")
        tree_changed.connect(generation.units_changed, dispatch_uid="gen_unit_tree")
        # an upgrade runs `migrate`: what the new code computes may differ from what the old code cached
        post_migrate.connect(generation.everything_changed, sender=self, dispatch_uid="gen_after_migrate")


def period_created(sender, instance, created, raw=False, **kwargs):
    """Every period that exists has every derived value: a new period is derived in the transaction that
    creates it, whatever created it (a page, a form, the daily job)."""
    if created and not raw:
        from .services import derive_period

        derive_period(instance)
