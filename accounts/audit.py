"""The audit trail: every write to domain data goes through a service that calls one of these."""

import datetime
from decimal import Decimal

from django.db import models

from .models import AuditEvent

Action = AuditEvent.Action


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, models.fields.files.FieldFile):  # hasattr(value, "url") raises on an empty file
        return value.name or ""
    return value


def snapshot(obj) -> dict:
    """Field values of a model instance, as JSON-ready text (foreign keys by their label)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"id", "path", "depth", "search_key", "sort_key", "version"}:
            continue
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            data[field.name] = str(getattr(obj, field.name)) if related_id is not None else None
        else:
            data[field.name] = _plain(getattr(obj, field.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _unit_of(obj):
    from units.models import Unit

    if isinstance(obj, Unit):
        return obj
    unit = getattr(obj, "unit", None)
    return unit if isinstance(unit, Unit) else None


def record(actor, action, obj=None, *, changes=None, verb="", note="", unit=None, object_type=None,
           object_id=None, object_repr=None) -> AuditEvent:
    """Write one audit event. `obj` may be None for events that concern no single row (an export)."""
    unit = unit or (_unit_of(obj) if obj is not None else None)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        verb=verb,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(object_id if object_id is not None else getattr(obj, "pk", "") or ""),
        object_repr=(object_repr or str(obj) if obj is not None else object_repr or "")[:300],
        unit=unit,
        unit_path=unit.path if unit else "",
        changes=changes or {},
        note=note,
    )


def created(actor, obj, **kw):
    after = snapshot(obj)
    return record(actor, Action.CREATE, obj, changes={k: [None, v] for k, v in after.items() if v not in (None, "")},
                  **kw)


def updated(actor, obj, before: dict, **kw):
    changes = diff(before, snapshot(obj))
    if not changes and not kw.get("verb"):
        return None
    return record(actor, Action.UPDATE, obj, changes=changes, **kw)


def deleted(actor, obj, **kw):
    before = snapshot(obj)
    return record(actor, Action.DELETE, obj, changes={k: [v, None] for k, v in before.items() if v not in (None, "")},
                  **kw)


def history_for_object(obj):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")


def history_for_unit(unit):
    """Events on the unit and everything under it."""
    return AuditEvent.objects.filter(unit_path__startswith=unit.path).select_related("actor", "unit")
