"""Issuing, revoking and checking API tokens (every write audited, in a transaction).

A token reads `dk_<prefix>_<secret>`; only the SHA-256 of the whole text is stored (the secret is 256 random
bits, so a fast hash is enough), and the prefix finds the row. A token acts as its user, narrowed to its unit's
subtree: `acting_user(token)` is that user with the unit replaced, so `accounts.scope` scopes every API call
exactly like the web pages.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import audit, scope

from .models import PERMISSION_ALIASES, ApiToken, Permission


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def parse_permissions(items) -> list[str]:
    """['read', 'write_values', …] -> the permission codes (aliases read/write expanded); Vietnamese errors."""
    known = {p.value for p in Permission}
    result = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        codes = PERMISSION_ALIASES.get(item) or ([item] if item in known else None)
        if codes is None:
            raise ValidationError(f"Quyền “{item}” không có; dùng read, write hoặc một trong: {', '.join(sorted(known))}.")
        result += [str(c) for c in codes if str(c) not in result]
    if not result:
        raise ValidationError("Chọn ít nhất một quyền cho mã truy cập.")
    return result


def issue(actor, *, user, unit, permissions, name="", expires_on=None, holder_kind=ApiToken.HolderKind.PERSON,
          holder_name="", rate_limit=None, enforce_actor=True) -> tuple[ApiToken, str]:
    """Create a token; returns (token, the full secret text), which is shown once and never again.
    The scope must lie within both the administrator's and the user's scope."""
    if enforce_actor:
        if not scope.can_manage_users(actor, unit) or not scope.in_scope(actor, user.unit or unit):
            raise PermissionDenied("Chỉ quản trị viên cấp mã truy cập trong phạm vi của mình.")
    if not user.is_active:
        raise ValidationError(f"Tài khoản {user.username} đã bị khóa.")
    if not scope.in_scope(user, unit):
        raise ValidationError(f"{unit.name} nằm ngoài phạm vi của tài khoản {user.username}.")
    permissions = parse_permissions(permissions)
    if Permission.WRITE_VALUES in permissions and not user.can_write:
        raise ValidationError(f"Tài khoản {user.username} chỉ có quyền xem nên không được cấp quyền ghi số liệu.")
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError("Ngày hết hạn đã qua.")
    if holder_kind == ApiToken.HolderKind.SYSTEM and not holder_name.strip():
        raise ValidationError("Nhập tên hệ thống đối tác.")
    prefix = secrets.token_hex(4)
    text = f"dk_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name.strip() or f"Mã truy cập của {holder_name.strip() or user}", holder_kind=holder_kind,
            holder_name=holder_name.strip(), user=user, unit=unit, permissions=permissions, prefix=prefix,
            secret_hash=_hash(text), expires_on=expires_on,
            rate_limit=rate_limit or settings.API_RATE_LIMIT_PER_MINUTE,
            created_by=actor if getattr(actor, "is_authenticated", False) else None)
        audit.created(actor, token, verb="Cấp mã truy cập API")
    return token, text


def revoke(actor, token: ApiToken) -> ApiToken:
    if not scope.can_manage_users(actor, token.unit):
        raise PermissionDenied("Chỉ quản trị viên thu hồi mã truy cập trong phạm vi của mình.")
    if token.revoked_at:
        return token
    with transaction.atomic():
        before = audit.snapshot(token)
        token.revoked_at, token.revoked_by = timezone.now(), actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit.updated(actor, token, before, verb="Thu hồi mã truy cập API")
    return token


def visible_tokens(user):
    """Tokens an administrator may see: those scoped within their own scope."""
    if not scope.can_manage_users(user):
        return ApiToken.objects.none()
    return scope.scope_queryset(user, ApiToken.objects.select_related("user", "unit", "created_by"), "unit")


class TokenRefused(Exception):
    def __init__(self, message, status=401):
        super().__init__(message)
        self.message, self.status = message, status


def authenticate(text: str) -> ApiToken:
    """The active token this text names; TokenRefused (401) otherwise. Records the last use."""
    parts = (text or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != "dk":
        raise TokenRefused("Mã truy cập không đúng định dạng (dk_…).")
    token = ApiToken.objects.select_related("user", "unit").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(text.strip())):
        raise TokenRefused("Mã truy cập không đúng.")
    if token.revoked_at:
        raise TokenRefused("Mã truy cập đã bị thu hồi.")
    if token.is_expired():
        raise TokenRefused(f"Mã truy cập đã hết hạn sau ngày {token.expires_on:%d/%m/%Y}.")
    if not token.user.is_active:
        raise TokenRefused("Tài khoản gắn với mã truy cập đã bị khóa.")
    if not scope.in_scope(token.user, token.unit):
        raise TokenRefused("Phạm vi của mã truy cập không còn nằm trong phạm vi của tài khoản.", status=403)
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(seconds=60):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most once a minute: no write per call
        token.last_used_at = now
    return token


def acting_user(token: ApiToken):
    """The token's user narrowed to the token's unit (never saved): every scope helper then sees the token's
    subtree as the user's scope."""
    user = token.user
    user.unit, user.unit_id = token.unit, token.unit_id
    user.api_token = token
    return user


def over_rate_limit(key: str, limit: int) -> bool:
    """Counts calls in the current minute in the cache (shared between workers when the cache is)."""
    bucket = f"api-rate:{key}:{int(timezone.now().timestamp() // 60)}"
    cache.add(bucket, 0, timeout=120)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, timeout=120)
        count = 1
    return count > limit
