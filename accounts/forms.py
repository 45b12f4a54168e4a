from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.forms import DateField
from units.models import MemberOrganisation, Unit

from .models import Role, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khóa.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})


class UserForm(forms.Form):
    username = forms.RegexField(label="Tên đăng nhập", regex=r"^[a-z0-9._-]{3,40}$", max_length=40,
                                error_messages={"invalid": "Chỉ dùng chữ thường không dấu, số, dấu chấm, gạch (3–40 ký tự)."})
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    position = forms.CharField(label="Chức vụ", max_length=150, required=False)
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none())
    organisation = forms.ModelChoiceField(label="Tổ chức thành viên", queryset=MemberOrganisation.objects.none(),
                                          required=False, help_text="Chỉ với cán bộ tổ chức thành viên.")
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, required=False, min_length=8,
                               help_text="Ít nhất 8 ký tự. Để trống khi sửa nếu không đổi.")
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)

    def __init__(self, *args, units, organisations, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["unit"].queryset = units
        self.fields["organisation"].queryset = organisations.select_related("unit")
        if instance is None:
            self.fields["password"].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        clash = User.objects.filter(username=username)
        if self.instance:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Tên đăng nhập này đã có người dùng.")
        return username

    def clean(self):
        data = super().clean()
        role, unit, org = data.get("role"), data.get("unit"), data.get("organisation")
        if role == Role.ORG_OFFICER and not org:
            self.add_error("organisation", "Cán bộ tổ chức thành viên cần chọn tổ chức.")
        if org and unit and org.unit_id != unit.pk:
            self.add_error("organisation", "Tổ chức thành viên phải thuộc đơn vị đã chọn.")
        if role == Role.AREA_HEAD and unit and not unit.is_area:
            self.add_error("unit", "Trưởng Ban Công tác Mặt trận phải gắn với một khu dân cư.")
        return data


class HistoryFilterForm(forms.Form):
    actor = forms.ModelChoiceField(label="Người thực hiện", queryset=User.objects.none(), required=False)
    date_from = DateField(label="Từ ngày", required=False)
    date_to = DateField(label="Đến ngày", required=False)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors
