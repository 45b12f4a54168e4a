"""A review round in a browser: the province opens it from the outline, a commune writes it on a phone."""

import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page, path):
    page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")


def test_a_review_is_opened_written_on_a_phone_and_compiled(page_for, province_officer, dong_phuc_officer, tree):
    from importlib import import_module

    from campaign.models import Content
    from indicators.sync import sync_measures
    from reporting.models import OutlineSection, ReportingRound, ReviewOutline
    from reporting.outlines import load_default

    # transactional tests flush the rows the data migrations made: the contents, the catalogue, the outline
    for number, name, short_name in import_module("campaign.migrations.0002_contents_and_criteria").CONTENTS:
        Content.objects.get_or_create(number=number, defaults={"name": name, "short_name": short_name})
    sync_measures()
    load_default(ReviewOutline, OutlineSection)

    province = page_for(province_officer)
    _open(province, "/bao-cao/so-ket-tong-ket/moi/")
    province.fill("#id_period", "2021-2025")
    province.fill("#id_name", "Báo cáo tổng kết 5 năm giai đoạn 2021–2025")
    province.fill("#id_cut_off", "2025-12-15")
    province.fill("#id_due_date", "2030-01-15")
    province.click("form.card button[type=submit]")
    province.wait_for_load_state("networkidle")
    assert "Đã mở" in province.content() and "Tổng kết" in province.content()
    rnd = ReportingRound.objects.get()
    sub = rnd.submissions.get(unit=tree.dong_phuc)

    commune = page_for(dong_phuc_officer, phone=True)
    _open(commune, f"/bao-cao/{sub.pk}/")
    first = rnd.review_sections[0]["key"]
    commune.fill(f"#r-{first}", "Ban hành kế hoạch hằng năm; kiện toàn Ban Chỉ đạo.")
    screenshot(commune, "review-1-commune-phone")
    commune.click("#submit-report")
    commune.wait_for_load_state("networkidle")
    assert "Đã gửi báo cáo" in commune.content()

    _open(province, f"/bao-cao/dot/{rnd.pk}/tong-hop/")
    assert "Ban hành kế hoạch hằng năm; kiện toàn Ban Chỉ đạo." in province.content()
    screenshot(province, "review-2-consolidated")
