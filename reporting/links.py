from django.urls import reverse


def nav(user):
    return [("Báo cáo định kỳ", reverse("reporting:index"))] if user.unit_id else []


def unit(user, unit):
    if user.unit_id != unit.pk:
        return []
    return [("Báo cáo định kỳ", reverse("reporting:index"),
             "Gửi báo cáo 6 tháng, năm; theo dõi đơn vị đã gửi, muộn, chưa gửi; báo cáo tổng hợp")]
