"""Recognition: cultural titles under ND 86/2023 (Gia đình văn hóa, Thôn/Tổ dân phố văn hóa, Xã/Phường tiêu
biểu), nominations for commendation and their decisions, and exemplary people (gương điển hình)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q

from core.concurrency import Versioned


class AreaTitle(Versioned):
    """One residential area in one year: families recognised "Gia đình văn hóa" out of all its families, and
    whether the area itself was recognised "Thôn/Tổ dân phố văn hóa"."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="area_titles",
                             verbose_name="khu dân cư")
    year = models.PositiveSmallIntegerField("năm")
    total_families = models.PositiveIntegerField("tổng số hộ gia đình")
    cultural_families = models.PositiveIntegerField("số gia đình văn hóa")
    area_recognised = models.BooleanField("khu dân cư văn hóa", default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "danh hiệu văn hóa của khu dân cư"
        verbose_name_plural = "danh hiệu văn hóa của khu dân cư"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="area_title_unique"),
            models.CheckConstraint(condition=Q(cultural_families__lte=F("total_families")),
                                   name="area_title_cultural_le_total"),
        ]
        indexes = [models.Index(fields=["year", "unit"])]

    def __str__(self):
        return f"Danh hiệu văn hóa {self.year} · {self.unit}"

    @property
    def rate(self):
        return 100 * self.cultural_families / self.total_families if self.total_families else None


class CommuneTitle(models.Model):
    """A commune recognised "Xã/Phường tiêu biểu" in a year (a row exists only when it was)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="commune_titles",
                             verbose_name="xã, phường")
    year = models.PositiveSmallIntegerField("năm")
    decision = models.CharField("quyết định công nhận", max_length=200, blank=True)

    class Meta:
        verbose_name = "xã, phường tiêu biểu"
        verbose_name_plural = "xã, phường tiêu biểu"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="commune_title_unique")]

    def __str__(self):
        return f"{self.unit} tiêu biểu năm {self.year}"


class Nomination(Versioned):
    """A proposal to commend a collective or an individual: proposed → approved/rejected → decided."""

    class NomineeType(models.TextChoices):
        COLLECTIVE = "collective", "Tập thể"
        INDIVIDUAL = "individual", "Cá nhân"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Đề nghị, chờ xét"
        APPROVED = "approved", "Đã xét, trình khen thưởng"
        REJECTED = "rejected", "Không đề nghị"
        DECIDED = "decided", "Đã có quyết định khen thưởng"

    class Level(models.TextChoices):
        COMMUNE = "commune", "Cấp xã"
        PROVINCE = "province", "Cấp tỉnh"
        CENTRAL = "central", "Trung ương"

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="nominations",
                             verbose_name="đơn vị đề nghị")
    year = models.PositiveSmallIntegerField("năm")
    nominee_type = models.CharField("đối tượng", max_length=12, choices=NomineeType.choices)
    nominee_name = models.CharField("tên tập thể / họ và tên", max_length=250)
    nominee_detail = models.CharField("chức vụ, địa chỉ", max_length=250, blank=True)
    nominee_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="tập thể là đơn vị")
    nominee_organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True,
                                             blank=True, related_name="+", verbose_name="tập thể là tổ chức thành viên")
    achievement = models.TextField("thành tích")
    # The model or activity the achievement rests on: a generic link once those registers exist, or free text.
    linked_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    linked_id = models.PositiveBigIntegerField(null=True, blank=True)
    linked_text = models.CharField("mô hình, hoạt động gắn với thành tích", max_length=300, blank=True)
    award_form = models.CharField("hình thức đề nghị", max_length=120, default="Giấy khen")
    status = models.CharField("tình trạng", max_length=10, choices=Status.choices, default=Status.PROPOSED,
                              db_index=True)
    review_note = models.TextField("ý kiến xét duyệt", blank=True)
    reviewed_on = models.DateField("ngày xét", null=True, blank=True)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    decision_level = models.CharField("cấp khen thưởng", max_length=10, choices=Level.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["-year", "status", "nominee_name"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self):
        return f"{self.get_nominee_type_display()} {self.nominee_name} ({self.year})"


class ExemplaryPerson(Versioned):
    """A gương điển hình: a person (or family) whose story is told in propaganda."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="exemplary_people",
                             verbose_name="đơn vị")
    year = models.PositiveSmallIntegerField("năm")
    name = models.CharField("họ và tên", max_length=200)
    description = models.CharField("giới thiệu ngắn", max_length=250,
                                   help_text="Ví dụ: Trưởng thôn Nà Hai, hiến 300 m² đất làm đường")
    story = models.TextField("câu chuyện")
    photo = models.ImageField("ảnh", upload_to="guong-dien-hinh/%Y/", blank=True)
    nomination = models.ForeignKey(Nomination, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="exemplary", verbose_name="đề nghị khen thưởng")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gương điển hình"
        verbose_name_plural = "gương điển hình"
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name
