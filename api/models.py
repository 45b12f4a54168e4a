"""API tokens, the log of every API call, and signed documents."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Permission(models.TextChoices):
    """What a token may do (always within its unit subtree and its user's scope)."""

    READ_VALUES = "read_values", "Đọc đơn vị, chỉ số, số liệu, tổng hợp và chỉ tiêu"
    WRITE_VALUES = "write_values", "Ghi số liệu nhập tay (theo lô)"
    READ_PLANS = "read_plans", "Đọc kế hoạch và chỉ tiêu"
    READ_REGISTERS = "read_registers", "Đọc danh sách mô hình, hoạt động"
    READ_REPORTING = "read_reporting", "Đọc tình trạng báo cáo định kỳ"


# `--permissions read,write` on the command line
PERMISSION_ALIASES = {
    "read": [Permission.READ_VALUES, Permission.READ_PLANS, Permission.READ_REGISTERS, Permission.READ_REPORTING],
    "write": [Permission.WRITE_VALUES],
}


class ApiToken(models.Model):
    """A secret an administrator issues to a person or a partner system. Only a hash of it is kept; its
    prefix identifies it in lists and logs. It acts as `user`, narrowed to `unit`'s subtree and `permissions`."""

    class HolderKind(models.TextChoices):
        PERSON = "person", "Người dùng"
        SYSTEM = "system", "Hệ thống đối tác"

    name = models.CharField("tên gợi nhớ", max_length=150)
    holder_kind = models.CharField("cấp cho", max_length=10, choices=HolderKind.choices, default=HolderKind.PERSON)
    holder_name = models.CharField("tên hệ thống đối tác", max_length=150, blank=True,
                                   help_text="Ví dụ: Mặt trận số, Nền tảng dữ liệu tỉnh")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name="tài khoản sử dụng")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="api_tokens",
                             verbose_name="phạm vi (đơn vị và cấp dưới)")
    permissions = models.JSONField("quyền", default=list)
    prefix = models.CharField("tiền tố", max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    rate_limit = models.PositiveIntegerField("giới hạn lượt gọi mỗi phút", default=120)
    expires_on = models.DateField("hết hạn sau ngày", null=True, blank=True)
    created_at = models.DateTimeField("cấp lúc", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="người cấp")
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="người thu hồi")

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def holder(self) -> str:
        return self.holder_name if self.holder_kind == self.HolderKind.SYSTEM and self.holder_name else str(self.user)

    def allows(self, permission) -> bool:
        return str(permission) in self.permissions

    def is_expired(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and today > self.expires_on

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired()

    @property
    def status_label(self) -> str:
        if self.revoked_at:
            return "Đã thu hồi"
        return "Hết hạn" if self.is_expired() else "Đang dùng"

    def permission_labels(self) -> list[str]:
        labels = dict(Permission.choices)
        return [labels.get(p, p) for p in self.permissions]


class ApiCall(models.Model):
    """One call to the API: who (token or session user), what, the answer's status, how long it took."""

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    token = models.ForeignKey(ApiToken, on_delete=models.SET_NULL, null=True, blank=True, related_name="calls")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    duration_ms = models.PositiveIntegerField(default=0)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "lượt gọi API"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["token", "-at"])]


def signed_path(instance, filename):
    return f"ky-so/{instance.kind}/{timezone.localdate():%Y}/{filename}"


class SignedDocument(models.Model):
    """A PAdES-signed PDF of a document doanket issued (a plan, a consolidated report, a fund statement …)."""

    class Kind(models.TextChoices):
        PLAN = "plan", "Kế hoạch"
        REPORT = "report", "Báo cáo tổng hợp"
        FUND_STATEMENT = "fund", "Thông báo công khai quỹ"
        SURVEY_REPORT = "survey", "Báo cáo kết quả lấy ý kiến"

    kind = models.CharField("loại văn bản", max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="signed_documents",
                             verbose_name="đơn vị ban hành")
    title = models.CharField("văn bản", max_length=300)
    file = models.FileField("tệp PDF đã ký", upload_to=signed_path)
    sha256 = models.CharField(max_length=64)
    signer_name = models.CharField("người ký", max_length=150)
    signer_position = models.CharField("chức vụ", max_length=150, blank=True)
    certificate_subject = models.CharField("chứng thư số", max_length=300, blank=True)
    method = models.CharField("cách ký", max_length=20)
    signed_at = models.DateTimeField("ký lúc", auto_now_add=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="người thực hiện")

    class Meta:
        verbose_name = "văn bản đã ký số"
        verbose_name_plural = "văn bản đã ký số"
        ordering = ["-signed_at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return self.title
