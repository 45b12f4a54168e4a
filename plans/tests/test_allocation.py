"""Allocating a province total to its communes: even, by areas, by households, from an XLSX sheet."""

import io
import random
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services
from plans.allocation import largest_remainder


@pytest.fixture
def livelihood(province_plan, province_officer):
    services.replace_targets(province_officer, province_plan, [
        {"group": "1.", "text": "Hỗ trợ sinh kế cho ít nhất 200 hộ nghèo", "measure": "households_livelihood_supported",
         "scope": "total", "comparator": ">=", "threshold": 200}])
    return province_plan.targets.get()


def _url(target, suffix=""):
    return reverse("plans:allocate" + suffix, args=[target.plan_id, target.pk])


def _boxes(page: str) -> dict:
    return {int(m[1]): m[2] for m in re.finditer(r'name="u(\d+)" value="([^"]*)"', page)}


def test_largest_remainder_gives_integers_that_add_up_exactly():
    assert largest_remainder(200, {"a": 1, "b": 1, "c": 1}) == {"a": 67, "b": 67, "c": 66}
    assert largest_remainder(10, {"a": 120 + 90, "b": 80, "c": 0}) == {"a": 7, "b": 3, "c": 0}
    rng = random.Random(17)
    for _ in range(200):
        weights = {i: rng.randint(0, 500) for i in range(rng.randint(1, 92))}
        weights[0] += 1
        total = rng.randint(0, 10_000)
        shares = largest_remainder(total, weights)
        assert sum(shares.values()) == total and all(v >= 0 for v in shares.values())
        assert all(shares[k] == 0 for k, w in weights.items() if w == 0)


def test_split_evenly_by_areas_and_by_households_fills_the_boxes_without_saving(client_for, province_officer, tree,
                                                                                livelihood):
    client = client_for(province_officer)
    page = client.post(_url(livelihood), {"action": "chia", "cach": "even"}).content.decode()
    boxes = _boxes(page)
    assert boxes == {tree.bang_thanh.pk: "67", tree.dong_phuc.pk: "67", tree.ward.pk: "66"}  # Vietnamese order
    assert "chưa lưu" in page and not livelihood.allocations.exists()
    assert 'data-remainder>0<' in page
    # by areas: Đồng Phúc has two, Bằng Thành one, the ward none
    boxes = _boxes(client.post(_url(livelihood), {"action": "chia", "cach": "areas"}).content.decode())
    assert boxes == {tree.dong_phuc.pk: "133", tree.bang_thanh.pk: "67", tree.ward.pk: "0"}
    # by households: 120 + 90 in Đồng Phúc, 80 in Bằng Thành, none known in the ward (said so)
    page = client.post(_url(livelihood), {"action": "chia", "cach": "households"}).content.decode()
    assert _boxes(page) == {tree.dong_phuc.pk: "145", tree.bang_thanh.pk: "55", tree.ward.pk: "0"}
    assert "chưa có số hộ" in page and "Phường Phan Đình Phùng" in page
    # what is saved is what the boxes hold
    response = client.post(_url(livelihood), {"action": "luu", f"u{tree.dong_phuc.pk}": "145",
                                              f"u{tree.bang_thanh.pk}": "55", f"u{tree.ward.pk}": ""})
    assert response.status_code == 302
    assert {a.unit: a.value for a in livelihood.allocations.all()} == {tree.dong_phuc: 145, tree.bang_thanh: 55}


def test_the_page_shows_the_remainder(client_for, province_officer, tree, livelihood):
    services.save_allocations(province_officer, livelihood, {tree.dong_phuc: Decimal(150), tree.bang_thanh: Decimal(30)})
    page = client_for(province_officer).get(_url(livelihood)).content.decode()
    assert re.search(r'data-allocated>180<', page) and re.search(r'class="remainder bad" data-remainder>20<', page)
    assert 'data-total="200"' in page


def test_the_sheet_round_trips_and_errors_name_the_row(client_for, province_officer, tree, livelihood):
    from openpyxl import load_workbook

    services.save_allocations(province_officer, livelihood, {tree.dong_phuc: Decimal(150)})
    client = client_for(province_officer)
    response = client.get(_url(livelihood, "_xlsx"))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "Mã xã")
    assert rows[header] == ["Mã xã", "Xã, phường", "Số khu dân cư", "Số hộ", "Giao"]
    body = {r[0]: r for r in rows[header + 1:] if r[0]}
    assert body["01933"][2:] == [2, 210, 150] and body["05443"][4] is None
    # filled in and uploaded back: the boxes hold the file's numbers, nothing saved yet
    for row in ws.iter_rows(min_row=header + 2):
        row[4].value = {"01933": 120, "01864": "1.000", "05443": None}.get(row[0].value, row[4].value)
    out = io.BytesIO()
    wb.save(out)
    page = client.post(_url(livelihood), {"action": "nhap", "tep": SimpleUploadedFile("phan-bo.xlsx", out.getvalue())})
    boxes = _boxes(page.content.decode())
    assert "Đã đọc" in page.content.decode(), re.findall(r'<li>(.*?)</li>', page.content.decode())[-5:]
    assert boxes == {tree.dong_phuc.pk: "120", tree.bang_thanh.pk: "1.000", tree.ward.pk: ""}
    assert {a.unit: a.value for a in livelihood.allocations.all()} == {tree.dong_phuc: 150}
    # a bad sheet: every problem by row and column, nothing taken
    for row in ws.iter_rows(min_row=header + 2):
        if row[0].value == "01864":
            row[4].value = "nhiều"
        if row[0].value == "05443":
            row[0].value = "99999"
    out = io.BytesIO()
    wb.save(out)
    page = client.post(_url(livelihood), {"action": "nhap",
                                          "tep": SimpleUploadedFile("phan-bo.xlsx", out.getvalue())}).content.decode()
    assert f"Dòng {header + 2}, cột E (Giao): “nhiều” không phải là số" in page or "cột E (Giao): “nhiều”" in page
    assert "cột A (Mã xã): không có xã, phường mã “99999”" in page
    assert _boxes(page)[tree.dong_phuc.pk] == "150"  # the stored allocation is still what the page shows
