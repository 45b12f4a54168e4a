"""Demo: one user per role, in Thái Nguyên (listed in the README)."""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from units.models import Level, MemberOrganisation, Unit

from .models import Role, User

ORDER = 20
PASSWORD = "doanket2026"


def demo_users():
    province = Unit.objects.get(level=Level.PROVINCE, code="19")
    dong_phuc = Unit.objects.get(level=Level.COMMUNE, code="01933")
    bang_thanh = Unit.objects.get(level=Level.COMMUNE, code="01864")
    na_hai = dong_phuc.children.get(name="Thôn Nà Hai")
    nation = province.parent
    hnd = MemberOrganisation.objects.get(unit=dong_phuc, kind__code="hoi-nong-dan")
    return [
        ("quantri", "Quản trị hệ thống", Role.ADMIN, nation, None, "Quản trị viên"),
        ("tinh.thainguyen", "Nguyễn Thị Hồng Hạnh", Role.OFFICER, province, None,
         "Chuyên viên Ban Tuyên giáo – Công tác xã hội"),
        ("lanhdao.thainguyen", "Hoàng Văn Thắng", Role.LEADER, province, None, "Phó Chủ tịch UB MTTQ tỉnh"),
        ("quantri.thainguyen", "Lê Minh Quân", Role.ADMIN, province, None, "Quản trị viên tỉnh"),
        ("xa.dongphuc", "Ma Thị Lan", Role.OFFICER, dong_phuc, None, "Phó Chủ tịch UB MTTQ xã"),
        ("xa.bangthanh", "Triệu Văn Sơn", Role.OFFICER, bang_thanh, None, "Phó Chủ tịch UB MTTQ xã"),
        ("thon.nahai", "Hà Văn Tuấn", Role.AREA_HEAD, na_hai, None, "Trưởng Ban Công tác Mặt trận thôn Nà Hai"),
        ("hnd.dongphuc", "Nông Văn Bình", Role.ORG_OFFICER, dong_phuc, hnd, "Chủ tịch Hội Nông dân xã"),
    ]


@transaction.atomic
def load(log):
    hashed = None  # the published demo password, hashed once (a slow hash per account cost seconds per start)
    for username, full_name, role, unit, org, position in demo_users():
        user, created = User.objects.get_or_create(username=username)
        user.full_name, user.role, user.unit, user.organisation, user.position = full_name, role, unit, org, position
        user.email = f"{username}@demo.doanket.local"
        if created:
            hashed = hashed or make_password(PASSWORD)
            user.password = hashed
        user.is_superuser = user.is_staff = username == "quantri"
        user.save()
    log(f"Người dùng mẫu: {len(demo_users())} tài khoản, mật khẩu {PASSWORD}.")
