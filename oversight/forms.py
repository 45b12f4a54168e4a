from django import forms

from core.concurrency import GuardedForm
from core.forms import DateField

from .models import Recommendation, Supervision



class AgencyForm(forms.Form):
    name = forms.CharField(label="Tên cơ quan", max_length=250,
                           widget=forms.TextInput(attrs={"placeholder": "Ví dụ: UBND xã Đồng Phúc"}))


class SupervisionForm(GuardedForm, forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=Supervision.Kind.choices)
    subject_kind = forms.ChoiceField(label="Đối tượng là", choices=Supervision.SubjectKind.choices)
    subject = forms.CharField(label="Đối tượng giám sát, phản biện", max_length=300,
                              widget=forms.TextInput(attrs={"placeholder": "Ví dụ: Công trình đường bê tông thôn Nà Hai"}))
    team = forms.CharField(label="Thành phần đoàn", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    start = DateField(label="Từ ngày")
    end = DateField(label="Đến ngày")
    findings = forms.CharField(label="Kết quả, phát hiện", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    minutes = forms.FileField(label="Biên bản (PDF, DOCX, ảnh; tối đa 10 MB)", required=False,
                              widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "Ngày kết thúc trước ngày bắt đầu.")
        return data


class RecommendationForm(GuardedForm, forms.Form):
    agency = forms.ModelChoiceField(label="Cơ quan tiếp nhận", queryset=None)
    content = forms.CharField(label="Nội dung kiến nghị", widget=forms.Textarea(attrs={"rows": 4}))
    sent_on = DateField(label="Ngày gửi")
    due_on = DateField(label="Hạn trả lời")
    supervision = forms.ModelChoiceField(label="Từ cuộc giám sát, phản biện", queryset=None, required=False)
    opinion_summary = forms.ModelChoiceField(label="Hoặc từ tình hình Nhân dân (quý)", queryset=None,
                                             required=False)

    def __init__(self, *args, agencies, supervisions, opinions, **kw):
        super().__init__(*args, **kw)
        self.fields["agency"].queryset = agencies
        self.fields["supervision"].queryset = supervisions
        self.fields["opinion_summary"].queryset = opinions

    def clean(self):
        data = super().clean()
        if data.get("sent_on") and data.get("due_on") and data["due_on"] < data["sent_on"]:
            self.add_error("due_on", "Hạn trả lời trước ngày gửi.")
        return data


class AnswerForm(forms.Form):
    on = DateField(label="Ngày cơ quan trả lời")
    answer = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 3}))


class ConcludeForm(forms.Form):
    to_status = forms.ChoiceField(label="Kết luận", widget=forms.RadioSelect, choices=[
        (Recommendation.Status.RESOLVED, "Đã giải quyết"), (Recommendation.Status.UNRESOLVED, "Chưa giải quyết được")])
    on = DateField(label="Ngày kết luận")
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OpinionForm(forms.Form):
    situation = forms.CharField(label="Tình hình tư tưởng, dư luận Nhân dân", widget=forms.Textarea(attrs={"rows": 8}))
    concerns = forms.CharField(label="Ý kiến, kiến nghị của Nhân dân", required=False,
                               widget=forms.Textarea(attrs={"rows": 5}))
