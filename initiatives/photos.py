"""Photos taken on a phone: checked, turned upright, shrunk on the server and stored as JPEG (core.uploads).

Used by the initiatives and activities registers. Photos are served only through scoped views
(`initiatives.views.photo`, `activities.views.photo`), never from a public media URL.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models

from core import uploads


def prepare(upload) -> ContentFile:
    """A resized JPEG under a random name (core.uploads.prepare_image), or UploadError (a ValidationError)."""
    return uploads.prepare_image(upload)


def file_response(photo):
    """Send a stored photo (the caller has already checked scope) as a JPEG, never sniffed."""
    return uploads.serve(photo.image, "image/jpeg", f"anh-{photo.pk}.jpg")


class PhotoBase(models.Model):
    """What every register photo keeps; a concrete model adds its owner FK and an `image` field with its own
    upload path."""

    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    caption = models.CharField("chú thích", max_length=250, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.caption or f"Ảnh {self.pk}"
