"""Issue 13 item 10 and the fuzz corpus: every importer endpoint is sent every bad file of `corpus`.

Each answer is a 4xx or the form again (200, or a redirect to a page with the message) carrying a new Vietnamese
message — never a 500 — and not one table gains or loses a row. Run on SQLite and PostgreSQL (NUL bytes used to
raise DataError there).
"""

import datetime
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.tests.conftest import dong_phuc_sub, h1_round  # noqa: F401  (the reporting fixtures)

from . import corpus

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.managed}


def _lines(html: str) -> set[str]:
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    return {" ".join(line.split()) for line in re.sub(r"<[^>]+>", "\n", text).splitlines() if line.strip()}


def _send_all(client, url, field, files, data=None, page=None):
    """POST every file; return the failures as readable strings."""
    baseline = _lines(client.get(page or url).content.decode())
    before = _counts()
    failures = []
    for label, name, content in files:
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        response = client.post(url, {**(data or {}), field: upload}, follow=True)
        if response.status_code >= 500 or response.status_code not in (200, 400, 403, 413):
            failures.append(f"{label}: HTTP {response.status_code}")
            continue
        new = [line for line in _lines(response.content.decode()) - baseline if VIETNAMESE.search(line)]
        if not new:
            failures.append(f"{label}: no Vietnamese message on the page")
        after = _counts()
        if after != before:
            changed = {k: (before[k], after[k]) for k in after if after[k] != before.get(k)}
            failures.append(f"{label}: rows changed {changed}")
            before = after
    return failures


@pytest.fixture
def officer(client_for, dong_phuc_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return client_for(dong_phuc_officer)


TABLES = list(corpus.table_files())
IMAGES = corpus.images()
DOCUMENTS = corpus.documents()


def test_the_area_importer_answers_every_bad_file(officer, tree):
    url = reverse("units:area_import", args=[tree.dong_phuc.pk])
    assert _send_all(officer, url, "file", TABLES) == []


def test_the_household_importer_answers_every_bad_file(officer, tree):
    url = reverse("welfare:import", args=[tree.dong_phuc.pk])
    assert _send_all(officer, url, "file", TABLES, {"year": datetime.date.today().year}) == []


def test_the_adoption_and_children_importers_answer_every_bad_file(officer, tree):
    for name in ("welfare:adoption_import", "welfare:child_import"):
        url = reverse(name, args=[tree.dong_phuc.pk])
        assert _send_all(officer, url, "file", TABLES) == [], name


def test_the_committee_member_file_answers_every_bad_file(officer, tree):
    from committees.models import CommitteeKind

    kind, _ = CommitteeKind.objects.get_or_create(code="ban-thu", defaults={"name": "Ban thử"})
    url = reverse("committees:establish", args=[tree.dong_phuc.pk])
    assert _send_all(officer, url, "members_file", TABLES, {"kind": kind.pk, "decided_on": "2026-01-05"}) == []


def test_the_survey_roll_importer_answers_every_bad_file(officer, dong_phuc_officer, tree):
    from surveys.tests.helpers import make_survey

    survey = make_survey(dong_phuc_officer, tree.dong_phuc, open_=False)
    url = reverse("surveys:roster_import", args=[survey.pk])
    assert _send_all(officer, url, "file", TABLES) == []


def test_the_titles_importer_answers_every_bad_file(officer, tree):
    url = reverse("recognition:titles_import", args=[tree.dong_phuc.pk, 2026])
    assert _send_all(officer, url, "file", TABLES) == []


def test_the_registration_list_importer_answers_every_bad_file(client_for, org_officer, tree, settings, tmp_path):
    from initiatives.models import RegistrationDrive

    settings.MEDIA_ROOT = tmp_path
    drive = RegistrationDrive.objects.create(unit=tree.dong_phuc, year=2026, deadline=datetime.date(2026, 2, 15))
    url = reverse("initiatives:drive_upload", args=[drive.pk, tree.hnd_dong_phuc.pk])
    assert _send_all(client_for(org_officer), url, "file", TABLES) == []


def test_the_plan_importer_answers_every_bad_document(client_for, province_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    files = DOCUMENTS + [("NUL in a .txt", "kh.txt", b"KE HOACH\x00" * 50), ("images as a plan", "kh.pdf", b"%PDF-1.4")]
    assert _send_all(client_for(province_officer), reverse("plans:import"), "file", files) == []


def test_the_exemplary_person_photo_answers_every_bad_image(officer, tree):
    url = reverse("recognition:exemplary_add", args=[tree.dong_phuc.pk])
    data = {"year": 2026, "name": "Hoàng Văn Mạnh", "description": "Trưởng thôn", "story": "Hiến đất làm đường."}
    assert _send_all(officer, url, "photo", IMAGES, data) == []


def test_the_initiative_photo_answers_every_bad_image(officer, tree):
    from initiatives.tests.helpers import make

    initiative = make(tree.na_hai, title="Đường hoa")
    url = reverse("initiatives:photo_add", args=[initiative.pk])
    page = reverse("initiatives:detail", args=[initiative.pk])
    assert _send_all(officer, url, "image", IMAGES, {"caption": "Ảnh"}, page=page) == []


def test_the_supervision_minutes_answer_every_bad_document(officer, tree):
    url = reverse("oversight:supervision_add", args=[tree.dong_phuc.pk])
    data = {"kind": "chuyen_de", "subject_kind": "programme", "subject": "Chính sách hộ nghèo", "team": "",
            "start": "2026-05-01", "end": "2026-05-02", "findings": ""}
    assert _send_all(officer, url, "minutes", DOCUMENTS + IMAGES, data) == []


def test_the_report_attachment_answers_every_bad_document(client_for, dong_phuc_officer, settings, tmp_path,
                                                          dong_phuc_sub):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    url = reverse("reporting:attachment_add", args=[dong_phuc_sub.pk])
    page = reverse("reporting:submission", args=[dong_phuc_sub.pk])
    assert _send_all(client_for(dong_phuc_officer), url, "file", DOCUMENTS + IMAGES, page=page) == []
