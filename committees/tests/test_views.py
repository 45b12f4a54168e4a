"""Committee pages: scope, roles, the forms, and the decision as an ND 30 document."""

import datetime
import io

import docx
from django.urls import reverse

from committees.models import Committee, Term

D = datetime.date


def urls(tree, committee):
    term = committee.current_term
    return [reverse("committees:index", args=[tree.dong_phuc.pk]),
            reverse("committees:establish", args=[tree.dong_phuc.pk]),
            reverse("committees:detail", args=[committee.pk]), reverse("committees:renew", args=[committee.pk]),
            reverse("committees:term_edit", args=[term.pk]), reverse("committees:decision", args=[term.pk]),
            reverse("committees:member_add", args=[term.pk]),
            reverse("committees:member_edit", args=[term.members.first().pk])]


def test_another_communes_officer_gets_404_everywhere(client_for, other_officer, tree, committee):
    client = client_for(other_officer)
    for url in urls(tree, committee):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"full_name": "X"}).status_code in (403, 404), url
    assert Term.objects.count() == 1


def test_the_commune_officer_opens_every_page(client_for, dong_phuc_officer, tree, committee):
    client = client_for(dong_phuc_officer)
    for url in urls(tree, committee):
        assert client.get(url).status_code == 200, url


def test_a_leader_reads_but_cannot_renew(client_for, leader, committee):
    client = client_for(leader)
    assert client.get(reverse("committees:detail", args=[committee.pk])).status_code == 200
    assert client.post(reverse("committees:renew", args=[committee.pk]), {"decided_on": "2026-01-01"}
                       ).status_code == 403


def test_establishing_through_the_form_with_a_bad_member_line_is_a_400(client_for, dong_phuc_officer, tree,
                                                                      poor_kind):
    response = client_for(dong_phuc_officer).post(reverse("committees:establish", args=[tree.dong_phuc.pk]), {
        "kind": poor_kind.pk, "decided_on": "2026-01-20", "members": "Ma Thị Lan; Trưởng ban\nHà Văn Tuấn"})
    assert response.status_code == 400
    assert "Dòng 2, phần “Chức danh trong ban”: chưa ghi." in response.content.decode()
    assert not Committee.objects.exists()


def test_renewing_through_the_form(client_for, dong_phuc_officer, committee):
    current = committee.current_term
    keep = [str(m.pk) for m in current.members.all()[:2]]
    response = client_for(dong_phuc_officer).post(reverse("committees:renew", args=[committee.pk]), {
        "version": committee.version, "decided_on": "2026-02-10", "decision_number": "08/QĐ-MTTQ-BTT",
        "keep": keep, "members": "Lý Văn Đông; Phó Trưởng ban; Phó Chủ tịch UBND xã"})
    assert response.status_code == 302
    new = Committee.objects.get(pk=committee.pk).current_term
    assert new.number == 2 and new.members.count() == 3
    page = client_for(dong_phuc_officer).get(reverse("committees:detail", args=[committee.pk])).content.decode()
    assert "đã kết thúc 09/02/2026" in page and "Kiện toàn lần 2" in page


def test_the_decision_document_lists_the_members(client_for, dong_phuc_officer, committee):
    response = client_for(dong_phuc_officer).get(reverse("committees:decision", args=[committee.current_term.pk]))
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "QUYẾT ĐỊNH" in text and "Số: 03/QĐ-MTTQ-BTT" in text
    assert "Về việc thành lập Ban vận động Quỹ “Vì người nghèo” xã Đồng Phúc" in text
    assert "ngày 20 tháng 01 năm 2025" in text
    assert "Ma Thị Lan" in text and "Phó Trưởng ban" in text and "Điều 3." in text
