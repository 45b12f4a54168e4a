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
