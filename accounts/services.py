"""Writes to users: scoped, audited, in one transaction."""

from django.db import transaction

from . import audit
from .models import Role, User

_FIELDS = ["username", "full_name", "email", "phone", "position", "role", "unit", "organisation", "is_active"]


@transaction.atomic
def save_user(actor, data: dict, instance: User | None = None) -> User:
    user = instance or User()
    before = audit.snapshot(user) if instance else None
    for field in _FIELDS:
        if field in data:
            setattr(user, field, data[field])
    if data.get("role") != Role.ORG_OFFICER:
        user.organisation = None
    if data.get("password"):
        user.set_password(data["password"])
    user.save()
    if instance:
        changes = audit.diff(before, audit.snapshot(user))
        changes.pop("password", None)
        if data.get("password"):
            changes["password"] = ["***", "*** (đã đổi)"]
        audit.record(actor, audit.Action.UPDATE, user, changes=changes, unit=user.unit)
    else:
        snap = audit.snapshot(user)
        snap.pop("password", None)
        audit.record(actor, audit.Action.CREATE, user, changes={k: [None, v] for k, v in snap.items() if v},
                     unit=user.unit)
    return user
