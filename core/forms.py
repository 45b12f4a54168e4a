from django import forms
from django.core.exceptions import ValidationError

from core import formatting


def apply_validation_error(form, exc: ValidationError):
    """Show a service's ValidationError on a form: per field where the form has that field, else on top."""
    from .concurrency import StaleEdit

    if isinstance(exc, StaleEdit):
        form.add_error(None, exc)  # a GuardedForm moves its hidden version on
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class MoneyInput(forms.TextInput):
    """A text box for đồng that shows 1.234.567 (the separators are added while typing by money-input.js;
    the server parses what arrives)."""

    template_name = "core/widgets/money.html"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "class": "money-input", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return formatting.format_number(value)
        return super().format_value(value)


class MoneyField(forms.IntegerField):
    """An amount of đồng typed the Vietnamese way (15.000.000, 15 000 000, 15.000.000 đ): one parser for
    every money field, core.formatting.parse_money (itself the one number reader, parse_number)."""

    widget = MoneyInput

    def __init__(self, *, min_value=0, max_value=None, **kwargs):
        # A model's BigIntegerField offers its storage limits (±2^63): amounts are never negative unless a
        # form asks for a real lower bound; the upper bound is parse_money's.
        if min_value is None or min_value <= -formatting.MAX_MONEY:
            min_value = 0
        super().__init__(min_value=min_value, **kwargs)

    def widget_attrs(self, widget):
        return {}  # no min/max/step: the box is text, the limits are checked here

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            amount = formatting.parse_money(value)
        except formatting.NumberError as e:
            raise ValidationError(e.messages, code="invalid") from None
        if self.min_value is not None and amount < self.min_value:
            if amount < 0 <= self.min_value:
                raise ValidationError("Số tiền không được âm.", code="min_value")
            raise ValidationError(f"Số tiền phải từ {formatting.format_money(self.min_value)} trở lên.",
                                  code="min_value")
        return amount

    def validate(self, value):
        forms.Field.validate(self, value)

    def run_validators(self, value):
        pass  # the limits are checked in to_python, with the Vietnamese message
