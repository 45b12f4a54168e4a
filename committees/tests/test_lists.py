"""Issue #16: a committee's member list as a file — export of the current composition, the template, and
“Thành lập” / “Kiện toàn” taking the list from an upload (errors by row and column, nothing written on error)."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committees import lists
from committees.models import Committee, Member, Term
from core.uploads import UploadError

D = datetime.date
HEADER = "STT;Họ và tên;Chức danh trong ban;Chức vụ, cơ quan\n"


def csv_file(body, name="thanh-vien.csv"):
    return SimpleUploadedFile(name, (HEADER + body).encode("utf-8"), content_type="text/csv")


def test_parse_names_every_bad_row_and_column():
    with pytest.raises(UploadError) as e:
        lists.parse_members_file("a.csv", (HEADER + "1;Ma Thị Lan;;UBMTTQ\n2;;Thành viên;\n3;Ma Thị Lan;Thành viên;"
                                           "UBMTTQ\n").encode())
    assert e.value.errors == ["Dòng 2, cột C (Chức danh trong ban): chưa ghi.",
                              "Dòng 3, cột B (Họ và tên): chưa ghi.",
                              "Dòng 4, cột B (Họ và tên): trùng với dòng 2."]
    with pytest.raises(UploadError, match="dòng tiêu đề"):
        lists.parse_members_file("a.csv", "Tên;Chức\nA;B\n".encode())


def test_export_reads_back_through_the_parser(client_for, dong_phuc_officer, committee):
    client = client_for(dong_phuc_officer)
    response = client.get(reverse("committees:members_export", args=[committee.pk, "xlsx"]))
    assert response.status_code == 200
    members = lists.parse_members_file("x.xlsx", response.content)
    assert [m["full_name"] for m in members] == ["Ma Thị Lan", "Hà Văn Tuấn", "Nông Văn Bình"]
    assert members[0]["position"] == "Trưởng ban"
    csv = client.get(reverse("committees:members_export", args=[committee.pk, "csv"]))
    assert "Nông Văn Bình" in csv.content.decode("utf-8-sig")
    template = client.get(reverse("committees:members_template", args=["xlsx"]))
    assert len(lists.parse_members_file("m.xlsx", template.content)) == 2


def test_establish_from_a_file(client_for, dong_phuc_officer, tree, poor_kind):
    client = client_for(dong_phuc_officer)
    book = openpyxl.Workbook()
    book.active.append(["STT", "Họ và tên", "Chức danh trong ban", "Chức vụ, cơ quan"])
    book.active.append([1, "Ma Thị Lan", "Trưởng ban", "Chủ tịch Ủy ban MTTQ xã"])
    book.active.append([2, "Hà Văn Tuấn", "Thành viên", ""])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("ban.xlsx", out.getvalue())
    response = client.post(reverse("committees:establish", args=[tree.dong_phuc.pk]), {
        "kind": poor_kind.pk, "decided_on": "2026-01-05", "members": "", "members_file": upload})
    assert response.status_code == 302, response.content.decode()[:3000]
    committee = Committee.objects.get()
    assert [m.full_name for m in committee.current_term.members.all()] == ["Ma Thị Lan", "Hà Văn Tuấn"]


def test_a_bad_file_writes_nothing_and_names_row_and_column(client_for, dong_phuc_officer, tree, poor_kind):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("committees:establish", args=[tree.dong_phuc.pk]), {
        "kind": poor_kind.pk, "decided_on": "2026-01-05", "members": "Ma Thị Lan; Trưởng ban",
        "members_file": csv_file("1;Hà Văn Tuấn;;\n")})
    assert response.status_code == 400
    assert "Dòng 2, cột C (Chức danh trong ban): chưa ghi." in response.content.decode()
    assert not Committee.objects.exists() and not Member.objects.exists()


def test_renew_adds_the_files_members_to_those_kept(client_for, dong_phuc_officer, committee):
    client = client_for(dong_phuc_officer)
    keep = committee.current_term.members.get(full_name="Ma Thị Lan")
    url = reverse("committees:renew", args=[committee.pk])
    bad = client.post(url, {"decided_on": "2026-03-01", "keep": [keep.pk], "version": committee.version,
                            "members_file": csv_file("1;Lò Văn Hải;Thành viên;" + "x" * 201 + "\n")})
    assert bad.status_code == 400 and "Dòng 2, cột D (Chức vụ, cơ quan): dài quá 200 ký tự." in bad.content.decode()
    assert Term.objects.count() == 1 and committee.current_term.members.filter(ended_on__isnull=True).count() == 3
    ok = client.post(url, {"decided_on": "2026-03-01", "keep": [keep.pk], "version": committee.version,
                           "members_file": csv_file("1;Lò Văn Hải;Phó Trưởng ban;Phó Chủ tịch UBND xã\n")})
    assert ok.status_code == 302
    term = Committee.objects.get().current_term
    assert term.number == 2 and [m.full_name for m in term.members.all()] == ["Ma Thị Lan", "Lò Văn Hải"]


def test_another_communes_officer_cannot_export(client_for, other_officer, committee):
    response = client_for(other_officer).get(reverse("committees:members_export", args=[committee.pk, "xlsx"]))
    assert response.status_code == 404
