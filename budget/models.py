"""The campaign's budget (kinh phí): each unit's estimate (dự toán) and settlement (quyết toán) for a year, line
by line — the activity or content, the spending item of Thông tư 121/2017/TT-BTC and the funding source
(ngân sách nhà nước, xã hội hóa, other). Spending items and sources are data (tables seeded by a data migration,
kept by administrators) because the circular and the provinces' resolutions change them.

Amounts are integer đồng, never negative. `Budget` keeps the totals of its lines (planned, spent, mobilised),
written in the transaction that changes a line and checked by `check_integrity`; the spine derives the same three
numbers from the lines (budget/measures.py) and rolls them up the tree.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.concurrency import Versioned


class SpendingItem(models.Model):
    """A spending content (nội dung chi) of Thông tư 121/2017/TT-BTC, or one a province adds."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("nội dung chi", max_length=300)
    basis = models.CharField("căn cứ", max_length=200, blank=True, default="Thông tư 121/2017/TT-BTC")
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "nội dung chi"
        verbose_name_plural = "nội dung chi"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class SourceKind(models.TextChoices):
    STATE = "state", "Ngân sách nhà nước"
    SOCIALISED = "socialised", "Xã hội hóa"
    OTHER = "other", "Nguồn khác"


class FundingSource(models.Model):
    """Where money comes from: the state budget (by level), socialised sources, other."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên nguồn", max_length=200)
    kind = models.CharField("loại nguồn", max_length=12, choices=SourceKind.choices)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "nguồn kinh phí"
        verbose_name_plural = "nguồn kinh phí"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Budget(Versioned):
    """One unit's campaign budget for one year: the estimate and, after the year, its settlement."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="budgets", verbose_name="đơn vị")
    year = models.PositiveSmallIntegerField("năm")
    estimate_number = models.CharField("số văn bản dự toán", max_length=40, blank=True)
    estimate_on = models.DateField("ngày lập dự toán", null=True, blank=True)
    settlement_number = models.CharField("số văn bản quyết toán", max_length=40, blank=True)
    settlement_on = models.DateField("ngày lập quyết toán", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    # totals of the lines, kept by services in the same transaction (check_integrity compares them)
    planned = models.BigIntegerField("tổng dự toán", default=0, editable=False)
    spent = models.BigIntegerField("tổng quyết toán", default=0, editable=False)
    mobilised = models.BigIntegerField("kinh phí xã hội hóa đã huy động", default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "kinh phí năm"
        verbose_name_plural = "kinh phí năm"
        ordering = ["-year", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="budget_unique_unit_year"),
            models.CheckConstraint(condition=Q(planned__gte=0, spent__gte=0, mobilised__gte=0),
                                   name="budget_totals_not_negative"),
        ]

    def __str__(self):
        return f"Kinh phí năm {self.year} · {self.unit}"


class Stage(models.TextChoices):
    ESTIMATE = "estimate", "Dự toán"
    SETTLEMENT = "settlement", "Quyết toán"


class BudgetLine(Versioned):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines", verbose_name="kinh phí năm")
    stage = models.CharField("phần", max_length=10, choices=Stage.choices)
    activity = models.CharField("hoạt động, nội dung", max_length=300)
    item = models.ForeignKey(SpendingItem, on_delete=models.PROTECT, related_name="lines",
                             verbose_name="nội dung chi (TT 121/2017)")
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="lines",
                               verbose_name="nguồn kinh phí")
    amount = models.BigIntegerField("số tiền (đồng)")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "dòng kinh phí"
        verbose_name_plural = "dòng kinh phí"
        ordering = ["stage", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_not_negative")]
        indexes = [models.Index(fields=["budget", "stage"])]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.activity}"
