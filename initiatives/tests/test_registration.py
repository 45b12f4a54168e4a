"""The registration drive's list on the seed's form: XLSX/DOCX download, XLSX upload with row-level validation."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from core.uploads import UploadError
from initiatives import registration, services
from initiatives.models import Initiative, RegistrationDrive

from .helpers import make

D = datetime.date


@pytest.fixture
def drive(tree):
    return RegistrationDrive.objects.create(unit=tree.dong_phuc, year=2026, deadline=D(2026, 2, 15))


@pytest.fixture
def listed(drive, tree):
    i = make(tree.na_hai, title="Tổ hợp tác chè an toàn", organisation=tree.hnd_dong_phuc, status="registered",
             started=D(2026, 3, 1), money=12_000_000, topics=["giam-ngheo"], drive=drive, workdays=30)
    return i


def _download(client, drive, org, fmt="xlsx"):
    response = client.get(reverse("initiatives:drive_download", args=[drive.pk, org.pk, fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _book(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def _save(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header_row(sheet):
    return next(r for r in range(1, 20) if sheet.cell(r, 1).value == "STT")


def test_download_has_the_seeds_title_and_round_trips(client_for, org_officer, tree, drive, listed):
    client = client_for(org_officer)
    book = _book(_download(client, drive, tree.hnd_dong_phuc))
    sheet = book.active
    assert sheet["A1"].value == "DANH SÁCH"
    assert sheet["A2"].value == ("Các công trình, mô hình, phần việc của Hội Nông dân xã Đồng Phúc tham gia xây dựng "
                                 "nông thôn mới, đô thị văn minh năm 2026")
    h = _header_row(sheet)
    assert sheet.cell(h + 1, 2).value == "Tổ hợp tác chè an toàn" and sheet.cell(h + 1, 5).value == "01933.01"
    # edit the existing row and add a new one, then upload the same file back
    sheet.cell(h + 1, 11).value = 15_000_000
    sheet.insert_rows(h + 2)
    for col, value in enumerate(["2", "Đường điện thắp sáng", "công trình", 3, "01933.02", "", "Sáng – Xanh – Sạch – Đẹp",
                                 "", "x", "01/04/2026", 40_000_000, 200, 50, "Nhân dân góp công", None], start=1):
        sheet.cell(h + 2, col).value = value
    response = client.post(reverse("initiatives:drive_upload", args=[drive.pk, tree.hnd_dong_phuc.pk]),
                           {"file": _upload(_save(book))})
    assert response.status_code == 302, response.content.decode()
    listed.refresh_from_db()
    assert listed.money == 15_000_000
    new = Initiative.objects.get(title="Đường điện thắp sáng")
    assert (new.unit, new.kind, new.is_self_managed, new.money, new.land_m2, new.content.number) == (
        tree.na_lan, "cong_trinh", True, 40_000_000, 50, 3)
    assert new.organisation == tree.hnd_dong_phuc and new.drive == drive
    assert list(new.topics.values_list("code", flat=True)) == ["sang-xanh-sach-dep"]
    # downloading again gives both rows: the round trip is stable
    again = _book(_download(client, drive, tree.hnd_dong_phuc)).active
    assert [again.cell(h + k, 2).value for k in (1, 2)] == ["Tổ hợp tác chè an toàn", "Đường điện thắp sáng"]


def test_docx_download_is_the_nd30_list(client_for, dong_phuc_officer, tree, drive, listed):
    import docx

    content = _download(client_for(dong_phuc_officer), drive, tree.hnd_dong_phuc, "docx")
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DANH SÁCH" in text and "tham gia xây dựng nông thôn mới, đô thị văn minh năm 2026" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Tổ hợp tác chè an toàn" in cells


def _upload(content, name="danh-sach.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _form_with(rows, drive, org):
    table = registration.list_table(drive, org, [])
    from documents.tables import to_xlsx

    book = _book(to_xlsx(table))
    sheet = book.active
    h = _header_row(sheet)
    for r, values in enumerate(rows, start=h + 1):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c).value = value
    return _save(book)


BAD_CASES = [
    (["1", "Mô hình A", "mô hình", 1, "01864.01", "", "", "", "", "", 1000, "", "", "", None],
     "Dòng 7, cột E (Mã địa bàn): không có địa bàn mã “01864.01” trong Xã Đồng Phúc"),
    (["1", "Mô hình A", "mô hình", 1, "01933.01", "", "Chủ đề lạ", "", "", "", 1000, "", "", "", None],
     "Dòng 7, cột G (Chủ đề (cách nhau bởi dấu ;)): chủ đề “Chủ đề lạ” không có"),
    (["1", "Mô hình A", "mô hình", 1, "01933.01", "", "", "", "", "", -5000, "", "", "", None],
     "Dòng 7, cột K (Kinh phí huy động (đồng)): “-5000” là số âm"),
    (["1", "", "mô hình", 9, "01933.99", "", "", "có lẽ", "", "32/13/2026", "nhiều", "", "", "", 999999],
     "Dòng 7, cột B"),
]


@pytest.mark.parametrize("row,message", BAD_CASES)
def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(org_officer, tree, drive, listed, row,
                                                                        message):
    good = ["2", "Mô hình tốt", "mô hình", 1, "01933.02", "", "", "", "", "", 1000, "", "", "", None]
    content = _form_with([row, good], drive, tree.hnd_dong_phuc)
    with pytest.raises(UploadError) as exc:
        registration.import_list(org_officer, drive, tree.hnd_dong_phuc, "ds.xlsx", content)
    assert any(e.startswith(message) for e in exc.value.errors), exc.value.errors
    assert not Initiative.objects.filter(title="Mô hình tốt").exists()


def test_every_problem_of_a_bad_row_is_named(org_officer, tree, drive):
    content = _form_with([BAD_CASES[3][0]], drive, tree.hnd_dong_phuc)
    with pytest.raises(UploadError) as exc:
        registration.import_list(org_officer, drive, tree.hnd_dong_phuc, "ds.xlsx", content)
    text = "\n".join(exc.value.errors)
    for part in ["cột B", "cột D", "cột E", "cột H", "cột J", "cột K", "cột O"]:
        assert part in text, part


def test_broken_and_wrong_files_are_refused(org_officer, tree, drive):
    for name, content, message in [("ds.xlsx", b"PK\x03\x04 broken", "Không đọc được tệp XLSX"),
                                   ("ds.csv", b"a,b", "Sai loại tệp"),
                                   ("ds.xlsx", _save(openpyxl.Workbook()), "Không thấy dòng tiêu đề")]:
        with pytest.raises(UploadError) as exc:
            registration.import_list(org_officer, drive, tree.hnd_dong_phuc, name, content)
        assert exc.value.errors[0].startswith(message)


def test_upload_page_shows_errors_in_vietnamese(client_for, org_officer, tree, drive):
    client = client_for(org_officer)
    response = client.post(reverse("initiatives:drive_upload", args=[drive.pk, tree.hnd_dong_phuc.pk]),
                           {"file": _upload(b"not a workbook")})
    assert response.status_code == 200
    assert "Không đọc được tệp XLSX" in response.content.decode() and not Initiative.objects.exists()


def test_org_officer_cannot_upload_for_another_organisation(org_officer, tree, drive, db):
    from units.models import MemberOrganisation, OrganisationKind

    ccb = MemberOrganisation.objects.create(unit=tree.dong_phuc, kind=OrganisationKind.objects.get(code="hoi-ccb"),
                                            name="Hội CCB xã Đồng Phúc")
    from django.test import Client

    client = Client()
    client.force_login(org_officer)
    assert client.get(reverse("initiatives:drive_list", args=[drive.pk, ccb.pk])).status_code == 404
    assert services.drive_status(org_officer, drive)[0]["organisation"] == tree.hnd_dong_phuc
