"""The REST API: scoped like the web pages, every call logged, problems (RFC 9457) in Vietnamese."""

import json

import pytest

from accounts.models import AuditEvent
from api.models import ApiCall
from indicators.models import DataValue, DataValueChange
from indicators.queries import reading

pytestmark = pytest.mark.django_db


def test_openapi_document_is_served_and_describes_the_resources(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for path in ["/api/v1/units", "/api/v1/measures", "/api/v1/values", "/api/v1/aggregates", "/api/v1/plans",
                 "/api/v1/plans/{plan_id}/progress", "/api/v1/initiatives", "/api/v1/activities",
                 "/api/v1/submissions"]:
        assert path in doc["paths"], path
    assert "post" in doc["paths"]["/api/v1/values"]


def test_openapi_document_validates_against_the_openapi_specification(client):
    from openapi_spec_validator import validate

    validate(client.get("/api/v1/openapi.json").json())  # raises on any violation


def test_interactive_docs_load_only_the_projects_own_static_files(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html and "http://" not in html
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise fetch a badge from an outside server


def test_a_call_without_a_token_is_refused_with_a_problem_document(client, tree):
    r = client.get("/api/v1/units")
    assert r.status_code == 401
    assert r["Content-Type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == 401 and body["title"] == "Chưa xác thực" and "Bearer" in body["detail"]
    assert ApiCall.objects.get().status == 401


def test_a_wrong_a_revoked_and_an_expired_token_are_refused(api, tree, dong_phuc_officer, issue_token,
                                                            province_admin):
    import datetime

    from api import tokens
    from api.models import ApiToken

    assert api("dk_abcd1234_nope").get("/units").status_code == 401
    secret = issue_token(dong_phuc_officer)
    tokens.revoke(province_admin, ApiToken.objects.get())
    r = api(secret).get("/units")
    assert r.status_code == 401 and "thu hồi" in r.json()["detail"]
    secret = issue_token(dong_phuc_officer)
    ApiToken.objects.filter(revoked_at__isnull=True).update(expires_on=datetime.date(2020, 1, 1))
    r = api(secret).get("/units")
    assert r.status_code == 401 and "hết hạn" in r.json()["detail"]


def test_units_are_listed_within_the_tokens_subtree_with_their_references(api, tree, province_officer,
                                                                            issue_token):
    secret = issue_token(province_officer, unit=tree.dong_phuc)
    body = api(secret).get("/units").json()
    assert body["count"] == 3
    assert [u["ref"] for u in body["items"]] == ["01933", "01933/01", "01933/02"]
    outside = api(secret).get(f"/units/{tree.bang_thanh.pk}")
    assert outside.status_code == 403 and "nằm ngoài phạm vi" in outside.json()["detail"]
    assert ApiCall.objects.filter(status=403, path__endswith=f"/units/{tree.bang_thanh.pk}").exists()
    assert api(secret).get("/units/999999").status_code == 404
    assert api(secret).get("/units", ref="01933/02").json()["items"][0]["name"] == "Thôn Nà Làn"


def test_a_token_cannot_reach_beyond_its_users_scope(tree, dong_phuc_officer, issue_token):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        issue_token(dong_phuc_officer, unit=tree.province)


def test_writing_a_value_set_saves_audits_rolls_up_and_is_idempotent(api, tree, dong_phuc_officer, issue_token,
                                                                     api_measures, year):
    secret = issue_token(dong_phuc_officer)
    payload = {"period": "2026", "values": [
        {"measure": "api_trees_planted", "unit": "01933/01", "value": 120},
        {"measure": "api_trees_planted", "unit": "01933/02", "value": "1.500"},
        {"measure": "api_day_held", "unit_id": tree.na_hai.pk, "value": "có"},
        {"measure": "api_money_mobilised", "unit": "01933", "org_kind": "hoi-nong-dan", "value": 2000000},
    ]}
    r = api(secret).post("/values", payload)
    assert r.status_code == 200, r.content
    assert r.json() == {"received": 4, "changed": 4}
    assert reading(api_measures["trees"], tree.dong_phuc, year).value == 1620
    assert reading(api_measures["trees"], tree.province, year).value == 1620
    assert DataValueChange.objects.filter(by=dong_phuc_officer).count() == 4
    assert AuditEvent.objects.filter(verb="Nhập số liệu chỉ số", actor=dong_phuc_officer).exists()
    again = api(secret).post("/values", payload)
    assert again.json() == {"received": 4, "changed": 0}
    assert DataValueChange.objects.count() == 4
    read = api(secret).get("/values", unit=tree.dong_phuc.pk, period="2026").json()
    assert read["count"] == 4
    assert {(v["unit"], v["measure"], v["value"]) for v in read["items"]} >= {
        ("01933/01", "api_trees_planted", "120"), ("01933/02", "api_trees_planted", "1500"),
        ("01933", "api_money_mobilised", "2000000")}


def test_one_bad_row_writes_nothing_and_names_each_row_and_field(api, tree, dong_phuc_officer, issue_token,
                                                                 api_measures, year):
    secret = issue_token(dong_phuc_officer)
    r = api(secret).post("/values", {"period": "2026", "values": [
        {"measure": "api_trees_planted", "unit": "01933/01", "value": 5},
        {"measure": "api_trees_planted", "unit": "01933/02", "value": "-3"},
        {"measure": "khong_co", "unit": "01933/01", "value": 1},
        {"measure": "api_models_derived", "unit": "01933/01", "value": 1},
        {"measure": "api_trees_planted", "unit": "01864/01", "value": 1},
        {"measure": "api_trees_planted", "unit": "01933", "value": 1},
    ]})
    assert r["Content-Type"].startswith("application/problem+json")
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert "Không nhận số âm" in errors["values[1].value"]
    assert "không có chỉ số “khong_co”" in errors["values[2].measure"]
    assert "tính tự động" in errors["values[3].value"]
    assert "Bản Bằng (01864/01) nằm ngoài phạm vi" in errors["values[4].unit"]  # another commune's area
    assert "cấp khu dân cư" in errors["values[5].value"]
    assert r.status_code == 403  # a row outside the token's scope makes the whole call a 403 (logged)
    assert DataValue.objects.count() == 0
    r = api(secret).post("/values", {"period": "2026", "values": [
        {"measure": "api_trees_planted", "unit": "01933/02", "value": "-3"},
        {"measure": "api_trees_planted", "unit": "99999/01", "value": 1}]})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"values[0].value", "values[1].unit"}


def test_malformed_payloads_get_a_vietnamese_message_per_field(api, tree, dong_phuc_officer, issue_token):
    secret = issue_token(dong_phuc_officer)
    r = api(secret).post("/values", {"period": "2026", "values": [{"unit": "01933/01", "value": 1}]})
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "values[0].measure", "message": "Thiếu trường bắt buộc."}]
    r = api(secret).post("/values", {"values": []})
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"period", "values"}
    r = api(secret).post("/values", raw="{not json")
    assert 400 <= r.status_code < 500 and r["Content-Type"].startswith("application/problem+json")
    r = api(secret).get("/values", unit="abc", period="2026")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "unit"


def test_a_read_only_token_cannot_write_and_the_refusal_is_logged(api, tree, dong_phuc_officer, issue_token,
                                                                   api_measures, year):
    secret = issue_token(dong_phuc_officer, permissions=["read"])
    r = api(secret).post("/values", {"period": "2026", "values": [
        {"measure": "api_trees_planted", "unit": "01933/01", "value": 5}]})
    assert r.status_code == 403 and "Ghi số liệu" in r.json()["detail"]
    call = ApiCall.objects.get(status=403)
    assert call.token.user == dong_phuc_officer and call.method == "POST" and "Ghi số liệu" in call.detail
    assert DataValue.objects.count() == 0


def test_a_leaders_token_reads_but_never_writes(tree, leader, issue_token):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        issue_token(leader, permissions=["read", "write"])


def test_a_member_organisation_token_writes_only_its_organisations_part(api, tree, org_officer, issue_token,
                                                                        api_measures, year):
    secret = issue_token(org_officer)
    r = api(secret).post("/values", {"period": "2026", "values": [
        {"measure": "api_money_mobilised", "unit": "01933", "value": 5}]})
    assert r.status_code == 422 and "tổ chức mình" in r.json()["errors"][0]["message"]
    r = api(secret).post("/values", {"period": "2026", "values": [
        {"measure": "api_money_mobilised", "unit": "01933", "org_kind": "hoi-nong-dan", "value": 5}]})
    assert r.status_code == 200


def test_aggregates_recompute_over_the_tree_and_list_children(api, tree, province_officer, issue_token,
                                                             api_measures, year):
    from indicators import services

    services.set_value(province_officer, api_measures["trees"], tree.na_hai, year, 7)
    services.set_value(province_officer, api_measures["trees"], tree.ban_bang, year, 3)
    secret = issue_token(province_officer)
    rows = api(secret).get("/aggregates", unit=tree.province.pk, period="2026", measure="api_trees_planted",
                           children="true").json()
    by_unit = {r["unit"]: r["value"] for r in rows}
    assert by_unit["19"] == "10" and by_unit["01933"] == "7" and by_unit["01864"] == "3"
    assert by_unit["05443"] is None  # not reported, never 0


def test_rate_limit_answers_429(api, tree, dong_phuc_officer, issue_token, settings):
    secret = issue_token(dong_phuc_officer, rate_limit=2)
    caller = api(secret)
    assert [caller.get("/measures").status_code for _ in range(3)] == [200, 200, 429]


def test_every_call_is_logged_with_its_token_and_last_use_is_kept(api, tree, dong_phuc_officer, issue_token):
    from api.models import ApiToken

    secret = issue_token(dong_phuc_officer)
    api(secret).get("/units")
    api(secret).get(f"/units/{tree.province.pk}")
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert list(ApiCall.objects.filter(token=token).order_by("pk").values_list("status", flat=True)) == [200, 403]


def test_a_logged_in_browser_reads_the_api_but_cannot_write(client_for, dong_phuc_officer, tree, api_measures):
    c = client_for(dong_phuc_officer)
    assert c.get("/api/v1/units").json()["count"] == 3
    r = c.post("/api/v1/values", json.dumps({"period": "2026", "values": [
        {"measure": "api_trees_planted", "unit": "01933/01", "value": 5}]}), content_type="application/json")
    assert r.status_code == 403


def test_a_body_over_the_upload_limit_gets_413(api, tree, dong_phuc_officer, issue_token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    r = api(issue_token(dong_phuc_officer)).post("/values", raw='{"period": "2026", "values": [' + " " * 2000 + "]}")
    assert r.status_code == 413 and r["Content-Type"].startswith("application/problem+json")
