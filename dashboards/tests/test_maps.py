"""Maps and charts drawn on the server as SVG: links, titles with values, the islands, the size of the big map."""

import re
from decimal import Decimal
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from dashboards import charts, maps
from dashboards.data.province_tiles import TILES
from indicators.models import Measure
from indicators.queries import NOT_REPORTED, Reading

SVG = "{http://www.w3.org/2000/svg}"


def _measure(**kw):
    return Measure(code="x", name="Số mô hình", value_type="count", aggregation="sum", unit_label="mô hình", **kw)


def _unit(pk, level, code, name):
    return SimpleNamespace(pk=pk, level=level, code=str(code), name=name)


def test_the_national_map_has_every_province_and_hoang_sa_and_truong_sa_as_vietnamese_territory():
    provinces = [_unit(i, "province", code, f"Tỉnh số {code}") for i, code in enumerate(TILES)]
    items = [(u, Reading(Decimal(i), 1, 1)) for i, u in enumerate(provinces)]
    drawn = maps.choropleth(items, _measure(), lambda u: f"/don-vi/{u.pk}/", "Số mô hình — Năm 2026")
    root = ElementTree.fromstring(drawn.svg)  # well-formed
    links = root.findall(f".//{SVG}a")
    assert len(links) == 34 + 2
    assert "Quần đảo Hoàng Sa" in drawn.svg and "Quần đảo Trường Sa" in drawn.svg
    assert drawn.svg.count("(Việt Nam)") == 2
    titles = [a.find(f"{SVG}title").text for a in links]
    assert "Tỉnh số 19: 7" in titles  # Thái Nguyên's title carries its value
    assert len(set(TILES.values())) == 34  # no two provinces on one tile


def test_units_without_data_are_grey_and_the_legend_covers_the_reported_values():
    units = [_unit(i, "commune", i, f"Xã {i}") for i in range(1, 11)]
    items = [(u, Reading(Decimal(i * 10), 1, 1) if i % 2 else NOT_REPORTED) for i, u in enumerate(units)]
    drawn = maps.choropleth(items, _measure(), lambda u: f"/x/{u.pk}/", "t")
    assert drawn.reported == 5 and drawn.total == 10
    assert drawn.svg.count(f'fill="{maps.NO_DATA}"') == 5
    assert drawn.svg.count("Chưa báo cáo") == 5
    assert drawn.legend[0].low == 10 and drawn.legend[-1].high == 90
    assert "không phải ranh giới hành chính" in drawn.note


def test_the_map_of_3321_communes_stays_under_500_kb():
    provinces = [_unit(i, "province", code, f"Tỉnh số {code}") for i, code in enumerate(TILES)]
    by_province, pk = {}, 1000
    for i, p in enumerate(provinces):
        n = 3321 // 34 + (1 if i < 3321 % 34 else 0)
        rows = []
        for j in range(n):
            pk += 1
            rows.append((_unit(pk, "commune", pk, f"Xã Nguyễn Thị Minh Khai {j}"),
                         Reading(Decimal(j % 7), 1, 1) if j % 5 else NOT_REPORTED))
        by_province[p.pk] = rows
    drawn = maps.nation_communes(provinces, by_province, _measure(), lambda u: f"/bang-dieu-hanh/{u.pk}/", "t")
    assert drawn.total == 3321
    ElementTree.fromstring(drawn.svg)
    size = len(drawn.svg.encode())
    assert size < 500_000, f"{size} bytes"
    assert "Quần đảo Hoàng Sa" in drawn.svg and "Quần đảo Trường Sa" in drawn.svg


def test_bar_and_line_charts_are_valid_svg_with_their_values_as_text():
    bars = charts.bars([("Xã Đồng Phúc", Decimal(3), "3", "/a/"), ("Xã Bằng Thành", None, "—", None)], "Mô hình",
                       threshold=Decimal(2))
    root = ElementTree.fromstring(bars)
    assert root.get("viewBox").startswith("0 0 360 ")
    assert "Chưa báo cáo" in bars and ">3<" in bars and 'class="threshold"' in bars
    line = charts.line([("2024", None, "—"), ("2025", Decimal(100), "100"), ("2026", Decimal(170), "170")], "Xu hướng")
    ElementTree.fromstring(line)
    assert re.search(r'<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"', line)


@pytest.mark.django_db
def test_the_map_page_colours_each_commune_and_lists_the_same_figures_in_a_table(client_for, leader, tree, plan,
                                                                                 filled):
    url = reverse("dashboards:map", args=[tree.province.pk]) + f"?ky=2026&chi-tieu={plan.t_livelihood.pk}"
    body = client_for(leader).get(url).content.decode()
    assert "<title>Xã Đồng Phúc: 150</title>" in body and "<title>Xã Bằng Thành: 20</title>" in body
    assert "<title>Phường Phan Đình Phùng: 0</title>" in body  # the register knows: no household supported
    assert re.search(r"<td>Xã Đồng Phúc</td><td class=\"num\">150</td>", body)
    assert 'class="chart bars"' in body
    svg = client_for(leader).get(reverse("dashboards:map_svg", args=[tree.province.pk]) + "?ky=2026&chi-so="
                                 "households_livelihood_supported")
    assert svg["Content-Type"].startswith("image/svg+xml")
    ElementTree.fromstring(svg.content)


@pytest.mark.django_db
def test_the_national_map_page_draws_the_provinces(client_for, tree, measures, filled):
    from accounts.models import User

    admin = User.objects.create_user("tw", password="x", role="admin", unit=tree.nation, full_name="Quản trị TW")
    body = client_for(admin).get(reverse("dashboards:map", args=[tree.nation.pk]) + "?ky=2026&chi-so="
                                 "households_livelihood_supported").content.decode()
    assert "<title>Tỉnh Thái Nguyên: 170</title>" in body and "Quần đảo Hoàng Sa" in body
    body = client_for(admin).get(reverse("dashboards:map", args=[tree.nation.pk]) + "?ky=2026&cap=xa&chi-so="
                                 "households_livelihood_supported").content.decode()
    assert "<title>Xã Đồng Phúc: 150</title>" in body
