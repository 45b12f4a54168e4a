from pathlib import Path

from django.conf import settings

from core.licences import incompatible, licence_of, pinned_packages


def test_every_pinned_dependency_has_an_agpl_compatible_licence():
    lock = Path(settings.BASE_DIR) / "requirements.lock"
    assert len(pinned_packages(lock)) > 10
    assert incompatible(lock) == {}


def test_licence_reader_sees_gpl_of_the_unit_list():
    assert "GPL-3.0" in licence_of("vietnam-provinces")
