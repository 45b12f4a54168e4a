"""A second issued plan for the same unit, type and year asks first; the signer comes from the unit's leaders."""

import datetime

from django.urls import reverse

from campaign.periods import get_period
from plans import services
from plans.cascade import cascade_plan
from plans.models import Plan


def _second_plan(officer, unit, **extra):
    plan = services.create_plan(officer, unit, {
        "doc_type": "KH", "number": "77", "symbol": "KH-MTTQ-BTT", "issuing_body": "BAN THƯỜNG TRỰC",
        "place": "Thái Nguyên",
        "issued_on": datetime.date(2026, 5, 4), "period": get_period("2026"), "title": "Kế hoạch bổ sung năm 2026",
        "signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn A",
        "archive": "VT", **extra})
    services.replace_sections(officer, plan, [{"label": "I.", "title": "MỤC ĐÍCH, YÊU CẦU"}])
    return plan


def test_a_second_issued_plan_for_the_same_unit_and_year_asks_before_issuing(client_for, province_officer, tree,
                                                                              issued_province_plan):
    second = _second_plan(province_officer, tree.province)
    client = client_for(province_officer)
    response = client.post(reverse("plans:issue", args=[second.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "Vẫn ban hành" in page and str(issued_province_plan) in page
    assert Plan.objects.get(pk=second.pk).status == Plan.Status.DRAFT  # nothing issued yet
    response = client.post(reverse("plans:issue", args=[second.pk]), {"xac-nhan": "1"})
    assert response.status_code == 302 and Plan.objects.get(pk=second.pk).status == Plan.Status.ISSUED


def test_another_year_or_type_is_issued_without_asking(client_for, province_officer, tree, issued_province_plan):
    client = client_for(province_officer)
    other_year = _second_plan(province_officer, tree.province, period=get_period("2027"))
    assert client.post(reverse("plans:issue", args=[other_year.pk])).status_code == 302
    assert Plan.objects.get(pk=other_year.pk).is_issued
    guide = _second_plan(province_officer, tree.province, doc_type="HD", number="78")
    assert client.post(reverse("plans:issue", args=[guide.pk])).status_code == 302
    assert Plan.objects.get(pk=guide.pk).is_issued


def test_the_signer_comes_from_the_units_leaders(client_for, province_officer, dong_phuc_officer, tree,
                                                issued_province_plan):
    tree.province.vice_chair_name = "Đàm Quang Tuyền"
    tree.province.save()
    form = client_for(province_officer).get(reverse("plans:create")).context["form"]
    assert (form.initial["signer_authority"], form.initial["signer_title"], form.initial["signer_name"]) == (
        "TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Đàm Quang Tuyền")
    tree.dong_phuc.chair_name = "Hoàng Văn Dũng"
    tree.dong_phuc.save()
    plan = cascade_plan(dong_phuc_officer, issued_province_plan, tree.dong_phuc)
    assert (plan.signer_title, plan.signer_name) == ("CHỦ TỊCH", "Hoàng Văn Dũng")


def test_the_unit_form_keeps_the_leaders(client_for, province_officer, tree):
    client = client_for(province_officer)
    url = reverse("units:attributes", args=[tree.dong_phuc.pk])
    response = client.post(url, {"households": "", "is_active": "on", "chair_name": "  Hoàng  Văn Dũng ",
                                 "vice_chair_name": "Lường Thị Mai"})
    assert response.status_code == 302, response.content.decode()[:2000]
    tree.dong_phuc.refresh_from_db()
    assert (tree.dong_phuc.chair_name, tree.dong_phuc.vice_chair_name) == ("Hoàng Văn Dũng", "Lường Thị Mai")


def test_an_imported_file_without_a_signer_takes_the_units_leaders(tree):
    from plans.from_import import proposal

    tree.province.vice_chair_name = "Đàm Quang Tuyền"
    tree.province.save()
    header = proposal({"title": "Kế hoạch năm 2026", "number": "59/KH-MTTQ-BTT", "signer": {}}, "", tree.province)["header"]
    assert (header["signer_authority"], header["signer_title"], header["signer_name"]) == (
        "TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Đàm Quang Tuyền")
    read = proposal({"title": "x", "number": "1/KH", "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH",
                                              "name": "Lê Văn B"}}, "", tree.province)["header"]
    assert read["signer_name"] == "Lê Văn B"  # what the file says wins


def test_a_commune_officer_keeps_their_own_leaders(client_for, dong_phuc_officer, other_officer, na_hai_head, tree):
    url = reverse("units:leaders", args=[tree.dong_phuc.pk])
    client = client_for(dong_phuc_officer)
    assert url in client.get(reverse("units:detail", args=[tree.dong_phuc.pk])).content.decode()
    response = client.post(url, {"chair_name": "Hoàng Văn Dũng", "vice_chair_name": ""})
    assert response.status_code == 302
    tree.dong_phuc.refresh_from_db()
    assert tree.dong_phuc.signer()["signer_name"] == "Hoàng Văn Dũng"
    assert client_for(other_officer).post(url, {"chair_name": "X"}).status_code == 404  # another commune
    assert client_for(na_hai_head).get(url).status_code == 403  # an area head does not sign plans
