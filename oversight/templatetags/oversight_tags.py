from django import template

register = template.Library()


@register.filter
def days_late(due, today):
    """Whole days between the due date and today: 'Quá hạn 12 ngày'."""
    if not due or not today:
        return ""
    return (today - due).days
