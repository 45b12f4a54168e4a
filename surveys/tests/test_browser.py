"""In a real browser: the paper batch entry with the keyboard only, and the phone form at 360 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import screenshot
from surveys import services
from surveys.models import Answer, Ballot, Receipt, Survey

from .helpers import household, make_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def criteria_sets(db):
    """Transactional tests flush the rows the campaign data migration made: put the criteria sets back."""
    from importlib import import_module

    from django.apps import apps

    import_module("campaign.migrations.0002_contents_and_criteria").forwards(apps, None)


def test_paper_ballots_are_entered_with_the_keyboard_only(page_for, dong_phuc_officer, tree):
    survey = make_survey(dong_phuc_officer, tree.dong_phuc)
    page = page_for(dong_phuc_officer)
    page.goto(page.base_url + reverse("surveys:detail", args=[survey.pk]))
    screenshot(page, "surveys-detail-open")
    page.click(f"a[href='{reverse('surveys:paper', args=[survey.pk, tree.na_hai.pk])}']")
    page.wait_for_load_state("networkidle")
    assert page.locator("#household").input_value() == str(household(survey, tree.na_hai, "001").pk)
    n = survey.questions.count()
    # ballot 1: all satisfied; ballot 2: unhappy with question 2, with a comment
    page.keyboard.type("1" * n)
    page.keyboard.press("Enter")
    expect(page.locator("#batch-count")).to_have_text("1")  # (no wait_for_function: the CSP forbids eval)
    assert "Hộ 001" in page.locator("#flash").inner_text()
    assert page.locator("#household").input_value() == str(household(survey, tree.na_hai, "002").pk)
    page.keyboard.type("10" + "1" * (n - 2))
    page.keyboard.type("Đường trơn")
    page.keyboard.press("Enter")
    expect(page.locator("#batch-count")).to_have_text("2")
    # an incomplete ballot is refused in the page, nothing is sent
    page.keyboard.type("11")
    page.keyboard.press("Enter")
    assert "Chưa trả lời câu 3" in page.locator("#flash").inner_text()
    q2 = survey.questions.get(number=2)
    assert page.locator(f"[data-total='{q2.pk}'] .yes").inner_text() == "1"
    assert page.locator(f"[data-total='{q2.pk}'] .no").inner_text() == "1"
    assert page.locator("#area-answered").inner_text() == "2"
    screenshot(page, "surveys-paper-entry")
    assert Receipt.objects.filter(survey=survey).count() == 2
    services.flush_ballots(survey, everything=True)  # ballots wait in the shuffled batch until then
    assert Answer.objects.filter(question=q2, satisfied=False).count() == 1
    assert Ballot.objects.filter(comment="Đường trơn").count() == 1
    page.goto(page.base_url + reverse("surveys:roster", args=[survey.pk]))
    assert page.locator("text=✓ Phiếu giấy").count() == 2
    screenshot(page, "surveys-roster")
    page.goto(page.base_url + reverse("surveys:create"))
    screenshot(page, "surveys-create-form")


def test_the_phone_form_at_360px(chromium, live_server, dong_phuc_officer, tree):
    survey = make_survey(dong_phuc_officer, tree.dong_phuc)
    h = household(survey, tree.na_lan, "007")
    context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + reverse("surveys_public:start"))
    page.fill("#id_code", h.card_code.lower())
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Thôn Nà Làn" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    questions = list(survey.questions.order_by("number"))
    for q in questions[:-1]:
        page.check(f"input[name=q{q.pk}][value='1']")
    screenshot(page, "surveys-phone-form")
    page.click("button[type=submit]")  # the last question is still open: the browser asks for it
    assert not Receipt.objects.exists()
    page.click(f"input[name=q{questions[-1].pk}][value='0']", force=True)
    page.fill("#comment", "Cần thêm đèn đường")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Cảm ơn" in page.content()
    screenshot(page, "surveys-phone-thanks")
    assert Receipt.objects.get().respondent == h
    services.flush_ballots(h.survey, everything=True)  # ballots wait in the shuffled batch until then
    assert Answer.objects.filter(question=questions[-1], satisfied=False).count() == 1
    page.goto(live_server.url + reverse("surveys_public:answer", args=[h.card_code]))
    assert "đã được dùng" in page.content()
    context.close()


def test_cards_and_results_pages_look_right(page_for, dong_phuc_officer, tree):
    from surveys import services
    from .helpers import all_yes

    survey = make_survey(dong_phuc_officer, tree.dong_phuc)
    for i in range(1, 11):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai,
                                    household(survey, tree.na_hai, f"{i:03d}").pk, all_yes(survey, {i % 4 + 1}))
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    page = page_for(dong_phuc_officer)
    page.goto(page.base_url + reverse("surveys:cards", args=[survey.pk]) + f"?khu={tree.na_lan.pk}")
    assert page.locator(".card svg").count() == 90
    screenshot(page, "surveys-cards")
    page.goto(page.base_url + reverse("surveys:results", args=[survey.pk]))
    screenshot(page, "surveys-results")
    phone = page_for(dong_phuc_officer, phone=True)
    phone.goto(phone.base_url + reverse("surveys:detail", args=[survey.pk]))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "surveys-detail-phone")
    services.set_published(dong_phuc_officer, survey, True)
    phone.goto(phone.base_url + reverse("surveys_public:results", args=[survey.pk]))
    assert "Tỷ lệ hài lòng = số phiếu hài lòng" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "surveys-public-results-phone")
