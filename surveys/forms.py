from django import forms

from campaign import fit
from campaign.models import CriteriaSet
from core.concurrency import GuardedForm
from core.forms import CountField, DateField

from .models import Survey


class SurveyForm(GuardedForm, forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "subject", "criteria_set", "starts_on", "ends_on", "threshold", "min_coverage",
                  "every_question", "intro"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "threshold": forms.NumberInput(attrs={"step": "0.1", "min": 0, "max": 100}),
            "min_coverage": forms.NumberInput(attrs={"step": "0.1", "min": 0, "max": 100}),
        }
        field_classes = {"starts_on": DateField, "ends_on": DateField}
        help_texts = {
            "criteria_set": "Sinh câu hỏi: mỗi tiêu chí một câu, thêm một câu đánh giá chung; sửa được sau đó. "
                            "Để trống: chọn bộ tiêu chí đang áp dụng theo đối tượng và ngày bắt đầu.",
            "threshold": "Ví dụ 90: đạt khi tỷ lệ hài lòng từ 90% trở lên.",
            "min_coverage": "Ví dụ 70: cần ít nhất 70% số hộ trả lời.",
        }

    def __init__(self, *args, communes=None, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the unit the survey is for, when known (editing, or one commune chosen): only what fits it is offered
        unit = unit or (self.instance.unit if self.instance.pk else None)
        self.fields["criteria_set"].queryset = fit.criteria_sets(CriteriaSet.objects.order_by("kind", "-valid_from"),
                                                                 unit)
        self.fields["criteria_set"].empty_label = "— tự chọn theo đối tượng và ngày —"
        # no blank "select an option" entry
        self.fields["subject"].choices = [(k, v) for k, v in Survey.Subject.choices if fit.fits(unit, k)]
        if communes is not None:
            self.fields["unit"] = forms.ModelChoiceField(communes, label="Ủy ban MTTQ xã, phường tổ chức",
                                                         empty_label=None)
            self.order_fields(["unit"])

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
        unit = data.get("unit") or (self.instance.unit if self.instance.pk else None)
        if unit is not None:
            for name in ("subject", "criteria_set"):
                kind = data.get(name) if name == "subject" else getattr(data.get(name), "kind", None)
                if kind and not fit.fits(unit, kind):
                    self.add_error(name, fit.refusal(unit, kind))
        return data


class RosterImportForm(forms.Form):
    file = forms.FileField(label="Tệp danh sách hộ (.xlsx hoặc .csv)")


class CodeForm(forms.Form):
    code = forms.CharField(label="Mã phiếu (8 ký tự, in trên phiếu)", max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "inputmode": "text", "spellcheck": "false"}))


class RosterCountsForm(forms.Form):
    """The number of households of each area, pre-filled from the area (doanket already knows it): changing
    one is an override for this survey that needs a reason."""

    reason = forms.CharField(label="Lý do sửa số hộ", max_length=300, required=False,
                             help_text="Chỉ cần khi sửa số hộ khác số đang ghi của khu dân cư.")

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        fields = {}
        for area in areas:
            fields[f"n-{area.pk}"] = CountField(label=f"Số hộ {area.name}", required=False, initial=area.households)
        self.fields = {**fields, "reason": self.fields["reason"]}

    def rows(self):
        return [(area, self[f"n-{area.pk}"]) for area in self.areas]

    def counts(self) -> dict:
        return {area.pk: self.cleaned_data.get(f"n-{area.pk}") for area in self.areas
                if self.cleaned_data.get(f"n-{area.pk}") is not None}
