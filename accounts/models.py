from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from core.collation import vi
from units.models import Level


class Role(models.TextChoices):
    OFFICER = "officer", "Cán bộ Mặt trận"
    AREA_HEAD = "area_head", "Trưởng Ban Công tác Mặt trận"
    ORG_OFFICER = "org_officer", "Cán bộ tổ chức thành viên"
    LEADER = "leader", "Lãnh đạo (chỉ xem)"
    ADMIN = "admin", "Quản trị"


class User(AbstractUser):
    """A person in doanket. Their scope is one unit (and everything under it), optionally one member
    organisation; every query they make is filtered to that scope (accounts.scope)."""

    full_name = models.CharField("họ và tên", max_length=150)
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, default=Role.OFFICER)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="users", verbose_name="đơn vị")
    organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="users", verbose_name="tổ chức thành viên")
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    position = models.CharField("chức vụ", max_length=150, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        ordering = [vi("full_name"), "username"]

    def __str__(self):
        return self.full_name or self.username

    @property
    def role_title(self) -> str:
        """'Cán bộ MTTQ tỉnh', 'Cán bộ MTTQ xã' … read off the role and the level of the scope."""
        if self.role == Role.OFFICER and self.unit_id:
            return {
                Level.NATION: "Cán bộ UB MTTQ Việt Nam",
                Level.PROVINCE: "Cán bộ MTTQ tỉnh",
                Level.DISTRICT: "Cán bộ MTTQ huyện",
                Level.COMMUNE: "Cán bộ MTTQ xã",
            }.get(self.unit.level, Role.OFFICER.label)
        return self.get_role_display()

    @property
    def can_write(self) -> bool:
        return self.is_active and self.role != Role.LEADER and (self.unit_id is not None or self.is_superuser)


class AuditEvent(models.Model):
    """Who did what to which object, when, with the fields before → after. Written only by accounts.audit."""

    class Action(models.TextChoices):
        CREATE = "create", "Tạo mới"
        UPDATE = "update", "Sửa"
        DELETE = "delete", "Xóa"
        VIEW = "view", "Xem"
        EXPORT = "export", "Xuất dữ liệu"
        IMPORT = "import", "Nhập dữ liệu"
        ACTION = "action", "Thao tác"

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="audit_events", verbose_name="người thực hiện")
    action = models.CharField("thao tác", max_length=10, choices=Action.choices)
    verb = models.CharField("mô tả", max_length=200, blank=True, help_text="e.g. 'Gửi báo cáo'")
    object_type = models.CharField("loại đối tượng", max_length=100)  # app_label.model
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField("đối tượng", max_length=300)
    unit = models.ForeignKey("units.Unit", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="audit_events", verbose_name="đơn vị")
    unit_path = models.CharField(max_length=60, blank=True, db_index=True)
    changes = models.JSONField("thay đổi", default=dict, blank=True)  # {field: [before, after]}
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"
