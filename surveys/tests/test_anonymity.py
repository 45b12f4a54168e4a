"""Officers see WHO answered, never WHAT a household answered: not in the tables, pages, exports or the audit."""

import io

import openpyxl
import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from surveys import services
from surveys.models import Answer, Ballot, Receipt, Respondent, Survey

from .helpers import all_yes, household, survey  # noqa: F401

pytestmark = pytest.mark.django_db
SECRET = "Đường thôn Nà Hai lầy lội quá"


def test_ballot_tables_have_no_way_back_to_a_household():
    for model in (Ballot, Answer):
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert Respondent not in related and Receipt not in related
        assert not any(f.get_internal_type() in ("DateTimeField", "DateField") for f in model._meta.concrete_fields)
        assert model._meta.pk.get_internal_type() == "UUIDField"  # no sequence to line up with receipts
    assert not any(f.get_internal_type() == "DateTimeField" for f in Receipt._meta.concrete_fields)


def _answer_some(survey, officer, tree):
    h1 = household(survey, tree.na_hai, "001")
    services.enter_paper_ballot(officer, survey, tree.na_hai, h1.pk, all_yes(survey, {2, 11}), SECRET)
    h2 = household(survey, tree.na_hai, "002")
    services.submit_online(h2.card_code, all_yes(survey))
    for i in range(3, 9):
        services.enter_paper_ballot(officer, survey, tree.na_hai, household(survey, tree.na_hai, f"{i:03d}").pk,
                                    all_yes(survey))
    return h1, h2


def test_the_audit_names_households_but_never_ballots_or_answers(survey, dong_phuc_officer, tree):
    _answer_some(survey, dong_phuc_officer, tree)
    ballot_ids = {str(b) for b in Ballot.objects.values_list("id", flat=True)}
    for event in AuditEvent.objects.all():
        text = f"{event.object_type} {event.object_id} {event.object_repr} {event.changes} {event.note}"
        assert "surveys.ballot" not in text and "surveys.answer" not in text
        assert SECRET not in text and not any(b in text for b in ballot_ids)
        assert "satisfied" not in text


def test_while_open_no_page_shows_satisfaction(survey, dong_phuc_officer, client_for, tree):
    _answer_some(survey, dong_phuc_officer, tree)
    client = client_for(dong_phuc_officer)
    for url in (reverse("surveys:detail", args=[survey.pk]), reverse("surveys:results", args=[survey.pk])):
        page = client.get(url).content.decode()
        assert "Tỷ lệ hài lòng" not in page and SECRET not in page
    assert client.get(reverse("surveys:report", args=[survey.pk])).status_code == 302


def test_after_closing_pages_and_exports_are_aggregates_without_households(survey, dong_phuc_officer, client_for,
                                                                           tree):
    h1, h2 = _answer_some(survey, dong_phuc_officer, tree)
    Respondent.objects.filter(pk=h1.pk).update(head_name="Nông Văn Riêng")
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    services.set_published(dong_phuc_officer, survey, True)
    client = client_for(dong_phuc_officer)
    # the roll shows who answered, and nothing about answers
    roster = client.get(reverse("surveys:roster", args=[survey.pk]) + f"?khu={tree.na_hai.pk}").content.decode()
    assert "Nông Văn Riêng" in roster and "Phiếu giấy" in roster and "Trực tuyến" in roster
    assert SECRET not in roster and "Không hài lòng" not in roster and "Hài lòng" not in roster
    # the results, exports, report and public page: no household code, name or card code
    results = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert SECRET in results  # comments are shown, by area, with no household
    xlsx = client.get(reverse("surveys:results_export", args=[survey.pk, "xlsx"])).content
    csv = client.get(reverse("surveys:results_export", args=[survey.pk, "csv"])).content.decode("utf-8-sig")
    cells = " ".join(str(c) for row in openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True)
                     for c in row if c is not None)
    docx = client.get(reverse("surveys:report", args=[survey.pk])).content
    import docx as python_docx

    document = python_docx.Document(io.BytesIO(docx))
    doc_text = " ".join(p.text for p in document.paragraphs) + " ".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    public = client.get(reverse("surveys_public:results", args=[survey.pk])).content.decode()
    for text in (results, cells, csv, doc_text, public):
        assert "Nông Văn Riêng" not in text and h1.card_code not in text and h2.card_code not in text
    for text in (cells, csv, doc_text, public):
        assert SECRET not in text
    # an area with fewer than MIN_CELL ballots would show no rates; Nà Hai has 8 ballots, Nà Làn none
    assert "Thôn Nà Hai" in public


def test_comments_are_listed_in_text_order_not_entry_order(survey, dong_phuc_officer, client_for, tree):
    for i, text in enumerate(["Ý kiến C", "Ý kiến A", "Ý kiến B", "Ý kiến D", "Ý kiến E"], start=1):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai,
                                    household(survey, tree.na_hai, f"{i:03d}").pk, all_yes(survey), text)
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    page = client_for(dong_phuc_officer).get(reverse("surveys:results", args=[survey.pk])).content.decode()
    positions = [page.index(f"Ý kiến {x}") for x in "ABCDE"]
    assert positions == sorted(positions)
