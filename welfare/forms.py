import datetime

from django import forms

from core.concurrency import GuardedForm
from core.forms import CountField, DateField, MoneyField
from units.models import Level, MemberOrganisation

from .models import KIND_DETAILS, CircumstanceTag, Kind, Source, Status

THIS_YEAR = datetime.date.today().year


class VietnameseNullBoolean(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Không ghi"), ("true", "Có"), ("false", "Không")]


def year_choices():
    return [(y, str(y)) for y in range(THIS_YEAR + 1, THIS_YEAR - 6, -1)]


class HouseholdForm(GuardedForm, forms.Form):
    area = forms.ModelChoiceField(label="Khu dân cư", queryset=None, empty_label="— chọn khu dân cư —")
    head_name = forms.CharField(label="Họ tên chủ hộ", max_length=120)
    id_number = forms.CharField(label="Số định danh (CCCD) chủ hộ", max_length=20, required=False,
                                help_text="12 chữ số; không bắt buộc. Luôn hiển thị dạng che.")
    members = CountField(label="Số nhân khẩu", min_value=1, max_value=50, initial=1)
    year = forms.TypedChoiceField(label="Danh sách năm", coerce=int, choices=year_choices, initial=THIS_YEAR)
    status = forms.ChoiceField(label="Phân loại", choices=Status.choices)
    circumstances = forms.ModelMultipleChoiceField(label="Hoàn cảnh", queryset=None, required=False,
                                                   widget=forms.CheckboxSelectMultiple)
    ethnicity = forms.CharField(label="Dân tộc", max_length=40, required=False)
    has_disability = forms.NullBooleanField(label="Có người khuyết tật", required=False, widget=VietnameseNullBoolean)
    health_note = forms.CharField(label="Tình trạng sức khỏe", max_length=200, required=False)
    note = forms.CharField(label="Ghi chú", max_length=200, required=False)

    clear_id_number = forms.BooleanField(label="Xóa số định danh đang lưu", required=False)

    def __init__(self, *args, unit, sensitive: bool, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        if instance is not None and instance.id_number:
            # the edit form never carries the stored number: empty keeps it, a new number replaces it
            self.fields["id_number"].help_text = (f"Đang lưu: {instance.masked_id}. Để trống nếu không đổi; "
                                                  "nhập số mới để thay.")
        else:
            del self.fields["clear_id_number"]
        if unit.level == Level.AREA:
            self.fields["area"].queryset = unit.__class__.objects.filter(pk=unit.pk)
            self.fields["area"].initial = unit.pk
        else:
            self.fields["area"].queryset = unit.__class__.objects.subtree(unit).filter(level=Level.AREA).ordered()
        tags = CircumstanceTag.objects.all()
        self.fields["circumstances"].queryset = tags if sensitive else tags.filter(is_sensitive=False)
        if not sensitive:
            for name in ("ethnicity", "has_disability", "health_note"):
                del self.fields[name]

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].replace(" ", "")
        if value and (not value.isdigit() or len(value) != 12):
            raise forms.ValidationError("Số định danh (CCCD) gồm đúng 12 chữ số.")
        return value


class ImportForm(forms.Form):
    year = forms.TypedChoiceField(label="Danh sách năm", coerce=int, choices=year_choices, initial=THIS_YEAR)
    file = forms.FileField(label="Tệp danh sách hộ (.xlsx hoặc .csv)")


class ListImportForm(forms.Form):
    file = forms.FileField(label="Tệp danh sách (.xlsx hoặc .csv)",
                           help_text="Theo cột của tệp mẫu; nếu có lỗi, không dòng nào được ghi.")


class ExportForm(forms.Form):
    fmt = forms.ChoiceField(label="Định dạng", choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV")])
    year = forms.TypedChoiceField(label="Danh sách năm", coerce=int, choices=year_choices, initial=THIS_YEAR)
    unmask = forms.BooleanField(label="Xuất số định danh đầy đủ (không che)", required=False)
    reason = forms.CharField(label="Lý do xuất dữ liệu", max_length=300, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Bắt buộc khi xuất số định danh đầy đủ; được ghi vào nhật ký.")

    def __init__(self, *args, can_unmask: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_unmask = can_unmask
        if not can_unmask:
            del self.fields["unmask"]

    def clean(self):
        data = super().clean()
        if data.get("unmask") and len((data.get("reason") or "").strip()) < 10:
            self.add_error("reason", "Ghi rõ lý do (ít nhất 10 ký tự) khi xuất số định danh đầy đủ.")
        return data


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label="Loại hỗ trợ", choices=Kind.choices)
    detail = forms.ChoiceField(label="Chi tiết", required=False, choices=[("", "—")] + [
        (d.value, f"{Kind(k).label}: {d.label}") for k, details in KIND_DETAILS.items() for d in details],
        help_text="Dịp tặng quà; loại sinh kế; xây mới hay sửa chữa nhà.")
    date = DateField(label="Ngày hỗ trợ")
    amount = MoneyField(label="Giá trị (đồng)", min_value=0, initial=0,
                                help_text="Tiền mặt, hoặc giá trị quy ra tiền của hiện vật.")
    in_kind = forms.BooleanField(label="Hỗ trợ bằng hiện vật", required=False)
    in_kind_description = forms.CharField(label="Hiện vật gồm", max_length=200, required=False)
    source = forms.ChoiceField(label="Nguồn", choices=Source.choices)
    sponsor_name = forms.CharField(label="Tên nhà tài trợ / quỹ / nguồn", max_length=200, required=False)
    organisation = forms.ModelChoiceField(label="Tổ chức thành viên", queryset=None, required=False,
                                          empty_label="— chọn khi nguồn là tổ chức thành viên —")
    house_started_on = DateField(label="Ngày khởi công (nhà)", required=False)
    house_handed_over_on = DateField(label="Ngày bàn giao (nhà)", required=False)
    description = forms.CharField(label="Nội dung", max_length=300, required=False)
    adoption = forms.ModelChoiceField(label="Theo phân công nhận giúp đỡ", queryset=None, required=False,
                                      empty_label="— không —",
                                      help_text="Hỗ trợ của đơn vị nhận giúp đỡ hộ: ghi một lần ở đây, tính cả "
                                                "vào hỗ trợ của hộ và vào việc nhận giúp đỡ.")

    def __init__(self, *args, organisations, fixed_organisation=None, adoptions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if adoptions is not None and adoptions.exists():
            self.fields["adoption"].queryset = adoptions
        else:
            del self.fields["adoption"]
        if fixed_organisation is not None:
            for name in ("source", "sponsor_name", "organisation"):
                del self.fields[name]


class PrivacyRightsForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    sensitive = forms.BooleanField(required=False)
    export = forms.BooleanField(required=False)


def organisations_for(unit):
    return MemberOrganisation.objects.filter(unit__in=unit.ancestors() + [unit]) if unit else \
        MemberOrganisation.objects.none()


YEAR = {"inputmode": "numeric", "min": 2000, "max": 2100}


class AdoptionForm(forms.Form):
    adopter = forms.ChoiceField(label="Đơn vị nhận giúp đỡ")
    from_year = forms.IntegerField(label="Từ năm", min_value=2000, max_value=2100,
                                   widget=forms.NumberInput(attrs=YEAR))
    to_year = forms.IntegerField(label="Đến năm", min_value=2000, max_value=2100,
                                 widget=forms.NumberInput(attrs=YEAR))
    commitment = forms.CharField(label="Nội dung giúp đỡ", max_length=300, required=False,
                                 help_text="Ví dụ: hỗ trợ con giống, hướng dẫn cách làm ăn, vận động con đi học")
    ended_early_on = DateField(label="Dừng giúp đỡ từ ngày", required=False,
                                     help_text="Chỉ ghi khi dừng trước thời hạn.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisations, fronts, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {f"o{o.pk}": o for o in organisations}
        self.fronts = {f"f{u.pk}": u for u in fronts}
        self.fields["adopter"].choices = [(k, o.name) for k, o in self.organisations.items()] + [
            (k, f"Mặt trận Tổ quốc {u.name}") for k, u in self.fronts.items()]

    def clean(self):
        data = super().clean()
        key = data.get("adopter", "")
        data["organisation"], data["front_unit"] = self.organisations.get(key), self.fronts.get(key)
        return data


class SponsorshipForm(forms.Form):
    unit = forms.ModelChoiceField(label="Khu dân cư của trẻ", queryset=None, empty_label=None)
    child_name = forms.CharField(label="Họ tên trẻ", max_length=120)
    birth_year = forms.IntegerField(label="Năm sinh", widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    circumstance = forms.CharField(label="Hoàn cảnh", max_length=200, required=False,
                                   help_text="Ví dụ: mồ côi cha, mồ côi cả cha và mẹ")
    organisation = forms.ModelChoiceField(label="Tổ chức đỡ đầu", queryset=None, required=False,
                                          empty_label="— người, đơn vị khác (ghi tên ở dưới) —")
    sponsor_name = forms.CharField(label="Người, đơn vị đỡ đầu", max_length=200, required=False)
    monthly_amount = MoneyField(label="Số tiền mỗi tháng (đồng)", min_value=0)
    starts_on = DateField(label="Từ ngày")
    ends_on = DateField(label="Đến ngày", required=False, help_text="Để trống nếu chưa xác định.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, areas, organisations, fixed_organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = areas
        self.fields["organisation"].queryset = organisations
        if fixed_organisation is not None:
            del self.fields["organisation"], self.fields["sponsor_name"]
