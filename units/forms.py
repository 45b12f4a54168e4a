from django import forms

from core.concurrency import GuardedForm
from core.forms import CountField

from .models import Kind, OrganisationKind
from .services import AREA_KINDS


class AreaForm(GuardedForm, forms.Form):
    code = forms.CharField(label="Mã khu dân cư", max_length=20, help_text="Mã trong xã, ví dụ 01, NH.")
    name = forms.CharField(label="Tên", max_length=150, help_text="Ví dụ: Nà Hai (loại sẽ được ghép vào tên).")
    kind = forms.ChoiceField(label="Loại", choices=[(k.value, k.label) for k in Kind if k in AREA_KINDS])
    households = CountField(label="Số hộ", required=False, min_value=0)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)

    def __init__(self, *args, commune, instance=None, **kwargs):
        self.commune = commune
        super().__init__(*args, instance=instance, **kwargs)  # GuardedForm: `version` to edit, `once` to add

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = self.commune.children.filter(code=code)
        if self.instance:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Mã “{code}” đã có trong {self.commune.name}.")
        return code


class AreaImportForm(forms.Form):
    file = forms.FileField(label="Tệp danh sách (.xlsx hoặc .csv)")


class OrganisationForm(forms.Form):
    kind = forms.ModelChoiceField(label="Loại tổ chức", queryset=OrganisationKind.objects.all())
    name = forms.CharField(label="Tên tổ chức", max_length=250, required=False,
                           help_text="Để trống để dùng tên chuẩn, ví dụ “Hội Nông dân xã Đồng Phúc”.")


class UnitAttributesForm(GuardedForm, forms.Form):
    """Attributes an administrator keeps on any unit: flags, households, leaders, active/merged."""

    households = CountField(label="Số hộ", required=False, min_value=0)
    chair_name = forms.CharField(label="Chủ tịch Ủy ban MTTQ", max_length=100, required=False,
                                 help_text="Họ và tên; kế hoạch mới của đơn vị điền sẵn người ký từ đây.")
    vice_chair_name = forms.CharField(label="Phó Chủ tịch thường trực", max_length=100, required=False,
                                      help_text="Người ký khi chưa có tên Chủ tịch.")
    tags = forms.ModelMultipleChoiceField(label="Nhãn", queryset=None, required=False,
                                          widget=forms.CheckboxSelectMultiple,
                                          help_text="Ví dụ: xã phía Bắc, xã đặc biệt khó khăn.")
    new_tag = forms.CharField(label="Thêm nhãn mới", max_length=120, required=False)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False)
    merged_into = forms.ModelChoiceField(label="Sáp nhập vào", queryset=None, required=False,
                                         help_text="Khi đơn vị đã sáp nhập: chọn đơn vị cùng cấp nhận sáp nhập.")

    def __init__(self, *args, unit, siblings, **kwargs):
        from .models import UnitTag

        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["tags"].queryset = UnitTag.objects.all()
        self.fields["merged_into"].queryset = siblings

    def clean(self):
        data = super().clean()
        if data.get("merged_into") and data.get("is_active"):
            self.add_error("is_active", "Đơn vị đã sáp nhập thì không còn hoạt động.")
        return data


class LeadersForm(GuardedForm, forms.Form):
    """The Front committee's chair and standing vice-chair: who signs the unit's plans."""

    chair_name = forms.CharField(label="Chủ tịch Ủy ban MTTQ", max_length=100, required=False,
                                 help_text="Họ và tên; kế hoạch mới của đơn vị điền sẵn người ký từ đây.")
    vice_chair_name = forms.CharField(label="Phó Chủ tịch thường trực", max_length=100, required=False,
                                      help_text="Người ký khi chưa có tên Chủ tịch.")
