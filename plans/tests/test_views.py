import datetime

import pytest

from plans import services
from plans.models import Plan

READ_URLS = ["/ke-hoach/{pk}/", "/ke-hoach/{pk}/tai-ve.docx", "/ke-hoach/{pk}/tai-ve.pdf", "/ke-hoach/{pk}/cac-xa/"]
WRITE_URLS = ["/ke-hoach/{pk}/sua/", "/ke-hoach/{pk}/muc/", "/ke-hoach/{pk}/can-cu/", "/ke-hoach/{pk}/noi-dung/",
              "/ke-hoach/{pk}/nhiem-vu/", "/ke-hoach/{pk}/che-do-bao-cao/", "/ke-hoach/{pk}/chi-tieu/",
              "/ke-hoach/{pk}/xay-dung-ke-hoach/"]
POST_URLS = ["/ke-hoach/{pk}/ban-hanh/", "/ke-hoach/{pk}/xoa/", "/ke-hoach/{pk}/xay-dung-ke-hoach/"]


@pytest.fixture
def commune_draft(tree, dong_phuc_officer):
    return services.create_plan(dong_phuc_officer, tree.dong_phuc, {
        "title": "Thực hiện Cuộc vận động năm 2026 trên địa bàn xã", "number": "12", "symbol": "KH-MTTQ",
        "place": "Đồng Phúc", "issued_on": datetime.date(2026, 4, 2), "signer_title": "CHỦ TỊCH",
        "signer_name": "Ma Văn Tú"})


def test_another_communes_officer_gets_404_everywhere(client_for, other_officer, commune_draft):
    client = client_for(other_officer)
    for url in READ_URLS + WRITE_URLS:
        assert client.get(url.format(pk=commune_draft.pk)).status_code == 404, url
    for url in POST_URLS:
        assert client.post(url.format(pk=commune_draft.pk)).status_code == 404, url
    assert Plan.objects.filter(pk=commune_draft.pk).exists()


def test_leader_reads_but_cannot_write(client_for, leader, commune_draft):
    client = client_for(leader)
    for url in READ_URLS:
        assert client.get(url.format(pk=commune_draft.pk)).status_code == 200, url
    for url in WRITE_URLS:
        assert client.get(url.format(pk=commune_draft.pk)).status_code == 403, url
    assert client.post(f"/ke-hoach/{commune_draft.pk}/ban-hanh/").status_code == 403
    assert client.get("/ke-hoach/tao/").status_code == 403
    assert Plan.objects.get(pk=commune_draft.pk).status == Plan.Status.DRAFT


def test_member_organisation_officer_only_reads_plans(client_for, org_officer, commune_draft):
    client = client_for(org_officer)
    assert client.get(f"/ke-hoach/{commune_draft.pk}/").status_code == 200
    assert client.get(f"/ke-hoach/{commune_draft.pk}/sua/").status_code == 403
    page = client.get("/ke-hoach/").content.decode()
    assert "Soạn kế hoạch mới" not in page and commune_draft.short_title in page


def test_list_shows_own_plans_and_issued_plans_above(client_for, dong_phuc_officer, issued_province_plan,
                                                     commune_draft, tree, other_officer):
    page = client_for(dong_phuc_officer).get("/ke-hoach/").content.decode()
    assert "Kế hoạch cấp trên" in page and "59/KH-MTTQ-BTT" in page and "12/KH-MTTQ" in page
    other = client_for(other_officer).get("/ke-hoach/").content.decode()
    assert "12/KH-MTTQ" not in other
    assert client_for(other_officer).get(f"/ke-hoach/?don-vi={tree.dong_phuc.pk}").status_code == 404


def test_create_edit_sections_and_issue_through_the_forms(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    r = client.post("/ke-hoach/tao/", {
        "doc_type": "KH", "number": "07", "symbol": "KH-MTTQ", "parent_body": "ỦY BAN MTTQ VIỆT NAM XÃ ĐỒNG PHÚC",
        "issuing_body": "BAN THƯỜNG TRỰC", "place": "Đồng Phúc", "issued_on": "2026-04-02",
        "title": "Thực hiện Cuộc vận động năm 2026", "period": "2026", "signer_authority": "TM. BAN THƯỜNG TRỰC",
        "signer_title": "CHỦ TỊCH", "signer_name": "Ma Văn Tú", "recipients": "- BTT UB MTTQ tỉnh;\n- Lưu: VT.",
        "archive": "VT"})
    plan = Plan.objects.get(unit=tree.dong_phuc)
    assert r.status_code == 302 and plan.period.code == "2026" and plan.recipients.count() == 1
    data = {"sections-TOTAL_FORMS": "3", "sections-INITIAL_FORMS": "0",
            "sections-0-label": "I.", "sections-0-title": "MỤC ĐÍCH, YÊU CẦU",
            "sections-1-label": "1.", "sections-1-title": "Đẩy mạnh thực hiện Cuộc vận động.",
            "sections-2-label": "", "sections-2-title": ""}
    assert client.post(f"/ke-hoach/{plan.pk}/muc/", data).status_code == 302
    assert plan.sections.count() == 2
    client.post(f"/ke-hoach/{plan.pk}/ban-hanh/")
    plan.refresh_from_db()
    assert plan.is_issued
    r = client.get(f"/ke-hoach/{plan.pk}/muc/", follow=True)
    assert "đã ban hành" in r.content.decode()


def test_bad_period_code_is_a_vietnamese_error(client_for, dong_phuc_officer, commune_draft):
    r = client_for(dong_phuc_officer).post(f"/ke-hoach/{commune_draft.pk}/sua/", {
        "doc_type": "KH", "issuing_body": "BAN THƯỜNG TRỰC", "title": "x", "period": "2026-2020", "archive": "VT"})
    assert r.status_code == 200 and "năm kết thúc trước năm bắt đầu" in r.content.decode()


def test_cascade_allocation_and_coverage_pages(client_for, province_officer, dong_phuc_officer, other_officer,
                                               leader, issued_province_plan, tree):
    from plans.models import Target

    province = client_for(province_officer)
    plan = issued_province_plan
    page = province.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Các xã đã có kế hoạch" in page
    target = Target.objects.create(plan=plan, text="hỗ trợ sinh kế cho ít nhất 200 hộ", scope="total", threshold=200,
                                   period=plan.period)
    r = province.post(f"/ke-hoach/{plan.pk}/chi-tieu/{target.pk}/phan-bo/", {f"u{tree.dong_phuc.pk}": "1.000",
                                                                           f"u{tree.bang_thanh.pk}": "abc"})
    assert "Xã Bằng Thành: “abc” không phải là số" in r.content.decode() and not target.allocations.exists()
    r = province.post(f"/ke-hoach/{plan.pk}/chi-tieu/{target.pk}/phan-bo/", {f"u{tree.dong_phuc.pk}": "12"},
                      follow=True)
    assert target.allocations.get().value == 12 and "thấp hơn chỉ tiêu" in r.content.decode()
    page = province.get(f"/ke-hoach/{plan.pk}/cac-xa/").content.decode()
    assert "0/3" in page and page.count("Chưa có") == 3

    commune = client_for(dong_phuc_officer)
    page = commune.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Xây dựng kế hoạch của Xã Đồng Phúc từ kế hoạch này" in page
    assert commune.get(f"/ke-hoach/{plan.pk}/cac-xa/").status_code == 404  # the province's follow-up page
    assert commune.get(f"/ke-hoach/{plan.pk}/chi-tieu/{target.pk}/phan-bo/").status_code == 404
    preview = commune.get(f"/ke-hoach/{plan.pk}/xay-dung-ke-hoach/").content.decode()
    assert "ít nhất 12 hộ" in preview
    r = commune.post(f"/ke-hoach/{plan.pk}/xay-dung-ke-hoach/")
    own = Plan.objects.get(unit=tree.dong_phuc)
    assert r["Location"] == f"/ke-hoach/{own.pk}/"
    assert own.targets.get().threshold == 12
    assert client_for(leader).post(f"/ke-hoach/{plan.pk}/xay-dung-ke-hoach/").status_code == 403
    assert client_for(other_officer).get(f"/ke-hoach/{own.pk}/chi-tieu/").status_code == 404
