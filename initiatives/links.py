from django.urls import reverse

from units.models import Level


def nav(user):
    if not user.is_authenticated or not (user.unit_id or user.is_superuser):
        return []
    return [("Mô hình", reverse("initiatives:index")), ("Mô hình tiêu biểu", reverse("initiatives:showcase")),
            ("Đăng ký năm", reverse("initiatives:drives"))]


def unit(user, unit):
    index = reverse("initiatives:index") + f"?don_vi={unit.pk}"
    links = [("Mô hình, công trình, phần việc", index, "Danh sách, đánh giá, nhân rộng, ảnh")]
    if unit.level in (Level.PROVINCE, Level.COMMUNE):
        links.append(("Đăng ký công trình, mô hình, phần việc", reverse("initiatives:drives"),
                      "Đợt đăng ký hằng năm của các tổ chức thành viên"))
    return links
