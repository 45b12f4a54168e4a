"""Vietnamese alphabetical order in lists, the same on SQLite (a Python collator) and PostgreSQL (ICU vi)."""

import pytest
from django.db import connection

from accounts.models import User
from core.collation import vi
from core.text import sort_key
from units.models import Level, MemberOrganisation, OrganisationKind, Unit

# Dictionary order: a < ă < â, d < đ, o < ô < ơ, u < ư; tones (ngang, huyền, hỏi, ngã, sắc, nặng) only break ties.
NAMES = ["An", "Anh", "Ăn", "Ân", "Bắc", "Bình", "Dung", "Đa", "Đàm", "Hà", "Hải", "Hòa", "Hồng", "Lan",
         "Ông", "Ơn", "Uyên", "Ưng", "Yến"]


def test_the_python_key_orders_the_vietnamese_alphabet():
    assert sorted(reversed(NAMES), key=sort_key) == NAMES
    assert sorted(["Na", "Nạ", "Ná", "Nà", "Nã", "Nả"], key=sort_key) == ["Na", "Nà", "Nả", "Nã", "Ná", "Nạ"]


@pytest.mark.django_db
def test_the_database_orders_by_the_vietnamese_collation(tree):
    """vi("…") in order_by: ICU vi-x-icu on PostgreSQL, the registered Python collator on SQLite."""
    kind = OrganisationKind.objects.create(code="thu", name="Thử", short_name="Thử", order=50)
    for name in reversed(NAMES):
        MemberOrganisation.objects.create(unit=tree.province, kind=kind, name=name)
    got = list(MemberOrganisation.objects.filter(kind=kind).order_by(vi("name")).values_list("name", flat=True))
    assert got == NAMES, connection.vendor
    # the model's own ordering is Vietnamese too (every list that does not say otherwise)
    assert list(MemberOrganisation.objects.filter(kind=kind).values_list("name", flat=True)) == NAMES


@pytest.mark.django_db
def test_people_and_households_are_listed_in_vietnamese_order(tree):
    from welfare.models import Household

    for i, name in enumerate(reversed(NAMES)):
        User.objects.create(username=f"u{i}", full_name=f"{name}", unit=tree.dong_phuc, role="officer")
        Household.objects.create(unit=tree.na_hai, head_name=name)
    people = [n for n in User.objects.filter(unit=tree.dong_phuc).values_list("full_name", flat=True)]
    assert people == NAMES
    assert list(Household.objects.filter(unit=tree.na_hai).values_list("head_name", flat=True)) == NAMES


@pytest.mark.django_db
def test_residential_areas_of_a_commune_are_in_vietnamese_order(tree):
    for i, name in enumerate(["Thôn Ưng", "Thôn Đồng Tâm", "Thôn Dộc", "Thôn Ao Sen", "Thôn Ấp Chợ"]):
        Unit(parent=tree.bang_thanh, level=Level.AREA, kind="thon", code=f"9{i}", name=name).save()
    areas = [u.name for u in tree.bang_thanh.children.filter(code__startswith="9").ordered()]
    assert areas == ["Thôn Ao Sen", "Thôn Ấp Chợ", "Thôn Dộc", "Thôn Đồng Tâm", "Thôn Ưng"]
    by_collation = [u.name for u in tree.bang_thanh.children.filter(code__startswith="9").order_by(vi("name"))]
    assert by_collation == areas
