"""Urban criteria are not offered to a rural commune, nor rural ones to a ward (campaign.fit), wherever
criteria or a recognition subject are chosen: surveys, models (initiatives), a plan's contents."""

import datetime

import pytest
from django.urls import reverse

from campaign import fit
from campaign.models import CriteriaSet
from surveys import services as survey_services
from surveys.models import Survey


def test_the_setting_of_communes_wards_and_their_areas(tree):
    assert fit.setting(tree.dong_phuc) == "rural" and fit.setting(tree.na_hai) == "rural"
    assert fit.setting(tree.ward) == "urban" and fit.setting(tree.province) is None
    assert fit.fits(tree.dong_phuc, "ntm") and not fit.fits(tree.dong_phuc, "dtvm")
    assert fit.fits(tree.ward, "dtvm") and not fit.fits(tree.ward, "ntm_nc") and fit.fits(tree.ward, "custom")


def test_a_communes_survey_offers_only_rural_subjects_and_sets(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    form = client.get(reverse("surveys:create")).context["form"]
    assert "dtvm" not in dict(form.fields["subject"].choices) and "ntm" in dict(form.fields["subject"].choices)
    assert not form.fields["criteria_set"].queryset.filter(kind="dtvm").exists()
    assert form.fields["criteria_set"].queryset.filter(kind="ntm").exists()
    data = {"unit": tree.dong_phuc.pk, "title": "Đợt 1", "subject": "dtvm", "starts_on": "2026-11-01",
            "ends_on": "2026-12-01", "threshold": "90", "min_coverage": "70"}
    response = client.post(reverse("surveys:create"), data)
    assert response.status_code == 200 and not Survey.objects.exists()


def test_a_ward_is_not_offered_rural_subjects_and_the_service_refuses_them(province_officer, client_for, tree):
    form = client_for(province_officer).get(reverse("surveys:create") + f"?don-vi={tree.ward.pk}").context["form"]
    assert set(dict(form.fields["subject"].choices)) == {"dtvm", "custom"}
    with pytest.raises(survey_services.SurveyError, match="đô thị"):
        survey_services.create_survey(province_officer, tree.ward, {
            "title": "Đợt 1", "subject": "ntm", "criteria_set": None, "starts_on": datetime.date(2026, 11, 1),
            "ends_on": datetime.date(2026, 12, 1), "threshold": 90, "min_coverage": 70})
    rural_set = CriteriaSet.objects.filter(kind="ntm").first()
    with pytest.raises(survey_services.SurveyError, match="đô thị"):
        survey_services.create_survey(province_officer, tree.ward, {
            "title": "Đợt 1", "subject": "custom", "criteria_set": rural_set, "starts_on": datetime.date(2026, 11, 1),
            "ends_on": datetime.date(2026, 12, 1), "threshold": 90, "min_coverage": 70})


def test_a_model_in_a_commune_serves_only_new_rural_criteria(client_for, dong_phuc_officer, tree):
    form = client_for(dong_phuc_officer).get(reverse("initiatives:add", args=[tree.dong_phuc.pk])).context["form"]
    kinds = set(form.fields["criteria"].queryset.values_list("criteria_set__kind", flat=True))
    assert kinds == {"ntm"}


def test_a_wards_plan_contents_offer_only_urban_criteria(client_for, province_officer, tree):
    from plans import services as plan_services

    plan = plan_services.create_plan(province_officer, tree.ward, {"doc_type": "KH", "title": "Kế hoạch năm 2026",
                                                                    "issuing_body": "BAN THƯỜNG TRỰC", "archive": "VT"})
    formset = client_for(province_officer).get(reverse("plans:edit_contents", args=[plan.pk])).context["formset"]
    kinds = set(formset.forms[0].fields["criteria"].queryset.values_list("criteria_set__kind", flat=True))
    assert kinds == {"dtvm"}
