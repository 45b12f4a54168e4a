"""“Số hộ” of each area is not typed again: the roll form is pre-filled from the area's household count, and a
different number is only taken with a reason (audited; the area's own count is unchanged)."""

from django.urls import reverse

from accounts.models import AuditEvent
from surveys.models import Respondent

from .helpers import make_survey


def test_the_roll_form_is_prefilled_with_each_areas_household_count(client_for, dong_phuc_officer, tree):
    survey = make_survey(dong_phuc_officer, tree.dong_phuc, open_=False)
    html = client_for(dong_phuc_officer).get(reverse("surveys:roster", args=[survey.pk])).content.decode()
    assert f'name="n-{tree.na_hai.pk}" value="120"' in html and f'name="n-{tree.na_lan.pk}" value="90"' in html
    assert "Lý do sửa số hộ" in html


def test_the_known_counts_generate_the_roll_without_typing(client_for, dong_phuc_officer, tree):
    survey = make_survey(dong_phuc_officer, tree.dong_phuc, open_=False)
    client = client_for(dong_phuc_officer)
    client.post(reverse("surveys:roster_generate", args=[survey.pk]),
                {f"n-{tree.na_hai.pk}": "120", f"n-{tree.na_lan.pk}": "", "reason": ""})
    assert Respondent.objects.filter(survey=survey, area=tree.na_hai).count() == 120
    assert Respondent.objects.filter(survey=survey, area=tree.na_lan).count() == 90


def test_a_different_count_needs_a_reason_and_writes_nothing_without_one(client_for, dong_phuc_officer, tree):
    survey = make_survey(dong_phuc_officer, tree.dong_phuc, open_=False)
    client = client_for(dong_phuc_officer)
    url = reverse("surveys:roster_generate", args=[survey.pk])
    response = client.post(url, {f"n-{tree.na_hai.pk}": "1.125", f"n-{tree.na_lan.pk}": "90", "reason": ""},
                           follow=True)
    assert "ghi lý do" in response.content.decode() and "Thôn Nà Hai: 1125" in response.content.decode()
    assert not Respondent.objects.filter(survey=survey).exists()

    client.post(url, {f"n-{tree.na_hai.pk}": "125", f"n-{tree.na_lan.pk}": "90",
                      "reason": "5 hộ mới tách hộ sau điều tra tháng 3"})
    assert Respondent.objects.filter(survey=survey, area=tree.na_hai).count() == 125
    tree.na_hai.refresh_from_db()
    assert tree.na_hai.households == 120  # the survey's override, not the area's count
    event = AuditEvent.objects.filter(verb__startswith="Tạo danh sách hộ").latest("at")
    assert "120 → 125" in event.note and "tách hộ" in event.note


def test_a_count_that_is_not_a_number_is_refused_naming_the_area(client_for, dong_phuc_officer, tree):
    survey = make_survey(dong_phuc_officer, tree.dong_phuc, open_=False)
    response = client_for(dong_phuc_officer).post(reverse("surveys:roster_generate", args=[survey.pk]),
                                                  {f"n-{tree.na_hai.pk}": "120 hộ"}, follow=True)
    assert "Số hộ Thôn Nà Hai" in response.content.decode()
    assert not Respondent.objects.filter(survey=survey).exists()
