import io

import openpyxl
import pytest

from accounts.models import AuditEvent
from units.models import Unit
from core.uploads import UploadError
from units.services import import_areas


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["Mã khu dân cư", "Tên khu dân cư", "Loại", "Số hộ", "Mã xã/phường"]


def test_import_creates_and_updates_areas(dong_phuc_officer, tree):
    content = xlsx([HEADER, ["01", "Nà Hai", "thôn", 130], ["03", "Khuổi Tàu", "bản", 75],
                    ["04", "Tổ dân phố số 1", "tổ dân phố", ""]])
    result = import_areas(dong_phuc_officer, tree.dong_phuc, "ds.xlsx", content)
    assert result == {"created": 2, "updated": 1, "rows": 3}
    tree.na_hai.refresh_from_db()
    assert tree.na_hai.households == 130
    assert tree.dong_phuc.children.get(code="03").name == "Bản Khuổi Tàu"
    assert AuditEvent.objects.filter(action="import", unit=tree.dong_phuc).exists()


def test_import_csv_with_semicolons(dong_phuc_officer, tree):
    content = "Mã khu dân cư;Tên;Loại;Số hộ\n05;Nà Mòn;thôn;88\n".encode("utf-8-sig")
    import_areas(dong_phuc_officer, tree.dong_phuc, "ds.csv", content)
    assert tree.dong_phuc.children.get(code="05").households == 88


@pytest.mark.parametrize("rows, message", [
    ([HEADER, ["", "Nà Mòn", "thôn", 1]], "Dòng 2, cột A"),
    ([HEADER, ["05", "Nà Mòn", "thôn", 1], ["05", "Nà Mòn 2", "thôn", 1]], "trùng với dòng 2"),
    ([HEADER, ["05", "", "thôn", 1]], "Dòng 2, cột B"),
    ([HEADER, ["05", "Nà Mòn", "phố cổ", 1]], "Dòng 2, cột C"),
    ([HEADER, ["05", "Nà Mòn", "thôn", "nhiều"]], "Dòng 2, cột D"),
    ([HEADER, ["05", "Nà Mòn", "thôn", 1, "01864"]], "Dòng 2, cột E"),
    ([["Tên", "Loại"], ["Nà Mòn", "thôn"]], "dòng tiêu đề"),
])
def test_import_errors_name_row_and_column_and_write_nothing(dong_phuc_officer, tree, rows, message):
    before = Unit.objects.count()
    # a good row after the bad ones: it must not be written either
    rows = rows + [["09", "Nà Tốt", "thôn", 10]] if rows[0] == HEADER else rows
    with pytest.raises(UploadError) as exc:
        import_areas(dong_phuc_officer, tree.dong_phuc, "ds.xlsx", xlsx(rows))
    assert any(message in e for e in exc.value.errors), exc.value.errors
    assert Unit.objects.count() == before


def test_broken_xlsx_and_wrong_type(dong_phuc_officer, tree):
    with pytest.raises(UploadError) as exc:
        import_areas(dong_phuc_officer, tree.dong_phuc, "ds.xlsx", b"PK\x03\x04 not really")
    assert "XLSX" in exc.value.errors[0]
    with pytest.raises(UploadError) as exc:
        import_areas(dong_phuc_officer, tree.dong_phuc, "ds.pdf", b"%PDF-1.4")
    assert "Sai loại tệp" in exc.value.errors[0]


def test_province_import_needs_known_commune_in_scope(province_officer, dong_phuc_officer, tree):
    rows = [HEADER, ["07", "Nà Mới", "thôn", 10, "01933"], ["08", "Bản Lạ", "bản", 10, "99999"]]
    with pytest.raises(UploadError) as exc:
        import_areas(province_officer, tree.province, "ds.xlsx", xlsx(rows))
    assert exc.value.errors == ["Dòng 3, cột E (Mã xã/phường): không có xã/phường mã “99999”."]
    rows = [HEADER, ["07", "Nà Mới", "thôn", 10, "01273"]]  # Hòa An, Cao Bằng: outside Thái Nguyên
    with pytest.raises(UploadError) as exc:
        import_areas(province_officer, tree.province, "ds.xlsx", xlsx(rows))
    assert "ngoài" in exc.value.errors[0]
    import_areas(province_officer, tree.province, "ds.xlsx", xlsx([HEADER, ["07", "Nà Mới", "thôn", 10, "01933"]]))
    assert tree.dong_phuc.children.filter(code="07").exists()


def test_import_page_shows_errors(client_for, dong_phuc_officer, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("ds.xlsx", xlsx([HEADER, ["05", "", "thôn", 1]]))
    response = client_for(dong_phuc_officer).post(f"/don-vi/{tree.dong_phuc.pk}/khu-dan-cu/nhap/", {"file": upload})
    assert "Dòng 2, cột B (Tên khu dân cư): thiếu tên." in response.content.decode()


def test_template_downloads(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    response = client.get(f"/don-vi/{tree.dong_phuc.pk}/khu-dan-cu/mau.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.active["A1"].value == "Mã khu dân cư"
    response = client.get(f"/don-vi/{tree.dong_phuc.pk}/khu-dan-cu/mau.csv")
    assert response.content.decode("utf-8-sig").startswith("Mã khu dân cư")


def test_add_area_by_hand_is_audited(client_for, dong_phuc_officer, tree):
    response = client_for(dong_phuc_officer).post(f"/don-vi/{tree.dong_phuc.pk}/khu-dan-cu/them/",
                                                  {"code": "10", "name": "Cốc Slam", "kind": "ban", "households": "45",
                                                   "is_active": "on"})
    assert response.status_code == 302
    area = tree.dong_phuc.children.get(code="10")
    assert area.name == "Bản Cốc Slam"
    event = AuditEvent.objects.get(object_type="units.unit", object_id=str(area.pk))
    assert event.actor == dong_phuc_officer and event.changes["households"] == [None, 45]


def test_officer_above_sets_flags_and_merge(client_for, province_officer, tree):
    response = client_for(province_officer).post(f"/don-vi/{tree.dong_phuc.pk}/thuoc-tinh/", {
        "households": "1250", "new_tag": "Xã phía Bắc", "merged_into": tree.bang_thanh.pk})
    assert response.status_code == 302
    tree.dong_phuc.refresh_from_db()
    assert tree.dong_phuc.households == 1250 and not tree.dong_phuc.is_active
    assert tree.dong_phuc.merged_into == tree.bang_thanh
    assert [t.name for t in tree.dong_phuc.tags.all()] == ["Xã phía Bắc"]
    event = AuditEvent.objects.filter(object_id=str(tree.dong_phuc.pk), verb="Sửa thuộc tính đơn vị").get()
    assert event.changes["tags"] == [[], ["Xã phía Bắc"]]


def test_commune_officer_cannot_edit_own_unit_attributes(client_for, dong_phuc_officer, tree):
    assert client_for(dong_phuc_officer).get(f"/don-vi/{tree.dong_phuc.pk}/thuoc-tinh/").status_code == 403
