import pytest
from django import forms

from core.formatting import parse_money
from core.forms import MoneyField


@pytest.mark.parametrize("typed", ["15.000.000", "15000000", "15 000 000", "15.000.000 đ", "15.000.000đ",
                                   "15\u00a0000\u00a0000", " 15.000.000 đồng "])
def test_money_is_read_the_way_vietnamese_write_it(typed):
    assert parse_money(typed) == 15_000_000


@pytest.mark.parametrize("typed, says", [("15tr", "không phải số tiền"), ("15,5", "không có phần lẻ"),
                                         ("1.5", "không phải số tiền"), ("15.00", "không phải số tiền"),
                                         ("15.0000", "không phải số tiền"), ("mười lăm", "không phải số tiền")])
def test_money_that_is_not_whole_dong_is_refused_with_a_vietnamese_message(typed, says):
    with pytest.raises(ValueError, match=says):
        parse_money(typed)


class ReceiptLike(forms.Form):
    amount = MoneyField(label="Số tiền (đồng)", min_value=1)
    value = MoneyField(label="Giá trị (đồng)", required=False)


def test_a_money_field_accepts_dots_and_refuses_negatives_and_shorthand_in_vietnamese():
    form = ReceiptLike({"amount": "15.000.000 đ", "value": ""})
    assert form.is_valid() and form.cleaned_data == {"amount": 15_000_000, "value": None}
    form = ReceiptLike({"amount": "15tr", "value": "-5.000"})
    assert not form.is_valid()
    assert "15.000.000" in form.errors["amount"][0] and form.errors["value"] == ["Số tiền không được âm."]
    assert ReceiptLike({"amount": "0"}).errors["amount"] == ["Số tiền phải từ 1 đ trở lên."]


def test_a_money_box_shows_thousands_separators_and_loads_the_typing_helper():
    html = str(ReceiptLike(initial={"amount": 15_000_000})["amount"])
    assert 'value="15.000.000"' in html and 'inputmode="numeric"' in html and 'type="text"' in html
    assert "money-input.js" in html and "<script>" not in html


# --- the one number reader (parse_number): money boxes, indicator entry, report forms, the API ----------------

@pytest.mark.parametrize("typed", ["15.000.000", "15000000", "15 000 000", "15\u00a0000\u00a0000", 15_000_000])
def test_every_path_reads_a_number_the_same_way(typed, measures_for_parsing):
    from decimal import Decimal

    from core.formatting import parse_number
    from indicators.services import parse_value
    from reporting.figures import Field, parse_for

    assert parse_number(typed) == Decimal(15_000_000)
    assert parse_number(typed, integral=True, money=True) == 15_000_000
    for measure in measures_for_parsing.values():
        if not measure.is_bool:
            assert parse_value(measure, typed) == 15_000_000
    assert parse_for(Field("households", "Tổng số hộ", "count", "hộ", 2), typed) == 15_000_000
    assert ReceiptLike({"amount": typed}).is_valid()


@pytest.mark.parametrize("typed, value_type, says", [
    ("15tr", "count", "không phải là số"), ("15tr", "number", "không phải là số"),
    ("15tr", "money", "không phải số tiền"), ("mười lăm", "count", "không phải là số"),
    ("1,5", "count", "phải là số nguyên"), ("12.5", "count", "phải là số nguyên"),
    ("15,5", "money", "không có phần lẻ"), ("-3", "count", "Không nhận số âm"),
    ("1e20", "number", "không phải là số"), ("10.000.000.000.000.000", "number", "quá lớn"),
])
def test_every_path_refuses_the_same_way_in_vietnamese(typed, value_type, says):
    from django.core.exceptions import ValidationError

    from core.formatting import parse_number
    from indicators.models import Measure
    from indicators.services import parse_value
    from reporting.figures import Field, parse_for

    whole = value_type in ("count", "money")
    with pytest.raises(ValidationError, match=says):
        parse_number(typed, integral=whole, negative=not whole, money=value_type == "money")
    with pytest.raises(ValidationError, match=says):
        parse_value(Measure(code="x", name="X", value_type=value_type), typed)
    with pytest.raises(ValueError, match=says):
        parse_for(Field("x", "Chỉ số X", value_type, "", 1), typed)


def test_fractions_are_read_where_the_measure_allows_them():
    from decimal import Decimal

    from core.formatting import parse_number
    from indicators.models import Measure
    from indicators.services import parse_value

    area = Measure(code="land_donated_m2", name="Đất hiến", value_type="number")
    assert parse_value(area, "12,5") == Decimal("12.5")
    assert parse_value(area, "1.234,5") == Decimal("1234.5")
    assert parse_value(area, "12.5") == Decimal("12.5")  # the canonical text the API and exchange files write
    assert parse_value(area, 12.5) == Decimal("12.5")
    assert parse_number("") is None and parse_number(None) is None


@pytest.fixture
def measures_for_parsing():
    from indicators.models import Measure

    return {t: Measure(code=f"m_{t}", name=t, value_type=t) for t in ("count", "money", "number", "bool")}
