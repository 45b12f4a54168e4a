"""Demo: the province's and Xã Đồng Phúc's committees — Ban vận động Quỹ “Vì người nghèo” (set up, then renewed
with one member replaced), Ban vận động cứu trợ and the campaign's Ban Chỉ đạo."""

import datetime

from django.db import transaction

from accounts.models import User
from units.models import Level, Unit
from welfare.demo import demo_year

from . import services
from .models import Committee, CommitteeKind

ORDER = 67

PROVINCE_POOR = """Đàm Quang Tuyền; Trưởng ban; Chủ tịch Ủy ban MTTQ Việt Nam tỉnh
Nguyễn Thị Hạnh; Phó Trưởng ban thường trực; Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh
Hoàng Văn Lực; Phó Trưởng ban; Phó Giám đốc Sở Tài chính
Lương Thị Thu; Thành viên; Phó Chủ tịch Hội Liên hiệp Phụ nữ tỉnh
Ma Văn Phúc; Thành viên; Phó Chủ tịch Hội Nông dân tỉnh"""
PROVINCE_STEERING = """Đàm Quang Tuyền; Trưởng ban; Chủ tịch Ủy ban MTTQ Việt Nam tỉnh
Trần Đức Long; Phó Trưởng ban; Phó Giám đốc Sở Nông nghiệp và Môi trường
Nguyễn Thị Hạnh; Thành viên; Trưởng Ban Tuyên giáo – Công tác xã hội"""
DONG_PHUC_POOR = """Ma Thị Lan; Trưởng ban; Chủ tịch Ủy ban MTTQ Việt Nam xã
Hà Văn Tuấn; Phó Trưởng ban; Phó Chủ tịch Ủy ban nhân dân xã
Nông Văn Bình; Thành viên; Chủ tịch Hội Nông dân xã
Triệu Thị Hoa; Thành viên; Chủ tịch Hội Liên hiệp Phụ nữ xã"""
DONG_PHUC_RELIEF = """Ma Thị Lan; Trưởng ban; Chủ tịch Ủy ban MTTQ Việt Nam xã
Lý Văn Đông; Thành viên; Công chức Văn phòng – Thống kê xã"""


@transaction.atomic
def load(log):
    province = Unit.objects.filter(level=Level.PROVINCE, code="19").first()
    if province is None or Committee.objects.filter(unit=province).exists():
        log("Các ban vận động: đã có (hoặc chưa có tỉnh), bỏ qua.")
        return
    year = demo_year()
    officer = User.objects.get(username="tinh.thainguyen")
    kinds = {k.code: k for k in CommitteeKind.objects.all()}
    poor = services.establish(officer, province, kinds["ban-van-dong-quy-vnn"], decision_number="12/QĐ-MTTQ-BTT",
                              decided_on=datetime.date(year - 1, 3, 2), members=PROVINCE_POOR)
    current = poor.current_term
    keep = [m.pk for m in current.members.exclude(full_name="Hoàng Văn Lực")]
    services.renew(officer, poor, None, decision_number="08/QĐ-MTTQ-BTT", decided_on=datetime.date(year, 2, 20),
                   keep=keep, members="Đinh Công Minh; Phó Trưởng ban; Phó Giám đốc Sở Tài chính",
                   note="Thay thành viên do điều động công tác")
    services.establish(officer, province, kinds["ban-chi-dao-cvd"], decision_number="15/QĐ-MTTQ-BTT",
                       decided_on=datetime.date(year, 1, 10), members=PROVINCE_STEERING)
    count = 2
    commune = Unit.objects.filter(level=Level.COMMUNE, code="01933").first()
    if commune is not None:
        actor = User.objects.filter(username="xa.dongphuc").first() or officer
        services.establish(actor, commune, kinds["ban-van-dong-quy-vnn"], decision_number="03/QĐ-MTTQ-BTT",
                           decided_on=datetime.date(year, 1, 20), members=DONG_PHUC_POOR)
        services.establish(actor, commune, kinds["ban-van-dong-cuu-tro"], decision_number="21/QĐ-MTTQ-BTT",
                           decided_on=datetime.date(year, 7, 21), members=DONG_PHUC_RELIEF)
        count += 2
    log(f"Các ban vận động: {count} ban (tỉnh và Xã Đồng Phúc), có một lần kiện toàn.")
