"""Targets on the plan page show their live progress through the spine's partial, units behind first."""

from plans import services


def test_plan_page_shows_progress_and_units_behind(client_for, province_officer, dong_phuc_officer,
                                                   issued_province_plan, tree):
    plan = issued_province_plan
    plan.status = "draft"
    plan.save(update_fields=["status"])
    services.replace_targets(province_officer, plan, [
        {"group": "2.", "text": "100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
         "measure": "great_unity_day_held", "scope": "share_of_units", "level": "area", "comparator": ">=",
         "threshold": 100}])
    plan.status = "issued"
    plan.save(update_fields=["status"])
    page = client_for(province_officer).get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Chưa đạt" in page and "target-progress" in page  # no Great Unity Day recorded yet reads 0
    assert "Thôn Nà Làn" in page and "Bản Bằng" in page  # not reported: listed as behind
    commune_page = client_for(dong_phuc_officer).get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Thôn Nà Làn" in commune_page and "Bản Bằng" not in commune_page  # scoped to the commune's part
