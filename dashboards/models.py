from django.conf import settings
from django.db import models


class Panel(models.TextChoices):
    """Panels an officer may publish. None of them carries personal data; survey results only when the survey's
    results are already published, funds only as a link to the fund books' own public disclosure."""

    TARGETS = "targets", "Chỉ tiêu và tiến độ"
    MAP = "map", "Bản đồ theo đơn vị"
    REPORTING = "reporting", "Tình hình gửi báo cáo"
    TREND = "trend", "Xu hướng qua các năm"
    SURVEYS = "surveys", "Kết quả lấy ý kiến đã công khai"
    FUNDS = "funds", "Công khai quỹ"


class PublicDashboard(models.Model):
    """A unit's opt-in public dashboard: the panels its officer chose, for one plan and period."""

    unit = models.OneToOneField("units.Unit", on_delete=models.CASCADE, related_name="public_dashboard",
                                verbose_name="đơn vị")
    published = models.BooleanField("đang công khai", default=False)
    panels = models.JSONField("các phần công khai", default=list, blank=True)
    plan = models.ForeignKey("plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="kế hoạch")
    period = models.ForeignKey("campaign.Period", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="kỳ")
    measure_code = models.CharField("chỉ số trên bản đồ", max_length=80, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bảng số liệu công khai"
        verbose_name_plural = "bảng số liệu công khai"

    def __str__(self):
        return f"Bảng số liệu công khai — {self.unit.name}"

    def shows(self, panel: str) -> bool:
        return self.published and panel in self.panels
