import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts.models import AuditEvent
from initiatives import services
from initiatives.models import Initiative, Topic

from .helpers import make, upload

D = datetime.date


def test_officer_creates_an_initiative_with_topics_and_it_is_audited(dong_phuc_officer, tree):
    topic = Topic.objects.get(code="sang-xanh-sach-dep")
    i = services.save_initiative(dong_phuc_officer, {
        "kind": "mo_hinh", "title": "Đường hoa thôn Nà Hai", "unit": tree.na_hai, "organisation": None,
        "is_pilot": True, "is_self_managed": True, "started_on": D(2026, 3, 1), "money": 15_000_000,
        "topics": [topic]})
    assert i.status == Initiative.Status.REGISTERED and list(i.topics.all()) == [topic]
    assert AuditEvent.objects.filter(object_type="initiatives.initiative", object_id=str(i.pk),
                                     action="create").exists()


def test_lifecycle_registered_running_evaluated_replicated_with_linked_copies(dong_phuc_officer, tree):
    i = make(tree.na_hai, status="registered", started=None, topics=["sang-xanh-sach-dep"])
    services.start(dong_phuc_officer, i, D(2026, 2, 1))
    assert i.status == "running"
    with pytest.raises(ValidationError):
        services.replicate(dong_phuc_officer, i, [tree.na_lan], D(2026, 9, 1))
    services.evaluate(dong_phuc_officer, i, "tot", "Hiệu quả, nhân dân đồng thuận", D(2026, 6, 1))
    assert (i.status, i.rating) == ("evaluated", "tot")
    [copy] = services.replicate(dong_phuc_officer, i, [tree.na_lan], D(2026, 9, 1))
    i.refresh_from_db()
    assert i.status == "replicated" and copy.replicated_from == i and copy.unit == tree.na_lan
    assert list(copy.topics.values_list("code", flat=True)) == ["sang-xanh-sach-dep"]
    services.stop(dong_phuc_officer, copy, D(2026, 12, 1))
    assert copy.status == "stopped"
    with pytest.raises(ValidationError):
        services.start(dong_phuc_officer, copy, D(2026, 12, 2))


def test_evaluation_needs_a_known_rating(dong_phuc_officer, tree):
    i = make(tree.na_hai)
    with pytest.raises(ValidationError):
        services.evaluate(dong_phuc_officer, i, "xuat_sac", "", D(2026, 6, 1))


def test_negative_money_is_refused(dong_phuc_officer, tree):
    with pytest.raises(ValidationError):
        services.save_initiative(dong_phuc_officer, {"kind": "mo_hinh", "title": "X", "unit": tree.na_hai,
                                                     "organisation": None, "money": -5})
    assert not Initiative.objects.exists()


def test_org_officer_registers_only_for_their_organisation(org_officer, tree):
    i = services.save_initiative(org_officer, {"kind": "mo_hinh", "title": "Tổ hợp tác chè", "unit": tree.na_hai,
                                               "organisation": None})
    assert i.organisation == tree.hnd_dong_phuc  # forced to their organisation
    other = make(tree.na_hai, title="Của Mặt trận")
    with pytest.raises(PermissionDenied):
        services.save_initiative(org_officer, {"title": "Sửa"}, other)
    with pytest.raises(Http404):
        services.get_initiative(org_officer, other.pk)


def test_leader_cannot_write_and_other_commune_cannot_reach(leader, other_officer, tree):
    with pytest.raises(PermissionDenied):
        services.save_initiative(leader, {"kind": "mo_hinh", "title": "X", "unit": tree.na_hai, "organisation": None})
    with pytest.raises(Http404):
        services.save_initiative(other_officer, {"kind": "mo_hinh", "title": "X", "unit": tree.na_hai,
                                                 "organisation": None})


def test_organisation_must_work_where_the_initiative_is(province_officer, tree):
    with pytest.raises(ValidationError):
        services.save_initiative(province_officer, {"kind": "mo_hinh", "title": "X", "unit": tree.ban_bang,
                                                    "organisation": tree.hnd_dong_phuc})


def test_photo_is_resized_to_1600_px_jpeg(dong_phuc_officer, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    i = make(tree.na_hai)
    photo = services.add_photo(dong_phuc_officer, i, upload(), "Ra quân")
    assert max(photo.width, photo.height) == 1600 and photo.image.name.endswith(".jpg")
    from PIL import Image

    with Image.open(photo.image.path) as img:
        assert img.format == "JPEG" and img.size == (1600, 1067)


def test_png_with_transparency_becomes_jpeg(dong_phuc_officer, tree, settings, tmp_path):
    from .helpers import image_bytes

    settings.MEDIA_ROOT = tmp_path
    from PIL import Image
    import io

    buffer = io.BytesIO()
    Image.new("RGBA", (400, 300), (0, 0, 0, 0)).save(buffer, "PNG")
    photo = services.add_photo(dong_phuc_officer, make(tree.na_hai), upload("a.png", buffer.getvalue()))
    assert (photo.width, photo.height) == (400, 300)
    assert image_bytes()  # helper sanity


def test_non_image_and_huge_files_are_refused_in_vietnamese(dong_phuc_officer, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    i = make(tree.na_hai)
    with pytest.raises(ValidationError, match="không phải ảnh"):
        services.add_photo(dong_phuc_officer, i, upload("bao-cao.pdf", b"%PDF-1.4 not an image"))
    big = upload("to.jpg", b"\xff\xd8" + b"0" * (40 * 1024 * 1024))
    with pytest.raises(ValidationError, match="vượt quá 10 MB"):
        services.add_photo(dong_phuc_officer, i, big)
    assert not i.photos.exists()


def test_copies_block_deleting_the_original(dong_phuc_officer, tree):
    i = make(tree.na_hai, status="evaluated", rating="tot")
    services.replicate(dong_phuc_officer, i, [tree.na_lan], D(2026, 9, 1))
    with pytest.raises(ValidationError):
        services.delete_initiative(dong_phuc_officer, i)
