import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oversight import services
from oversight.models import OpinionSummary, Recommendation, Supervision

D = datetime.date
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(tree, agencies, dong_phuc_officer, make_rec):
    """One supervision with minutes, one overdue and one answered recommendation, one submitted summary."""
    from campaign.periods import get_period

    sup = services.save_supervision(dong_phuc_officer, tree.dong_phuc, {
        "kind": "ban_gsdtcd", "subject_kind": "work", "subject": "Đường bê tông Nà Hai", "team": "Ban GSĐTCĐ",
        "start": D(2026, 3, 2), "end": D(2026, 3, 3), "findings": "Rãnh nứt"},
        minutes=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"))
    overdue = make_rec(agencies.ubnd_dp, D(2026, 3, 5), D(2026, 4, 5))
    answered = make_rec(agencies.police_dp, D(2026, 5, 1), D(2026, 6, 1), answered=D(2026, 5, 20))
    summary = services.save_opinion_summary(dong_phuc_officer, tree.dong_phuc, get_period("2026-q1"), {
        "situation": "Nhân dân phấn khởi.", "concerns": "Đề nghị sửa đường."}, submit=True)
    return type("W", (), {"sup": sup, "overdue": overdue, "answered": answered, "summary": summary})()


def urls(tree, w):
    pk = tree.dong_phuc.pk
    return [reverse("oversight:index", args=[pk]), reverse("oversight:supervisions", args=[pk]),
            reverse("oversight:supervision_add", args=[pk]), reverse("oversight:supervision", args=[w.sup.pk]),
            reverse("oversight:supervision_edit", args=[w.sup.pk]),
            reverse("oversight:supervision_minutes", args=[w.sup.pk]),
            reverse("oversight:recommendations", args=[pk]), reverse("oversight:recommendation_add", args=[pk]),
            reverse("oversight:followup", args=[pk]), reverse("oversight:followup", args=[pk]) + "?tai=xlsx",
            reverse("oversight:recommendation", args=[w.overdue.pk]), reverse("oversight:agencies", args=[pk]),
            reverse("oversight:opinions", args=[pk]), reverse("oversight:opinion_quarter", args=[pk, "2026-q1"])]


def test_another_communes_officer_gets_404_on_every_url(client_for, other_officer, tree, world):
    client = client_for(other_officer)
    for url in urls(tree, world):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("oversight:recommendation", args=[world.overdue.pk]), {
        "action": "answer", "on": "2026-06-01", "answer": "x"}).status_code == 404


def test_the_commune_officer_opens_every_url(client_for, dong_phuc_officer, tree, world):
    client = client_for(dong_phuc_officer)
    for url in urls(tree, world):
        assert client.get(url).status_code == 200, url


def test_a_leader_reads_but_cannot_write(client_for, leader, tree, world, agencies):
    client = client_for(leader)
    pk = tree.dong_phuc.pk
    assert client.get(reverse("oversight:recommendation", args=[world.overdue.pk])).status_code == 200
    assert client.get(reverse("oversight:supervision_add", args=[pk])).status_code == 403
    assert client.post(reverse("oversight:recommendation", args=[world.overdue.pk]), {
        "action": "answer", "on": "2026-06-01", "answer": "x"}).status_code == 403
    assert client.post(reverse("oversight:agencies", args=[pk]), {"name": "Cơ quan mới"}).status_code == 403
    assert client.post(reverse("oversight:opinion_quarter", args=[pk, "2026-q2"]),
                       {"situation": "x", "submit": "1"}).status_code == 403
    world.overdue.refresh_from_db()
    assert world.overdue.status == "sent"


def test_the_province_sees_the_communes_recommendations_overdue_first(client_for, province_officer, tree, world):
    page = client_for(province_officer).get(reverse("oversight:recommendations", args=[tree.province.pk]))
    recs = list(page.context["page"])
    assert recs == [world.overdue, world.answered]
    assert "Quá hạn" in page.content.decode()


def test_the_commune_records_an_answer_through_the_form(client_for, dong_phuc_officer, world):
    client = client_for(dong_phuc_officer)
    url = reverse("oversight:recommendation", args=[world.overdue.pk])
    response = client.post(url, {"action": "answer", "on": "2026-06-10", "answer": ""})
    assert "Nhập nội dung trả lời" in response.content.decode() or "bắt buộc" in response.content.decode()
    response = client.post(url, {"action": "answer", "on": "2026-06-10", "answer": "Đã giao sửa"})
    assert response.status_code == 302
    world.overdue.refresh_from_db()
    assert (world.overdue.status, world.overdue.answered_on) == ("answered", D(2026, 6, 10))
    assert world.overdue.answered_late


def test_adding_a_recommendation_through_the_form(client_for, dong_phuc_officer, tree, agencies, world):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("oversight:recommendation_add", args=[tree.dong_phuc.pk]), {
        "agency": agencies.ubnd_dp.pk, "content": "Đề nghị lắp đèn đường", "sent_on": "2026-06-01",
        "due_on": "2026-07-01", "supervision": world.sup.pk})
    assert response.status_code == 302
    rec = Recommendation.objects.get(content="Đề nghị lắp đèn đường")
    assert rec.supervision == world.sup and rec.events.count() == 1


def test_minutes_must_be_what_they_claim(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    data = {"kind": "chuyen_de", "subject_kind": "programme", "subject": "Chính sách hộ nghèo", "team": "",
            "start": "2026-05-01", "end": "2026-05-02", "findings": ""}
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("oversight:supervision_add", args=[tree.dong_phuc.pk]), {**data, "minutes": fake})
    assert response.status_code == 200 and "không phải PDF" in response.content.decode()
    exe = SimpleUploadedFile("bien-ban.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("oversight:supervision_add", args=[tree.dong_phuc.pk]), {**data, "minutes": exe})
    assert "PDF, DOCX hoặc ảnh" in response.content.decode()
    assert not Supervision.objects.exists()


def test_minutes_are_served_to_the_scope(client_for, dong_phuc_officer, province_officer, world):
    url = reverse("oversight:supervision_minutes", args=[world.sup.pk])
    response = client_for(province_officer).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_the_province_sees_who_submitted_and_downloads_the_compiled_summary(client_for, province_officer, tree,
                                                                           world):
    import io

    import docx

    client = client_for(province_officer)
    url = reverse("oversight:opinion_quarter", args=[tree.province.pk, "2026-q1"])
    page = client.get(url)
    assert [c for c, _ in page.context["submitted"]] == [tree.dong_phuc]
    assert tree.bang_thanh in page.context["missing"]
    response = client.get(url + "?tai=docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Xã Đồng Phúc" in text and "Nhân dân phấn khởi." in text and "Đề nghị sửa đường." in text
    assert "Xã Bằng Thành" in text  # listed among those that have not submitted


def test_a_draft_is_not_consolidated(client_for, tree, other_officer, province_officer):
    from campaign.periods import get_period

    services.save_opinion_summary(other_officer, tree.bang_thanh, get_period("2026-q1"), {"situation": "Nháp"})
    rows = dict(services.consolidation(tree.province, get_period("2026-q1")))
    assert rows[tree.bang_thanh] is None
    assert OpinionSummary.objects.get(unit=tree.bang_thanh).submitted_at is None


def test_the_followup_download_is_an_xlsx_with_the_same_numbers(client_for, province_officer, tree, world):
    import io

    import openpyxl

    response = client_for(province_officer).get(reverse("oversight:followup", args=[tree.province.pk]) + "?tai=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    body = {row[1]: row for row in values if row and row[1] in ("UBND Xã Đồng Phúc", "Công an Xã Đồng Phúc")}
    assert body["UBND Xã Đồng Phúc"][2:6] == (1, 0, 0, 1)   # sent, on time, late, overdue
    assert body["Công an Xã Đồng Phúc"][2:6] == (1, 1, 0, 0)


@pytest.fixture
def year_2026(db):
    from campaign.periods import get_period

    return get_period("2026")


def test_the_overview_reads_the_years_counts_from_the_spine(year_2026, world, client_for, province_officer, tree):
    from indicators.models import DataValue

    page = client_for(province_officer).get(reverse("oversight:index", args=[tree.province.pk]))
    stats = page.context["stats"]
    assert (stats["supervisions"], stats["critiques"], stats["sent"]) == (1, 0, 2)
    assert (stats["waiting"], stats["overdue"]) == (1, 1)  # the open stock as at today, derived daily
    # every count is the spine's: change the derived values behind the page's back and the page follows them
    DataValue.objects.filter(measure__code__in=["supervisions_held", "recommendations_pending",
                                                "recommendations_overdue"], unit=tree.dong_phuc,
                             period=year_2026).delete()
    from indicators import rollup

    rollup.rebuild([year_2026.pk])
    page = client_for(province_officer).get(reverse("oversight:index", args=[tree.province.pk]))
    assert (page.context["stats"]["supervisions"], page.context["stats"]["waiting"],
            page.context["stats"]["overdue"]) == (0, 0, 0)
    assert [r.pk for r in page.context["overdue"]] == [world.overdue.pk]  # the list stays a list of records


def test_the_opinions_overview_reads_the_quarters_counts_from_the_spine(world, client_for, province_officer, tree):
    from campaign.periods import get_period
    from indicators import rollup
    from indicators.models import DataValue

    q1 = get_period("2026-q1")
    page = client_for(province_officer).get(reverse("oversight:opinions", args=[tree.province.pk]))
    rows = {p.code: (n, total) for p, n, total in page.context["rows"]}
    assert rows["2026-q1"][0] == 1 and rows["2026-q2"][0] == 0
    assert rows["2026-q1"][1] == services.communes_under(tree.province).count()
    DataValue.objects.filter(measure__code="opinion_summaries_submitted", period=q1).delete()
    rollup.rebuild([q1.pk])
    page = client_for(province_officer).get(reverse("oversight:opinions", args=[tree.province.pk]))
    assert {p.code: n for p, n, _ in page.context["rows"]}["2026-q1"] == 0
