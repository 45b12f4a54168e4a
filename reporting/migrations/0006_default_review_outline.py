"""The default review outline (reporting.outlines), as data."""

from django.db import migrations


def forwards(apps, schema_editor):
    from reporting.outlines import load_default

    load_default(apps.get_model("reporting", "ReviewOutline"), apps.get_model("reporting", "OutlineSection"))


class Migration(migrations.Migration):
    dependencies = [("reporting", "0005_review_rounds")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
