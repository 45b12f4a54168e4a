"""Oversight (content 5): supervision and social critique, the recommendations they produce and how agencies
answer them, and the quarterly summaries of the people's opinions ("tình hình Nhân dân")."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.concurrency import Versioned


class Agency(models.Model):
    """An agency recommendations are addressed to (UBND xã, Sở Nông nghiệp, …). Each unit keeps its own list;
    a unit may address the agencies of its own list and of the units above it."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="agencies", verbose_name="đơn vị")
    name = models.CharField("tên cơ quan", max_length=250)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "cơ quan tiếp nhận kiến nghị"
        verbose_name_plural = "cơ quan tiếp nhận kiến nghị"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="agency_unique_in_unit")]

    def __str__(self):
        return self.name


class Supervision(Versioned):
    """One supervision or social-critique activity held by the Front of a unit."""

    class Kind(models.TextChoices):
        THEMATIC = "chuyen_de", "Giám sát chuyên đề"
        REGULAR = "thuong_xuyen", "Giám sát thường xuyên"
        CRITIQUE = "phan_bien", "Phản biện xã hội"
        INSPECTION_BOARD = "ban_ttnd", "Ban Thanh tra nhân dân"
        INVESTMENT_BOARD = "ban_gsdtcd", "Ban Giám sát đầu tư cộng đồng"

    class SubjectKind(models.TextChoices):
        PROGRAMME = "programme", "Chương trình, chính sách"
        WORK = "work", "Công trình, dự án"
        AGENCY = "agency", "Cơ quan, tổ chức"

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="supervisions",
                             verbose_name="đơn vị")
    kind = models.CharField("hình thức", max_length=20, choices=Kind.choices)
    subject_kind = models.CharField("đối tượng là", max_length=20, choices=SubjectKind.choices)
    subject = models.CharField("đối tượng giám sát, phản biện", max_length=300)
    team = models.TextField("thành phần đoàn", blank=True)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    findings = models.TextField("kết quả, phát hiện", blank=True)
    minutes = models.FileField("biên bản", upload_to="giam-sat/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "cuộc giám sát, phản biện"
        verbose_name_plural = "cuộc giám sát, phản biện"
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["unit", "start"])]
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="supervision_dates")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def is_critique(self):
        return self.kind == self.Kind.CRITIQUE


class OpinionSummary(models.Model):
    """A commune's quarterly summary of the people's opinions (tình hình Nhân dân)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="opinion_summaries",
                             verbose_name="đơn vị")
    period = models.ForeignKey("campaign.Period", on_delete=models.PROTECT, related_name="+", verbose_name="quý")
    situation = models.TextField("tình hình tư tưởng, dư luận Nhân dân")
    concerns = models.TextField("ý kiến, kiến nghị của Nhân dân", blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="người gửi")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tình hình Nhân dân"
        verbose_name_plural = "tình hình Nhân dân"
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="opinion_summary_unique")]

    def __str__(self):
        return f"Tình hình Nhân dân {self.period.name} · {self.unit}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class Recommendation(Versioned):
    """A kiến nghị sent to an agency: sent → answered → resolved / unresolved."""

    class Status(models.TextChoices):
        SENT = "sent", "Đã gửi, chờ trả lời"
        ANSWERED = "answered", "Đã trả lời"
        RESOLVED = "resolved", "Đã giải quyết"
        UNRESOLVED = "unresolved", "Chưa giải quyết được"

    class Source(models.TextChoices):
        SUPERVISION = "supervision", "Qua giám sát, phản biện"
        OPINION = "opinion", "Từ ý kiến Nhân dân"

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="recommendations",
                             verbose_name="đơn vị")
    source = models.CharField("nguồn", max_length=20, choices=Source.choices, default=Source.SUPERVISION)
    supervision = models.ForeignKey(Supervision, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="recommendations", verbose_name="cuộc giám sát")
    opinion_summary = models.ForeignKey(OpinionSummary, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="recommendations", verbose_name="tình hình Nhân dân")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="recommendations",
                               verbose_name="cơ quan tiếp nhận")
    content = models.TextField("nội dung kiến nghị")
    sent_on = models.DateField("ngày gửi")
    due_on = models.DateField("hạn trả lời")
    status = models.CharField("tình trạng", max_length=20, choices=Status.choices, default=Status.SENT,
                              db_index=True)
    answer = models.TextField("nội dung trả lời", blank=True)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    closed_on = models.DateField("ngày kết luận", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kiến nghị"
        verbose_name_plural = "kiến nghị"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["unit", "status", "due_on"])]
        constraints = [models.CheckConstraint(condition=Q(due_on__gte=models.F("sent_on")),
                                              name="recommendation_due_after_sent")]

    def __str__(self):
        text = " ".join(self.content.split())
        return f"Kiến nghị gửi {self.agency}: {text[:80]}"

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.SENT and self.due_on < today

    @property
    def answered_late(self) -> bool | None:
        return None if self.answered_on is None else self.answered_on > self.due_on


class RecommendationEvent(models.Model):
    """The status history of a recommendation: one row per transition (the first one is the sending)."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=Recommendation.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Recommendation.Status.choices)
    on = models.DateField("ngày")
    note = models.TextField("ghi chú", blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")

    class Meta:
        ordering = ["on", "id"]
