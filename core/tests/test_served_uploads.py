"""Issue 13 items 1 and 11: what comes back out of an upload, and what an upload leaves in the session."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.models import StagedUpload


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return buffer.getvalue()


EXEMPLARY = {"year": 2026, "name": "Hoàng Văn Mạnh", "description": "Trưởng thôn", "story": "Hiến đất làm đường."}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_html_behind_a_jpeg_signature_is_refused_as_an_exemplary_photo(client_for, na_hai_head, tree, media):
    from recognition.models import ExemplaryPerson

    payload = SimpleUploadedFile("anh.html", b"\xff\xd8\xff<html><script>alert(document.cookie)</script></html>")
    response = client_for(na_hai_head).post(reverse("recognition:exemplary_add", args=[tree.na_hai.pk]),
                                            {**EXEMPLARY, "photo": payload})
    assert response.status_code == 200 and "không phải ảnh" in response.content.decode()
    assert not ExemplaryPerson.objects.exists()
    assert not any(media.rglob("*.html"))


def test_an_exemplary_photo_is_stored_re_encoded_and_served_as_a_jpeg_that_is_never_sniffed(
        client_for, na_hai_head, province_officer, tree, media):
    from recognition.models import ExemplaryPerson

    response = client_for(na_hai_head).post(reverse("recognition:exemplary_add", args=[tree.na_hai.pk]),
                                            {**EXEMPLARY, "photo": SimpleUploadedFile("anh.html", _png())})
    assert response.status_code == 302
    person = ExemplaryPerson.objects.get()
    assert person.photo.name.endswith(".jpg") and "anh" not in person.photo.name
    served = client_for(province_officer).get(reverse("recognition:exemplary_photo", args=[person.pk]))
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline") and ".html" not in served["Content-Disposition"]
    assert "sandbox" in served["Content-Security-Policy"]
    assert b"".join(served.streaming_content)[:3] == b"\xff\xd8\xff"


def test_an_attachment_takes_its_type_and_name_from_its_bytes_not_its_file_name():
    from core import uploads

    checked = uploads.check_attachment(SimpleUploadedFile("quet.html", _png()))
    assert checked.content_type == "image/jpeg" and checked.file.name.endswith(".jpg")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    checked = uploads.check_attachment(SimpleUploadedFile("bao-cao.html", pdf))
    assert checked.content_type == "application/pdf" and checked.file.name.endswith(".pdf")


def test_the_plan_text_is_kept_on_the_server_not_in_the_session(client_for, province_officer, other_officer, tree):
    from django.contrib.sessions.models import Session

    from plans.tests.test_import_ui import SEED

    with open(SEED, "rb") as fh:
        text = fh.read()
    client = client_for(province_officer)
    response = client.post(f"/ke-hoach/nhap/?don-vi={tree.province.pk}", {"file": SimpleUploadedFile("kh.txt", text)})
    assert response.status_code == 302
    session = Session.objects.get(session_key=client.session.session_key)
    assert len(session.session_data) < 2000
    staged = StagedUpload.objects.get()
    assert staged.owner == province_officer and "MỘT SỐ CHỈ TIÊU" in staged.text
    assert "MỘT SỐ CHỈ TIÊU" in client.get(response["Location"]).content.decode()
    # someone else who learns the address gets nothing
    other = client_for(other_officer).get(response["Location"], follow=True)
    assert "hết hạn" in other.content.decode() and "MỘT SỐ CHỈ TIÊU" not in other.content.decode()
