import datetime

from django import forms
from django.utils import timezone

from campaign.periods import get_period
from core.forms import DateField

from . import figures
from .models import SECTIONS, ReporterKind


def period_choices(on: datetime.date | None = None):
    year = (on or timezone.localdate()).year
    out = []
    for y in (year, year + 1, year - 1):
        out += [(f"{y}-h1", f"6 tháng đầu năm {y}"), (f"{y}", f"Năm {y}"), (f"{y}-h2", f"6 tháng cuối năm {y}")]
        out += [(f"{y}-q{q}", f"Quý {r} năm {y}") for q, r in zip(range(1, 5), ["I", "II", "III", "IV"])]
    return out


class RoundForm(forms.Form):
    period = forms.ChoiceField(label="Kỳ báo cáo", choices=period_choices)
    name = forms.CharField(label="Tên đợt báo cáo", max_length=250,
                           help_text="Ví dụ: Báo cáo 6 tháng đầu năm 2026 kết quả Cuộc vận động")
    cut_off = DateField(label="Số liệu tính đến ngày")
    due_date = DateField(label="Hạn gửi")
    lock_on = DateField(label="Khóa số liệu từ ngày", required=False,
                              help_text="Để trống nếu chưa khóa. Sau ngày này chỉ đơn vị được gia hạn mới sửa được.")
    reporters = forms.ChoiceField(label="Đơn vị phải báo cáo", choices=ReporterKind.choices)
    include_organisations = forms.BooleanField(label="Cả các tổ chức thành viên cùng cấp", required=False)
    measure_codes = forms.MultipleChoiceField(label="Các chỉ số phải báo cáo", required=False,
                                              widget=forms.CheckboxSelectMultiple)
    remind_days_before = forms.IntegerField(label="Nhắc trước hạn (ngày)", min_value=0, max_value=60, initial=3)

    def __init__(self, *args, measure_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_codes"].choices = measure_choices
        if not measure_choices:
            del self.fields["measure_codes"]

    def clean(self):
        data = super().clean()
        if data.get("cut_off") and data.get("due_date") and data["due_date"] < data["cut_off"]:
            self.add_error("due_date", "Hạn gửi phải sau ngày chốt số liệu.")
        if data.get("lock_on") and data.get("due_date") and data["lock_on"] <= data["due_date"]:
            self.add_error("lock_on", "Ngày khóa số liệu phải sau hạn gửi.")
        if data.get("period"):
            data["period"] = get_period(data["period"])
        data.setdefault("measure_codes", [])
        return data


def form_payload(post) -> dict:
    """The report form's POST as service arguments: values, narratives, general."""
    values = {k[2:]: v for k, v in post.items() if k.startswith("v-")}
    narratives = {str(n): {key: post.get(f"n-{n}-{key}", "") for key, _ in SECTIONS} for n in range(1, 6)}
    return {"values": values, "narratives": narratives, "general": post.get("general", ""),
            "form_token": post.get("form_token", "")}


def parse_version(post) -> int:
    try:
        return int(post.get("version", ""))
    except ValueError:
        return -1
