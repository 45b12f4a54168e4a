"""The report (DOCX, ND 30) and the downloads carry the same figures as the page, recomputed from raw answers."""

import csv
import io

import pytest
from django.urls import reverse

from surveys import services
from surveys.models import Answer, Survey

from .helpers import all_yes, household, survey  # noqa: F401

pytestmark = pytest.mark.django_db


def test_report_and_downloads(survey, dong_phuc_officer, client_for, tree):
    for i in range(1, 21):
        services.enter_paper_ballot(dong_phuc_officer, survey, tree.na_hai,
                                    household(survey, tree.na_hai, f"{i:03d}").pk,
                                    all_yes(survey, {11} if i % 5 == 0 else ()))
    services.set_status(dong_phuc_officer, survey, Survey.Status.CLOSED)
    client = client_for(dong_phuc_officer)
    overall = survey.questions.get(is_overall=True)
    satisfied = Answer.objects.filter(question=overall, satisfied=True).count()
    assert satisfied == 16  # 16 / 20 = 80%
    response = client.get(reverse("surveys:report", args=[survey.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import docx

    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "16/20 phiếu hài lòng, đạt 80%" in text and "CHƯA ĐẠT" in text
    rows = list(csv.reader(io.StringIO(client.get(
        reverse("surveys:results_export", args=[survey.pk, "csv"])).content.decode("utf-8-sig"))))
    na_hai = next(r for r in rows if r and r[0] == "Thôn Nà Hai")
    assert na_hai[1] == "20" and na_hai[-1] == "80"
