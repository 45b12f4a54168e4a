import pytest
from django.db import IntegrityError, transaction

from surveys import services
from surveys.models import Answer, Ballot, Receipt, Respondent, Survey
from core.uploads import UploadError

from .helpers import all_yes, household, make_survey, survey  # noqa: F401

pytestmark = pytest.mark.django_db


def test_questions_come_from_the_criteria_set_in_force_plus_an_overall_question(survey):
    questions = list(survey.questions.order_by("number"))
    assert survey.criteria_set.code == "ntm-xa-2026-2030"
    assert len(questions) == 11
    assert questions[0].criterion.number == 1 and "Quy hoạch" in questions[0].text
    assert questions[-1].is_overall and not any(q.is_overall for q in questions[:-1])


def test_a_ward_gets_the_civilised_urban_set(dong_phuc_officer, province_officer, tree):
    survey = make_survey(province_officer, tree.ward, open_=False, subject=Survey.Subject.CIVILISED_URBAN)
    assert survey.criteria_set.code == "dtvm-2022" and survey.questions.count() == 10


def test_a_survey_belongs_to_a_commune(province_officer, tree):
    with pytest.raises(services.SurveyError):
        make_survey(province_officer, tree.province, open_=False)


def test_questions_are_editable_until_someone_answers(survey, dong_phuc_officer, tree):
    first, second, *_ = survey.questions.order_by("number")
    overall = survey.questions.get(is_overall=True)
    services.save_questions(dong_phuc_officer, survey, {first.pk: "Câu hỏi mới về quy hoạch"}, {second.pk},
                            "Ông/bà có hài lòng với chợ mới không?")
    numbers = list(survey.questions.order_by("number").values_list("number", "text", "is_overall"))
    assert [n for n, _, _ in numbers] == list(range(1, 12))
    assert numbers[0][1] == "Câu hỏi mới về quy hoạch"
    assert numbers[-2][1] == "Ông/bà có hài lòng với chợ mới không?" and numbers[-1][2]
    with pytest.raises(services.SurveyError):
        services.save_questions(dong_phuc_officer, survey, {}, {overall.pk})
    services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai, household(survey, tree.na_hai, "001").pk,
                                all_yes(survey))
    with pytest.raises(services.SurveyError):
        services.save_questions(dong_phuc_officer, survey, {first.pk: "Sửa sau khi có phiếu"}, set())


def test_the_roll_is_generated_from_the_areas_household_counts_and_never_duplicated(survey, dong_phuc_officer, tree):
    assert Respondent.objects.filter(survey=survey, area=tree.na_hai).count() == 120
    assert Respondent.objects.filter(survey=survey, area=tree.na_lan).count() == 90
    assert services.generate_respondents(dong_phuc_officer, survey)["created"] == 0
    assert len(set(survey.respondents.values_list("card_code", flat=True))) == 210


def test_importing_the_roll_names_row_and_column_and_writes_nothing_on_error(dong_phuc_officer, tree):
    survey = make_survey(dong_phuc_officer, tree.dong_phuc, open_=False)
    bad = "Mã khu dân cư,Mã hộ,Chủ hộ\n01,001,Nguyễn Văn An\n99,002,Hoàng Thị Bình\n01,001,Trùng\n02,,Thiếu mã\n"
    with pytest.raises(UploadError) as exc:
        services.import_respondents(dong_phuc_officer, survey, "ho.csv", bad.encode())
    text = " ".join(exc.value.errors)
    assert "Dòng 3, cột A" in text and "“99”" in text
    assert "Dòng 4, cột B" in text and "trùng với dòng 2" in text
    assert "Dòng 5, cột B" in text
    assert not survey.respondents.exists()
    good = "Mã khu dân cư,Mã hộ,Chủ hộ\n01,001,Nguyễn Văn An\n02,001,Hoàng Thị Bình\n"
    result = services.import_respondents(dong_phuc_officer, survey, "ho.csv", good.encode())
    assert result["created"] == 2
    assert household(survey, tree.na_lan, "001").head_name == "Hoàng Thị Bình"


def test_a_household_answers_once_on_paper(survey, dong_phuc_officer, tree):
    h = household(survey, tree.na_hai, "001")
    services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai, h.pk, all_yes(survey))
    with pytest.raises(services.SurveyError, match="đã trả lời"):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai, h.pk, all_yes(survey))
    assert Receipt.objects.filter(respondent=h).count() == 1
    services.flush_ballots(survey, everything=True)
    assert Ballot.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(ballot__survey=survey).count() == 11


def test_the_database_itself_refuses_a_second_receipt(survey, tree):
    h = household(survey, tree.na_hai, "002")
    Receipt.objects.create(respondent=h, survey=survey, area=tree.na_hai, channel="paper", on="2026-11-20")
    with pytest.raises(IntegrityError), transaction.atomic():
        Receipt.objects.create(respondent=h, survey=survey, area=tree.na_hai, channel="online", on="2026-11-20")


def test_a_used_code_cannot_be_used_again_nor_after_a_paper_ballot(survey, dong_phuc_officer, tree):
    h = household(survey, tree.na_hai, "003")
    services.submit_online(h.card_code.lower(), all_yes(survey))
    with pytest.raises(services.SurveyError):
        services.submit_online(h.card_code, all_yes(survey, {1}))
    other = household(survey, tree.na_hai, "004")
    services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai, other.pk, all_yes(survey))
    with pytest.raises(services.SurveyError):
        services.submit_online(other.card_code, all_yes(survey))
    services.flush_ballots(survey, everything=True)
    assert Ballot.objects.filter(survey=survey).count() == 2


def test_incomplete_ballots_and_closed_surveys_are_refused(survey, dong_phuc_officer, tree):
    h = household(survey, tree.na_hai, "005")
    answers = all_yes(survey)
    answers.pop(next(iter(answers)))
    with pytest.raises(services.SurveyError, match="Chưa trả lời câu 1"):
        services.submit_online(h.card_code, answers)
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    with pytest.raises(services.SurveyError, match="không mở"):
        services.submit_online(h.card_code, all_yes(survey))
    assert not Receipt.objects.exists() and not Ballot.objects.exists()


def test_a_household_of_another_area_is_refused_in_paper_entry(survey, dong_phuc_officer, tree):
    h = household(survey, tree.na_lan, "001")
    with pytest.raises(services.SurveyError):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai, h.pk, all_yes(survey))


def test_results_can_be_published_only_after_closing(survey, dong_phuc_officer):
    with pytest.raises(services.SurveyError):
        services.set_published(dong_phuc_officer, survey, True)
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    services.set_published(dong_phuc_officer, survey, True)
    survey.refresh_from_db()
    assert survey.published


def test_a_closed_survey_cannot_be_reopened(survey, dong_phuc_officer):
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    with pytest.raises(services.SurveyError, match="không mở lại"):
        services.set_status(dong_phuc_officer, survey, Survey.Status.OPEN)


def test_the_roll_template_imports_as_it_is(dong_phuc_officer, client_for, tree):
    from django.urls import reverse

    survey = make_survey(dong_phuc_officer, tree.dong_phuc, open_=False)
    client = client_for(dong_phuc_officer)
    for fmt in ("xlsx", "csv"):
        content = client.get(reverse("surveys:roster_template", args=[survey.pk, fmt])).content
        result = services.import_respondents(dong_phuc_officer, survey, f"mau.{fmt}", content)
        assert result["rows"] == 2
    assert sorted(survey.respondents.values_list("code", "head_name")) == [("001", "Nguyễn Văn An"),
                                                                          ("002", "Hoàng Thị Bình")]
