"""Issue #16: the adoption list and the sponsored children as files — templates, imports (scoped, matched by the
register's identity, errors by row and column, nothing half-written) and the ND 30 lists."""

import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaign.periods import get_period
from core.uploads import UploadError
from indicators.models import Measure
from indicators.queries import reading
from welfare import lists
from welfare.models import Adoption, ChildSponsorship

A_HEAD = "STT;Mã khu dân cư;Họ tên chủ hộ;Số CCCD chủ hộ;Đơn vị nhận giúp đỡ;Từ năm;Đến năm;Nội dung giúp đỡ\n"
C_HEAD = ("STT;Mã khu dân cư;Họ tên trẻ;Năm sinh;Hoàn cảnh;Tổ chức đỡ đầu;Người, đơn vị đỡ đầu khác;"
          "Số tiền mỗi tháng (đồng);Từ ngày;Đến ngày\n")


def value(code, unit, period="2026"):
    return reading(Measure.objects.get(code=code), unit, get_period(period)).value


def test_adoptions_import_matches_by_identity_then_name(dong_phuc_officer, households, tree):
    get_period("2026")
    body = (A_HEAD + "1;01;Ai đó;001203004589;Hội Nông dân;2026;2027;Con giống\n"
            "2;01;Lương Thị Hoa;;Mặt trận;2026;2026;\n"
            "3;02;Nông Thị Lan;;Hội Nông dân xã Đồng Phúc;2026;2028;Hướng dẫn làm ăn\n")
    assert lists.import_adoptions(dong_phuc_officer, tree.dong_phuc, "a.csv", body.encode()) == 3
    manh = Adoption.objects.get(household=households.manh)
    assert manh.organisation == tree.hnd_dong_phuc and (manh.from_year, manh.to_year) == (2026, 2027)
    assert Adoption.objects.get(household=households.hoa).front_unit == tree.dong_phuc
    assert value("households_adopted", tree.dong_phuc) == 3


def test_adoptions_import_all_or_nothing_with_rows_and_columns(dong_phuc_officer, households, tree):
    body = (A_HEAD + "1;01;Hoàng Văn Mạnh;001203004589;Hội Nông dân;2026;2027;\n"
            "2;09;Ai đó;;Hội Nông dân;2026;2027;\n"
            "3;01;Lương Thị Hoa;;Hội Phụ nữ;2026;2027;\n"
            "4;01;Lương Thị Hoa;;Mặt trận;2027;2026;\n"
            "5;01;Ma Văn Sinh;019087000123;Mặt trận;2026;2026;\n"
            "6;01;Người lạ;;Mặt trận;2026;2026;\n"
            "7;01;Hoàng Văn Mạnh;001203004589;Hội Nông dân;năm nay;2027;\n")
    with pytest.raises(UploadError) as e:
        lists.import_adoptions(dong_phuc_officer, tree.dong_phuc, "a.csv", body.encode())
    errors = e.value.errors
    assert "Dòng 3, cột B (Mã khu dân cư): không có khu dân cư mã “09” trong phạm vi nhập." in errors
    assert any(x.startswith("Dòng 4, cột E (Đơn vị nhận giúp đỡ): không có “Hội Phụ nữ”") for x in errors)
    assert "Dòng 5, cột G (Đến năm): Năm kết thúc không được trước năm bắt đầu." in errors
    assert any(x.startswith("Dòng 6, cột F (Từ năm): Hộ Ma Văn Sinh không có tên") for x in errors)  # escaped
    assert any(x.startswith("Dòng 7, cột C (Họ tên chủ hộ): không có hộ “Người lạ”") for x in errors)
    assert "Dòng 8, cột F (Từ năm): “năm nay” không phải năm (ví dụ " in errors[-1]
    assert not Adoption.objects.exists()  # row 2 was good, but nothing is written


def test_an_organisation_officer_imports_for_their_organisation_only(org_officer, households, tree):
    body = A_HEAD + "1;01;Hoàng Văn Mạnh;001203004589;;2026;2027;\n"
    assert lists.import_adoptions(org_officer, tree.dong_phuc, "a.csv", body.encode()) == 1
    assert Adoption.objects.get().organisation == tree.hnd_dong_phuc
    with pytest.raises(UploadError) as e:
        lists.import_adoptions(org_officer, tree.dong_phuc, "a.csv",
                               (A_HEAD + "1;01;Lương Thị Hoa;;Mặt trận;2026;2026;\n").encode())
    assert e.value.errors[0].startswith("Dòng 2, cột E (Đơn vị nhận giúp đỡ)")


def test_households_out_of_scope_are_not_matched(dong_phuc_officer, households, tree):
    # Triệu Văn Bằng lives in Bằng Thành: his number is not found from Đồng Phúc
    with pytest.raises(UploadError) as e:
        lists.import_adoptions(dong_phuc_officer, tree.dong_phuc, "a.csv",
                               (A_HEAD + "1;01;Triệu Văn Bằng;019111222333;Mặt trận;2026;2026;\n").encode())
    assert e.value.errors[0].startswith("Dòng 2, cột D (Số CCCD chủ hộ): không có hộ số")
    assert "019111222333" not in e.value.errors[0]


def test_children_import_and_errors(dong_phuc_officer, tree):
    get_period("2026")
    year = datetime.date.today().year
    good = (C_HEAD + f"1;01;Nguyễn Thị Lan;{year - 9};Mồ côi cha;Hội Nông dân;;500.000;01/01/2026;\n"
            f"2;02;Hoàng Văn Nam;{year - 12};;;Công ty An Phát;1.000.000;01/02/2026;31/12/2027\n")
    assert lists.import_children(dong_phuc_officer, tree.dong_phuc, "c.csv", good.encode()) == 2
    lan = ChildSponsorship.objects.get(child_name="Nguyễn Thị Lan")
    assert lan.organisation == tree.hnd_dong_phuc and lan.monthly_amount == 500_000 and lan.unit == tree.na_hai
    assert value("children_sponsored", tree.dong_phuc) == 2
    bad = (C_HEAD + f"1;01;Trần Văn Minh;{year - 5};;;Ông Tư;300.000;01/01/2026;\n"
           f"2;01;;{year - 30};;;;15tr;32/01/2026;\n")
    with pytest.raises(UploadError) as e:
        lists.import_children(dong_phuc_officer, tree.dong_phuc, "c.csv", bad.encode())
    errors = e.value.errors
    assert any(x.startswith("Dòng 3, cột H (Số tiền mỗi tháng (đồng)): “15tr” không phải số tiền") for x in errors)
    assert "Dòng 3, cột I (Từ ngày): “32/01/2026” không phải ngày dd/mm/yyyy." in errors
    assert ChildSponsorship.objects.count() == 2  # the good first row was not written either
    bad = C_HEAD + f"1;01;;{year - 30};;;;300.000;01/01/2026;\n"
    with pytest.raises(UploadError) as e:
        lists.import_children(dong_phuc_officer, tree.dong_phuc, "c.csv", bad.encode())
    assert "Dòng 2, cột C (Họ tên trẻ): Ghi họ tên trẻ." in e.value.errors
    assert any(x.startswith("Dòng 2, cột D (Năm sinh): Năm sinh của trẻ dưới 18 tuổi") for x in e.value.errors)
    assert any(x.startswith("Dòng 2, cột G (Người, đơn vị đỡ đầu khác)") for x in e.value.errors)


def test_pages_templates_and_documents(client_for, dong_phuc_officer, na_hai_head, households, tree):
    client = client_for(dong_phuc_officer)
    for name in ("welfare:adoption_template", "welfare:children_template"):
        for fmt in ("xlsx", "csv"):
            assert client.get(reverse(name, args=[fmt])).status_code == 200
    # the template as downloaded is a file the importer reads (its example rows name the template's areas)
    template = client.get(reverse("welfare:adoption_template", args=["xlsx"])).content
    with pytest.raises(UploadError) as e:
        lists.import_adoptions(dong_phuc_officer, tree.dong_phuc, "m.xlsx", template)
    # Mạnh has an identity number: a row without it does not match him (as the household import matches)
    assert e.value.errors == ["Dòng 5, cột C (Họ tên chủ hộ): không có hộ “Hoàng Văn Mạnh” (không ghi số CCCD) ở "
                              "Thôn Nà Hai trong sổ hộ nghèo."]
    assert not Adoption.objects.exists()  # Lương Thị Hoa's row was good: still nothing written
    url = reverse("welfare:adoption_import", args=[tree.dong_phuc.pk])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("a.csv", (A_HEAD + "1;01;Hoàng Văn Mạnh;001203004589;Hội Nông dân;2026;2026;"
                                          "Con giống\n").encode())
    assert client.post(url, {"file": upload}).status_code == 302
    bad = SimpleUploadedFile("a.csv", (A_HEAD + "1;07;X;;Mặt trận;2026;2026;\n").encode())
    response = client.post(url, {"file": bad})
    assert response.status_code == 400 and "Dòng 2, cột B (Mã khu dân cư)" in response.content.decode()
    document = client.get(reverse("welfare:adoption_docx", args=[tree.dong_phuc.pk]) + "?nam=2026")
    assert document.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(document.content)).paragraphs)
    cells = [c.text for t in docx.Document(io.BytesIO(document.content)).tables for r in t.rows for c in r.cells]
    assert "DANH SÁCH" in text and "Hoàng Văn Mạnh" in cells
    children = client.get(reverse("welfare:children_docx", args=[tree.dong_phuc.pk]))
    assert children.status_code == 200
    page = client.get(reverse("welfare:adoptions", args=[tree.dong_phuc.pk]) + "?nam=2026").content.decode()
    assert reverse("welfare:adoption_import", args=[tree.dong_phuc.pk]) in page
    assert client_for(na_hai_head).get(reverse("welfare:child_import", args=[tree.na_hai.pk])).status_code == 403
