"""Review rounds (sơ kết, tổng kết): opened from an outline over a phase, each unit writes the outline's sections
with figures pre-filled from the spine, the usual workflow, the consolidated review report (ND 30 DOCX), the
review conference linked as an activity."""

import datetime
import io

import pytest
from django.urls import reverse

from campaign.periods import get_period
from reporting import reviews, services
from reporting.models import ReporterKind, ReviewOutline

TODAY = services.today()


@pytest.fixture
def outline(db):
    from reporting.outlines import DEFAULT_NAME

    return ReviewOutline.objects.get(name=DEFAULT_NAME)


@pytest.fixture
def review_round(tree, province_officer, outline):
    from indicators.sync import sync_measures

    sync_measures()
    data = reviews.round_data(outline, "tong_ket")
    return services.open_round(province_officer, tree.province, {
        "period": get_period("2021-2025"), "name": "Báo cáo tổng kết 5 năm giai đoạn 2021–2025",
        "cut_off": TODAY - datetime.timedelta(days=5), "due_date": TODAY + datetime.timedelta(days=10),
        "lock_on": None, "reporters": ReporterKind.COMMUNE, "include_organisations": False,
        "remind_days_before": 3, **data})


def test_the_default_outline_is_seeded_as_data(outline):
    sections = list(outline.sections.all())
    assert sections[0].label == "I." and "lãnh đạo" in sections[0].title
    assert any("money_mobilised" in s.measure_codes for s in sections)
    assert sections[-1].title == "Đề xuất, kiến nghị"


def test_a_review_round_keeps_the_outline_and_assigns_every_commune(review_round, tree, outline):
    assert review_round.is_review and review_round.get_kind_display() == "Tổng kết"
    assert [s["label"] for s in review_round.review_sections] == [s.label for s in outline.sections.all()]
    assert review_round.submissions.count() == 3  # Đồng Phúc, Bằng Thành, the ward
    assert "money_mobilised" in review_round.measure_codes


def test_an_outline_naming_an_unknown_measure_is_refused(outline):
    from django.core.exceptions import ValidationError

    section = outline.sections.first()
    section.measure_codes = ["no_such_measure"]
    section.save()
    with pytest.raises(ValidationError, match="no_such_measure"):
        reviews.round_data(outline, "tong_ket")


def test_the_figures_a_section_shows_are_read_from_the_spine(review_round, tree, dong_phuc_officer):
    from activities.services import save_activity

    # a festival held in 2023 is in the activities register: the 2021–2025 phase counts it, nobody types it
    save_activity(dong_phuc_officer, "lien_hoan", {"unit": tree.dong_phuc, "held_on": datetime.date(2023, 5, 1),
                                                    "title": "Liên hoan văn nghệ mừng Ngày hội"})
    sub = review_round.submissions.get(unit=tree.dong_phuc)
    sections = {s["label"]: s for s in reviews.sections_for(sub)}
    figures = {f.code: f for f in sections["2."]["figures"]}
    assert figures["festivals"].value == 1 and figures["festivals"].text == "1"
    other = review_round.submissions.get(unit=tree.bang_thanh)
    festivals = {f.code: f for f in {s["label"]: s for s in reviews.sections_for(other)}["2."]["figures"]}
    assert festivals["festivals"].value in (None, 0)


def test_a_commune_writes_its_sections_and_submits(review_round, tree, dong_phuc_officer, province_officer,
                                                   client_for):
    sub = review_round.submissions.get(unit=tree.dong_phuc)
    key = review_round.review_sections[0]["key"]
    client = client_for(dong_phuc_officer)
    page = client.get(reverse("reporting:submission", args=[sub.pk])).content.decode()
    assert "Công tác lãnh đạo, chỉ đạo" in page and 'name="v-' not in page  # no typed figures in a review
    response = client.post(reverse("reporting:submission", args=[sub.pk]), {
        "version": sub.version, "action": "submit", f"r-{key}": "Ban hành kế hoạch, kiện toàn Ban Chỉ đạo.",
        "r-nonexistent": "bỏ qua"})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.state == "submitted" and sub.review_text(key) == "Ban hành kế hoạch, kiện toàn Ban Chỉ đạo."
    assert set(sub.narratives["review"]) == {key}
    services.return_for_correction(province_officer, sub, "Bổ sung số hội nghị đã tổ chức.", f"review:{key}")
    sub.refresh_from_db()
    assert sub.state == "returned"


def test_the_consolidated_review_report_follows_the_outline_as_nd30_docx(review_round, tree, dong_phuc_officer,
                                                                         province_officer, client_for):
    from docx import Document

    from activities.services import save_activity

    sub = review_round.submissions.get(unit=tree.dong_phuc)
    key = review_round.review_sections[-1]["key"]
    services.submit(dong_phuc_officer, sub, sub.version, values={},
                    narratives={"review": {key: "Đề nghị tỉnh hỗ trợ kinh phí xây nhà Đại đoàn kết."}}, general="")
    conference = save_activity(province_officer, "tong_ket", {
        "unit": tree.province, "held_on": TODAY, "title": "Hội nghị tổng kết 5 năm Cuộc vận động",
        "participants": 150, "commended": 12})
    client = client_for(province_officer)
    assert client.post(reverse("reporting:conference", args=[review_round.pk]),
                       {"activity": conference.pk}).status_code == 302
    review_round.refresh_from_db()
    assert review_round.conference == conference
    page = client.get(reverse("reporting:consolidated", args=[review_round.pk])).content.decode()
    assert "Đề nghị tỉnh hỗ trợ kinh phí" in page and "Hội nghị tổng kết 5 năm" in page
    # a province's review report is made by a background job (run at once in tests), then downloaded
    from jobs.models import Job

    assert client.post(reverse("reporting:consolidated_job", args=[review_round.pk]), {"fmt": "docx"}).status_code == 302
    job = Job.objects.latest("pk")
    assert job.status == Job.Status.DONE, job.message
    download = client.get(reverse("jobs:download", args=[job.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs)
    assert "Tổng kết thực hiện Cuộc vận động" in text
    assert "VIII. Đề xuất, kiến nghị" in text or "VIII.\tĐề xuất, kiến nghị" in text or "Đề xuất, kiến nghị" in text
    assert "Xã Đồng Phúc: Đề nghị tỉnh hỗ trợ kinh phí" in text
    assert "150 đại biểu tham dự" in text


def test_only_a_review_conference_of_the_issuer_can_be_linked(review_round, tree, province_officer,
                                                               dong_phuc_officer):
    from django.core.exceptions import ValidationError

    from activities.services import save_activity

    training = save_activity(province_officer, "lien_hoan", {"unit": tree.province, "held_on": TODAY,
                                                              "title": "Liên hoan văn nghệ"})
    with pytest.raises(ValidationError, match="hội nghị sơ kết, tổng kết"):
        reviews.link_conference(province_officer, review_round, training)
    commune_conf = save_activity(dong_phuc_officer, "tong_ket", {"unit": tree.dong_phuc, "held_on": TODAY})
    with pytest.raises(ValidationError, match="chính đơn vị"):
        reviews.link_conference(province_officer, review_round, commune_conf)
    from django.http import Http404

    with pytest.raises(Http404):  # only the issuer's Front officers link the conference
        reviews.link_conference(dong_phuc_officer, review_round, None)


def test_the_review_form_opens_a_round_for_a_phase(tree, province_officer, client_for, outline):
    client = client_for(province_officer)
    assert client.get(reverse("reporting:review_new")).status_code == 200
    response = client.post(reverse("reporting:review_new"), {
        "kind": "tong_ket", "period": "2003–2023", "outline": outline.pk,
        "name": "Tổng kết 20 năm Ngày hội Đại đoàn kết toàn dân tộc", "cut_off": "2023-10-31",
        "due_date": "2023-11-10", "reporters": "commune", "remind_days_before": 5})
    assert response.status_code == 302
    from reporting.models import ReportingRound

    rnd = ReportingRound.objects.get(name__startswith="Tổng kết 20 năm")
    assert rnd.period.code == "2003-2023" and rnd.is_review


def test_a_bad_period_is_a_vietnamese_message_and_nothing_is_opened(tree, province_officer, client_for, outline):
    from reporting.models import ReportingRound

    response = client_for(province_officer).post(reverse("reporting:review_new"), {
        "kind": "tong_ket", "period": "năm ngoái", "outline": outline.pk, "name": "X", "cut_off": "2023-10-31",
        "due_date": "2023-11-10", "reporters": "commune", "remind_days_before": 5})
    assert response.status_code == 400 and "Kỳ không hợp lệ" in response.content.decode()
    assert not ReportingRound.objects.exists()


def test_a_unit_copies_the_shared_outline_and_edits_its_sections(outline, tree, province_officer, client_for):
    client = client_for(province_officer)
    assert client.post(reverse("reporting:outline", args=[outline.pk]), {}).status_code == 403  # shared: copy it
    response = client.post(reverse("reporting:outline_copy", args=[outline.pk]))
    copy = ReviewOutline.objects.get(unit=tree.province)
    assert response.status_code == 302 and copy.sections.count() == outline.sections.count()
    data = {"name": "Đề cương tổng kết 20 năm Ngày hội Đại đoàn kết", "muc-TOTAL_FORMS": "2",
            "muc-INITIAL_FORMS": "0", "muc-MIN_NUM_FORMS": "0", "muc-MAX_NUM_FORMS": "60",
            "muc-0-label": "I.", "muc-0-title": "Kết quả tổ chức Ngày hội qua 20 năm",
            "muc-0-guidance": "Số khu dân cư tổ chức, hình thức, nguồn lực.", "muc-0-measure_codes": ["great_unity_day_held"],
            "muc-1-label": "II.", "muc-1-title": "", "muc-1-guidance": "", }
    assert client.post(reverse("reporting:outline", args=[copy.pk]), data).status_code == 302
    assert [(s.label, s.measure_codes) for s in copy.sections.all()] == [("I.", ["great_unity_day_held"])]
    assert reviews.round_data(copy, "tong_ket")["measure_codes"] == ["great_unity_day_held"]


def test_a_section_without_a_title_but_with_guidance_is_refused_naming_it(outline, tree, province_officer):
    from django.core.exceptions import ValidationError

    copy = reviews.copy_outline(province_officer, outline, tree.province)
    before = copy.sections.count()
    with pytest.raises(ValidationError, match="Mục 2: cần có tiêu đề"):
        reviews.save_outline(province_officer, copy, "Đề cương", [{"title": "Một"}, {"guidance": "thiếu tiêu đề"}])
    assert copy.sections.count() == before


def test_another_commune_cannot_edit_a_communes_outline(outline, tree, dong_phuc_officer, other_officer):
    from django.core.exceptions import PermissionDenied

    copy = reviews.copy_outline(dong_phuc_officer, outline, tree.dong_phuc)
    with pytest.raises(PermissionDenied):
        reviews.save_outline(other_officer, copy, "X", [{"title": "Y"}])
