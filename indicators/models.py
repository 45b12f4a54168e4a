"""The spine's data: measures (chỉ số), values per unit × period (× member organisation), and their rollup.

A value row exists only when something was reported: "not reported" is the absence of a row (or a row whose
value is NULL, kept after a value is cleared so its history stays attached); it is never 0.
AggregateValue holds, for every non-area unit, its own value combined with everything under it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Measure(models.Model):
    class ValueType(models.TextChoices):
        COUNT = "count", "Số lượng"
        BOOL = "bool", "Có/không"
        MONEY = "money", "Số tiền (đồng)"
        NUMBER = "number", "Số"
        RATIO = "ratio", "Tỷ lệ"

    class CaptureLevel(models.TextChoices):
        AREA = "area", "Khu dân cư"
        COMMUNE = "commune", "Xã, phường, đặc khu"
        PROVINCE = "province", "Tỉnh, thành phố"
        ANY = "any", "Mọi cấp"

    class Aggregation(models.TextChoices):
        SUM = "sum", "Cộng"
        COUNT_YES = "count_yes", "Đếm đơn vị trả lời có"
        RATIO = "ratio", "Tỷ lệ (tính lại từ tử số và mẫu số)"
        MIN = "min", "Nhỏ nhất"
        MAX = "max", "Lớn nhất"
        LAST = "last", "Giá trị cập nhật sau cùng"

    class Source(models.TextChoices):
        FORM = "form", "Nhập trên biểu mẫu"
        REGISTER = "register", "Tính từ sổ theo dõi"

    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên chỉ số", max_length=300)
    unit_label = models.CharField("đơn vị tính", max_length=40, blank=True)
    value_type = models.CharField("kiểu giá trị", max_length=10, choices=ValueType.choices)
    level = models.CharField("cấp thu thập", max_length=10, choices=CaptureLevel.choices,
                             default=CaptureLevel.AREA)
    aggregation = models.CharField("cách tổng hợp", max_length=10, choices=Aggregation.choices,
                                   default=Aggregation.SUM)
    numerator = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name="tử số")
    denominator = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="mẫu số")
    scale = models.PositiveIntegerField("hệ số", default=1, help_text="100 cho tỷ lệ phần trăm")
    content = models.ForeignKey("campaign.Content", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="measures", verbose_name="nội dung")
    criteria = models.ManyToManyField("campaign.Criterion", blank=True, related_name="measures",
                                      verbose_name="tiêu chí")
    by_organisation = models.BooleanField("tách theo tổ chức thành viên", default=False)
    source = models.CharField("nguồn", max_length=10, choices=Source.choices, default=Source.FORM)
    register = models.CharField("sổ theo dõi", max_length=40, blank=True)
    absent_is_zero = models.BooleanField(
        "không có dòng nghĩa là 0", default=False, editable=False,
        help_text="Sổ theo dõi biết mọi đơn vị: đơn vị không có dòng nào có giá trị 0, không phải “chưa báo cáo”.")
    description = models.TextField("ghi chú", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=1000)
    is_active = models.BooleanField("đang dùng", default=True)
    from_catalogue = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = "chỉ số"
        verbose_name_plural = "chỉ số"
        ordering = ["content__number", "order", "code"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.aggregation == self.Aggregation.RATIO or self.value_type == self.ValueType.RATIO:
            if not (self.numerator_id and self.denominator_id):
                raise ValidationError("Chỉ số tỷ lệ cần chọn tử số và mẫu số.")
            if self.aggregation != self.Aggregation.RATIO or self.value_type != self.ValueType.RATIO:
                raise ValidationError("Chỉ số tỷ lệ có kiểu giá trị “Tỷ lệ” và cách tổng hợp “Tỷ lệ”.")
            for part in (self.numerator, self.denominator):
                if part.aggregation not in (self.Aggregation.SUM, self.Aggregation.COUNT_YES):
                    raise ValidationError(f"Tử số, mẫu số phải là chỉ số cộng được; “{part}” thì không.")
        elif self.numerator_id or self.denominator_id:
            raise ValidationError("Chỉ số không phải tỷ lệ thì không có tử số, mẫu số.")
        if self.value_type == self.ValueType.BOOL and self.aggregation not in (self.Aggregation.COUNT_YES,
                                                                               self.Aggregation.LAST):
            raise ValidationError("Chỉ số có/không được tổng hợp bằng cách đếm đơn vị trả lời có.")

    @property
    def is_ratio(self):
        return self.aggregation == self.Aggregation.RATIO

    @property
    def is_bool(self):
        return self.value_type == self.ValueType.BOOL

    @property
    def is_entered(self):
        """Typed on a form (register-derived and ratio values are computed, never typed)."""
        return self.source == self.Source.FORM and not self.is_ratio

    def captured_at(self, unit) -> bool:
        return self.level == self.CaptureLevel.ANY or self.level == unit.level

    def applies_to(self, unit) -> bool:
        """The unit is at the capture level or above it (a commune measure means nothing for an area)."""
        from units.models import LEVEL_DEPTH

        return self.level == self.CaptureLevel.ANY or LEVEL_DEPTH[unit.level] <= LEVEL_DEPTH[self.level]


def org_key(org_kind_id) -> int:
    """Unique keys cannot hold NULL portably: 0 stands for "all organisations" (the unit's total)."""
    return org_kind_id or 0


class DataValue(models.Model):
    """One reported value: measure × unit × period × (member-organisation kind, or None for the unit's total)."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values", verbose_name="chỉ số")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="data_values",
                             verbose_name="đơn vị")
    period = models.ForeignKey("campaign.Period", on_delete=models.PROTECT, related_name="data_values",
                               verbose_name="kỳ")
    org_kind = models.ForeignKey("units.OrganisationKind", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="data_values", verbose_name="tổ chức thành viên")
    org_key = models.PositiveBigIntegerField(default=0, editable=False)
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4, null=True, blank=True)
    source = models.CharField("nguồn", max_length=10, choices=Measure.Source.choices, default=Measure.Source.FORM)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="người cập nhật")

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [models.UniqueConstraint(fields=["measure", "period", "org_key", "unit"],
                                               name="datavalue_key_unique")]
        indexes = [models.Index(fields=["unit", "period"])]

    def save(self, *args, **kwargs):
        self.org_key = org_key(self.org_kind_id)
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.measure.code} · {self.unit} · {self.period}: {self.value}"


class DataValueChange(models.Model):
    """History of every value: before → after, who, when, from where (form or a register)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey("campaign.Period", on_delete=models.CASCADE, related_name="+")
    org_kind = models.ForeignKey("units.OrganisationKind", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+")
    old_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    new_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    source = models.CharField(max_length=10, choices=Measure.Source.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")

    class Meta:
        verbose_name = "lịch sử số liệu"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit", "period", "measure"])]


class AggregateValue(models.Model):
    """A non-area unit's own value combined with everything under it, kept incrementally by indicators.rollup.

    reporting: rows in the subtree with a value (0 = not reported); positive: rows with a value > 0 / "yes".
    value: the sum, the yes-count, min/max/last, or for ratios scale × numerator / denominator (NULL when the
    denominator is 0 or nothing is reported). For ratios `reporting`/`den_reporting` count numerator and
    denominator rows. A derived cache: its foreign keys carry no database constraint (Django still cascades),
    so a full rebuild does not pay for 100,000s of deferred constraint checks at commit.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="aggregates",
                                db_constraint=False, db_index=False)
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="aggregates",
                                db_constraint=False, db_index=False)
    period = models.ForeignKey("campaign.Period", on_delete=models.CASCADE, related_name="aggregates",
                                db_constraint=False, db_index=False)
    org_key = models.PositiveBigIntegerField(default=0)
    value = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    reporting = models.IntegerField(default=0)
    positive = models.IntegerField(default=0)
    numerator = models.DecimalField(max_digits=24, decimal_places=4, default=Decimal(0))
    denominator = models.DecimalField(max_digits=24, decimal_places=4, default=Decimal(0))
    den_reporting = models.IntegerField(default=0)
    last_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["measure", "period", "org_key", "unit"],
                                               name="aggregate_key_unique")]
        indexes = [models.Index(fields=["unit", "period"], name="aggregate_unit_period")]

    @property
    def org_kind_id(self):
        return self.org_key or None
