"""Template filters for Vietnamese display; loaded as a builtin in every template."""

from django import template

from core import formatting

register = template.Library()

register.filter("ngay", formatting.format_date)
register.filter("ngaygio", formatting.format_datetime)
register.filter("so", formatting.format_number)
register.filter("dong", formatting.format_money)
register.filter("phantram", formatting.format_percent)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def giatri(value):
    """A stored value shown to a person: yes/no in Vietnamese, nothing as “—” (audit history, imports)."""
    if value is None or value == "":
        return "—"
    if value is True:
        return "Có"
    if value is False:
        return "Không"
    if isinstance(value, (list, tuple)):
        return ", ".join(giatri(v) for v in value) or "—"
    return value
