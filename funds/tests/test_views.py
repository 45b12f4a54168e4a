"""Fund pages through the real forms, scope on every URL, and the public disclosure without login."""

import datetime
import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from funds import services
from funds.models import Entry
from funds.tests.conftest import receive, spend
from welfare.models import Kind, Source, SupportRecord

D = datetime.date


@pytest.fixture
def entry(province_officer, books):
    return receive(province_officer, books.dong_phuc, 2_025, donor="Công ty Chè Tân Cương", donor_type="business")


def private_urls(tree, books, entry):
    return [reverse("funds:list", args=[tree.dong_phuc.pk]), reverse("funds:open", args=[tree.dong_phuc.pk]),
            reverse("funds:detail", args=[books.dong_phuc.pk]), reverse("funds:receipt", args=[books.dong_phuc.pk]),
            reverse("funds:disbursement", args=[books.dong_phuc.pk]),
            reverse("funds:transfer", args=[books.dong_phuc.pk]), reverse("funds:reverse", args=[entry.pk])]


def test_another_communes_officer_gets_404_everywhere(client_for, other_officer, tree, books, entry):
    client = client_for(other_officer)
    for url in private_urls(tree, books, entry):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"amount": 1}).status_code in (403, 404), url  # 403: refused by role, before any row
    assert Entry.objects.count() == 1


def test_the_commune_officer_opens_every_page(client_for, dong_phuc_officer, tree, books, entry):
    client = client_for(dong_phuc_officer)
    for url in private_urls(tree, books, entry):
        assert client.get(url).status_code == 200, url


def test_a_leader_reads_but_cannot_write(client_for, leader, tree, books, entry):
    client = client_for(leader)
    assert client.get(reverse("funds:detail", args=[books.dong_phuc.pk])).status_code == 200
    for url in private_urls(tree, books, entry)[1:]:
        if "so/" in url and url.endswith(f"/{books.dong_phuc.pk}/"):
            continue
        assert client.post(url, {"amount": 1}).status_code == 403, url
    assert Entry.objects.count() == 1


def test_a_member_organisation_officer_cannot_keep_books(client_for, org_officer, books):
    response = client_for(org_officer).post(reverse("funds:receipt", args=[books.dong_phuc.pk]), {
        "date": "2026-02-01", "amount": 1000, "donor_name": "X", "donor_type": "individual"})
    assert response.status_code == 403


def test_recording_through_the_forms(client_for, dong_phuc_officer, province_officer, tree, books, households):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("funds:receipt", args=[books.dong_phuc.pk]), {
        "date": "2026-10-20", "amount": 70_000_000, "donor_name": "Ngân hàng Agribank", "donor_type": "business",
        "receipt_number": "0012"})
    assert response.status_code == 302
    record = SupportRecord.objects.create(household=households.manh, unit=households.manh.unit, kind=Kind.HOUSE,
                                          detail="house_new", date=D(2026, 10, 21), amount=60_000_000,
                                          source=Source.FUND)
    response = client.post(reverse("funds:disbursement", args=[books.dong_phuc.pk]), {
        "date": "2026-10-22", "amount": 60_000_000, "category": "house_new", "approval_ref": "QĐ 12/QĐ-MTTQ",
        "support_record": record.pk})
    assert response.status_code == 302
    spent = Entry.objects.get(kind="disbursement")
    assert spent.household == households.manh and spent.support_record == record
    response = client.post(reverse("funds:disbursement", args=[books.dong_phuc.pk]), {
        "date": "2026-10-23", "amount": 20_000_000, "category": "gift", "approval_ref": "BB 3"})
    assert "không đủ" in response.content.decode()
    response = client.post(reverse("funds:reverse", args=[spent.pk]), {"reason": "Ghi nhầm", "date": "2026-10-23"})
    assert response.status_code == 302
    books.dong_phuc.refresh_from_db()
    assert books.dong_phuc.balance == 70_000_000
    page = client.get(reverse("funds:detail", args=[books.dong_phuc.pk]) + "?nam=2026").content.decode()
    assert "Đảo bút toán chi" in page and "đã đảo" in page


def test_a_transfer_through_the_form(client_for, province_officer, tree, books):
    receive(province_officer, books.province, 50_000_000)
    client = client_for(province_officer)
    response = client.post(reverse("funds:transfer", args=[books.province.pk]), {
        "target": books.dong_phuc.pk, "date": "2026-11-20", "amount": 20_000_000})
    assert response.status_code == 302
    books.dong_phuc.refresh_from_db()
    assert books.dong_phuc.balance == 20_000_000
    assert "từ Tỉnh Thái Nguyên" in client.get(reverse("funds:detail", args=[books.dong_phuc.pk])).content.decode()


# --- Public disclosure -----------------------------------------------------------------------------


@pytest.fixture
def disclosed(province_officer, tree, books, households):
    receive(province_officer, books.dong_phuc, 1_000_000, D(2026, 2, 1), donor="Nguyễn Văn Tư")
    receive(province_officer, books.dong_phuc, 1_025, D(2026, 10, 20), donor="Công ty Chè Tân Cương",
            donor_type="business")
    record = SupportRecord.objects.create(household=households.manh, unit=households.manh.unit, kind=Kind.LIVELIHOOD,
                                          detail="livestock", date=D(2026, 3, 1), amount=1_000,
                                          source=Source.FUND)
    spend(province_officer, books.dong_phuc, 1_000, D(2026, 3, 2), support_record=record)
    return books.dong_phuc


def test_the_public_page_needs_no_login_and_shows_no_personal_data(client, disclosed, households):
    url = reverse("public:statement", args=[disclosed.pk, "2026"])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hỗ trợ sinh kế" in html and "1.001.025" in html  # receipts: 1.000.000 + 1.025
    assert "Công ty Chè Tân Cương" in html  # businesses are named
    assert "Nguyễn Văn Tư" not in html  # individual donors are counted, not named
    assert "Hoàng Văn Mạnh" not in html and "0012" not in html  # no beneficiary
    assert "Một triệu không trăm linh một nghìn không trăm hai mươi lăm đồng" in html
    assert client.get(reverse("public:unit", args=[disclosed.unit_id])).status_code == 200
    assert client.get(reverse("public:index")).status_code == 200


def test_the_public_statement_downloads_print_the_total_in_words(client, disclosed):
    response = client.get(reverse("public:statement_file", args=[disclosed.pk, "2026", "docx"]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Một triệu không trăm linh một nghìn không trăm hai mươi lăm đồng" in text
    assert "Hoàng Văn Mạnh" not in text and "Nguyễn Văn Tư" not in text
    assert "THÔNG BÁO" in text
    response = client.get(reverse("public:statement_file", args=[disclosed.pk, "2026", "xlsx"]))
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
             for c in row if c is not None]
    assert 1_001_025 in cells and any("Một triệu không trăm linh một nghìn" in str(c) for c in cells)


def test_the_public_statement_agrees_with_the_book(client, disclosed):
    s = services.summary(disclosed, D(2026, 1, 1), D(2026, 12, 31))
    response = client.get(reverse("public:statement_file", args=[disclosed.pk, "2026", "xlsx"]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    by_item = {r[1]: r[3] for r in rows if r and len(r) > 3 and r[1]}
    assert by_item["Tổng thu trong kỳ"] == s.receipts == 1_001_025
    assert by_item["Tổng chi trong kỳ"] == s.disbursements == 1_000
    assert by_item["Số dư cuối kỳ"] == s.closing == 1_000_025


def test_a_bad_period_is_404(client, disclosed):
    assert client.get(reverse("public:statement", args=[disclosed.pk, "2026-2030"])).status_code == 404
    assert client.get(reverse("public:statement", args=[disclosed.pk, "abc"])).status_code == 404


def test_the_public_statement_has_every_section_and_each_donor_once(client, province_officer, tree):
    """A book opened with last year's 114.000.000 đ: opening balance, not a receipt; a business recorded once as a
    business and once as an organisation is one donor; sections with nothing in them are still there."""
    book = services.open_fund(province_officer, tree.bang_thanh, "poor", opened_on=D(2026, 1, 1),
                              opening_balance=114_000_000)
    receive(province_officer, book, 3_000_000, D(2026, 2, 1), donor="Công ty Điện lực Thái Nguyên",
            donor_type="business")
    receive(province_officer, book, 2_000_000, D(2026, 10, 20), donor="Công ty  Điện lực Thái Nguyên",
            donor_type="organisation")
    response = client.get(reverse("public:statement_file", args=[book.pk, "2026", "xlsx"]))
    rows = [r for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    items = {r[1]: r[3] for r in rows if r and len(r) > 3 and r[1]}
    assert items["Số dư đầu kỳ"] == 114_000_000 and items["Tổng thu trong kỳ"] == 5_000_000
    assert items["Nhận từ quỹ cấp khác"] == 0 and items["Chuyển cho quỹ cấp khác"] == 0 and items["Tổng chi trong kỳ"] == 0
    assert items["Số dư cuối kỳ"] == 119_000_000
    donors = [name for name in items if "Điện lực" in str(name)]
    assert donors == ["Công ty Điện lực Thái Nguyên (doanh nghiệp)"] and items[donors[0]] == 5_000_000
    assert not any("chuyển sang" in str(name).lower() and "Khác" in str(name) for name in items)
    html = client.get(reverse("public:statement", args=[book.pk, "2026"])).content.decode()
    assert html.count("Công ty Điện lực Thái Nguyên") == 1 and "114.000.000" in html
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(client.get(
        reverse("public:statement_file", args=[book.pk, "2026", "docx"])).content)).paragraphs)
    for line in ("1. Số dư đầu kỳ: 114.000.000", "3. Nhận từ quỹ cấp khác", "5. Chuyển cho quỹ cấp khác",
                 "6. Số dư cuối kỳ: 119.000.000"):
        assert line in text


def test_the_book_page_starts_its_running_balance_from_the_carried_over_balance(client_for, province_officer, tree):
    book = services.open_fund(province_officer, tree.bang_thanh, "poor", opened_on=D(2026, 1, 1),
                              opening_balance=114_000_000)
    receive(province_officer, book, 1_000_000, D(2026, 2, 1))
    page = client_for(province_officer).get(reverse("funds:detail", args=[book.pk]) + "?nam=2026")
    assert page.context["summary"].opening == 114_000_000 and page.context["summary"].receipts == 1_000_000
    assert [balance for _, balance in page.context["rows"]] == [114_000_000, 115_000_000]
    assert "Số dư chuyển sang" in page.content.decode()


def test_a_receipt_typed_as_15_000_000_is_recorded_and_15tr_is_refused(client_for, dong_phuc_officer, books):
    client = client_for(dong_phuc_officer)
    url = reverse("funds:receipt", args=[books.dong_phuc.pk])
    refused = client.post(url, {"date": "2026-10-20", "amount": "15tr", "donor_name": "Bà Lò Thị Mai",
                                "donor_type": "individual"})
    assert refused.status_code in (200, 400) and "không phải số tiền" in refused.content.decode()
    response = client.post(url, {"date": "2026-10-20", "amount": "15.000.000 đ", "donor_name": "Bà Lò Thị Mai",
                                 "donor_type": "individual"})
    assert response.status_code == 302
    books.dong_phuc.refresh_from_db()
    assert books.dong_phuc.balance == 15_000_000
