"""Periodic reporting: rounds (who reports what, for which period, by when), one submission per expected
reporter, its transitions (the workflow's history), attachments and the reminders sent.

Completeness (expected / received / on time / late / missing) is never stored: it is computed from the
submissions and their timestamps (reporting.completeness).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# The four narrative sections asked for each of the five contents.
SECTIONS = [
    ("ket_qua", "Kết quả"),
    ("han_che", "Hạn chế"),
    ("nguyen_nhan", "Nguyên nhân"),
    ("de_xuat", "Đề xuất, kiến nghị"),
]
SECTION_LABELS = dict(SECTIONS)


class ReporterKind(models.TextChoices):
    """Who is expected to report to the issuer."""

    PROVINCE = "province", "Các tỉnh, thành phố"
    COMMUNE = "commune", "Các xã, phường, đặc khu"
    AREA = "area", "Ban Công tác Mặt trận các khu dân cư"
    NONE = "none", "Chỉ các tổ chức thành viên"


class RoundKind(models.TextChoices):
    PERIODIC = "periodic", "Báo cáo định kỳ"
    INTERIM_REVIEW = "so_ket", "Sơ kết"
    FINAL_REVIEW = "tong_ket", "Tổng kết"


REVIEW_KINDS = {RoundKind.INTERIM_REVIEW, RoundKind.FINAL_REVIEW}


class ReviewOutline(models.Model):
    """An outline (đề cương) of a review report: numbered sections, each with guidance and the measures whose
    figures it shows. Outlines are data: a default one is seeded, a unit's officers add their own."""

    name = models.CharField("tên đề cương", max_length=250)
    kind = models.CharField("loại", max_length=10, choices=[c for c in RoundKind.choices if c[0] != "periodic"],
                            default=RoundKind.FINAL_REVIEW)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="review_outlines", verbose_name="đơn vị soạn",
                             help_text="Để trống: đề cương dùng chung cho mọi đơn vị.")
    source = models.CharField("theo văn bản", max_length=300, blank=True)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "đề cương báo cáo sơ kết, tổng kết"
        verbose_name_plural = "đề cương báo cáo sơ kết, tổng kết"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def snapshot(self) -> list[dict]:
        """The sections as a round keeps them (a later edit of the outline does not change an opened round)."""
        return [{"key": f"s{s.pk}", "label": s.label, "title": s.title, "guidance": s.guidance,
                 "measures": list(s.measure_codes)} for s in self.sections.all()]


class OutlineSection(models.Model):
    outline = models.ForeignKey(ReviewOutline, on_delete=models.CASCADE, related_name="sections")
    label = models.CharField("số mục", max_length=12, blank=True)
    title = models.CharField("tiêu đề", max_length=300)
    guidance = models.TextField("hướng dẫn viết", blank=True)
    measure_codes = models.JSONField("các chỉ số hiện số liệu", default=list, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "mục của đề cương"
        ordering = ["outline", "order", "pk"]

    def __str__(self):
        return f"{self.label} {self.title}".strip()


class ReportingRound(models.Model):
    """One reporting round: "Báo cáo 6 tháng đầu năm 2026" of an issuing unit, with its cut-off and due date."""

    issuer = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="reporting_rounds",
                               verbose_name="đơn vị nhận báo cáo")
    period = models.ForeignKey("campaign.Period", on_delete=models.PROTECT, related_name="reporting_rounds",
                               verbose_name="kỳ báo cáo")
    name = models.CharField("tên đợt báo cáo", max_length=250)
    cut_off = models.DateField("số liệu tính đến ngày")
    due_date = models.DateField("hạn gửi")
    lock_on = models.DateField("khóa số liệu từ ngày", null=True, blank=True,
                               help_text="Sau ngày này các báo cáo không sửa được nữa, trừ đơn vị được gia hạn.")
    reporters = models.CharField("đơn vị báo cáo", max_length=10, choices=ReporterKind.choices)
    include_organisations = models.BooleanField("cả các tổ chức thành viên cùng cấp", default=False)
    measure_codes = models.JSONField("các chỉ số phải báo cáo", default=list, blank=True)
    remind_days_before = models.PositiveSmallIntegerField("nhắc trước hạn (ngày)", default=3)
    kind = models.CharField("loại đợt", max_length=10, choices=RoundKind.choices, default=RoundKind.PERIODIC)
    outline = models.ForeignKey(ReviewOutline, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="rounds", verbose_name="đề cương")
    # the outline's sections as they were when the round was opened: [{key, label, title, guidance, measures}]
    review_sections = models.JSONField("các mục của đề cương", default=list, blank=True)
    conference = models.ForeignKey("activities.Activity", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="review_rounds", verbose_name="hội nghị sơ kết, tổng kết")
    requirement = models.ForeignKey("plans.ReportRequirement", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="rounds", verbose_name="theo chế độ báo cáo của kế hoạch")
    parent_submission = models.OneToOneField("Submission", on_delete=models.SET_NULL, null=True, blank=True,
                                             related_name="consolidates",
                                             verbose_name="báo cáo gửi cấp trên (tổng hợp từ đợt này)")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đợt báo cáo"
        verbose_name_plural = "đợt báo cáo"
        ordering = ["-due_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "period", "name"], name="round_unique_per_issuer_period"),
            models.CheckConstraint(condition=Q(due_date__gte=models.F("cut_off")), name="round_due_after_cut_off"),
        ]

    def __str__(self):
        return self.name

    @property
    def unit(self):  # for the audit trail
        return self.issuer

    @property
    def is_review(self) -> bool:
        return self.kind in REVIEW_KINDS

    @property
    def contact(self):
        """The plan's contact person for its reporting regime, when the round was opened from it (or None)."""
        plan = self.requirement.plan if self.requirement_id else None
        return plan if plan is not None and plan.contact_name else None


class State(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Trả lại để sửa"
    ACCEPTED = "accepted", "Đã tiếp nhận"
    LOCKED = "locked", "Đã khóa"


RECEIVED_STATES = {State.SUBMITTED, State.ACCEPTED, State.LOCKED, State.RETURNED}


class Submission(models.Model):
    """One reporter's report in a round: a narrative per content, attachments; its measure values live in the
    spine (typed through indicators.services.save_entries), frozen into `accepted_values` on acceptance."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="submissions",
                              verbose_name="đợt báo cáo")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="submissions",
                             verbose_name="đơn vị báo cáo")
    organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="submissions", verbose_name="tổ chức thành viên")
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField("phiên bản", default=0)
    # The report as signed: the round's measures for this reporter ({code: value}, None = not reported) frozen
    # when the report is accepted. Never a live copy: while drafting, values are typed into the spine itself.
    accepted_values = models.JSONField("số liệu khi tiếp nhận", default=dict, blank=True)
    narratives = models.JSONField("nội dung báo cáo", default=dict, blank=True)  # "1".."5" -> section -> text
    general = models.TextField("đánh giá chung", blank=True)
    first_submitted_at = models.DateTimeField("gửi lần đầu", null=True, blank=True)
    submitted_at = models.DateTimeField("gửi gần nhất", null=True, blank=True)
    accepted_at = models.DateTimeField("tiếp nhận lúc", null=True, blank=True)
    unlocked_until = models.DateField("được sửa sau khóa đến ngày", null=True, blank=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="người cập nhật")
    # The open form (a random token per page) that wrote the latest version: its own autosave still in
    # flight when it saves by hand is not someone else's save.
    saved_by_form = models.CharField("biểu mẫu lưu gần nhất", max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = "báo cáo của đơn vị"
        verbose_name_plural = "báo cáo của đơn vị"
        ordering = ["round", "unit__sort_key", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], condition=Q(organisation__isnull=True),
                                    name="submission_unique_unit"),
            models.UniqueConstraint(fields=["round", "organisation"], condition=Q(organisation__isnull=False),
                                    name="submission_unique_organisation"),
        ]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self):
        return f"{self.round.name} – {self.reporter_name}"

    @property
    def reporter_name(self):
        return self.organisation.name if self.organisation_id else self.unit.name

    def narrative(self, content: int, section: str) -> str:
        return (self.narratives.get(str(content)) or {}).get(section, "")

    def review_text(self, key: str) -> str:
        """The text written under one section of a review round's outline."""
        return (self.narratives.get("review") or {}).get(key, "")

    def submitted_on(self) -> datetime.date | None:
        """The local day of the first submission (what timeliness is judged on)."""
        return timezone.localdate(self.first_submitted_at) if self.first_submitted_at else None


class Transition(models.Model):
    """One step of the workflow, with its comment (on a field or section when returned for correction)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=10, choices=State.choices)
    to_state = models.CharField(max_length=10, choices=State.choices)
    verb = models.CharField("thao tác", max_length=60)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name="người thực hiện")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    comment = models.TextField("ý kiến", blank=True)
    target = models.CharField("ý kiến về mục", max_length=80, blank=True)  # "measure:<code>" | "content:<n>:<section>"

    class Meta:
        verbose_name = "bước xử lý"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.verb} ({self.get_from_state_display()} → {self.get_to_state_display()})"


def attachment_path(instance, filename):
    return f"reporting/{instance.submission.round_id}/{instance.submission_id}/{filename}"


class Attachment(models.Model):
    """A file sent with a submission: usually the signed and stamped scan (PDF or image)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField("tên tệp", max_length=200)
    size = models.PositiveIntegerField("dung lượng (byte)")
    content_type = models.CharField(max_length=60)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name

    @property
    def unit(self):
        return self.submission.unit


class Reminder(models.Model):
    """A reminder sent (or a digest), so the daily run never sends the same one twice."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", "Nhắc trước hạn"
        OVERDUE = "overdue", "Nhắc quá hạn"
        MANUAL = "manual", "Nhắc từ trang theo dõi"
        DIGEST = "digest", "Tổng hợp hằng ngày"

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="reminders")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.TextField("người nhận", blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")

    class Meta:
        verbose_name = "lời nhắc"
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["round", "kind", "sent_on"])]
