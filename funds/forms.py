import datetime

from django import forms

from core.concurrency import GuardedForm
from core.forms import DateField, MoneyField

from .models import Category, DonorType, FundKind


def _date(label="Ngày"):
    return DateField(label=label, initial=datetime.date.today)


class OpenFundForm(GuardedForm, forms.Form):
    kind = forms.ChoiceField(label="Loại quỹ", choices=FundKind.choices)
    relief_campaign = forms.CharField(label="Đợt vận động cứu trợ", max_length=200, required=False,
                                      help_text="Chỉ với quỹ cứu trợ, ví dụ “Ủng hộ đồng bào bị thiệt hại do bão số 3”.")
    name = forms.CharField(label="Tên sổ", max_length=200, required=False,
                           help_text="Để trống để dùng tên chuẩn của loại quỹ.")
    opened_on = _date("Ngày mở sổ")
    opening_balance = MoneyField(label="Số dư chuyển sang (đồng)", min_value=0, required=False,
                                         help_text="Số dư cuối năm trước hoặc của sổ cũ; không tính là khoản thu.")


class ReceiptForm(GuardedForm, forms.Form):
    date = _date("Ngày thu")
    amount = MoneyField(label="Số tiền (đồng)", min_value=1, help_text="Với hiện vật: giá trị quy ra tiền.")
    donor_name = forms.CharField(label="Người / đơn vị ủng hộ", max_length=200)
    donor_type = forms.ChoiceField(label="Loại người ủng hộ", choices=DonorType.choices)
    receipt_number = forms.CharField(label="Số biên lai", max_length=40, required=False)
    in_kind = forms.BooleanField(label="Ủng hộ bằng hiện vật", required=False)
    in_kind_description = forms.CharField(label="Hiện vật gồm", max_length=200, required=False)
    description = forms.CharField(label="Nội dung", max_length=300, required=False)


class DisbursementForm(GuardedForm, forms.Form):
    date = _date("Ngày chi")
    amount = MoneyField(label="Số tiền (đồng)", min_value=1)
    category = forms.ChoiceField(label="Khoản chi", choices=Category.choices)
    approval_ref = forms.CharField(label="Quyết định / biên bản phê duyệt", max_length=120,
                                   help_text="Ví dụ: Biên bản họp Ban vận động số 05/BB-BVĐ ngày 10/01/2026.")
    support_record = forms.ModelChoiceField(label="Gắn với lần hỗ trợ hộ (nếu có)", queryset=None, required=False,
                                            empty_label="— không gắn với hộ cụ thể —")
    description = forms.CharField(label="Nội dung", max_length=300, required=False)

    def __init__(self, *args, support_records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_record"].queryset = support_records
        self.fields["support_record"].label_from_instance = (
            lambda s: f"{s.date:%d/%m/%Y} · {s} · {s.unit.name} · {s.amount:,} đ".replace(",", "."))


class TransferForm(GuardedForm, forms.Form):
    target = forms.ModelChoiceField(label="Chuyển đến sổ quỹ", queryset=None, empty_label="— chọn sổ quỹ nhận —")
    date = _date("Ngày chuyển")
    amount = MoneyField(label="Số tiền (đồng)", min_value=1)
    description = forms.CharField(label="Nội dung", max_length=300, required=False)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["target"].label_from_instance = lambda f: f"{f.unit.name} · {f.name}"


class ReverseForm(forms.Form):
    reason = forms.CharField(label="Lý do đảo bút toán", max_length=200)
    date = _date("Ngày ghi bút toán đảo")
