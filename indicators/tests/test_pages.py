"""The pages: values with drill-down ("—" for not reported), entry, downloads, target check; scope on every URL."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from indicators.models import Measure
from indicators.queries import reading, readings

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(tree, measures, enter, year):
    enter("self_managed_models", tree.na_hai, 2)
    enter("self_managed_models", tree.na_lan, 0)
    enter("great_unity_day_held", tree.na_hai, "có")
    enter("poor_households", tree.na_hai, 10)
    enter("poor_households_gifted", tree.na_hai, 9)
    enter("money_mobilised", tree.dong_phuc, 1_500_000)
    return tree


def urls(tree, year, unit=None, measure="self_managed_models"):
    u = (unit or tree.dong_phuc).pk
    return [reverse("indicators:unit_default", args=[u]), reverse("indicators:unit", args=[u, year.code]),
            reverse("indicators:measure", args=[u, year.code, measure]),
            reverse("indicators:unit_download", args=[u, year.code, "xlsx"]),
            reverse("indicators:unit_download", args=[u, year.code, "csv"]),
            reverse("indicators:measure_download", args=[u, year.code, measure, "xlsx"]),
            reverse("indicators:measure_download", args=[u, year.code, measure, "csv"]),
            reverse("indicators:target_check", args=[u, year.code]), reverse("indicators:entry", args=[u, year.code])]


def test_values_page_shows_rollups_and_not_reported_as_dash(data, client_for, province_officer, year):
    page = client_for(province_officer).get(reverse("indicators:unit", args=[data.province.pk, year.code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Chỉ số và tổng hợp · Tỉnh Thái Nguyên" in html
    assert "1.500.000 đ" in html and "90%" in html  # money in đồng; 9 / 10 gifted
    assert "1/1" in html  # one area answered Great Unity Day, one yes
    drill = client_for(province_officer).get(reverse("indicators:measure", args=[data.province.pk, year.code,
                                                                                 "self_managed_models"]))
    rows = drill.context["rows"]
    assert [(r.unit.name, r.text) for r in rows] == [("Xã Bằng Thành", "—"), ("Xã Đồng Phúc", "2"),
                                                     ("Phường Phan Đình Phùng", "—")]
    commune = client_for(province_officer).get(reverse("indicators:measure", args=[data.dong_phuc.pk, year.code,
                                                                                   "self_managed_models"]))
    assert [(r.unit.name, r.text) for r in commune.context["rows"]] == [("Thôn Nà Hai", "2"), ("Thôn Nà Làn", "0")]


def test_downloads_are_the_same_table_with_empty_cells_for_not_reported(data, client_for, province_officer, year):
    client = client_for(province_officer)
    response = client.get(reverse("indicators:measure_download", args=[data.province.pk, year.code,
                                                                       "self_managed_models", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["STT", "Đơn vị", "Giá trị"]
    assert rows[1][1:3] == ["Xã Bằng Thành", ""] and rows[2][1:3] == ["Xã Đồng Phúc", "2"]
    response = client.get(reverse("indicators:unit_download", args=[data.dong_phuc.pk, year.code, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = {row[1]: row for row in sheet.iter_rows(values_only=True) if row and row[1]}
    assert values["money_mobilised"][4] == 1_500_000
    assert values["poor_households_gifted_rate"][5] == pytest.approx(0.9)
    assert values["festivals"][4] is None


def test_entry_saves_rolls_up_and_refuses_bad_input_naming_the_row(tree, measures, client_for, dong_phuc_officer,
                                                                   year):
    client = client_for(dong_phuc_officer)
    url = reverse("indicators:entry", args=[tree.na_hai.pk, year.code])
    form = client.get(url)
    assert form.status_code == 200
    m = measures["self_managed_models"]
    gud = measures["great_unity_day_held"]
    response = client.post(url, {f"m-{m.pk}": "abc", f"m-{gud.pk}": "co"})
    assert "không phải là số" in response.content.decode() and "Dòng" in response.content.decode()
    assert not reading(gud, tree.dong_phuc, year).reported  # nothing half-written
    response = client.post(url, {f"m-{m.pk}": "3", f"m-{gud.pk}": "co"})
    assert response.status_code == 302
    assert reading(m, tree.province, year).value == 3
    assert reading(gud, tree.dong_phuc, year).positive == 1
    rate = measures["poor_households_gifted_rate"]
    assert f'name="m-{rate.pk}"' not in client.get(url).content.decode()  # computed, not typed


def test_member_organisation_officer_enters_only_their_part(tree, measures, client_for, org_officer, year):
    client = client_for(org_officer)
    url = reverse("indicators:entry", args=[tree.dong_phuc.pk, year.code])
    page = client.get(url).content.decode()
    assert "Hội Nông dân xã Đồng Phúc" in page
    m = measures["pilot_models"]
    assert f'name="m-{m.pk}"' in page and f'name="m-{measures["festivals"].pk}"' not in page
    client.post(url, {f"m-{m.pk}": "2"})
    assert reading(m, tree.province, year, tree.hnd_dong_phuc.kind_id).value == 2
    assert not reading(m, tree.province, year).reported


def test_target_check_page_shows_progress_with_units_behind_first(data, client_for, province_officer, year):
    gud = Measure.objects.get(code="great_unity_day_held")
    response = client_for(province_officer).get(
        reverse("indicators:target_check", args=[data.province.pk, year.code]),
        {"measure": gud.pk, "scope": "share_of_units", "level": "area", "comparator": ">=", "threshold": "100"})
    html = response.content.decode()
    assert "Chưa đạt" in html and "33,3%" in html
    assert html.index("Bản Bằng") < html.index("Thôn Nà Làn") or "Thôn Nà Làn" in html


def test_progress_context_is_scoped_to_the_user(data, dong_phuc_officer, other_officer, year):
    from indicators.targets import TargetSpec
    from indicators.views import progress_context

    target = TargetSpec(measure=Measure.objects.get(code="great_unity_day_held"), scope="share_of_units",
                        threshold=100, level="area", period=year, issuer=data.province)
    mine = progress_context(target, dong_phuc_officer)
    assert mine["scoped_to"] == data.dong_phuc and mine["evaluation"].units_total == 2
    assert [u.name for u, r, t in mine["behind"]] == ["Thôn Nà Làn"]
    theirs = progress_context(target, other_officer)
    assert [u.name for u, r, t in theirs["behind"]] == ["Bản Bằng"]


@pytest.mark.parametrize("index", range(9))
def test_another_communes_officer_gets_404_on_every_url(data, client_for, other_officer, year, index):
    url = urls(data, year)[index]
    assert client_for(other_officer).get(url).status_code == 404


@pytest.mark.parametrize("index", range(9))
def test_every_url_opens_in_scope(data, client_for, dong_phuc_officer, year, index):
    url = urls(data, year)[index]
    assert client_for(dong_phuc_officer).get(url).status_code in (200, 302)


def test_a_leader_reads_but_cannot_write(data, client_for, leader, measures, year):
    client = client_for(leader)
    assert client.get(reverse("indicators:unit", args=[data.dong_phuc.pk, year.code])).status_code == 200
    url = reverse("indicators:entry", args=[data.na_hai.pk, year.code])
    assert client.get(url).status_code == 403
    assert client.post(url, {f"m-{measures['self_managed_models'].pk}": "9"}).status_code == 403
    assert reading(measures["self_managed_models"], data.na_hai, year).value == 2


def test_administrators_add_measures_others_cannot(tree, measures, client_for, province_admin, province_officer):
    assert client_for(province_officer).get(reverse("indicators:measure_add")).status_code == 403
    client = client_for(province_admin)
    assert client.get(reverse("indicators:catalogue")).status_code == 200
    response = client.post(reverse("indicators:measure_add"), {
        "code": "youth_volunteers", "name": "Số đoàn viên tình nguyện", "unit_label": "người", "value_type": "count",
        "level": "area", "aggregation": "sum", "scale": 1})
    assert response.status_code == 302
    assert Measure.objects.get(code="youth_volunteers").source == "form"
    bad = client.post(reverse("indicators:measure_add"), {
        "code": "bad_rate", "name": "Tỷ lệ", "value_type": "ratio", "level": "area", "aggregation": "ratio",
        "scale": 100})
    assert "tử số và mẫu số" in bad.content.decode()


def test_navigation_and_unit_page_link(tree, measures, client_for, dong_phuc_officer):
    page = client_for(dong_phuc_officer).get(reverse("units:detail", args=[tree.dong_phuc.pk])).content.decode()
    assert "Chỉ số và tổng hợp" in page
    assert reverse("indicators:home") in page


def test_unit_rows_read_every_measure_of_a_unit_in_one_query(data, year):
    """The values page and its XLSX (the load run's busiest pages, bench/RESULTS.md): the unit's aggregates of
    all measures in one query, not one per measure; the readings are the same as one by one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.tables import active_measures, unit_rows

    measures = active_measures()
    assert len(measures) > 10
    with CaptureQueriesContext(connection) as queries:
        rows = unit_rows(data.dong_phuc, year, measures)
    aggregate_reads = [q for q in queries.captured_queries if "indicators_aggregatevalue" in q["sql"]]
    assert len(aggregate_reads) == 1
    assert len(queries) <= 8
    one_by_one = {m.pk: readings(m, [data.dong_phuc], year).get(data.dong_phuc.pk) for m in measures}
    assert {row.measure.pk: row.reading for row in rows} == one_by_one
    assert any(row.reading is not None for row in rows)
