"""Personal data rules for household records, in one place (Luật 91/2025/QH15, ND 13/2023).

- Identity numbers are masked everywhere by default: '001203004589' -> '0012******89'.
- Ethnicity, disability, health and sensitive circumstances need `welfare.view_sensitive`.
- Every view of a household record is logged; an unmasked export needs `welfare.export_identity` and a
  reason, both logged.
- The audit trail itself never stores an identity number or a sensitive value in clear.
"""

from accounts import audit

SENSITIVE_FIELDS = ("ethnicity", "has_disability", "health_note")
SENSITIVE_PERMISSION = "welfare.view_sensitive"
EXPORT_PERMISSION = "welfare.export_identity"
HIDDEN = "•••"


def mask_id(number: str) -> str:
    """Keep the first 4 and last 2 characters: '001203004589' -> '0012******89'. Short values: all masked."""
    number = (number or "").strip()
    if not number:
        return ""
    if len(number) <= 6:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 6) + number[-2:]


def can_see_sensitive(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(SENSITIVE_PERMISSION))


def can_export_identity(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(EXPORT_PERMISSION))


def safe_snapshot(household) -> dict:
    """A household's fields for the audit trail: the identity number masked, sensitive values hidden."""
    data = audit.snapshot(household)
    data.pop("search_key", None)
    data["id_number"] = mask_id(household.id_number)
    for name in SENSITIVE_FIELDS:
        if data.get(name) not in (None, ""):
            data[name] = HIDDEN
    return data


def log_view(user, household):
    """Record that `user` opened this household record (who and when)."""
    return audit.record(user, audit.Action.VIEW, household, unit=household.unit, verb="Xem hồ sơ hộ")


def log_reveal(user, household, reason: str):
    """An explicit "show the full identity number": who, when, which household and why."""
    return audit.record(user, audit.Action.VIEW, household, unit=household.unit, verb="Xem số định danh đầy đủ",
                        note=f"Lý do: {reason}")


def log_export(user, unit, *, count: int, unmasked: bool, reason: str, fmt: str):
    note = f"{count} hộ, tệp {fmt.upper()}, " + ("số định danh KHÔNG che" if unmasked else "số định danh đã che")
    if reason:
        note += f". Lý do: {reason}"
    return audit.record(user, audit.Action.EXPORT, unit, verb="Xuất danh sách hộ", note=note)
