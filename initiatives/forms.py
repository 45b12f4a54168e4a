import datetime

from django import forms
from django.utils import timezone

from campaign.models import CriteriaSet, Criterion
from core.concurrency import GuardedForm
from core.forms import CountField, DateField, MoneyField
from units.models import Unit

from . import services
from .models import Initiative, Topic



def current_criteria(unit=None):
    """The criteria in force today that fit `unit` (a commune's models serve new-rural criteria, a ward's
    civilised-urban ones; campaign.fit)."""
    from campaign import fit

    today = timezone.localdate()
    sets = [s for s in (CriteriaSet.current(k, today) for k in (CriteriaSet.Kind.NEW_RURAL, CriteriaSet.Kind.CIVILISED_URBAN))
            if s]
    return fit.criteria(Criterion.objects.filter(criteria_set__in=sets).select_related("criteria_set"), unit)


class CriterionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        prefix = "ĐTVM" if obj.criteria_set.kind == CriteriaSet.Kind.CIVILISED_URBAN else "NTM"
        return f"{prefix} {obj.number}. {obj.name}"


class InitiativeForm(GuardedForm, forms.ModelForm):
    criteria = CriterionField(label="Tiêu chí", queryset=Criterion.objects.none(), required=False,
                              widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Initiative
        fields = ["kind", "title", "unit", "organisation", "content", "criteria", "topics", "is_pilot",
                  "is_self_managed", "started_on", "description", "money", "workdays", "land_m2", "is_exemplary"]
        widgets = {"topics": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"money": MoneyField, "started_on": DateField, "workdays": CountField,
                         "land_m2": CountField}

    def __init__(self, *args, user, context_unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        units = services.unit_choices(user, context_unit)
        if self.instance.pk and self.instance.unit not in units:
            units.insert(0, self.instance.unit)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("depth", "sort_key")
        self.fields["unit"].empty_label = None
        base = self.instance.unit if self.instance.pk else context_unit
        orgs = services.organisation_choices(user, base)
        if self.instance.pk and self.instance.organisation_id and not services.scope.organisation_filter(user):
            from django.db.models import Q

            from units.models import MemberOrganisation

            orgs = MemberOrganisation.objects.filter(Q(pk__in=orgs.values("pk")) | Q(pk=self.instance.organisation_id))
        self.fields["organisation"].queryset = orgs
        self.fields["organisation"].empty_label = "Mặt trận Tổ quốc (không phải tổ chức thành viên)"
        if services.scope.organisation_filter(user):
            self.fields["organisation"].empty_label = None
            self.fields["organisation"].required = True
        self.fields["topics"].queryset = Topic.objects.filter(is_active=True)
        self.fields["criteria"].queryset = current_criteria(base)
        self.fields["content"].empty_label = "— chọn nội dung —"

    def clean(self):
        data = super().clean()
        unit, org = data.get("unit"), data.get("organisation")
        if unit and org and not unit.is_within(org.unit):
            self.add_error("organisation", f"{org.name} không hoạt động ở {unit.name}.")
        from campaign import fit

        for criterion in data.get("criteria") or []:
            if unit and not fit.fits(unit, criterion.criteria_set.kind):
                self.add_error("criteria", fit.refusal(unit, criterion.criteria_set.kind))
                break
        return data


class EvaluateForm(forms.Form):
    rating = forms.ChoiceField(label="Kết quả đánh giá", choices=Initiative.Rating.choices, widget=forms.RadioSelect)
    evaluated_on = DateField(label="Ngày đánh giá", initial=timezone.localdate)
    notes = forms.CharField(label="Nhận xét", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DateForm(forms.Form):
    on = DateField(label="Ngày", initial=timezone.localdate)
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReplicateForm(forms.Form):
    units = forms.ModelMultipleChoiceField(label="Nhân rộng đến", queryset=Unit.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)
    on = DateField(label="Ngày bắt đầu ở nơi mới", initial=timezone.localdate)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class PhotoForm(forms.Form):
    image = forms.FileField(label="Ảnh (chụp hoặc chọn từ máy)",
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    caption = forms.CharField(label="Chú thích", max_length=250, required=False)


class DriveForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    deadline = DateField(label="Hạn đăng ký")
    note = forms.CharField(label="Hướng dẫn gửi các tổ chức", widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["year"].initial = year
        self.fields["deadline"].initial = datetime.date(year, 2, 15)


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp danh sách (.xlsx theo mẫu)")


class ShowcaseFilter(forms.Form):
    content = forms.ChoiceField(label="Nội dung", required=False)
    topic = forms.ModelChoiceField(label="Chủ đề", queryset=Topic.objects.filter(is_active=True), required=False,
                                   empty_label="Tất cả chủ đề", to_field_name="code")
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none(), required=False,
                                  empty_label="Toàn bộ phạm vi")
    organisation = forms.ChoiceField(label="Tổ chức", required=False)

    def __init__(self, *args, units, org_kinds, **kwargs):
        super().__init__(*args, **kwargs)
        from campaign.models import Content

        self.fields["content"].choices = [("", "Tất cả nội dung")] + [
            (str(c.number), f"{c.number}. {c.short_name}") for c in Content.objects.all()]
        self.fields["unit"].queryset = units
        self.fields["organisation"].choices = [("", "Mọi chủ thể"), ("mttq", "Mặt trận Tổ quốc")] + [
            (k.code, k.name) for k in org_kinds]
