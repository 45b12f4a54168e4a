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
