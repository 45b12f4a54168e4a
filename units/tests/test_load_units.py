import pytest
from django.core.management import call_command

from units.models import Kind, Level, Unit


@pytest.mark.django_db
def test_load_units_loads_the_official_list_and_is_idempotent():
    call_command("load_units")
    assert Unit.objects.filter(level=Level.PROVINCE).count() == 34
    assert Unit.objects.filter(level=Level.COMMUNE).count() == 3321
    assert Unit.objects.filter(kind=Kind.COMMUNE).count() == 2621
    assert Unit.objects.filter(kind=Kind.WARD).count() == 687
    assert Unit.objects.filter(kind=Kind.SPECIAL_ZONE).count() == 13
    thai_nguyen = Unit.objects.get(level=Level.PROVINCE, code="19")
    assert thai_nguyen.name == "Tỉnh Thái Nguyên"
    assert thai_nguyen.children.count() == 92
    assert Unit.objects.get(level=Level.COMMUNE, code="01933").name == "Xã Đồng Phúc"
    total = Unit.objects.count()

    Unit.objects.filter(code="01933", level=Level.COMMUNE).update(name="Tên sai")
    call_command("load_units")
    assert Unit.objects.count() == total
    assert Unit.objects.get(level=Level.COMMUNE, code="01933").name == "Xã Đồng Phúc"
    call_command("check_integrity")
