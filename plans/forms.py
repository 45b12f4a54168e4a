from django import forms
from django.forms import BaseFormSet, formset_factory

from campaign.models import Content, Criterion, Period
from campaign.periods import get_period
from core.concurrency import GuardedForm
from core.forms import DateField
from units.models import Level, OrganisationKind

from .models import DocType, Reference, ReportRequirement

SMALL_TEXTAREA = forms.Textarea(attrs={"rows": 2})


class PeriodCodeField(forms.CharField):
    """A period typed as its code: 2026, 2026-h1, 2026-2030."""

    def __init__(self, **kw):
        kw.setdefault("max_length", 20)
        kw.setdefault("help_text", "Mã kỳ: 2026 (năm), 2026-h1 (6 tháng đầu năm), 2026-2030 (giai đoạn).")
        super().__init__(**kw)

    def prepare_value(self, value):
        if isinstance(value, Period):
            return value.code
        if isinstance(value, int):
            period = Period.objects.filter(pk=value).first()
            return period.code if period else value
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return get_period(value.strip())
        except ValueError as exc:
            raise forms.ValidationError(str(exc))


class PlanForm(GuardedForm, forms.Form):
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices)
    number = forms.CharField(label="Số", max_length=20, required=False, help_text="Ví dụ: 59. Để trống khi chưa lấy số.")
    symbol = forms.CharField(label="Ký hiệu", max_length=60, required=False, help_text="Ví dụ: KH-MTTQ-BTT")
    parent_body = forms.CharField(label="Cơ quan chủ quản", max_length=200, required=False,
                                  help_text="Ví dụ: ỦY BAN MTTQ VIỆT NAM TỈNH THÁI NGUYÊN")
    issuing_body = forms.CharField(label="Cơ quan ban hành", max_length=200, help_text="Ví dụ: BAN THƯỜNG TRỰC")
    issuer_in_text = forms.CharField(label="Tên cơ quan ban hành khi viết trong câu", max_length=200, required=False,
                                     help_text="Ví dụ: Ban Thường trực Ủy ban MTTQ tỉnh")
    place = forms.CharField(label="Địa danh", max_length=100, required=False, help_text="Ví dụ: Thái Nguyên")
    issued_on = DateField(label="Ngày ban hành", required=False)
    title = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}))
    period = PeriodCodeField(label="Năm hoặc giai đoạn", required=False)
    intro = forms.CharField(label="Đoạn mở đầu (Căn cứ …, … ban hành kế hoạch … như sau:)", required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))
    funding = forms.CharField(label="Nguồn kinh phí", required=False, widget=SMALL_TEXTAREA)
    signer_authority = forms.CharField(label="Thẩm quyền ký", max_length=100, required=False,
                                       help_text="TM. BAN THƯỜNG TRỰC hoặc KT. CHỦ TỊCH")
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=100, required=False,
                                   help_text="Ví dụ: PHÓ CHỦ TỊCH")
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=100, required=False)
    contact_name = forms.CharField(label="Cán bộ phụ trách theo dõi, tổng hợp báo cáo", max_length=100, required=False,
                                   help_text="Họ và tên; hiện trên các đợt báo cáo mở theo kế hoạch và trong lời nhắc.")
    contact_phone = forms.CharField(label="Điện thoại cán bộ phụ trách", max_length=20, required=False)
    contact_email = forms.EmailField(label="Thư điện tử cán bộ phụ trách", max_length=150, required=False)
    registration_deadline = DateField(
        label="Hạn đăng ký công trình, mô hình, phần việc", required=False,
        help_text="Ví dụ “Trước 15/02 hằng năm”: sau khi lưu có thể mở đợt đăng ký của năm bằng một lần bấm.")
    registration_recurring = forms.BooleanField(label="Hạn đăng ký lặp lại hằng năm", required=False)
    recipients = forms.CharField(label="Nơi nhận (mỗi dòng một nơi)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 6}))
    archive = forms.CharField(label="Lưu", max_length=100, initial="VT", help_text="Ví dụ: VT, TG-CTXH")

    def clean_symbol(self):
        return "".join(self.cleaned_data["symbol"].split())

    def clean_contact_phone(self):
        phone = "".join(self.cleaned_data["contact_phone"].split()).replace(".", "")
        if phone and not phone.lstrip("+").isdigit():
            raise forms.ValidationError("Số điện thoại chỉ gồm chữ số, ví dụ 0977713613.")
        return phone

    def clean(self):
        data = super().clean()
        if (data.get("contact_phone") or data.get("contact_email")) and not data.get("contact_name"):
            self.add_error("contact_name", "Cần ghi họ tên cán bộ phụ trách khi có điện thoại hoặc thư điện tử.")
        return data

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if number and not number.isdigit():
            raise forms.ValidationError("Số văn bản chỉ gồm chữ số, ví dụ 59.")
        return number


class SectionForm(forms.Form):
    label = forms.CharField(label="Số mục", max_length=20, required=False,
                            widget=forms.TextInput(attrs={"size": 5, "placeholder": "I. / 1. / -"}))
    title = forms.CharField(label="Tiêu đề hoặc nội dung", required=False, widget=SMALL_TEXTAREA)
    body = forms.CharField(label="Đoạn văn thêm", required=False, widget=SMALL_TEXTAREA)


class ReferenceForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=Reference.Kind.choices, initial=Reference.Kind.BASIS)
    number = forms.CharField(label="Số, ký hiệu", max_length=80, required=False)
    date = DateField(label="Ngày", required=False)
    text = forms.CharField(label="Trích dẫn", required=False, widget=SMALL_TEXTAREA)


class ContentForm(forms.Form):
    content = forms.ModelChoiceField(label="Nội dung", queryset=Content.objects.all(), required=False,
                                     empty_label="—")
    text = forms.CharField(label="Kế hoạch nêu", required=False, widget=SMALL_TEXTAREA)
    criteria = forms.ModelMultipleChoiceField(
        label="Tiêu chí phục vụ", required=False, widget=forms.SelectMultiple(attrs={"size": 6}),
        queryset=Criterion.objects.select_related("criteria_set").order_by("criteria_set__kind", "criteria_set",
                                                                           "number"))

    def __init__(self, *a, unit=None, **kw):
        from campaign import fit

        super().__init__(*a, **kw)
        self.fields["criteria"].queryset = fit.criteria(self.fields["criteria"].queryset, unit)
        self.fields["criteria"].label_from_instance = lambda c: f"{c.criteria_set.get_kind_display()} "\
            f"({c.criteria_set.code}) – {c.number}. {c.name}"


class TaskForm(forms.Form):
    text = forms.CharField(label="Nhiệm vụ", required=False, widget=SMALL_TEXTAREA)
    assignee = forms.CharField(label="Giao cho (như văn bản ghi)", max_length=300, required=False)
    organisation_kinds = forms.ModelMultipleChoiceField(label="Tổ chức thành viên", required=False,
                                                        queryset=OrganisationKind.objects.all(),
                                                        widget=forms.SelectMultiple(attrs={"size": 4}))
    unit_level = forms.ChoiceField(label="Đơn vị cấp", required=False,
                                   choices=[("", "—"), (Level.COMMUNE.value, "Các xã, phường, đặc khu"),
                                            (Level.AREA.value, "Các khu dân cư")])
    deadline = DateField(label="Thời hạn", required=False)
    content = forms.ModelChoiceField(label="Nội dung", queryset=Content.objects.all(), required=False,
                                     empty_label="—")


class ReportRequirementForm(forms.Form):
    name = forms.CharField(label="Tên báo cáo", max_length=150, required=False,
                           help_text="Ví dụ: Báo cáo 6 tháng")
    period = PeriodCodeField(label="Kỳ", required=False)
    cutoff_date = DateField(label="Chốt số liệu đến", required=False)
    due_date = DateField(label="Hạn gửi", required=False)
    reporter_level = forms.ChoiceField(label="Đơn vị báo cáo", required=False,
                                       choices=[("", "—"), *ReportRequirement._meta.get_field("reporter_level").choices])
    reporter_organisation_kinds = forms.ModelMultipleChoiceField(
        label="Tổ chức thành viên báo cáo", required=False, queryset=OrganisationKind.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 4}))

    def clean(self):
        data = super().clean()
        if data.get("name") and (not data.get("period") or not data.get("due_date")):
            raise forms.ValidationError("Cần có kỳ và hạn gửi.")
        return data


def _formset(form, extra=2):
    return formset_factory(form, extra=extra, can_delete=True)


SectionFormSet = _formset(SectionForm, extra=3)
ReferenceFormSet = _formset(ReferenceForm)
ContentFormSet = _formset(ContentForm, extra=1)
TaskFormSet = _formset(TaskForm)
ReportRequirementFormSet = _formset(ReportRequirementForm)


def kept_rows(formset) -> list[dict]:
    """The cleaned rows of a valid formset, in order, without the deleted ones."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp kế hoạch (.docx, .pdf có lớp chữ, .txt; tối đa 20 MB)")


SCOPES = [("total", "Tổng trên địa bàn"), ("each_unit", "Từng đơn vị"), ("share_of_units", "Tỷ lệ đơn vị đạt")]
TARGET_LEVELS = [("", "—"), (Level.COMMUNE.value, "Xã, phường, đặc khu"), (Level.AREA.value, "Khu dân cư")]
COMPARATORS = [(">=", "≥"), (">", ">"), ("<=", "≤"), ("<", "<"), ("=", "=")]


def active_measures() -> dict[str, str]:
    """{code: name} of the measures a target may be measured by, in the catalogue's order."""
    from django.apps import apps

    if not apps.is_installed("indicators"):
        return {}
    from indicators.models import Measure

    return dict(Measure.objects.filter(is_active=True).values_list("code", "name"))


class MeasurePickerField(forms.CharField):
    """A measure chosen by typing part of its name: a text box tied to one shared <datalist id="measure-list">
    (the browser suggests as you type; no script), instead of a select of every measure on every row. The box
    shows the measure's name; the code or the exact name is accepted."""

    def __init__(self, **kw):
        kw.setdefault("widget", forms.TextInput(attrs={"list": "measure-list", "autocomplete": "off",
                                                       "placeholder": "Gõ vài chữ để tìm chỉ số"}))
        super().__init__(**kw)
        self.measures: dict[str, str] = {}

    def prepare_value(self, value):
        return self.measures.get(value, value) if isinstance(value, str) else value

    def code_of(self, value) -> str | None:
        """The code of a measure given by its code or its name (any case, with or without diacritics)."""
        from core.text import fold

        value = " ".join((value or "").split())
        if value in self.measures:
            return value
        return {fold(name): code for code, name in self.measures.items()}.get(fold(value))

    def clean(self, value):
        value = " ".join((super().clean(value) or "").split())
        if not value:
            return value
        if code := self.code_of(value):
            return code
        raise forms.ValidationError(f"Không có chỉ số “{value}”. Gõ vài chữ trong tên rồi chọn trong danh sách.")


class TargetForm(forms.Form):
    group = forms.CharField(label="Thuộc chỉ tiêu số", max_length=10, required=False,
                            widget=forms.TextInput(attrs={"size": 4}))
    text = forms.CharField(label="Chỉ tiêu (như văn bản)", required=False, widget=SMALL_TEXTAREA)
    measure = MeasurePickerField(label="Chỉ số", required=False)
    scope = forms.ChoiceField(label="Phạm vi", choices=SCOPES, initial="total")
    level = forms.ChoiceField(label="Trên các đơn vị cấp", choices=TARGET_LEVELS, required=False)
    comparator = forms.ChoiceField(label="So sánh", choices=COMPARATORS, initial=">=")
    threshold = forms.DecimalField(label="Ngưỡng", required=False, max_digits=14, decimal_places=2,
                                   help_text="Với tỷ lệ: phần trăm (100 = 100%)")
    unit_comparator = forms.ChoiceField(label="Mỗi đơn vị: so sánh", choices=[("", "—")] + COMPARATORS, required=False)
    unit_threshold = forms.DecimalField(label="Mỗi đơn vị: ngưỡng", required=False, max_digits=14, decimal_places=2)
    org_kind = forms.ModelChoiceField(label="Tổ chức thành viên", queryset=OrganisationKind.objects.all(),
                                      required=False, to_field_name="code", empty_label="— cả Mặt trận —")
    phase = forms.CharField(label="Kỳ riêng (nếu khác kỳ của kế hoạch)", max_length=20, required=False,
                            help_text="Ví dụ 2026-2030")

    def __init__(self, *a, measures=None, **kw):
        super().__init__(*a, **kw)
        self.fields["measure"].measures = active_measures() if measures is None else measures

    @property
    def is_confident(self) -> bool:
        """Read with confidence by the importer: a known measure and a threshold, and nothing to correct —
        the review shows such a clause folded to one line."""
        if self.is_bound and self.errors:
            return False
        threshold = self["threshold"].value()
        return bool(self.measure_code) and threshold not in (None, "")

    @property
    def measure_code(self) -> str | None:
        return self.fields["measure"].code_of(self["measure"].value())  # value() shows the name

    @property
    def rule_text(self) -> str:
        """The clause's test as read, for its folded line: '≥ 200', 'Từng xã ≥ 3', 'Tỷ lệ khu dân cư đạt ≥ 100%'."""
        from core.formatting import format_number

        sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}.get(self["comparator"].value() or ">=", "≥")
        from decimal import Decimal, InvalidOperation

        raw = self["threshold"].value()
        try:
            number = Decimal(str(raw))
            value = format_number(number, 0 if number == number.to_integral_value() else 2)
        except (InvalidOperation, ValueError):  # a value being corrected: shown as typed
            value = str(raw or "?")
        level = {"commune": "xã", "area": "khu dân cư"}.get(self["level"].value() or "", "đơn vị")
        scope = self["scope"].value()
        if scope == "each_unit":
            return f"Từng {level} {sign} {value}"
        if scope == "share_of_units":
            return f"Tỷ lệ {level} đạt {sign} {value}%"
        return f"{sign} {value}"

    @property
    def measure_name(self) -> str:
        return self.fields["measure"].measures.get(self.measure_code or "", "")

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip():
            return data
        if data.get("scope") == "share_of_units":
            if not data.get("level"):
                self.add_error("level", "Tỷ lệ đơn vị cần chọn cấp đơn vị (xã hoặc khu dân cư).")
            if data.get("unit_threshold") is None:
                data["unit_threshold"] = 1
                data["unit_comparator"] = data.get("unit_comparator") or ">="
        if data.get("scope") == "each_unit" and not data.get("level"):
            self.add_error("level", "Chỉ tiêu cho từng đơn vị cần chọn cấp đơn vị.")
        if data.get("phase"):
            try:
                get_period(data["phase"].strip())
            except ValueError as exc:
                self.add_error("phase", str(exc))
        return data


class BaseTargetFormSet(BaseFormSet):
    """Reads the measure catalogue once for every row (the rows' pickers and the page's one datalist)."""

    def __init__(self, *a, **kw):
        self.measures = active_measures()
        super().__init__(*a, **kw)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "measures": self.measures}

    @property
    def measure_options(self) -> list[str]:
        return list(self.measures.values())


TargetFormSet = formset_factory(TargetForm, formset=BaseTargetFormSet, extra=1, can_delete=True)


class TaskAssignForm(forms.Form):
    """The issuer gives a task to one unit or one member organisation of its tree, by a date."""

    assigned_unit = forms.ModelChoiceField(label="Đơn vị thực hiện", queryset=None, required=False,
                                           empty_label="— không —")
    assigned_organisation = forms.ModelChoiceField(label="hoặc tổ chức thành viên thực hiện", queryset=None,
                                                   required=False, empty_label="— không —")
    deadline = DateField(label="Thời hạn", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, **kw):
        from units.models import MemberOrganisation, Unit

        super().__init__(*args, **kw)
        self.fields["assigned_unit"].queryset = Unit.objects.subtree(plan.unit).filter(
            is_active=True, level__in=["province", "commune"]).order_by("sort_key")
        self.fields["assigned_organisation"].queryset = MemberOrganisation.objects.filter(
            unit=plan.unit, is_active=True).select_related("kind").order_by("kind__order", "name")

    def clean(self):
        data = super().clean()
        if data.get("assigned_unit") and data.get("assigned_organisation"):
            raise forms.ValidationError("Giao cho một đơn vị hoặc một tổ chức thành viên, không chọn cả hai.")
        return data


class TaskProgressForm(forms.Form):
    """The assignee's progress: status, a note, one evidence file."""

    status = forms.ChoiceField(label="Tình trạng", choices=[])
    progress_note = forms.CharField(label="Tiến độ, kết quả", required=False, max_length=4000,
                                    widget=forms.Textarea(attrs={"rows": 4}))
    done_on = DateField(label="Ngày hoàn thành (khi xong)", required=False)
    evidence = forms.FileField(label="Minh chứng (PDF, DOCX, ảnh; tối đa 10 MB)", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kw):
        from .models import TaskStatus

        super().__init__(*args, **kw)
        self.fields["status"].choices = TaskStatus.choices
