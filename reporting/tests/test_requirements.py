"""A round opened from a plan's reporting regime (chế độ báo cáo)."""

import datetime

from django.urls import reverse

from campaign.periods import get_period
from plans.models import Plan, ReportRequirement
from reporting.models import ReportingRound
from units.models import MemberOrganisation, OrganisationKind


def _requirement(tree):
    plan = Plan.objects.create(unit=tree.province, title="Thực hiện Cuộc vận động năm 2026")
    req = ReportRequirement.objects.create(plan=plan, name="Báo cáo 6 tháng", period=get_period("2026-h1"),
                                           due_date=datetime.date(2026, 6, 10), reporter_level="commune")
    ccb = OrganisationKind.objects.get(code="hoi-ccb")
    req.reporter_organisation_kinds.add(ccb)
    MemberOrganisation.objects.create(unit=tree.province, kind=ccb, name="Hội Cựu chiến binh tỉnh")
    MemberOrganisation.objects.create(unit=tree.province, kind=OrganisationKind.objects.get(code="hoi-nong-dan"),
                                      name="Hội Nông dân tỉnh")
    return req


def test_the_regime_prefills_the_form_and_decides_who_reports(client_for, province_officer, tree):
    req = _requirement(tree)
    client = client_for(province_officer)
    page = client.get(reverse("reporting:round_new")).content.decode()
    assert f"?che-do={req.pk}" in page and "Báo cáo 6 tháng" in page
    url = reverse("reporting:round_new") + f"?che-do={req.pk}"
    form = client.get(url).context["form"]
    assert form.initial["due_date"] == datetime.date(2026, 6, 10) and form.initial["reporters"] == "commune"
    response = client.post(url, {"period": "2026-h1", "name": "Báo cáo 6 tháng đầu năm 2026",
                                 "cut_off": "2026-05-31", "due_date": "2026-06-10", "reporters": "commune",
                                 "include_organisations": "on", "remind_days_before": 3})
    assert response.status_code == 302
    rnd = ReportingRound.objects.get(requirement=req)
    reporters = set(rnd.submissions.values_list("unit__name", "organisation__name"))
    assert reporters == {("Xã Đồng Phúc", None), ("Xã Bằng Thành", None), ("Phường Phan Đình Phùng", None),
                         ("Tỉnh Thái Nguyên", "Hội Cựu chiến binh tỉnh")}  # only the kinds the plan names
    assert f"?che-do={req.pk}" not in client.get(reverse("reporting:round_new")).content.decode()


def test_another_units_regime_is_not_offered(client_for, other_officer, tree):
    req = _requirement(tree)
    response = client_for(other_officer).get(reverse("reporting:round_new") + f"?che-do={req.pk}")
    assert response.status_code == 404


def test_a_round_from_the_plan_is_named_dated_and_asks_for_the_plans_measures(client_for, province_officer, tree):
    from indicators.models import Measure
    from plans.models import Target

    req = _requirement(tree)
    for n, code in enumerate(["households_livelihood_supported", "great_unity_day_held",
                              "households_livelihood_supported"]):
        Target.objects.create(plan=req.plan, text=f"Chỉ tiêu {n}", measure=Measure.objects.get(code=code), order=n)
    response = client_for(province_officer).get(reverse("reporting:round_new") + f"?che-do={req.pk}")
    form = response.context["form"]
    assert form.initial["name"] == "Báo cáo 6 tháng đầu năm 2026"  # not "… 6 tháng 6 tháng đầu năm 2026"
    assert form.initial["measure_codes"] == ["households_livelihood_supported", "great_unity_day_held"]
    assert form.initial["cut_off"] == datetime.date(2026, 5, 31)  # due 10/6: the month before, inside the period
    page = response.content.decode()
    # the dates show dd/mm/yyyy whatever the browser's language (core.forms.DateField)
    assert 'name="due_date" value="10/06/2026"' in page and 'name="cut_off" value="31/05/2026"' in page
    assert 'value="households_livelihood_supported" checked' in page
    assert 'value="security_pledges" checked' not in page
    groups = form.measure_groups()
    assert [g["title"].split(":")[0] for g in groups][:5] == [f"Nội dung {n}" for n in range(1, 6)]
    assert sum(g["ticked"] for g in groups) == 2 and "data-filter=" in page and "<details" in page


def test_round_names_say_the_shared_words_once():
    from reporting.services import round_name

    assert round_name("Báo cáo 6 tháng", "6 tháng đầu năm 2026") == "Báo cáo 6 tháng đầu năm 2026"
    assert round_name("Báo cáo năm", "Năm 2026") == "Báo cáo năm 2026"
    assert round_name("Báo cáo quý", "Quý II năm 2026") == "Báo cáo quý II năm 2026"
    assert round_name("Báo cáo sơ kết", "6 tháng đầu năm 2026") == "Báo cáo sơ kết 6 tháng đầu năm 2026"
    assert round_name("Báo cáo năm 2026", "Năm 2026") == "Báo cáo năm 2026"
