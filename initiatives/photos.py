"""Photos taken on a phone: checked, turned upright, shrunk on the server and stored as JPEG.

Used by the initiatives and activities registers. Photos are served only through scoped views
(`initiatives.views.photo`, `activities.views.photo`), never from a public media URL.
"""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models

MAX_BYTES = 10 * 1024 * 1024
LONGEST_SIDE = 1600
JPEG_QUALITY = 82
MAX_PIXELS = 60_000_000  # refuse decompression bombs before decoding


def prepare(upload) -> ContentFile:
    """A resized JPEG from an uploaded file, or ValidationError with a Vietnamese message."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = getattr(upload, "name", "ảnh") or "ảnh"
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_BYTES:
        raise ValidationError(f"Ảnh “{name}” nặng {size / 1024 / 1024:.1f} MB, vượt quá 10 MB cho phép. "
                              "Hãy chụp lại với chất lượng thấp hơn hoặc chọn ảnh khác.")
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(f"Ảnh “{name}” quá lớn ({probe.width}×{probe.height} điểm ảnh).")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            image = image.convert("RGB")
            image.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"Tệp “{name}” không phải ảnh (chỉ nhận ảnh JPEG, PNG, WebP, HEIF đã chuyển sang JPEG…).")
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def file_response(photo):
    """Stream a stored photo (the caller has already checked scope)."""
    from django.http import FileResponse, Http404

    try:
        handle = photo.image.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Không tìm thấy ảnh.")
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


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
