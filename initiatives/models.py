"""The initiatives register: mô hình, công trình, phần việc, their photos and the yearly registration drive."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.concurrency import Versioned

from initiatives.photos import PhotoBase


class Topic(models.Model):
    """A topic an initiative serves ("an sinh cộng đồng", "Sáng – Xanh – Sạch – Đẹp", …): configurable data."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên chủ đề", max_length=150)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "chủ đề"
        verbose_name_plural = "chủ đề"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class RegistrationDrive(models.Model):
    """A province or commune asks its member organisations to register their initiatives for a year by a date."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="registration_drives",
                             verbose_name="đơn vị mở đợt")
    year = models.PositiveSmallIntegerField("năm")
    deadline = models.DateField("hạn đăng ký")
    note = models.TextField("hướng dẫn", blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đợt đăng ký"
        ordering = ["-year", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_drive_per_unit_year")]

    def __str__(self):
        return f"Đăng ký công trình, mô hình, phần việc năm {self.year} — {self.unit.name}"


class Submission(models.Model):
    """One member organisation's list in a drive: submitted when the organisation says it is complete."""

    drive = models.ForeignKey(RegistrationDrive, on_delete=models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("ngày gửi", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    reminded_at = models.DateTimeField("nhắc lần cuối", null=True, blank=True)
    reminders = models.PositiveSmallIntegerField("số lần nhắc", default=0)

    class Meta:
        verbose_name = "danh sách đăng ký"
        constraints = [models.UniqueConstraint(fields=["drive", "organisation"], name="one_submission_per_org")]

    def __str__(self):
        return f"{self.organisation} — {self.drive.year}"

    @property
    def unit(self):
        return self.drive.unit


class Initiative(Versioned):
    class Kind(models.TextChoices):
        MODEL = "mo_hinh", "Mô hình"
        WORK = "cong_trinh", "Công trình"
        CONTRIBUTION = "phan_viec", "Phần việc"

    class Status(models.TextChoices):
        REGISTERED = "registered", "Đã đăng ký"
        RUNNING = "running", "Đang thực hiện"
        EVALUATED = "evaluated", "Đã đánh giá"
        REPLICATED = "replicated", "Đã nhân rộng"
        STOPPED = "stopped", "Đã dừng"

    class Rating(models.TextChoices):
        GOOD = "tot", "Tốt"
        FAIR = "kha", "Khá"
        AVERAGE = "trung_binh", "Trung bình"
        INEFFECTIVE = "khong_hieu_qua", "Không hiệu quả"

    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.MODEL)
    title = models.CharField("tên", max_length=300)
    description = models.TextField("nội dung thực hiện", blank=True)
    content = models.ForeignKey("campaign.Content", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="nội dung Cuộc vận động")
    criteria = models.ManyToManyField("campaign.Criterion", blank=True, related_name="+", verbose_name="tiêu chí")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="initiatives",
                             verbose_name="địa bàn")
    organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="initiatives", verbose_name="tổ chức chủ trì",
                                     help_text="Để trống nếu Mặt trận chủ trì.")
    is_pilot = models.BooleanField("mô hình điểm", default=False)
    is_self_managed = models.BooleanField("tự quản", default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="initiatives", verbose_name="chủ đề")
    started_on = models.DateField("ngày bắt đầu", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=12, choices=Status.choices, default=Status.REGISTERED)
    rating = models.CharField("kết quả đánh giá", max_length=16, choices=Rating.choices, blank=True)
    evaluated_on = models.DateField("ngày đánh giá", null=True, blank=True)
    evaluation_notes = models.TextField("nhận xét đánh giá", blank=True)
    stopped_on = models.DateField("ngày dừng", null=True, blank=True)
    replicated_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="copies", verbose_name="nhân rộng từ")
    is_exemplary = models.BooleanField("tiêu biểu (giới thiệu trên trang mô hình tiêu biểu)", default=False)
    money = models.BigIntegerField("kinh phí huy động (đồng)", null=True, blank=True)
    workdays = models.PositiveIntegerField("ngày công", null=True, blank=True)
    land_m2 = models.PositiveIntegerField("đất hiến (m²)", null=True, blank=True)
    drive = models.ForeignKey(RegistrationDrive, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="initiatives", verbose_name="đợt đăng ký")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mô hình, công trình, phần việc"
        verbose_name_plural = "mô hình, công trình, phần việc"
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["drive", "organisation"])]
        constraints = [
            models.CheckConstraint(condition=Q(money__isnull=True) | Q(money__gte=0), name="initiative_money_positive"),
        ]

    def __str__(self):
        return self.title

    @property
    def owner_label(self):
        return self.organisation.name if self.organisation_id else "Mặt trận Tổ quốc"

    def active_during(self, start: datetime.date, end: datetime.date) -> bool:
        """Running at some point in [start, end]: started by the end, not stopped before the start, not a plan."""
        return (self.status != self.Status.REGISTERED and self.started_on is not None and self.started_on <= end
                and (self.stopped_on is None or self.stopped_on >= start))


def _photo_path(instance, filename):
    return f"anh/mo-hinh/{instance.initiative_id}/{filename}"


class Photo(PhotoBase):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("ảnh", upload_to=_photo_path, width_field="width", height_field="height")

    class Meta(PhotoBase.Meta):
        verbose_name = "ảnh mô hình"

    @property
    def unit(self):
        return self.initiative.unit
