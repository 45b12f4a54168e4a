"""Database triggers that keep `units_activecount` (see `units.models.ActiveCount`) exact on every write path."""

from .models import PREFIX_LENGTHS

SQLITE = [
    f"""CREATE TRIGGER units_activecount_ins AFTER INSERT ON units_unit
WHEN NEW.is_active AND NEW.path <> ''
BEGIN
  INSERT INTO units_activecount (prefix, level, n)
  SELECT substr(NEW.path, 1, p.k), NEW.level, 1 FROM ({PREFIX_LENGTHS}) p WHERE p.k <= length(NEW.path)
  ON CONFLICT (prefix, level) DO UPDATE SET n = n + 1;
END""",
    f"""CREATE TRIGGER units_activecount_upd AFTER UPDATE OF path, level, is_active ON units_unit
WHEN OLD.path IS NOT NEW.path OR OLD.level IS NOT NEW.level OR OLD.is_active IS NOT NEW.is_active
BEGIN
  UPDATE units_activecount SET n = n - 1
  WHERE OLD.is_active AND OLD.path <> '' AND level = OLD.level
    AND prefix IN (SELECT substr(OLD.path, 1, p.k) FROM ({PREFIX_LENGTHS}) p WHERE p.k <= length(OLD.path));
  INSERT INTO units_activecount (prefix, level, n)
  SELECT substr(NEW.path, 1, p.k), NEW.level, 1 FROM ({PREFIX_LENGTHS}) p
  WHERE NEW.is_active AND NEW.path <> '' AND p.k <= length(NEW.path)
  ON CONFLICT (prefix, level) DO UPDATE SET n = n + 1;
END""",
    f"""CREATE TRIGGER units_activecount_del AFTER DELETE ON units_unit
WHEN OLD.is_active AND OLD.path <> ''
BEGIN
  UPDATE units_activecount SET n = n - 1
  WHERE level = OLD.level
    AND prefix IN (SELECT substr(OLD.path, 1, p.k) FROM ({PREFIX_LENGTHS}) p WHERE p.k <= length(OLD.path));
END""",
]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION units_activecount_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.is_active AND OLD.path <> '' THEN
      UPDATE units_activecount SET n = n - 1
      WHERE level = OLD.level
        AND prefix IN (SELECT substr(OLD.path, 1, k) FROM generate_series(8, length(OLD.path), 8) k);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.is_active AND NEW.path <> '' THEN
      INSERT INTO units_activecount (prefix, level, n)
      SELECT substr(NEW.path, 1, k), NEW.level, 1 FROM generate_series(8, length(NEW.path), 8) k
      ON CONFLICT (prefix, level) DO UPDATE SET n = units_activecount.n + 1;
    END IF;
  END IF;
  RETURN NULL;
END $$""",
    """CREATE TRIGGER units_activecount_insdel AFTER INSERT OR DELETE ON units_unit
FOR EACH ROW EXECUTE FUNCTION units_activecount_trg()""",
    """CREATE TRIGGER units_activecount_upd AFTER UPDATE OF path, level, is_active ON units_unit
FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path OR OLD.level IS DISTINCT FROM NEW.level
                   OR OLD.is_active IS DISTINCT FROM NEW.is_active)
EXECUTE FUNCTION units_activecount_trg()""",
]

DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS units_activecount_ins", "DROP TRIGGER IF EXISTS units_activecount_upd",
               "DROP TRIGGER IF EXISTS units_activecount_del"],
    "postgresql": ["DROP TRIGGER IF EXISTS units_activecount_insdel ON units_unit",
                   "DROP TRIGGER IF EXISTS units_activecount_upd ON units_unit",
                   "DROP FUNCTION IF EXISTS units_activecount_trg()"],
}


def install(schema_editor):
    _run(schema_editor.connection, {"sqlite": SQLITE, "postgresql": POSTGRESQL}[schema_editor.connection.vendor])


def uninstall(schema_editor):
    _run(schema_editor.connection, DROP[schema_editor.connection.vendor])


def _run(connection, statements):
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


NAMES = {
    "sqlite": {"units_activecount_ins", "units_activecount_upd", "units_activecount_del"},
    "postgresql": {"units_activecount_insdel", "units_activecount_upd"},
}


def present(connection) -> set[str]:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'units_unit'")
        else:
            cur.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'units_unit'::regclass AND NOT tgisinternal")
        return {row[0] for row in cur.fetchall()}


def ensure(connection) -> bool:
    """Put the triggers back if a schema change dropped them (SQLite remakes a table to alter it, and the copy has
    no triggers), then recount what went unkept meanwhile. Run after every `migrate`. Returns True if it repaired."""
    from django.db import transaction

    from .models import ActiveCount, recount

    if connection.vendor not in NAMES:
        return False
    tables = connection.introspection.table_names()
    if "units_unit" not in tables or ActiveCount._meta.db_table not in tables:
        return False
    if NAMES[connection.vendor] <= present(connection):
        return False
    with transaction.atomic(using=connection.alias):
        _run(connection, DROP[connection.vendor])
        _run(connection, {"sqlite": SQLITE, "postgresql": POSTGRESQL}[connection.vendor])
        recount(using=connection.alias)
    return True
