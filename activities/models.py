"""The activities register: Great Unity Day, propaganda, training, festivals, commendation events, study tours,
the other festival days (border, security, defence), 27/7 gratitude, dialogues and voter contact, security pledges,
covenants. Propaganda channels and training topics are data (tables seeded by a data migration, edited by
administrators on /hoat-dong/danh-muc/)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.concurrency import Versioned

from initiatives.photos import PhotoBase


class Activity(Versioned):
    class Kind(models.TextChoices):
        GREAT_UNITY_DAY = "ngay_hoi", "Ngày hội Đại đoàn kết toàn dân tộc"
        PROPAGANDA = "tuyen_truyen", "Tuyên truyền"
        TRAINING = "tap_huan", "Tập huấn"
        FESTIVAL = "lien_hoan", "Liên hoan văn hóa, thể thao"
        COMMENDATION = "bieu_duong", "Biểu dương, khen thưởng"
        STUDY_TOUR = "hoc_tap", "Học tập kinh nghiệm, tham quan mô hình"
        BORDER_DAY = "nh_bien_phong", "Ngày hội Biên phòng toàn dân"
        SECURITY_DAY = "nh_an_ninh", "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
        DEFENCE_DAY = "nh_quoc_phong", "Ngày hội quốc phòng toàn dân"
        GRATITUDE = "den_on", "Hoạt động đền ơn đáp nghĩa (27/7)"
        DIALOGUE = "doi_thoai", "Đối thoại, tiếp xúc cử tri, lắng nghe ý kiến Nhân dân"
        SECURITY_PLEDGE = "cam_ket_antt", "Ký cam kết bảo đảm an ninh trật tự"
        REVIEW_CONFERENCE = "tong_ket", "Hội nghị sơ kết, tổng kết"

    class DialogueForm(models.TextChoices):
        DIALOGUE = "doi_thoai", "Đối thoại giữa chính quyền và Nhân dân"
        VOTERS = "tiep_xuc", "Tiếp xúc cử tri"
        LISTENING = "lang_nghe", "“Lắng nghe ý kiến của Nhân dân”"

    kind = models.CharField("loại hoạt động", max_length=14, choices=Kind.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="activities",
                             verbose_name="đơn vị tổ chức")
    organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="activities", verbose_name="tổ chức chủ trì",
                                     help_text="Để trống nếu Mặt trận chủ trì.")
    held_on = models.DateField("ngày tổ chức")
    title = models.CharField("tên hoạt động", max_length=300, blank=True)
    participants = models.PositiveIntegerField("số người tham gia", null=True, blank=True)
    households = models.PositiveIntegerField("số hộ tham gia", null=True, blank=True)
    money_spent = models.BigIntegerField("kinh phí tổ chức (đồng)", null=True, blank=True)
    money_mobilised = models.BigIntegerField("kinh phí vận động được (đồng)", null=True, blank=True)
    sessions = models.PositiveIntegerField("số buổi, hội nghị", null=True, blank=True)
    articles = models.PositiveIntegerField("số tin, bài, bài đăng", null=True, blank=True)
    commended = models.PositiveIntegerField("số tập thể, cá nhân được biểu dương", null=True, blank=True)
    integrates_environment = models.BooleanField("lồng ghép bảo vệ môi trường", default=False)
    integrates_crime_prevention = models.BooleanField("lồng ghép phòng chống tội phạm, tệ nạn xã hội", default=False)
    integrates_civilised_lifestyle = models.BooleanField("lồng ghép nếp sống văn minh", default=False)
    destination = models.CharField("nơi đến, mô hình tham quan", max_length=300, blank=True)
    dialogue_form = models.CharField("hình thức", max_length=10, choices=DialogueForm.choices, blank=True)
    opinions = models.PositiveIntegerField("số ý kiến, kiến nghị Nhân dân nêu", null=True, blank=True)
    topic = models.ForeignKey("TrainingTopic", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="activities", verbose_name="chủ đề tập huấn")
    contents = models.ManyToManyField("campaign.Content", blank=True, related_name="activities",
                                      verbose_name="nội dung Cuộc vận động")
    highlights = models.TextField("điểm nổi bật", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hoạt động"
        verbose_name_plural = "hoạt động"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["kind", "held_on"]), models.Index(fields=["unit", "kind", "held_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(money_spent__isnull=True) | Q(money_spent__gte=0),
                                   name="activity_money_spent_positive"),
            models.CheckConstraint(condition=Q(money_mobilised__isnull=True) | Q(money_mobilised__gte=0),
                                   name="activity_money_mobilised_positive"),
        ]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} — {self.unit.name}"

    @property
    def is_integrated(self) -> bool:
        return self.integrates_environment or self.integrates_crime_prevention or self.integrates_civilised_lifestyle


class ListItem(models.Model):
    """An entry of a configurable list: code, name, order, whether it is still offered on forms."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=150)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class PropagandaChannel(ListItem):
    """A channel of propaganda (hội nghị, họp thôn, Zalo/Facebook, pano–áp phích …)."""

    class Meta(ListItem.Meta):
        verbose_name = "hình thức tuyên truyền"


class TrainingTopic(ListItem):
    """A topic of training (nghiệp vụ công tác Mặt trận, giám sát, chuyển đổi số …)."""

    class Meta(ListItem.Meta):
        verbose_name = "chủ đề tập huấn"


class ActivityChannel(models.Model):
    """How many sessions, posts or items of one activity went through one channel."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="channel_counts")
    channel = models.ForeignKey(PropagandaChannel, on_delete=models.PROTECT, related_name="counts",
                                verbose_name="hình thức")
    count = models.PositiveIntegerField("số buổi, tin bài, sản phẩm")

    class Meta:
        verbose_name = "số lượt tuyên truyền theo hình thức"
        ordering = ["channel__order"]
        constraints = [models.UniqueConstraint(fields=["activity", "channel"], name="activity_channel_once"),
                       models.CheckConstraint(condition=Q(count__gte=1), name="activity_channel_count_positive")]

    def __str__(self):
        return f"{self.channel.name}: {self.count}"


def _photo_path(instance, filename):
    return f"anh/hoat-dong/{instance.activity_id}/{filename}"


class ActivityPhoto(PhotoBase):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("ảnh", upload_to=_photo_path, width_field="width", height_field="height")

    class Meta(PhotoBase.Meta):
        verbose_name = "ảnh hoạt động"


class CovenantRule(models.Model):
    """A kind of rule a covenant may carry (việc cưới, việc tang, môi trường, an ninh …): configurable data."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=150)
    is_civilised_lifestyle = models.BooleanField(
        "thuộc nếp sống văn minh (cưới, tang, môi trường)", default=False,
        help_text="Tính vào chỉ tiêu khu dân cư có quy định nếp sống văn minh trong hương ước, quy ước.")
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "loại quy định"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class CovenantUpdate(Versioned):
    """A residential area's covenant (hương ước / quy ước) adopted or amended, with the rules it added."""

    class Kind(models.TextChoices):
        HUONG_UOC = "huong_uoc", "Hương ước"
        QUY_UOC = "quy_uoc", "Quy ước"

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="covenant_updates",
                             verbose_name="khu dân cư")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.QUY_UOC)
    updated_on = models.DateField("ngày thông qua")
    rules = models.ManyToManyField(CovenantRule, blank=True, related_name="updates", verbose_name="quy định bổ sung")
    approved_by = models.CharField("quyết định công nhận", max_length=200, blank=True,
                                   help_text="Ví dụ: QĐ số 12/QĐ-UBND ngày 05/3/2026 của UBND xã")
    note = models.TextField("nội dung chính", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cập nhật hương ước, quy ước"
        ordering = ["-updated_on", "-id"]
        indexes = [models.Index(fields=["unit", "updated_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit.name} ({self.updated_on:%d/%m/%Y})"
