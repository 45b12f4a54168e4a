import datetime

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.models import Initiative, RegistrationDrive

from .helpers import make, upload

D = datetime.date


@pytest.fixture
def rows(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    i = make(tree.na_hai, title="Đường hoa", status="evaluated", rating="tot", is_exemplary=True)
    org_i = make(tree.na_hai, title="Tổ hợp tác chè", organisation=tree.hnd_dong_phuc)
    from initiatives.models import Photo
    from initiatives.photos import prepare

    content = prepare(upload())
    photo = Photo(initiative=i)
    photo.image.save(content.name, content)
    drive = RegistrationDrive.objects.create(unit=tree.dong_phuc, year=2026, deadline=D(2026, 2, 15))
    org_i.drive = drive
    org_i.save()
    return {"i": i, "org_i": org_i, "photo": photo, "drive": drive}


def urls(tree, rows):
    i, drive, org = rows["i"], rows["drive"], tree.hnd_dong_phuc
    return [
        reverse("initiatives:detail", args=[i.pk]), reverse("initiatives:edit", args=[i.pk]),
        reverse("initiatives:replicate", args=[i.pk]), reverse("initiatives:photo", args=[rows["photo"].pk]),
        reverse("initiatives:add", args=[tree.na_hai.pk]), reverse("initiatives:index") + f"?don_vi={tree.na_hai.pk}",
        reverse("initiatives:drive", args=[drive.pk]), reverse("initiatives:drive_list", args=[drive.pk, org.pk]),
        reverse("initiatives:drive_add", args=[drive.pk, org.pk]),
        reverse("initiatives:drive_upload", args=[drive.pk, org.pk]),
        reverse("initiatives:drive_download", args=[drive.pk, org.pk, "xlsx"]),
        reverse("initiatives:drive_open", args=[tree.dong_phuc.pk]),
    ]


def test_every_page_opens_for_the_commune_officer(client_for, dong_phuc_officer, tree, rows):
    client = client_for(dong_phuc_officer)
    for url in urls(tree, rows) + [reverse("initiatives:showcase"), reverse("initiatives:drives"),
                                   reverse("initiatives:drive_download", args=[rows["drive"].pk,
                                                                               tree.hnd_dong_phuc.pk, "docx"])]:
        assert client.get(url).status_code == 200, url


def test_another_communes_officer_gets_404_on_every_url(client_for, other_officer, tree, rows):
    client = client_for(other_officer)
    for url in urls(tree, rows):
        assert client.get(url).status_code == 404, url
    for name, args in [("transition", [rows["i"].pk, "dung"]), ("delete", [rows["i"].pk]),
                       ("photo_add", [rows["i"].pk]), ("photo_delete", [rows["photo"].pk]),
                       ("drive_remind", [rows["drive"].pk]),
                       ("drive_submit", [rows["drive"].pk, tree.hnd_dong_phuc.pk])]:
        assert client.post(reverse(f"initiatives:{name}", args=args), {"on": "2026-05-01"}).status_code == 404, name
    assert "Đường hoa" not in client.get(reverse("initiatives:showcase")).content.decode()


def test_org_officer_sees_and_edits_only_their_organisations_rows(client_for, org_officer, tree, rows):
    client = client_for(org_officer)
    assert client.get(reverse("initiatives:detail", args=[rows["i"].pk])).status_code == 404
    assert client.get(reverse("initiatives:edit", args=[rows["org_i"].pk])).status_code == 200
    page = client.get(reverse("initiatives:index")).content.decode()
    assert "Tổ hợp tác chè" in page and "Đường hoa" not in page


def test_leader_reads_but_cannot_write(client_for, leader, tree, rows):
    client = client_for(leader)
    assert client.get(reverse("initiatives:detail", args=[rows["i"].pk])).status_code == 200
    assert client.get(reverse("initiatives:edit", args=[rows["i"].pk])).status_code == 403
    assert client.post(reverse("initiatives:transition", args=[rows["i"].pk, "dung"]),
                       {"on": "2026-05-01"}).status_code == 403
    assert client.get(reverse("initiatives:add", args=[tree.na_hai.pk])).status_code == 403
    rows["i"].refresh_from_db()
    assert rows["i"].status == "evaluated"


def test_showcase_filters_by_topic_and_shows_photo(client_for, province_officer, tree, rows):
    client = client_for(province_officer)
    page = client.get(reverse("initiatives:showcase")).content.decode()
    assert "Đường hoa" in page and reverse("initiatives:photo", args=[rows["photo"].pk]) in page
    page = client.get(reverse("initiatives:showcase") + "?topic=phong-chong-ma-tuy").content.decode()
    assert "Đường hoa" not in page


def test_add_form_creates_and_redirects(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("initiatives:add", args=[tree.dong_phuc.pk]), {
        "kind": "mo_hinh", "title": "Camera an ninh", "unit": tree.na_lan.pk, "organisation": "",
        "content": 4, "is_pilot": "on", "started_on": "2026-03-02", "money": "12000000"})
    i = Initiative.objects.get(title="Camera an ninh")
    assert response.status_code == 302 and i.unit == tree.na_lan and i.money == 12_000_000


def test_negative_money_in_the_form_is_a_field_error(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("initiatives:add", args=[tree.dong_phuc.pk]), {
        "kind": "mo_hinh", "title": "X", "unit": tree.na_lan.pk, "money": "-1"})
    assert response.status_code == 200 and "không được âm" in response.content.decode()
    assert not Initiative.objects.filter(title="X").exists()


def test_photo_upload_refuses_a_non_image_with_a_message(client_for, dong_phuc_officer, tree, rows):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("initiatives:photo_add", args=[rows["i"].pk]),
                           {"image": upload("x.txt", b"hello", "text/plain")}, follow=True)
    assert "không phải ảnh" in response.content.decode()
    assert rows["i"].photos.count() == 1


def test_remind_emails_the_organisations_officers(client_for, dong_phuc_officer, org_officer, tree, rows, mailoutbox,
                                                 django_capture_on_commit_callbacks):
    client = client_for(dong_phuc_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("initiatives:drive_remind", args=[rows["drive"].pk]), follow=True)
    assert response.status_code == 200
    assert [m.to for m in mailoutbox] == [[org_officer.email]]
    assert "Nhắc đăng ký" in mailoutbox[0].subject
    sub = rows["drive"].submissions.get(organisation=tree.hnd_dong_phuc)
    assert sub.reminders == 1 and sub.submitted_at is None


def test_submit_marks_the_list_submitted(client_for, org_officer, tree, rows):
    client = client_for(org_officer)
    client.post(reverse("initiatives:drive_submit", args=[rows["drive"].pk, tree.hnd_dong_phuc.pk]))
    status = services.drive_status(org_officer, rows["drive"])
    assert [(r["organisation"], r["submitted"]) for r in status] == [(tree.hnd_dong_phuc, True)]


def test_area_head_edits_an_organisations_model_in_their_area(client_for, na_hai_head, tree, rows):
    client = client_for(na_hai_head)
    i = rows["org_i"]
    response = client.post(reverse("initiatives:edit", args=[i.pk]), {
        "kind": "mo_hinh", "title": "Tổ hợp tác chè an toàn", "unit": tree.na_hai.pk,
        "organisation": tree.hnd_dong_phuc.pk, "workdays": "40"})
    assert response.status_code == 302, response.context["form"].errors
    i.refresh_from_db()
    assert (i.title, i.workdays, i.organisation) == ("Tổ hợp tác chè an toàn", 40, tree.hnd_dong_phuc)
