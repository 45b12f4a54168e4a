"""Exchange files (CSV/XLSX/JSON in the API's format), token pages for administrators, the command,
plan progress through the API."""

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from api.models import ApiToken
from indicators import services
from indicators.models import DataValue
from indicators.queries import reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def entered(tree, province_officer, api_measures, year):
    services.set_value(province_officer, api_measures["trees"], tree.na_hai, year, 120)
    services.set_value(province_officer, api_measures["day"], tree.na_lan, year, "có")
    return tree


def _upload(client, unit, year, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("api:exchange", args=[unit.pk, year.code]),
                       {"file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_downloaded_exchange_file_uploads_back_unchanged(fmt, entered, client_for, dong_phuc_officer, year):
    c = client_for(dong_phuc_officer)
    r = c.get(reverse("api:exchange_download", args=[entered.dong_phuc.pk, year.code, fmt]))
    assert r.status_code == 200
    content = b"".join(r.streaming_content) if r.streaming else r.content
    page = _upload(c, entered.dong_phuc, year, f"so-lieu.{fmt}", content)
    assert "Đã nhập 2 dòng: 0 giá trị thay đổi" in page.content.decode()


def test_csv_download_has_the_apis_fields_under_vietnamese_headers(entered, client_for, dong_phuc_officer, year):
    r = client_for(dong_phuc_officer).get(reverse("api:exchange_download", args=[entered.dong_phuc.pk, year.code,
                                                                                  "csv"]))
    lines = r.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Kỳ,Mã đơn vị,Tên đơn vị,Mã chỉ số,Tên chỉ số,Tổ chức thành viên,Giá trị"
    assert "2026,01933/01,Thôn Nà Hai,api_trees_planted,Số cây xanh trồng mới,,120" in lines


def test_an_uploaded_xlsx_writes_values_and_one_bad_row_writes_nothing(tree, client_for, dong_phuc_officer,
                                                                      api_measures, year):
    def book(rows):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Kỳ", "Mã đơn vị", "Mã chỉ số", "Giá trị"])
        for row in rows:
            ws.append(row)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    c = client_for(dong_phuc_officer)
    page = _upload(c, tree.dong_phuc, year, "x.xlsx", book([["2026", "01933/01", "api_trees_planted", 10],
                                                           ["2026", "01933/02", "api_trees_planted", "mười"]]))
    html = page.content.decode()
    assert "Không ghi giá trị nào" in html and "Dòng 3 (api_trees_planted · Thôn Nà Làn)" in html
    assert DataValue.objects.count() == 0
    page = _upload(c, tree.dong_phuc, year, "x.xlsx", book([["2026", "01933/01", "api_trees_planted", 10],
                                                           ["2026", "01933/02", "api_trees_planted", 4]]))
    assert "2 giá trị thay đổi" in page.content.decode()
    assert reading(api_measures["trees"], tree.dong_phuc, year).value == 14


def test_a_broken_or_foreign_file_gets_a_vietnamese_message(tree, client_for, dong_phuc_officer, year):
    c = client_for(dong_phuc_officer)
    assert "Không đọc được tệp XLSX" in _upload(c, tree.dong_phuc, year, "x.xlsx", b"not a zip").content.decode()
    assert "Sai loại tệp" in _upload(c, tree.dong_phuc, year, "x.exe", b"MZ").content.decode()
    assert "Tệp JSON không hợp lệ" in _upload(c, tree.dong_phuc, year, "x.json", b"{").content.decode()
    assert "Không thấy dòng tiêu đề" in _upload(c, tree.dong_phuc, year, "x.csv", b"a,b\n1,2\n").content.decode()


def test_exchange_pages_are_scoped_and_read_only_for_leaders(tree, client_for, other_officer, leader, year):
    assert client_for(other_officer).get(reverse("api:exchange", args=[tree.dong_phuc.pk, year.code])).status_code == 404
    c = client_for(leader)
    page = c.get(reverse("api:exchange", args=[tree.dong_phuc.pk, year.code]))
    assert page.status_code == 200 and "Nhập tệp số liệu" not in page.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = c.post(reverse("api:exchange", args=[tree.dong_phuc.pk, year.code]),
               {"file": SimpleUploadedFile("x.json", b'{"values": []}')})
    assert r.status_code == 403


def test_an_administrator_issues_a_token_shown_once_and_revokes_it(tree, client_for, province_admin,
                                                                   dong_phuc_officer, client):
    c = client_for(province_admin)
    r = c.post(reverse("api_tokens:add"), {
        "name": "Mặt trận số", "holder_kind": "system", "holder_name": "Mặt trận số", "user": dong_phuc_officer.pk,
        "unit": tree.dong_phuc.pk, "permissions": ["read_values", "write_values"], "expires_on": "2099-12-31"})
    assert r.status_code == 200
    secret = r.context["secret"]
    token = ApiToken.objects.get()
    assert secret.startswith(f"dk_{token.prefix}_") and secret not in token.secret_hash
    detail = c.get(reverse("api_tokens:detail", args=[token.pk])).content.decode()
    assert secret not in detail and "Mặt trận số" in detail
    client.logout()
    assert client.get("/api/v1/units", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    c = client_for(province_admin)
    c.post(reverse("api_tokens:revoke", args=[token.pk]))
    client.logout()
    assert client.get("/api/v1/units", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_token_pages_are_for_administrators_of_the_scope_only(tree, client_for, province_officer, dong_phuc_officer):
    assert client_for(province_officer).get(reverse("api_tokens:list")).status_code == 403
    from api import tokens

    with pytest.raises(Exception):
        tokens.issue(dong_phuc_officer, user=dong_phuc_officer, unit=tree.dong_phuc, permissions=["read"])


def test_create_api_token_prints_a_working_token(tree, dong_phuc_officer, client, capsys):
    out = io.StringIO()
    call_command("create_api_token", "dongphuc", "--scope", "01933", "--permissions", "read,write",
                 "--expires", "2099-01-31", stdout=out, stderr=io.StringIO())
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.unit == tree.dong_phuc and token.allows("write_values") and str(token.expires_on) == "2099-01-31"
    assert client.get("/api/v1/units", headers={"Authorization": f"Bearer {secret}"}).json()["count"] == 3


def test_plan_progress_is_read_through_the_api_within_the_tokens_scope(tree, province_officer, dong_phuc_officer,
                                                                       issue_token, api, api_measures, year):
    from plans.models import Plan, Target

    plan = Plan.objects.create(unit=tree.province, title="Thực hiện Cuộc vận động năm 2026", number="59",
                               symbol="KH-MTTQ-BTT", status=Plan.Status.ISSUED, period=year)
    Target.objects.create(plan=plan, text="Trồng ít nhất 100 cây xanh", measure=api_measures["trees"],
                          scope="total", comparator=">=", threshold=100, period=year)
    services.set_value(province_officer, api_measures["trees"], tree.na_hai, year, 40)
    services.set_value(province_officer, api_measures["trees"], tree.ban_bang, year, 20)
    province = api(issue_token(province_officer)).get(f"/plans/{plan.pk}/progress").json()
    assert province[0]["status"] == "chua_dat" and province[0]["value"] == "60"
    assert province[0]["progress"] == "0.6" and province[0]["evaluated_over"] == "Tỉnh Thái Nguyên"
    commune = api(issue_token(dong_phuc_officer)).get(f"/plans/{plan.pk}/progress").json()
    # a province total not allocated to communes stays the province's (the commune's part is shown beside it)
    assert commune[0]["value"] == "60" and commune[0]["evaluated_over"] == "Tỉnh Thái Nguyên"
    listed = api(issue_token(dong_phuc_officer)).get("/plans").json()
    assert [p["number"] for p in listed["items"]] == ["59/KH-MTTQ-BTT"]
