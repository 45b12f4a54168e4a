import datetime

from django import forms

from core.concurrency import GuardedForm
from core.forms import MoneyField

from .models import FundingSource, SpendingItem, Stage


def _date(label, required=False):
    return forms.DateField(label=label, required=required,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class OpenBudgetForm(GuardedForm, forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, initial=lambda: datetime.date.today().year)
    estimate_number = forms.CharField(label="Số văn bản dự toán", max_length=40, required=False,
                                      help_text="Ví dụ: 12/DT-MTTQ-BTT; để trống nếu chưa vào sổ văn bản.")
    estimate_on = _date("Ngày lập dự toán")
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class BudgetForm(GuardedForm, forms.Form):
    estimate_number = forms.CharField(label="Số văn bản dự toán", max_length=40, required=False)
    estimate_on = _date("Ngày lập dự toán")
    settlement_number = forms.CharField(label="Số văn bản quyết toán", max_length=40, required=False)
    settlement_on = _date("Ngày lập quyết toán")
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class LineForm(GuardedForm, forms.Form):
    stage = forms.ChoiceField(label="Phần", choices=Stage.choices)
    activity = forms.CharField(label="Hoạt động, nội dung", max_length=300,
                               help_text="Ví dụ: Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở 12 khu dân cư.")
    item = forms.ModelChoiceField(label="Nội dung chi (Thông tư 121/2017)", queryset=SpendingItem.objects.none(),
                                  empty_label="— chọn nội dung chi —")
    source = forms.ModelChoiceField(label="Nguồn kinh phí", queryset=FundingSource.objects.none(),
                                    empty_label="— chọn nguồn —")
    amount = MoneyField(label="Số tiền (đồng)", min_value=0)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        line = self.instance
        items = SpendingItem.objects.filter(is_active=True)
        sources = FundingSource.objects.filter(is_active=True)
        if line is not None and line.pk:  # an inactive item or source a line already uses stays choosable
            items = SpendingItem.objects.filter(pk=line.item_id) | items
            sources = FundingSource.objects.filter(pk=line.source_id) | sources
            del self.fields["stage"]
        self.fields["item"].queryset = items.distinct()
        self.fields["source"].queryset = sources.distinct()


class ImportForm(forms.Form):
    stage = forms.ChoiceField(label="Thay phần", choices=Stage.choices)
    file = forms.FileField(label="Tệp XLSX hoặc CSV",
                           help_text="Theo cột của tệp xuất ra từ trang này; toàn bộ dòng của phần đã chọn được thay.")


class SpendingItemForm(GuardedForm, forms.ModelForm):
    class Meta:
        model = SpendingItem
        fields = ["code", "name", "basis", "order", "is_active"]


class FundingSourceForm(GuardedForm, forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["code", "name", "kind", "order", "is_active"]

