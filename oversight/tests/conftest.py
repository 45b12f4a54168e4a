import datetime

import pytest

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def fixed_today(monkeypatch):
    """Freeze the oversight register's "today" at 15/06/2026."""
    from oversight import services

    monkeypatch.setattr(services, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def agencies(tree):
    from oversight.models import Agency

    t = type("Agencies", (), {})()
    t.ubnd_dp = Agency.objects.create(unit=tree.dong_phuc, name="UBND Xã Đồng Phúc")
    t.police_dp = Agency.objects.create(unit=tree.dong_phuc, name="Công an Xã Đồng Phúc")
    t.ubnd_bt = Agency.objects.create(unit=tree.bang_thanh, name="UBND Xã Bằng Thành")
    t.so_nn = Agency.objects.create(unit=tree.province, name="Sở Nông nghiệp và Môi trường")
    return t


@pytest.fixture
def make_rec(dong_phuc_officer, fixed_today):
    """make_rec(agency, sent, due, answered=None, unit=None, user=None) through the services."""
    from oversight import services

    def make(agency, sent, due, answered=None, closed=None, resolved=True, unit=None, user=None):
        user = user or dong_phuc_officer
        rec = services.add_recommendation(user, unit or user.unit, {
            "agency": agency, "content": "Đề nghị sửa đường", "sent_on": sent, "due_on": due})
        if answered:
            rec = services.change_status(user, rec, "answered", answered, answer="Đã tiếp thu")
        if closed:
            rec = services.change_status(user, rec, "resolved" if resolved else "unresolved", closed)
        return rec

    return make



