from django import forms

from accounts.models import User
from core.collation import vi
from core.forms import CountField, DateField
from units.models import Level

from .models import ApiToken, Permission


class TokenForm(forms.Form):
    name = forms.CharField(label="Tên gợi nhớ", max_length=150, required=False,
                           help_text="Ví dụ: Đồng bộ số liệu với Mặt trận số")
    holder_kind = forms.ChoiceField(label="Cấp cho", choices=ApiToken.HolderKind.choices)
    holder_name = forms.CharField(label="Tên hệ thống đối tác", max_length=150, required=False)
    user = forms.ModelChoiceField(label="Tài khoản sử dụng", queryset=User.objects.none(), empty_label="— Chọn tài khoản —",
                                  help_text="Mã truy cập hành động với vai trò và phạm vi của tài khoản này.")
    unit = forms.ModelChoiceField(label="Phạm vi (đơn vị và các cấp dưới)", queryset=None, empty_label="— Chọn đơn vị —")
    permissions = forms.MultipleChoiceField(label="Quyền", choices=Permission.choices,
                                            widget=forms.CheckboxSelectMultiple,
                                            initial=[Permission.READ_VALUES, Permission.READ_PLANS])
    expires_on = DateField(label="Hết hạn sau ngày", required=False,
                                 help_text="Để trống: không hết hạn (nên đặt hạn cho hệ thống đối tác).")
    rate_limit = CountField(label="Giới hạn lượt gọi mỗi phút", min_value=1, max_value=6000, required=False)

    def __init__(self, *args, users, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users.filter(is_active=True).order_by("unit__path", vi("full_name"))
        self.fields["unit"].queryset = units.exclude(level=Level.AREA).order_by("path")


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp số liệu (.csv, .xlsx, .json)")


class SignedPdfForm(forms.Form):
    file = forms.FileField(label="Tệp PDF đã ký số")
