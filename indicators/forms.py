from django import forms

from units.models import Level

from . import targets
from .models import Measure

LEVELS = [("", "—"), (Level.AREA, "Khu dân cư"), (Level.COMMUNE, "Xã, phường, đặc khu"),
          (Level.PROVINCE, "Tỉnh, thành phố")]
COMPARATORS = [(k, v) for k, v in targets.COMPARATOR_LABELS.items()]


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["code", "name", "unit_label", "value_type", "level", "aggregation", "numerator", "denominator",
                  "scale", "content", "by_organisation", "description"]
        help_texts = {"code": "Chữ thường không dấu, số, gạch nối hoặc gạch dưới; không đổi sau khi tạo."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parts = Measure.objects.filter(aggregation__in=["sum", "count_yes"])
        self.fields["numerator"].queryset = parts
        self.fields["denominator"].queryset = parts


class TargetCheckForm(forms.Form):
    measure = forms.ModelChoiceField(Measure.objects.filter(is_active=True), label="Chỉ số")
    scope = forms.ChoiceField(choices=list(targets.SCOPES.items()), label="Phạm vi")
    level = forms.ChoiceField(choices=LEVELS, required=False, label="Cấp đơn vị (từng đơn vị / tỷ lệ đơn vị)")
    comparator = forms.ChoiceField(choices=COMPARATORS, label="So sánh")
    threshold = forms.DecimalField(label="Ngưỡng (tỷ lệ đơn vị: %)", max_digits=20, decimal_places=4)
    unit_comparator = forms.ChoiceField(choices=[("", "mặc định")] + COMPARATORS, required=False,
                                        label="Điều kiện của mỗi đơn vị")
    unit_threshold = forms.DecimalField(required=False, max_digits=20, decimal_places=4,
                                        label="Ngưỡng của mỗi đơn vị (mặc định ≥ 1 hoặc “có”)")

    def clean(self):
        data = super().clean()
        if data.get("scope") in (targets.EACH_UNIT, targets.SHARE_OF_UNITS) and not data.get("level"):
            self.add_error("level", "Chọn cấp đơn vị cho chỉ tiêu theo từng đơn vị hoặc tỷ lệ đơn vị.")
        if bool(data.get("unit_comparator")) != (data.get("unit_threshold") is not None):
            self.add_error("unit_threshold", "Nhập cả điều kiện và ngưỡng của mỗi đơn vị, hoặc bỏ trống cả hai.")
        return data
