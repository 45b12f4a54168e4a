from django.urls import reverse

from surveys.tests.helpers import make_survey
from units.models import Kind, Level, Unit


def test_residential_areas_are_listed_in_vietnamese_alphabetical_order_not_by_code(client_for, dong_phuc_officer,
                                                                                    tree):
    for code, name in [("03", "Thôn Đồng Tâm"), ("04", "Thôn Dốc Đỏ"), ("05", "Thôn An Bình")]:
        Unit(parent=tree.dong_phuc, level=Level.AREA, kind=Kind.VILLAGE, code=code, name=name, households=10).save()
    survey = make_survey(dong_phuc_officer, tree.dong_phuc)
    page = client_for(dong_phuc_officer).get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    names = ["An Bình", "Dốc Đỏ", "Đồng Tâm", "Nà Hai", "Nà Làn"]
    positions = [page.index(n) for n in names]
    assert positions == sorted(positions)
