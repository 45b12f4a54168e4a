"""Dates typed and shown dd/mm/yyyy whatever the browser's language, counts and money with thousands
separators: one widget each in core.forms, used by every form of the project."""

import datetime
import importlib
import inspect
import pathlib

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from core.forms import CountField, DateField, DateInput, MoneyField


class Dated(forms.Form):
    on = DateField(label="Ngày tổ chức")
    until = DateField(label="Hạn gửi", required=False)


@pytest.mark.parametrize("typed", ["01/06/2026", "1/6/2026", "01/06/26", "2026-06-01", " 01/06/2026 ", "01.06.2026",
                                   "01062026"])
def test_a_date_is_read_the_vietnamese_way(typed):
    form = Dated({"on": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == datetime.date(2026, 6, 1)


@pytest.mark.parametrize("typed", ["31/02/2026", "06/31/2026", "hôm nay", "2026/31/12", "1-6"])
def test_a_bad_date_is_refused_with_a_message_naming_the_field(typed):
    form = Dated({"on": typed})
    assert not form.is_valid()
    message = form.errors["on"][0]
    assert message.startswith("Ngày tổ chức:") and "ngày/tháng/năm" in message and "01/06/2026" in message


def test_a_missing_date_says_so_in_vietnamese():
    assert Dated({"on": ""}).errors["on"] == ["Trường này là bắt buộc."]


def test_the_browser_pattern_accepts_every_format_the_server_reads():
    import re

    from core.forms import DATE_PATTERN

    for typed in ("01/06/2026", "1/6/26", "01.06.2026", "01062026", "2026-06-01"):
        assert re.fullmatch(DATE_PATTERN.replace("\\/", "/"), typed)
    assert not re.fullmatch(DATE_PATTERN.replace("\\/", "/"), "hôm nay")


def test_a_date_box_is_text_with_a_dd_mm_yyyy_hint_not_the_browsers_date_picker():
    html = str(Dated(initial={"on": datetime.date(2026, 6, 1)})["on"])
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'value="01/06/2026"' in html and 'placeholder="dd/mm/yyyy"' in html and 'inputmode="numeric"' in html
    assert 'pattern="' in html and "date-input.js" in html and "<script>" not in html
    # the value shown after a refused post is what was typed, not an ISO date
    assert 'value="31/02/2026"' in str(Dated({"on": "31/02/2026"})["on"])


class Counted(forms.Form):
    households = CountField(label="Số hộ", required=False)
    members = CountField(label="Số nhân khẩu", min_value=1, max_value=50)


@pytest.mark.parametrize("typed, value", [("1.234", 1234), ("1 234", 1234), ("1234", 1234), ("", None)])
def test_a_count_accepts_thousands_separators(typed, value):
    form = Counted({"households": typed, "members": "3"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["households"] == value


def test_a_bad_count_names_the_field_in_vietnamese():
    form = Counted({"households": "12,5", "members": "51"})
    assert not form.is_valid()
    assert form.errors["households"][0].startswith("Số hộ:")
    assert form.errors["members"] == ["Số nhân khẩu không được quá 50."]
    html = str(Counted(initial={"households": 1234})["households"])
    assert 'value="1.234"' in html and "money-input" in html and 'inputmode="numeric"' in html


def _project_forms():
    root = pathlib.Path(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if not pathlib.Path(config.path).is_relative_to(root):
            continue
        for module_name in ("forms", "views"):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            for name, obj in vars(module).items():
                if inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                    yield f"{module.__name__}.{name}", obj


# Counts and amounts a user types (years, scales and hidden ids are not grouped: 2.026 is not a year).
COUNT_NAMES = {"households", "participants", "sessions", "articles", "commended", "members", "workdays",
               "land_m2", "rate_limit"}


def test_every_form_uses_the_vietnamese_date_and_number_widgets():
    found, wrong = 0, []
    for name, form in _project_forms():
        for field_name, field in form.base_fields.items():
            if isinstance(field, forms.DateField):
                found += 1
                if not isinstance(field, DateField) or not isinstance(field.widget, DateInput):
                    wrong.append(f"{name}.{field_name}: {type(field).__name__}")
            elif isinstance(field, forms.IntegerField) and not isinstance(field.widget, forms.HiddenInput):
                money = "money" in field_name or "amount" in field_name or "balance" in field_name
                if money and not isinstance(field, MoneyField):
                    wrong.append(f"{name}.{field_name}: money without MoneyField")
                if field_name in COUNT_NAMES and not isinstance(field, (CountField, MoneyField)):
                    wrong.append(f"{name}.{field_name}: count without CountField")
    assert found > 30
    assert wrong == []


def test_no_template_asks_the_browser_for_a_date_box():
    root = pathlib.Path(settings.BASE_DIR)
    offenders = [str(p.relative_to(root)) for p in root.glob("*/templates/**/*.html")
                 if 'type="date"' in p.read_text(encoding="utf-8") or "type='date'" in p.read_text(encoding="utf-8")]
    offenders += [str(p.relative_to(root)) for p in root.glob("templates/**/*.html")
                  if 'type="date"' in p.read_text(encoding="utf-8")]
    assert offenders == []
