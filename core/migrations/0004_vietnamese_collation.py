"""PostgreSQL: make sure ICU's Vietnamese collation "vi-x-icu" exists (it does on any ICU-enabled server;
a server whose catalogue lacks it gets one created from the ICU locale "vi"). SQLite: nothing to do, the
collation is registered on each connection (core.collation)."""

from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'vi-x-icu') THEN
        CREATE COLLATION "vi-x-icu" (provider = icu, locale = 'vi');
    END IF;
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_cache_table")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop, elidable=False)]
