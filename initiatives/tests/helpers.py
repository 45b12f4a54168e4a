import datetime
import io

from initiatives.models import Initiative, Topic


def image_bytes(size=(3000, 2000), fmt="JPEG", color=(30, 120, 60)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def upload(name="anh.jpg", content=None, content_type="image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, image_bytes() if content is None else content, content_type=content_type)


def make(unit, title="Mô hình", organisation=None, pilot=False, self_managed=False, topics=(), status="running",
         started=datetime.date(2026, 3, 1), stopped=None, money=None, **kw):
    i = Initiative.objects.create(unit=unit, title=title, organisation=organisation, is_pilot=pilot,
                                  is_self_managed=self_managed, status=status, started_on=started,
                                  stopped_on=stopped, money=money, **kw)
    if topics:
        i.topics.set(Topic.objects.filter(code__in=topics))
    return i
