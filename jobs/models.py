from django.conf import settings
from django.db import models


class Job(models.Model):
    """One piece of long work a user asked for (a big export, a full rebuild): run by a task, polled by the
    page that started it, with a file to download when done."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Xong"
        FAILED = "failed", "Lỗi"

    kind = models.CharField("loại", max_length=60)
    title = models.CharField("tên", max_length=300)
    params = models.JSONField("tham số", default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs",
                                   verbose_name="người yêu cầu")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name="đơn vị")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("đã xử lý", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    message = models.TextField("thông báo", blank=True)
    file = models.FileField("tệp kết quả", upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField("tên tệp", max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)
    worker_id = models.CharField("tiến trình xử lý", max_length=64, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)

    class Meta:
        verbose_name = "tác vụ nền"
        verbose_name_plural = "tác vụ nền"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "-created_at"]), models.Index(fields=["status"])]

    def __str__(self):
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
