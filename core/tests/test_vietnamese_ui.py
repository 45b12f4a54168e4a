from django import forms
from django.core.validators import StepValueValidator
from django.db import models

from units.models import Unit


def test_an_empty_choice_reads_chon_in_vietnamese_not_english():
    field = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)
    html = forms.Select(choices=field.choices).render("unit", "")
    model_field = models.CharField(max_length=2, choices=[("a", "Một")], blank=True).formfield()
    assert "— Chọn —" in html and "— Chọn —" in dict(model_field.choices).values()
    assert "Select" not in html and "---------" not in html


def test_django_messages_missing_from_its_vietnamese_catalogue_are_vietnamese():
    try:
        StepValueValidator(5)(3)
    except forms.ValidationError as e:
        assert e.messages == ["Giá trị phải là bội số của 5."]
    else:
        raise AssertionError("3 is not a multiple of 5")
