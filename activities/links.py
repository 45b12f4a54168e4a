from django.urls import reverse

from units.models import Level


def nav(user):
    if not user.is_authenticated or not (user.unit_id or user.is_superuser):
        return []
    links = [("Hoạt động", reverse("activities:index"))]
    if user.role == "area_head":
        links.insert(0, ("Khu dân cư của tôi", reverse("activities:area_home")))
    if user.role == "admin" or user.is_superuser:
        links.append(("Danh mục hình thức, chủ đề", reverse("activities:lists")))
    return links


def unit(user, unit):
    links = [("Hoạt động", reverse("activities:index") + f"?don_vi={unit.pk}",
              "Ngày hội, tuyên truyền theo hình thức, tập huấn theo chủ đề, học tập kinh nghiệm, đối thoại, "
              "cam kết an ninh trật tự, đền ơn đáp nghĩa")]
    if unit.level == Level.AREA:
        links.insert(0, ("Ghi nhanh cho khu dân cư", reverse("activities:area_home_for", args=[unit.pk]),
                         "Ngày hội, hương ước, mô hình — dùng trên điện thoại"))
    if unit.level != Level.NATION:
        links.append(("Hương ước, quy ước", reverse("activities:covenants") + f"?don_vi={unit.pk}",
                      "Cập nhật quy định nếp sống văn minh của khu dân cư"))
    return links
