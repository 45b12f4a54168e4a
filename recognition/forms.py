from django import forms

from core.concurrency import GuardedForm
from core.forms import DateField

from .models import Nomination



class TitleImportForm(forms.Form):
    file = forms.FileField(label="Tệp XLSX hoặc CSV", widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))


class NominationForm(GuardedForm, forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    nominee_type = forms.ChoiceField(label="Đối tượng", choices=Nomination.NomineeType.choices,
                                     widget=forms.RadioSelect)
    nominee_unit = forms.ModelChoiceField(label="Tập thể là khu dân cư, đơn vị (nếu có)", queryset=None,
                                          required=False)
    nominee_organisation = forms.ModelChoiceField(label="Tập thể là tổ chức thành viên (nếu có)", queryset=None,
                                                  required=False)
    nominee_name = forms.CharField(label="Tên tập thể / họ và tên cá nhân", max_length=250, required=False,
                                   help_text="Để trống nếu đã chọn đơn vị hoặc tổ chức ở trên")
    nominee_detail = forms.CharField(label="Chức vụ, địa chỉ", max_length=250, required=False)
    achievement = forms.CharField(label="Thành tích", widget=forms.Textarea(attrs={"rows": 4}))
    linked_text = forms.CharField(label="Mô hình, hoạt động gắn với thành tích", max_length=300, required=False)
    award_form = forms.CharField(label="Hình thức đề nghị", max_length=120, initial="Giấy khen",
                                 help_text="Ví dụ: Giấy khen của UB MTTQ xã, Bằng khen của UB MTTQ tỉnh")

    def __init__(self, *args, units, organisations, **kw):
        super().__init__(*args, **kw)
        self.fields["nominee_unit"].queryset = units
        self.fields["nominee_organisation"].queryset = organisations


class ReviewForm(GuardedForm, forms.Form):
    decision = forms.ChoiceField(label="Kết quả xét", widget=forms.RadioSelect,
                                 choices=[("approve", "Đồng ý, trình khen thưởng"), ("reject", "Không đề nghị")])
    on = DateField(label="Ngày xét")
    note = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(GuardedForm, forms.Form):
    number = forms.CharField(label="Số quyết định", max_length=60,
                             widget=forms.TextInput(attrs={"placeholder": "Ví dụ: 125/QĐ-MTTQ-BTT"}))
    date = DateField(label="Ngày quyết định")
    level = forms.ChoiceField(label="Cấp khen thưởng", choices=Nomination.Level.choices)


class ExemplaryForm(GuardedForm, forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    name = forms.CharField(label="Họ và tên", max_length=200)
    description = forms.CharField(label="Giới thiệu ngắn", max_length=250,
                                  widget=forms.TextInput(attrs={"placeholder": "Ví dụ: Trưởng thôn, hiến 300 m² đất làm đường"}))
    story = forms.CharField(label="Câu chuyện", widget=forms.Textarea(attrs={"rows": 8}))
    photo = forms.FileField(label="Ảnh (JPG, PNG; tối đa 5 MB)", required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png"}))
    nomination = forms.ModelChoiceField(label="Gắn với đề nghị khen thưởng", queryset=None, required=False)

    def __init__(self, *args, nominations, **kw):
        super().__init__(*args, **kw)
        self.fields["nomination"].queryset = nominations
