import datetime

import pytest


@pytest.fixture
def households(tree):
    """Three households in Nà Hai (poor, near-poor, escaped), one in Nà Làn, one in Bản Bằng (Bằng Thành)."""
    from welfare.models import Household, Listing, Status

    def make(area, name, number, status, **kw):
        h = Household.objects.create(unit=area, head_name=name, id_number=number, members=4, **kw)
        Listing.objects.create(household=h, year=2026, status=status)
        return h

    t = type("Households", (), {})()
    t.manh = make(tree.na_hai, "Hoàng Văn Mạnh", "001203004589", Status.POOR, ethnicity="Tày",
                  has_disability=True, health_note="Bệnh tim")
    t.hoa = make(tree.na_hai, "Lương Thị Hoa", "", Status.NEAR_POOR)
    t.sinh = make(tree.na_hai, "Ma Văn Sinh", "019087000123", Status.ESCAPED)
    t.lan = make(tree.na_lan, "Nông Thị Lan", "", Status.POOR)
    t.bang = make(tree.ban_bang, "Triệu Văn Bằng", "019111222333", Status.POOR)
    return t


def grant(user, *codenames):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="welfare", codename__in=codenames))
    from accounts.models import User

    return User.objects.get(pk=user.pk)  # fresh: permissions are cached on the instance


D = datetime.date
