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


def test_a_ballot_is_not_written_with_its_receipt_but_later_in_a_shuffled_batch(survey, dong_phuc_officer, tree):
    from surveys.models import PendingBallot

    first = household(survey, tree.na_hai, "001")
    services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai, first.pk, all_yes(survey), SECRET)
    assert Receipt.objects.count() == 1 and not Ballot.objects.exists() and PendingBallot.objects.count() == 1
    pending_ids = set(PendingBallot.objects.values_list("id", flat=True))
    for i in range(2, services.FLUSH_BATCH + 1):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai,
                                    household(survey, tree.na_hai, f"{i:03d}").pk, all_yes(survey))
    assert not PendingBallot.objects.exists()
    assert Ballot.objects.count() == services.FLUSH_BATCH == Receipt.objects.count()
    assert not pending_ids & set(Ballot.objects.values_list("id", flat=True))  # new random ids when written
    for model in (PendingBallot,):
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert Respondent not in related and Receipt not in related
        assert not any(f.get_internal_type() in ("DateTimeField", "DateField") for f in model._meta.concrete_fields)


def test_closing_writes_the_last_ballots_before_any_figure(survey, dong_phuc_officer, tree):
    for i in range(1, 4):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai,
                                    household(survey, tree.na_hai, f"{i:03d}").pk, all_yes(survey))
    assert not Ballot.objects.exists()
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    assert Ballot.objects.count() == 3 and Answer.objects.count() == 3 * survey.questions.count()


def test_no_hidden_area_can_be_derived_by_subtracting_the_shown_ones(survey, dong_phuc_officer, tree):
    """Bằng Thành in the issue: commune 4/8 − shown area 4/6 ⇒ the hidden area's 2 were dissatisfied."""
    from surveys import results

    for i in range(1, 7):  # Nà Hai: 6 ballots, all satisfied (shown on its own)
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai,
                                    household(survey, tree.na_hai, f"{i:03d}").pk, all_yes(survey))
    overall = survey.questions.get(is_overall=True).number
    for i in range(1, 3):  # Nà Làn: 2 ballots, both dissatisfied (too few to show)
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_lan,
                                    household(survey, tree.na_lan, f"{i:03d}").pk, all_yes(survey, {overall}))
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    res = results.compute(survey, [tree.na_hai, tree.na_lan])
    shown = [r for r in res.rows if r.shown]
    hidden = [r for r in res.rows if not r.shown and r.returned]
    assert not shown  # Nà Hai is hidden too: otherwise 100% of 6 and the total would give Nà Làn away
    assert sum(r.returned for r in hidden) >= results.MIN_CELL
    assert res.total.returned == 8
