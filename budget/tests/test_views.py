"""Budget pages through the real forms: scope on every URL, roles, bad input → 4xx with nothing written, and the
ND 30 documents with amounts in words."""

import io

import docx
from django.urls import reverse

from budget.models import Budget, BudgetLine, SpendingItem


def urls(tree, b):
    line = b.lines.first()
    return [reverse("budget:index", args=[tree.dong_phuc.pk]), reverse("budget:open", args=[tree.dong_phuc.pk]),
            reverse("budget:detail", args=[b.pk]), reverse("budget:edit", args=[b.pk]),
            reverse("budget:line_add", args=[b.pk]), reverse("budget:line_edit", args=[line.pk]),
            reverse("budget:import", args=[b.pk]), reverse("budget:export", args=[b.pk, "estimate"]),
            reverse("budget:estimate_docx", args=[b.pk]), reverse("budget:settlement_docx", args=[b.pk])]


def test_another_communes_officer_gets_404_everywhere(client_for, other_officer, tree, dong_phuc_budget):
    client = client_for(other_officer)
    for url in urls(tree, dong_phuc_budget):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"amount": "1"}).status_code in (403, 404, 405), url
    line = dong_phuc_budget.lines.first()
    assert client.post(reverse("budget:line_delete", args=[line.pk])).status_code == 404
    assert BudgetLine.objects.count() == 4


def test_the_commune_officer_opens_every_page(client_for, dong_phuc_officer, tree, dong_phuc_budget):
    client = client_for(dong_phuc_officer)
    for url in urls(tree, dong_phuc_budget):
        assert client.get(url).status_code == 200, url


def test_the_province_sees_the_tree_total_from_the_spine(client_for, province_officer, tree, dong_phuc_budget):
    page = client_for(province_officer).get(reverse("budget:index", args=[tree.province.pk]) + "?nam=2026")
    text = page.content.decode()
    assert "30.000.000 đ" in text and "Xã Đồng Phúc" in text and "chưa lập" in text


def test_a_leader_reads_but_cannot_write(client_for, leader, tree, dong_phuc_budget):
    client = client_for(leader)
    assert client.get(reverse("budget:detail", args=[dong_phuc_budget.pk])).status_code == 200
    response = client.post(reverse("budget:line_add", args=[dong_phuc_budget.pk]), {"activity": "X"})
    assert response.status_code == 403
    assert BudgetLine.objects.count() == 4


def test_adding_a_line_through_the_form(client_for, dong_phuc_officer, dong_phuc_budget, catalogue):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("budget:line_add", args=[dong_phuc_budget.pk]), {
        "stage": "settlement", "activity": "Pano tuyên truyền", "item": catalogue.propaganda.pk,
        "source": catalogue.state.pk, "amount": "4.500.000"})
    assert response.status_code == 302
    dong_phuc_budget.refresh_from_db()
    assert dong_phuc_budget.spent == 29_500_000


def test_a_negative_amount_on_the_form_is_a_400_naming_the_field(client_for, dong_phuc_officer, dong_phuc_budget,
                                                                catalogue):
    response = client_for(dong_phuc_officer).post(reverse("budget:line_add", args=[dong_phuc_budget.pk]), {
        "stage": "estimate", "activity": "Sai", "item": catalogue.propaganda.pk, "source": catalogue.state.pk,
        "amount": "-1.000"})
    assert response.status_code == 400
    assert "Số tiền không được âm." in response.content.decode()
    assert BudgetLine.objects.count() == 4


def test_an_import_error_is_a_400_listing_row_and_column(client_for, dong_phuc_officer, dong_phuc_budget):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = "STT,\"Hoạt động, nội dung\",Nội dung chi,Nguồn,Số tiền\n1,Pano,khong-co,nsnn-xa,100\n".encode()
    response = client_for(dong_phuc_officer).post(reverse("budget:import", args=[dong_phuc_budget.pk]), {
        "stage": "estimate", "file": SimpleUploadedFile("du-toan.csv", content, "text/csv")})
    assert response.status_code == 400
    assert "Dòng 2, cột C (Nội dung chi)" in response.content.decode()
    assert BudgetLine.objects.filter(stage="estimate").count() == 2


def _text(response):
    document = docx.Document(io.BytesIO(response.content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_estimate_document_has_the_total_in_words(client_for, dong_phuc_officer, dong_phuc_budget):
    text = _text(client_for(dong_phuc_officer).get(reverse("budget:estimate_docx", args=[dong_phuc_budget.pk])))
    assert "DỰ TOÁN" in text and "Số: 12/DT-MTTQ-BTT" in text
    assert "30.000.000 đ" in text and "Ba mươi triệu đồng" in text
    assert "Thông tư số 121/2017/TT-BTC" in text and "Ngày hội ở 2 thôn" in text
    assert "Ngân sách nhà nước cấp xã" in text


def test_the_settlement_document_compares_with_the_estimate(client_for, dong_phuc_officer, dong_phuc_budget):
    text = _text(client_for(dong_phuc_officer).get(reverse("budget:settlement_docx", args=[dong_phuc_budget.pk])))
    assert "QUYẾT TOÁN" in text
    assert "Hai mươi lăm triệu đồng" in text and "Năm triệu đồng" in text  # spent, then mobilised / unused
    assert "25.000.000" in text and "30.000.000" in text


def test_only_administrators_edit_the_catalogue(client_for, dong_phuc_officer, province_admin, catalogue):
    url = reverse("budget:item_edit", args=[catalogue.festival.pk])
    assert client_for(dong_phuc_officer).post(url, {"code": "x", "name": "x"}).status_code == 403
    response = client_for(province_admin).post(url, {"code": "ngay-hoi", "name": "Hỗ trợ Ngày hội ở khu dân cư",
                                                     "basis": "Thông tư 121/2017/TT-BTC", "order": 5})
    assert response.status_code == 302
    assert SpendingItem.objects.get(pk=catalogue.festival.pk).name == "Hỗ trợ Ngày hội ở khu dân cư"


def test_opening_a_budget_through_the_form(client_for, dong_phuc_officer, tree, catalogue):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("budget:open", args=[tree.dong_phuc.pk]), {"year": "2027", "once": "k1"})
    assert response.status_code == 302
    again = client.post(reverse("budget:open", args=[tree.dong_phuc.pk]), {"year": "2027", "once": "k1"})
    assert again.status_code == 302  # the same form posted twice makes one budget
    assert Budget.objects.filter(unit=tree.dong_phuc, year=2027).count() == 1
