from django import forms

from core.concurrency import GuardedForm
from core.forms import DateField

from .models import CommitteeKind

MEMBERS_HELP = ("Mỗi dòng một người: Họ và tên; Chức danh trong ban; Chức vụ, cơ quan. Ví dụ: "
                "Nguyễn Văn An; Trưởng ban; Chủ tịch Ủy ban MTTQ xã")
FILE_HELP = ("Theo cột của tệp mẫu (STT; Họ và tên; Chức danh trong ban; Chức vụ, cơ quan). Nếu tệp có lỗi, "
             "không thành viên nào được ghi.")


def _date(label, required=True):
    return DateField(label=label, required=required)


class EstablishForm(GuardedForm, forms.Form):
    kind = forms.ModelChoiceField(label="Loại ban", queryset=CommitteeKind.objects.filter(is_active=True),
                                  empty_label="— chọn loại ban —")
    name = forms.CharField(label="Tên ban", max_length=300, required=False, help_text="Để trống: dùng tên loại ban.")
    decision_number = forms.CharField(label="Số quyết định", max_length=40, required=False,
                                      help_text="Ví dụ: 25/QĐ-MTTQ-BTT; để trống nếu chưa vào sổ văn bản.")
    decided_on = _date("Ngày quyết định")
    started_on = _date("Hiệu lực từ ngày", required=False)
    members = forms.CharField(label="Thành viên", required=False, widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=MEMBERS_HELP + ". Hoặc chọn tệp danh sách bên dưới.")
    members_file = forms.FileField(label="Hoặc tệp danh sách thành viên (.xlsx, .csv)", required=False,
                                   help_text=FILE_HELP)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class RenewForm(GuardedForm, forms.Form):
    decision_number = forms.CharField(label="Số quyết định kiện toàn", max_length=40, required=False)
    decided_on = _date("Ngày quyết định")
    started_on = _date("Hiệu lực từ ngày", required=False)
    keep = forms.MultipleChoiceField(label="Giữ lại các thành viên", required=False,
                                     widget=forms.CheckboxSelectMultiple)
    members = forms.CharField(label="Thành viên mới", required=False, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=MEMBERS_HELP)
    members_file = forms.FileField(label="Thành viên mới từ tệp (.xlsx, .csv)", required=False, help_text=FILE_HELP)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, current_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(str(m.pk), f"{m.full_name} — {m.position}"
                                        + (f" ({m.office})" if m.office else "")) for m in current_members]


class TermForm(GuardedForm, forms.Form):
    decision_number = forms.CharField(label="Số quyết định", max_length=40, required=False)
    decided_on = _date("Ngày quyết định")
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class MemberForm(GuardedForm, forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    position = forms.CharField(label="Chức danh trong ban", max_length=120,
                               help_text="Trưởng ban, Phó Trưởng ban, Ủy viên thường trực, Thành viên …")
    office = forms.CharField(label="Chức vụ, cơ quan/đơn vị", max_length=200, required=False)
    started_on = _date("Từ ngày", required=False)
    ended_on = _date("Thôi tham gia từ ngày", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and self.instance.pk:
            del self.fields["started_on"]
        else:
            del self.fields["ended_on"]


class KindForm(GuardedForm, forms.ModelForm):
    class Meta:
        model = CommitteeKind
        fields = ["code", "name", "duties", "order", "is_active"]
