from django.urls import reverse

from accounts.scope import root_unit


def unit_breadcrumbs(user, unit) -> list[dict]:
    """The unit path from the top of the user's scope down to `unit` (nothing above the scope is shown)."""
    root = root_unit(user)
    chain = [u for u in unit.ancestors() + [unit] if root is None or u.is_within(root)]
    return [{"label": u.name, "url": reverse("units:detail", args=[u.pk])} for u in chain]
