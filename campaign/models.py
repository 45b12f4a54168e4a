"""The campaign's fixed frame, kept as data: its five contents, versioned criteria sets, and periods."""

import datetime

from django.db import models


class Content(models.Model):
    """One of the campaign's five contents (05 nội dung)."""

    number = models.PositiveSmallIntegerField("số thứ tự", unique=True)
    name = models.TextField("nội dung")
    short_name = models.CharField("tên ngắn", max_length=120)

    class Meta:
        verbose_name = "nội dung Cuộc vận động"
        ordering = ["number"]

    def __str__(self):
        return f"Nội dung {self.number}: {self.short_name}"


class CriteriaSet(models.Model):
    """A versioned set of criteria: new-rural commune 2021–2025 (19), 2026–2030 (10), civilised urban (9) …"""

    class Kind(models.TextChoices):
        NEW_RURAL = "ntm", "Nông thôn mới"
        NEW_RURAL_ADVANCED = "ntm_nc", "Nông thôn mới nâng cao"
        NEW_RURAL_MODEL = "ntm_km", "Nông thôn mới kiểu mẫu"
        CIVILISED_URBAN = "dtvm", "Đô thị văn minh"
        OTHER = "other", "Khác"

    code = models.SlugField("mã", max_length=40, unique=True)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    name = models.CharField("tên", max_length=250)
    decision = models.CharField("căn cứ (quyết định)", max_length=120, blank=True)
    valid_from = models.DateField("áp dụng từ", null=True, blank=True)
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)

    class Meta:
        verbose_name = "bộ tiêu chí"
        ordering = ["kind", "-valid_from"]

    def __str__(self):
        return self.name

    @classmethod
    def current(cls, kind, on: datetime.date):
        return (cls.objects.filter(kind=kind)
                .filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on))
                .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on))
                .order_by("-valid_from").first())


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria",
                                     verbose_name="bộ tiêu chí")
    number = models.PositiveSmallIntegerField("số")
    name = models.CharField("tên tiêu chí", max_length=250)
    contents = models.ManyToManyField(Content, blank=True, related_name="criteria", verbose_name="nội dung")

    class Meta:
        verbose_name = "tiêu chí"
        ordering = ["criteria_set", "number"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_number_unique")]

    def __str__(self):
        return f"Tiêu chí {self.number}. {self.name}"


class Period(models.Model):
    """A reporting period: a year, half-year, quarter, month or a multi-year phase, with its date range."""

    class Kind(models.TextChoices):
        YEAR = "year", "Năm"
        HALF = "half", "6 tháng"
        QUARTER = "quarter", "Quý"
        MONTH = "month", "Tháng"
        PHASE = "phase", "Giai đoạn"

    kind = models.CharField("loại kỳ", max_length=10, choices=Kind.choices)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    name = models.CharField("tên kỳ", max_length=60)
    code = models.SlugField("mã", max_length=30, unique=True)  # 2026, 2026-h1, 2026-q3, 2026-05, 2026-2030

    class Meta:
        verbose_name = "kỳ"
        ordering = ["start", "-end"]
        constraints = [models.CheckConstraint(condition=models.Q(end__gte=models.F("start")),
                                              name="period_end_after_start")]

    def __str__(self):
        return self.name

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end
