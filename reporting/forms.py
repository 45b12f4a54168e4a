import datetime

from django import forms
from django.utils import timezone

from campaign.periods import get_period
from core.concurrency import GuardedForm
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


class RoundForm(GuardedForm, forms.Form):
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

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        self.fields["measure_codes"].choices = [(m.code, measure_label(m)) for m in self.measures]
        if not self.measures:
            del self.fields["measure_codes"]

    def measure_groups(self) -> list[dict]:
        """The measures as checkboxes grouped by the campaign's five contents (then those of no content), each
        group with how many are ticked — the page shows a group open when something in it is ticked."""
        if "measure_codes" not in self.fields:
            return []
        ticked = {str(c) for c in (self["measure_codes"].value() or [])}
        groups: dict = {}
        for m in self.measures:
            key = m.content.number if m.content_id else 99
            group = groups.setdefault(key, {"title": str(m.content) if m.content_id else "Chỉ số chung",
                                            "items": [], "ticked": 0})
            group["items"].append({"code": m.code, "label": measure_label(m), "ticked": m.code in ticked})
            group["ticked"] += m.code in ticked
        return [groups[k] for k in sorted(groups)]

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


def measure_label(m) -> str:
    return f"{m.name}{f' ({m.unit_label})' if m.unit_label else ''}"


def form_payload(post) -> dict:
    """The report form's POST as service arguments: values, narratives, general."""
    values = {k[2:]: v for k, v in post.items() if k.startswith("v-")}
    narratives = {str(n): {key: post.get(f"n-{n}-{key}", "") for key, _ in SECTIONS} for n in range(1, 6)}
    review = {k[2:]: v for k, v in post.items() if k.startswith("r-")}
    if review:  # a review round's outline sections (reporting.reviews)
        narratives["review"] = review
    return {"values": values, "narratives": narratives, "general": post.get("general", ""),
            "form_token": post.get("form_token", "")}


def parse_version(post) -> int:
    try:
        return int(post.get("version", ""))
    except ValueError:
        return -1


class ReviewRoundForm(GuardedForm, forms.Form):
    """A review round (sơ kết, tổng kết) over a year or a phase, following an outline."""

    kind = forms.ChoiceField(label="Loại", choices=[("tong_ket", "Tổng kết"), ("so_ket", "Sơ kết")])
    period = forms.CharField(label="Năm hoặc giai đoạn", max_length=20,
                             help_text="Ví dụ: 2026 (sơ kết 01 năm), 2016-2020 (tổng kết 5 năm), 2003-2023 (tổng kết "
                                       "20 năm Ngày hội Đại đoàn kết toàn dân tộc).")
    outline = forms.ModelChoiceField(label="Đề cương", queryset=None, empty_label=None)
    name = forms.CharField(label="Tên đợt", max_length=250,
                           help_text="Ví dụ: Báo cáo tổng kết 5 năm thực hiện Cuộc vận động giai đoạn 2016–2020")
    cut_off = DateField(label="Số liệu tính đến ngày")
    due_date = DateField(label="Hạn gửi")
    reporters = forms.ChoiceField(label="Đơn vị phải báo cáo", choices=ReporterKind.choices)
    include_organisations = forms.BooleanField(label="Cả các tổ chức thành viên cùng cấp", required=False)
    remind_days_before = forms.IntegerField(label="Nhắc trước hạn (ngày)", min_value=0, max_value=60, initial=5)

    def __init__(self, *args, outlines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outline"].queryset = outlines

    def clean_period(self):
        code = self.cleaned_data["period"].strip().replace("–", "-").replace(" ", "")
        try:
            return get_period(code)
        except ValueError:
            raise forms.ValidationError("Kỳ không hợp lệ: ghi năm (2026) hoặc giai đoạn (2016-2020).") from None

    def clean(self):
        data = super().clean()
        if data.get("cut_off") and data.get("due_date") and data["due_date"] < data["cut_off"]:
            self.add_error("due_date", "Hạn gửi phải sau ngày chốt số liệu.")
        return data


class OutlineSectionForm(forms.Form):
    label = forms.CharField(label="Số mục", max_length=12, required=False,
                            widget=forms.TextInput(attrs={"size": 5, "placeholder": "I. / 1."}))
    title = forms.CharField(label="Tiêu đề", max_length=300, required=False)
    guidance = forms.CharField(label="Hướng dẫn viết", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    measure_codes = forms.MultipleChoiceField(label="Số liệu lấy từ hệ thống", required=False,
                                              widget=forms.SelectMultiple(attrs={"size": 4}))

    def __init__(self, *args, measure_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_codes"].choices = measure_choices


OutlineSectionFormSet = forms.formset_factory(OutlineSectionForm, extra=2, can_delete=True, max_num=60,
                                              validate_max=True)
