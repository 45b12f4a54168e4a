"""Committees the Front sets up at each level (Ban vận động Quỹ “Vì người nghèo”, Ban vận động cứu trợ, Ban Chỉ đạo
Cuộc vận động, …): their kinds as data, one committee of a kind per unit, and its terms. A renewal (kiện toàn)
closes the current term and opens a new one; members of the old term are end-dated, never deleted, so the
committee's history stays readable. Each term carries the decision that set it up (quyết định thành lập/kiện
toàn), printed as an ND 30 document.

This is its own app rather than part of `units`: a committee is not a node of the unit tree (it owns no data
below it and rolls nothing up); it is a register of people over time kept by the unit's Front officers.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from core.concurrency import Versioned


class CommitteeKind(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên ban", max_length=200)
    duties = models.TextField("nhiệm vụ (ghi vào quyết định)", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "loại ban"
        verbose_name_plural = "loại ban"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Committee(Versioned):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="committees",
                             verbose_name="đơn vị")
    kind = models.ForeignKey(CommitteeKind, on_delete=models.PROTECT, related_name="committees",
                             verbose_name="loại ban")
    name = models.CharField("tên ban", max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ban"
        verbose_name_plural = "các ban"
        ordering = ["unit__sort_key", "kind__order"]
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="committee_unique_kind_in_unit")]

    def __str__(self):
        return f"{self.name} · {self.unit}"

    @property
    def current_term(self):
        return self.terms.filter(ended_on__isnull=True).order_by("-number").first()


class Term(Versioned):
    """One composition of a committee, from the decision that set it up until the next renewal."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="terms", verbose_name="ban")
    number = models.PositiveSmallIntegerField("lần")
    is_renewal = models.BooleanField("kiện toàn", default=False)
    decision_number = models.CharField("số quyết định", max_length=40, blank=True,
                                       help_text="Ví dụ: 25/QĐ-MTTQ-BTT; để trống nếu chưa vào sổ văn bản.")
    decided_on = models.DateField("ngày quyết định")
    started_on = models.DateField("hiệu lực từ ngày")
    ended_on = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "nhiệm kỳ của ban"
        verbose_name_plural = "nhiệm kỳ của ban"
        ordering = ["committee", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="term_unique_number"),
            models.UniqueConstraint(fields=["committee"], condition=Q(ended_on__isnull=True),
                                    name="term_one_open_per_committee"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                                   name="term_end_after_start"),
        ]

    def __str__(self):
        what = "Kiện toàn" if self.is_renewal else "Thành lập"
        return f"{what} lần {self.number} · {self.committee.name}"


class Member(Versioned):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="members", verbose_name="nhiệm kỳ")
    full_name = models.CharField("họ và tên", max_length=120)
    position = models.CharField("chức danh trong ban", max_length=120,
                                help_text="Trưởng ban, Phó Trưởng ban, Ủy viên thường trực, Thành viên …")
    office = models.CharField("chức vụ, cơ quan/đơn vị", max_length=200, blank=True)
    started_on = models.DateField("từ ngày")
    ended_on = models.DateField("đến ngày", null=True, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "thành viên ban"
        verbose_name_plural = "thành viên ban"
        ordering = ["term", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                                              name="member_end_after_start")]

    def __str__(self):
        return f"{self.full_name} ({self.position})"

    @property
    def unit(self):
        return self.term.committee.unit
