"""Poor and near-poor households (the year's official list per residential area) and the support they get.

A `Household` is the lasting identity of a household; `Listing` puts it on one year's official list
(poor, near-poor, newly escaped). Support records hang on the household, so a household supported twice is
still one household, in a year and across a five-year phase.

Privacy (Luật 91/2025/QH15, ND 13/2023): the minimum is collected; ethnicity, disability and health are
sensitive and need the `welfare.view_sensitive` permission; identity numbers are shown masked unless the
user has `welfare.export_identity` and gives a reason on an export.
"""

from django.conf import settings
from django.db import models

from core.collation import vi
from core.concurrency import Versioned
from core.text import fold


class Status(models.TextChoices):
    POOR = "poor", "Hộ nghèo"
    NEAR_POOR = "near_poor", "Hộ cận nghèo"
    ESCAPED = "escaped", "Hộ mới thoát nghèo"


TARGET_STATUSES = (Status.POOR, Status.NEAR_POOR)  # "hộ nghèo, cận nghèo" of the targets


class CircumstanceTag(models.Model):
    """A configurable circumstance: "Người cao tuổi neo đơn", "Thiếu đất sản xuất" … Sensitive tags (health,
    disability) are shown only to users allowed to see sensitive data."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=120)
    is_sensitive = models.BooleanField("thông tin nhạy cảm", default=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "hoàn cảnh"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Household(Versioned):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="welfare_households",
                             verbose_name="khu dân cư")
    head_name = models.CharField("họ tên chủ hộ", max_length=120)
    id_number = models.CharField("số định danh (CCCD) chủ hộ", max_length=12, blank=True)
    members = models.PositiveSmallIntegerField("số nhân khẩu", default=1)
    circumstances = models.ManyToManyField(CircumstanceTag, blank=True, related_name="households",
                                           verbose_name="hoàn cảnh")
    # Sensitive: only with welfare.view_sensitive.
    ethnicity = models.CharField("dân tộc", max_length=40, blank=True)
    has_disability = models.BooleanField("có người khuyết tật", null=True, blank=True)
    health_note = models.CharField("tình trạng sức khỏe", max_length=200, blank=True)
    note = models.CharField("ghi chú", max_length=200, blank=True)
    search_key = models.CharField(max_length=120, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hộ gia đình"
        verbose_name_plural = "hộ gia đình"
        ordering = ["unit__sort_key", vi("head_name"), "pk"]
        permissions = [
            ("view_sensitive", "Xem và ghi thông tin nhạy cảm của hộ (dân tộc, khuyết tật, sức khỏe)"),
            ("export_identity", "Xuất số định danh không che (phải ghi lý do)"),
        ]
        # no uniqueness across the country: a refusal would tell a commune that another commune lists this
        # person (an existence oracle); services check uniqueness within what the editor can see
        indexes = [models.Index(fields=["id_number"], name="household_id_number")]

    def __str__(self):
        return f"Hộ {self.head_name}"

    def save(self, *args, **kwargs):
        self.search_key = fold(self.head_name)
        super().save(*args, **kwargs)

    @property
    def masked_id(self) -> str:
        from .privacy import mask_id

        return mask_id(self.id_number)


class Listing(models.Model):
    """A household on one year's official list."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="listings",
                                  verbose_name="hộ")
    year = models.PositiveSmallIntegerField("năm")
    status = models.CharField("phân loại", max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = "hộ trong danh sách năm"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="listing_once_a_year")]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self):
        return f"{self.household} · {self.get_status_display()} năm {self.year}"


class Kind(models.TextChoices):
    GIFT = "gift", "Thăm hỏi, tặng quà"
    LIVELIHOOD = "livelihood", "Hỗ trợ sinh kế"
    HOUSE = "house", "Nhà Đại đoàn kết"
    SCHOLARSHIP = "scholarship", "Học bổng"
    HEALTH = "health", "Y tế, khám chữa bệnh"
    RELIEF = "relief", "Cứu trợ"
    OTHER = "other", "Hỗ trợ khác"


class Detail(models.TextChoices):
    """The kind's detail: which occasion, which livelihood, new house or repair."""

    TET = "tet", "Dịp Tết"
    OCCASION = "occasion", "Dịp lễ, sự kiện khác"
    LIVESTOCK = "livestock", "Con giống"
    SEEDS = "seeds", "Cây giống, hạt giống"
    TOOLS = "tools", "Công cụ sản xuất"
    CAPITAL = "capital", "Vốn sản xuất"
    TRAINING = "training", "Học nghề, việc làm"
    HOUSE_NEW = "house_new", "Xây mới"
    HOUSE_REPAIR = "house_repair", "Sửa chữa"
    NONE = "", "—"


KIND_DETAILS = {
    Kind.GIFT: [Detail.TET, Detail.OCCASION],
    Kind.LIVELIHOOD: [Detail.LIVESTOCK, Detail.SEEDS, Detail.TOOLS, Detail.CAPITAL, Detail.TRAINING],
    Kind.HOUSE: [Detail.HOUSE_NEW, Detail.HOUSE_REPAIR],
}


class Source(models.TextChoices):
    FUND = "fund", "Quỹ của Mặt trận"
    SPONSOR = "sponsor", "Nhà tài trợ"
    ORGANISATION = "organisation", "Tổ chức thành viên"
    STATE = "state", "Ngân sách nhà nước"
    OTHER = "other", "Nguồn khác"


class SupportRecord(models.Model):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="support",
                                  verbose_name="hộ")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="welfare_support",
                             verbose_name="khu dân cư")  # the household's area when recorded
    kind = models.CharField("loại hỗ trợ", max_length=12, choices=Kind.choices)
    detail = models.CharField("chi tiết", max_length=12, choices=Detail.choices, blank=True)
    date = models.DateField("ngày hỗ trợ")
    amount = models.BigIntegerField("giá trị (đồng)", default=0)
    in_kind = models.BooleanField("hiện vật", default=False)
    in_kind_description = models.CharField("hiện vật gồm", max_length=200, blank=True)
    source = models.CharField("nguồn", max_length=12, choices=Source.choices)
    sponsor_name = models.CharField("tên nhà tài trợ / nguồn", max_length=200, blank=True)
    organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="welfare_support", verbose_name="tổ chức thành viên")
    house_started_on = models.DateField("ngày khởi công", null=True, blank=True)
    house_handed_over_on = models.DateField("ngày bàn giao", null=True, blank=True)
    description = models.CharField("nội dung", max_length=300, blank=True)
    adoption = models.ForeignKey("Adoption", on_delete=models.PROTECT, null=True, blank=True, related_name="support",
                                 verbose_name="theo phân công nhận giúp đỡ")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hỗ trợ"
        verbose_name_plural = "hỗ trợ"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["kind", "date"]), models.Index(fields=["unit", "date"])]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="support_amount_positive")]

    def __str__(self):
        label = self.get_kind_display()
        if self.detail:
            label += f" ({self.get_detail_display().lower()})"
        return f"{label} · {self.household}"

    @property
    def source_label(self) -> str:
        if self.source == Source.ORGANISATION and self.organisation_id:
            return str(self.organisation)
        if self.sponsor_name:
            return f"{self.get_source_display()}: {self.sponsor_name}"
        return self.get_source_display()


class Adoption(Versioned):
    """An organisation adopts a household of the register for a span of years (phân công nhận giúp đỡ hộ nghèo,
    Bình Định §II.5): a member organisation at any level, or a unit's Front (organisation empty, `front_unit`).
    Support given under it is a SupportRecord with `adoption` set: one record, not two."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="adoptions",
                                  verbose_name="hộ được nhận giúp đỡ")
    organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="adoptions", verbose_name="tổ chức thành viên nhận giúp đỡ")
    front_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="adoptions", verbose_name="Mặt trận của đơn vị nhận giúp đỡ")
    from_year = models.PositiveSmallIntegerField("từ năm")
    to_year = models.PositiveSmallIntegerField("đến năm")
    starts_on = models.DateField(editable=False)  # 01/01 of from_year: the spine's window
    ends_on = models.DateField(editable=False)  # 31/12 of to_year
    commitment = models.CharField("nội dung giúp đỡ", max_length=300, blank=True,
                                  help_text="Ví dụ: hỗ trợ con giống, hướng dẫn cách làm ăn, vận động con đi học")
    ended_early_on = models.DateField("dừng giúp đỡ từ ngày", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nhận giúp đỡ hộ"
        verbose_name_plural = "nhận giúp đỡ hộ"
        ordering = ["-from_year", "household__search_key", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(to_year__gte=models.F("from_year")),
                                   name="adoption_years_ordered"),
            models.CheckConstraint(condition=models.Q(organisation__isnull=True, front_unit__isnull=False)
                                   | models.Q(organisation__isnull=False, front_unit__isnull=True),
                                   name="adoption_one_adopter"),
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self):
        return f"{self.adopter_name} nhận giúp đỡ {self.household} ({self.from_year}–{self.to_year})"

    @property
    def adopter_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return f"Mặt trận Tổ quốc {self.front_unit.name}" if self.front_unit_id else ""

    @property
    def unit(self):  # where the audit trail files it
        return self.household.unit


class ChildSponsorship(Versioned):
    """An orphaned or struggling child sponsored monthly ("Kết nối yêu thương", Bình Định §II.5)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="child_sponsorships",
                             verbose_name="khu dân cư của trẻ")
    child_name = models.CharField("họ tên trẻ", max_length=120)
    birth_year = models.PositiveSmallIntegerField("năm sinh")
    circumstance = models.CharField("hoàn cảnh", max_length=200, blank=True,
                                    help_text="Ví dụ: mồ côi cha, mồ côi cả cha và mẹ")
    organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="child_sponsorships", verbose_name="tổ chức đỡ đầu")
    sponsor_name = models.CharField("người, đơn vị đỡ đầu", max_length=200, blank=True,
                                    help_text="Để trống nếu tổ chức thành viên đỡ đầu.")
    monthly_amount = models.BigIntegerField("số tiền mỗi tháng (đồng)")
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày", null=True, blank=True, help_text="Để trống nếu chưa xác định.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đỡ đầu trẻ em"
        verbose_name_plural = "đỡ đầu trẻ em"
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(monthly_amount__gte=0), name="sponsorship_amount_positive"),
            models.CheckConstraint(condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F(
                "starts_on")), name="sponsorship_dates_ordered"),
        ]

    def __str__(self):
        return f"Đỡ đầu {self.child_name} ({self.sponsor})"

    @property
    def sponsor(self) -> str:
        return self.organisation.name if self.organisation_id else self.sponsor_name
