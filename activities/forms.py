from django import forms
from django.utils import timezone

from core.concurrency import GuardedForm
from core.forms import MoneyField
from initiatives.forms import DATE
from units.models import Unit

from . import services
from .models import Activity, CovenantRule, CovenantUpdate


class ActivityForm(GuardedForm, forms.ModelForm):
    photo = forms.FileField(label="Ảnh (chụp bằng điện thoại hoặc chọn ảnh)", required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    caption = forms.CharField(label="Chú thích ảnh", max_length=250, required=False)

    class Meta:
        model = Activity
        fields = ["unit", "organisation", "held_on", "title", "participants", "households", "sessions", "articles",
                  "commended", "money_spent", "money_mobilised", "integrates_environment",
                  "integrates_crime_prevention", "integrates_civilised_lifestyle", "highlights"]
        widgets = {"held_on": DATE, "highlights": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"money_spent": MoneyField, "money_mobilised": MoneyField}

    def __init__(self, *args, user, kind, context_unit: Unit, with_photo=True, **kwargs):
        super().__init__(*args, **kwargs)
        keep = set(services.COMMON_FIELDS + services.KIND_FIELDS[Activity.Kind(kind)])
        for name in list(self.fields):
            if name not in keep and name not in ("photo", "caption", "once", "version"):
                del self.fields[name]
        if not with_photo:
            del self.fields["photo"], self.fields["caption"]
        units = services.unit_choices(user, context_unit, kind)
        if self.instance.pk and self.instance.unit not in units:
            units.insert(0, self.instance.unit)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("depth", "sort_key")
        self.fields["unit"].empty_label = None
        self.fields["organisation"].queryset = services.organisation_choices(
            user, self.instance.unit if self.instance.pk else context_unit)
        self.fields["organisation"].empty_label = "Mặt trận Tổ quốc (Ban Công tác Mặt trận, Ủy ban MTTQ)"
        if services.scope.organisation_filter(user):
            self.fields["organisation"].empty_label = None
            self.fields["organisation"].required = True
        if kind == Activity.Kind.GREAT_UNITY_DAY:
            self.fields["title"].initial = "Ngày hội Đại đoàn kết toàn dân tộc"
        self.fields["held_on"].initial = timezone.localdate
        for name in ("participants", "households", "sessions", "articles", "commended"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": 0})

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Ngày tổ chức không được sau hôm nay.")
        return day


class CovenantForm(GuardedForm, forms.ModelForm):
    class Meta:
        model = CovenantUpdate
        fields = ["unit", "kind", "updated_on", "rules", "approved_by", "note"]
        widgets = {"updated_on": DATE, "rules": forms.CheckboxSelectMultiple,
                   "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, context_unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        units = services.unit_choices(user, context_unit, Activity.Kind.GREAT_UNITY_DAY)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("sort_key")
        self.fields["unit"].empty_label = None
        self.fields["rules"].queryset = CovenantRule.objects.all()
        self.fields["updated_on"].initial = timezone.localdate

    def clean_updated_on(self):
        day = self.cleaned_data["updated_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Ngày thông qua không được sau hôm nay.")
        return day
