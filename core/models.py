from django.conf import settings
from django.db import models


class StagedUpload(models.Model):
    """What was read from an uploaded file while its owner reviews it (e.g. a plan's text and the extraction),
    kept on the server instead of in the session. Found only by its random token and only by its owner."""

    token = models.CharField(max_length=43, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    name = models.CharField("tên tệp", max_length=255)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đang nhập"
        indexes = [models.Index(fields=["owner", "kind"])]

    def __str__(self):
        return self.name
from .concurrency import SubmittedForm  # noqa: F401  (one-time keys of create forms)
