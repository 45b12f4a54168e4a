from django import forms
from django.db.models import Q
from django.utils import timezone

from core.concurrency import GuardedForm
from core.forms import CountField, DateField, MoneyField
from units.models import Unit

from . import services
from .models import Activity, CovenantRule, CovenantUpdate, PropagandaChannel, TrainingTopic

Kind = Activity.Kind
# Labels that read better for one kind than the generic ones.
KIND_LABELS = {
    Kind.STUDY_TOUR: {"participants": "Số người của đoàn", "money_spent": "Kinh phí đoàn (đồng)",
                      "title": "Tên đoàn, nội dung học tập"},
    Kind.SECURITY_PLEDGE: {"households": "Số hộ ký cam kết", "participants": "Số người dự buổi ký cam kết"},
    Kind.GRATITUDE: {"households": "Số gia đình chính sách, người có công được thăm, tặng quà",
                     "money_mobilised": "Giá trị vận động, tặng quà (đồng)"},
    Kind.DIALOGUE: {"participants": "Số người dự"},
    Kind.BORDER_DAY: {"households": "Số hộ tham gia"},
    Kind.SECURITY_DAY: {"households": "Số hộ tham gia"},
    Kind.DEFENCE_DAY: {"households": "Số hộ tham gia"},
}
TITLES = {Kind.GREAT_UNITY_DAY: "Ngày hội Đại đoàn kết toàn dân tộc", Kind.BORDER_DAY: "Ngày hội Biên phòng toàn dân",
          Kind.SECURITY_DAY: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
          Kind.DEFENCE_DAY: "Ngày hội quốc phòng toàn dân",
          Kind.GRATITUDE: "Thăm, tặng quà gia đình chính sách nhân kỷ niệm Ngày Thương binh – Liệt sĩ 27/7",
          Kind.SECURITY_PLEDGE: "Ký cam kết bảo đảm an ninh trật tự, không ma túy"}


class ActivityForm(GuardedForm, forms.ModelForm):
    photo = forms.FileField(label="Ảnh (chụp bằng điện thoại hoặc chọn ảnh)", required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    caption = forms.CharField(label="Chú thích ảnh", max_length=250, required=False)

    class Meta:
        model = Activity
        fields = ["unit", "organisation", "held_on", "title", "dialogue_form", "topic", "destination", "participants",
                  "households", "sessions", "articles", "opinions", "commended", "money_spent", "money_mobilised",
                  "contents", "integrates_environment", "integrates_crime_prevention",
                  "integrates_civilised_lifestyle", "highlights"]
        widgets = {"highlights": forms.Textarea(attrs={"rows": 4}), "contents": forms.CheckboxSelectMultiple}
        field_classes = {"money_spent": MoneyField, "money_mobilised": MoneyField, "held_on": DateField,
                         "participants": CountField, "households": CountField, "sessions": CountField,
                         "articles": CountField, "commended": CountField, "opinions": CountField}

    def __init__(self, *args, user, kind, context_unit: Unit, with_photo=True, **kwargs):
        super().__init__(*args, **kwargs)
        kind = Activity.Kind(kind)
        keep = set(services.COMMON_FIELDS + services.KIND_FIELDS[kind])
        for name in list(self.fields):
            if name not in keep and name not in ("photo", "caption"):
                del self.fields[name]
        # the kind's own fields in the order the kind lists them (a pledge's households first)
        order = ["unit", "organisation", "held_on", "title", *services.KIND_FIELDS[kind]]
        self.fields = {**{n: self.fields[n] for n in order if n in self.fields},
                       **{n: f for n, f in self.fields.items() if n not in order}}
        for name, label in KIND_LABELS.get(kind, {}).items():
            if name in self.fields:
                self.fields[name].label = label
        for name in services.REQUIRED.get(kind, {}):
            if name in self.fields:
                self.fields[name].required = True
        if "topic" in self.fields:
            current = self.instance.topic_id if self.instance.pk else None
            self.fields["topic"].queryset = TrainingTopic.objects.filter(
                Q(is_active=True) | Q(pk=current))
        if "contents" in self.fields:
            self.fields["contents"].label = "Thuộc nội dung nào của Cuộc vận động"
        self.channel_fields = []
        if kind in services.WITH_CHANNELS:
            counts = {c.channel_id: c.count for c in self.instance.channel_counts.all()} if self.instance.pk else {}
            for channel in PropagandaChannel.objects.all():
                if not channel.is_active and channel.pk not in counts:
                    continue
                name = f"kenh_{channel.code}"
                self.fields[name] = forms.IntegerField(
                    label=channel.name, required=False, min_value=0, initial=counts.get(channel.pk),
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}))
                self.channel_fields.append((name, channel))
            self.channel_fields and self.fields["sessions"].__setattr__(
                "help_text", "Số lượt theo từng hình thức ghi ở dưới; để trống hình thức không dùng.")
            for name in ("contents", "integrates_environment", "integrates_crime_prevention",
                         "integrates_civilised_lifestyle", "highlights", "photo", "caption"):
                if name in self.fields:
                    self.fields[name] = self.fields.pop(name)
        if not with_photo:
            del self.fields["photo"], self.fields["caption"]
        units = services.unit_choices(user, context_unit, kind)
        if self.instance.pk and self.instance.unit not in units:
            units.insert(0, self.instance.unit)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("depth", "sort_key")
        self.fields["unit"].empty_label = None
        self.fields["organisation"].queryset = services.organisation_choices(
            user, self.instance.unit if self.instance.pk else context_unit)
        self.fields["organisation"].empty_label = "Mặt trận Tổ quốc (Ban Công tác Mặt trận, Ủy ban MTTQ)"
        if services.scope.organisation_filter(user):
            self.fields["organisation"].empty_label = None
            self.fields["organisation"].required = True
        if kind in TITLES:
            self.fields["title"].initial = TITLES[kind]
        self.fields["held_on"].initial = timezone.localdate

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Ngày tổ chức không được sau hôm nay.")
        return day

    def clean(self):
        data = super().clean()
        if self.channel_fields:
            data["channels"] = {channel: data.get(name) for name, channel in self.channel_fields}
        return data


class ListItemForm(forms.Form):
    """Adds an entry to a configurable list (propaganda channels, training topics)."""

    which = forms.ChoiceField(label="Danh mục", choices=[("kenh", "Hình thức tuyên truyền"),
                                                          ("chu_de", "Chủ đề tập huấn")])
    name = forms.CharField(label="Tên", max_length=150)


class CovenantForm(GuardedForm, forms.ModelForm):
    class Meta:
        model = CovenantUpdate
        fields = ["unit", "kind", "updated_on", "rules", "approved_by", "note"]
        widgets = {"rules": forms.CheckboxSelectMultiple,
                   "note": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"updated_on": DateField}

    def __init__(self, *args, user, context_unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        units = services.unit_choices(user, context_unit, Activity.Kind.GREAT_UNITY_DAY)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("sort_key")
        self.fields["unit"].empty_label = None
        self.fields["rules"].queryset = CovenantRule.objects.all()
        self.fields["updated_on"].initial = timezone.localdate

    def clean_updated_on(self):
        day = self.cleaned_data["updated_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Ngày thông qua không được sau hôm nay.")
        return day
