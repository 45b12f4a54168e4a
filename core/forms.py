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
    every money field, core.formatting.parse_money."""

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
        except ValueError as e:
            raise ValidationError(str(e), code="invalid") from None
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


# Every form DateField accepts (dd/mm/yyyy, d/m/yy, dd.mm.yyyy, ddmmyyyy, yyyy-mm-dd): the browser never refuses what
# the server would take.
DATE_PATTERN = r"\s*(\d{1,2}[\/.]\d{1,2}[\/.](\d{2}|\d{4})|\d{8}|\d{4}-\d{1,2}-\d{1,2})\s*"


class DateInput(forms.DateInput):
    """A date typed and shown as dd/mm/yyyy whatever the browser's language (a text box, not type=date, whose
    display follows the browser's locale). date-input.js adds the slashes while typing; the server parses."""

    template_name = "core/widgets/date.html"
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "placeholder": "dd/mm/yyyy",
                          "pattern": DATE_PATTERN, "maxlength": "12", "class": "date-input",
                          "title": "Ngày theo dạng ngày/tháng/năm, ví dụ 01/06/2026", **(attrs or {})},
                         format="%d/%m/%Y")


class DateField(forms.DateField):
    """A date the Vietnamese way: 01/06/2026 (also 1/6/2026, 01/06/26, 01062026 and 2026-06-01, which older links and
    copies from spreadsheets carry). A bad date names the field and says how to write it."""

    widget = DateInput
    input_formats = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d%m%Y"]

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value.count(".") == 2:
                value = value.replace(".", "/")  # 01.06.2026, as some spreadsheets write it
        try:
            return super().to_python(value)
        except ValidationError:
            label = str(self.label or "Ngày")
            raise ValidationError(f"{label}: “{value}” không phải ngày hợp lệ; viết theo dạng ngày/tháng/năm, "
                                  f"ví dụ 01/06/2026.", code="invalid") from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.label and "aria-describedby" not in widget.attrs:
            attrs["title"] = f"{self.label}: ngày/tháng/năm, ví dụ 01/06/2026"
        return attrs


class CountInput(MoneyInput):
    """A whole number (households, people, m²) with thousands separators while typing, like money."""

    template_name = "core/widgets/money.html"


class CountField(forms.IntegerField):
    """A count typed the Vietnamese way (1.234, 1 234 or 1234); refuses 12,5 and 12 hộ with a message that
    names the field. Years are not counts: keep IntegerField for them (2.026 is not a year)."""

    widget = CountInput

    def __init__(self, *, min_value=0, max_value=None, **kwargs):
        if min_value is None or min_value < -formatting.MAX_MONEY:
            min_value = 0
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def widget_attrs(self, widget):
        return {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        label = str(self.label or "Số")
        try:
            number = formatting.parse_money(value)
        except ValueError:
            raise ValidationError(f"{label}: “{value}” không phải số nguyên; viết bằng chữ số, ví dụ 1.234.",
                                  code="invalid") from None
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(f"{label} phải từ {formatting.format_number(self.min_value)} trở lên.",
                                  code="min_value")
        if self.max_value is not None and number > self.max_value:
            raise ValidationError(f"{label} không được quá {formatting.format_number(self.max_value)}.",
                                  code="max_value")
        return number

    def validate(self, value):
        forms.Field.validate(self, value)

    def run_validators(self, value):
        pass
