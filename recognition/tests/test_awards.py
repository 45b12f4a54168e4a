import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.derive import recompute
from recognition import services
from recognition.models import ExemplaryPerson, Nomination

D = datetime.date
pytestmark = pytest.mark.django_db
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def nominate(user, unit, **kw):
    data = {"year": 2025, "nominee_type": "individual", "nominee_name": "Hà Văn Tuấn", "nominee_detail": "",
            "nominee_unit": None, "nominee_organisation": None, "achievement": "Vận động hiến đất",
            "linked_text": "Đường bê tông Nà Hai", "award_form": "Giấy khen", **kw}
    return services.save_nomination(user, unit, data)


@pytest.fixture
def world(tree, dong_phuc_officer):
    n = nominate(dong_phuc_officer, tree.dong_phuc)
    person = services.save_exemplary(dong_phuc_officer, tree.dong_phuc, {
        "year": 2025, "name": "Hà Văn Tuấn", "description": "Trưởng thôn", "story": "Câu chuyện", "nomination": n},
        photo=SimpleUploadedFile("anh.png", PNG, content_type="image/png"))
    return type("W", (), {"n": n, "person": person})()


def test_a_nomination_is_proposed_approved_then_decided(tree, dong_phuc_officer, world):
    n = services.review_nomination(dong_phuc_officer, world.n, True, D(2025, 11, 20))
    assert n.status == "approved"
    with pytest.raises(ValidationError):
        services.decide_nomination(dong_phuc_officer, n, "", D(2025, 12, 1), "commune")
    with pytest.raises(ValidationError):
        services.decide_nomination(dong_phuc_officer, n, "12/QĐ-MTTQ", D(2025, 11, 1), "commune")
    n = services.decide_nomination(dong_phuc_officer, n, "12/QĐ-MTTQ", D(2025, 12, 1), "commune")
    assert (n.status, n.decision_number, n.decision_level) == ("decided", "12/QĐ-MTTQ", "commune")
    from campaign.periods import get_period

    assert recompute("awards_decided", get_period("2025"), [tree.dong_phuc]) == {(tree.dong_phuc.pk, None): 1}
    with pytest.raises(ValidationError):
        services.review_nomination(dong_phuc_officer, n, False, D(2025, 12, 2), "lý do")


def test_a_rejection_needs_a_reason_and_a_decision_needs_an_approval(dong_phuc_officer, world):
    with pytest.raises(ValidationError):
        services.review_nomination(dong_phuc_officer, world.n, False, D(2025, 11, 20), "")
    with pytest.raises(ValidationError):
        services.decide_nomination(dong_phuc_officer, world.n, "1/QĐ", D(2025, 12, 1), "commune")
    n = services.review_nomination(dong_phuc_officer, world.n, False, D(2025, 11, 20), "Chưa đủ tiêu chuẩn")
    assert n.status == "rejected"


def test_a_collective_may_be_an_area_or_an_organisation_in_scope(tree, dong_phuc_officer):
    n = nominate(dong_phuc_officer, tree.dong_phuc, nominee_type="collective", nominee_name="",
                 nominee_unit=tree.na_hai)
    assert n.nominee_name == "Thôn Nà Hai"
    n = nominate(dong_phuc_officer, tree.dong_phuc, nominee_type="collective", nominee_name="",
                 nominee_organisation=tree.hnd_dong_phuc)
    assert n.nominee_name == "Hội Nông dân xã Đồng Phúc"
    with pytest.raises(ValidationError):
        nominate(dong_phuc_officer, tree.dong_phuc, nominee_type="collective", nominee_unit=tree.ban_bang)


def test_the_decision_form_walks_the_whole_way(client_for, dong_phuc_officer, world):
    client = client_for(dong_phuc_officer)
    url = reverse("recognition:nomination", args=[world.n.pk])
    assert client.post(url, {"action": "review", "decision": "approve", "on": "2025-11-20"}).status_code == 302
    assert client.post(url, {"action": "decide", "number": "125/QĐ-MTTQ-BTT", "date": "2025-12-05",
                             "level": "commune"}).status_code == 302
    world.n.refresh_from_db()
    assert world.n.status == "decided" and world.n.decision_date == D(2025, 12, 5)


def urls(tree, w):
    pk = tree.dong_phuc.pk
    return [reverse("recognition:index", args=[pk]), reverse("recognition:titles", args=[pk, 2025]),
            reverse("recognition:titles", args=[pk, 2025]) + "?tai=xlsx",
            reverse("recognition:titles_import", args=[pk, 2025]),
            reverse("recognition:titles_template", args=[pk, 2025]), reverse("recognition:nominations", args=[pk]),
            reverse("recognition:nomination_add", args=[pk]), reverse("recognition:nomination", args=[w.n.pk]),
            reverse("recognition:nomination_edit", args=[w.n.pk]), reverse("recognition:exemplary", args=[pk]),
            reverse("recognition:exemplary_add", args=[pk]), reverse("recognition:exemplary_edit", args=[w.person.pk]),
            reverse("recognition:exemplary_photo", args=[w.person.pk])]


def test_another_communes_officer_gets_404_on_every_url(client_for, other_officer, tree, world):
    client = client_for(other_officer)
    for url in urls(tree, world):
        assert client.get(url).status_code in (404,), url
    assert client.post(reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025]), {}).status_code == 404


def test_the_commune_officer_opens_every_url(client_for, dong_phuc_officer, tree, world):
    client = client_for(dong_phuc_officer)
    for url in urls(tree, world):
        response = client.get(url)
        assert response.status_code in (200, 302), url


def test_a_leader_reads_but_cannot_write(client_for, leader, tree, world):
    client = client_for(leader)
    assert client.get(reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025])).status_code == 200
    assert client.get(reverse("recognition:exemplary", args=[tree.province.pk])).status_code == 200
    assert client.post(reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025]), {
        f"total-{tree.na_hai.pk}": "1", f"cultural-{tree.na_hai.pk}": "1"}).status_code == 403
    assert client.post(reverse("recognition:nomination", args=[world.n.pk]), {
        "action": "review", "decision": "approve", "on": "2025-11-20"}).status_code == 403
    assert client.get(reverse("recognition:nomination_add", args=[tree.province.pk])).status_code == 403
    world.n.refresh_from_db()
    assert world.n.status == "proposed"


def test_the_area_head_sees_only_their_areas_titles(client_for, na_hai_head, tree, dong_phuc_officer):
    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, {tree.na_hai.pk: (120, 100, True),
                                                                   tree.na_lan.pk: (90, 1, False)})
    client = client_for(na_hai_head)
    page = client.get(reverse("recognition:titles", args=[tree.na_hai.pk, 2025]))
    assert "100/120" in page.content.decode()
    assert client.get(reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025])).status_code == 404


def test_photos_must_be_images(tree, dong_phuc_officer):
    with pytest.raises(ValidationError):
        services.save_exemplary(dong_phuc_officer, tree.dong_phuc, {
            "year": 2025, "name": "A", "description": "B", "story": "C", "nomination": None},
            photo=SimpleUploadedFile("anh.png", b"<html>", content_type="image/png"))
    assert not ExemplaryPerson.objects.exists()


def test_the_province_sees_every_communes_nominations(client_for, province_officer, tree, world, other_officer):
    nominate(other_officer, tree.bang_thanh, nominee_name="Triệu Thị Mai")
    page = client_for(province_officer).get(reverse("recognition:nominations", args=[tree.province.pk]))
    assert {n.nominee_name for n in page.context["page"]} == {"Hà Văn Tuấn", "Triệu Thị Mai"}
    assert Nomination.objects.count() == 2


def test_the_nomination_list_downloads_as_a_docx_and_an_xlsx(client_for, province_officer, tree, world,
                                                             other_officer):
    import io

    import docx
    import openpyxl

    n = nominate(other_officer, tree.bang_thanh, nominee_name="Triệu Thị Mai")
    services.review_nomination(other_officer, n, False, D(2025, 11, 20), "Chưa đủ tiêu chuẩn")
    client = client_for(province_officer)
    url = reverse("recognition:nominations", args=[tree.province.pk])
    document = docx.Document(io.BytesIO(client.get(url + "?nam=2025&tai=docx").content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Hà Văn Tuấn" in cells and "Triệu Thị Mai" not in cells  # rejected ones are left out
    assert "TỜ TRÌNH" in "\n".join(p.text for p in document.paragraphs)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url + "?tai=xlsx").content)).active
    names = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "Hà Văn Tuấn" in names and "Triệu Thị Mai" not in names
