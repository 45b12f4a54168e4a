import io
import random

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from campaign.periods import get_period
from indicators.derive import recompute
from recognition import services
from recognition.models import AreaTitle, CommuneTitle
from units.models import Kind, Level, Unit

pytestmark = pytest.mark.django_db


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_batch_save_writes_every_area_and_the_commune_title(tree, dong_phuc_officer):
    rows = {tree.na_hai.pk: (120, 100, True), tree.na_lan.pk: (90, 60, False)}
    assert services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, rows, exemplary=True) == {
        "created": 2, "updated": 0, "cleared": 0}
    assert AreaTitle.objects.get(unit=tree.na_hai, year=2025).area_recognised
    assert CommuneTitle.objects.filter(unit=tree.dong_phuc, year=2025).exists()
    # an emptied row is "not reported" again, not zero
    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, {tree.na_lan.pk: None}, exemplary=False)
    assert not AreaTitle.objects.filter(unit=tree.na_lan).exists()
    assert not CommuneTitle.objects.exists()


def test_recognised_families_cannot_exceed_all_families_and_nothing_is_written(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    response = client.post(reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025]), {
        f"total-{tree.na_hai.pk}": "120", f"cultural-{tree.na_hai.pk}": "100",
        f"total-{tree.na_lan.pk}": "90", f"cultural-{tree.na_lan.pk}": "95"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Thôn Nà Làn: số gia đình văn hóa (95) lớn hơn tổng số hộ gia đình (90)" in text
    assert 'value="95"' in text  # what was typed stays in the form
    assert not AreaTitle.objects.exists()


def test_the_batch_form_saves_and_shows_the_recomputed_share(client_for, dong_phuc_officer, tree):
    get_period("2025")  # the totals row is the spine's rollup of the year
    client = client_for(dong_phuc_officer)
    url = reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025])
    response = client.post(url, {f"total-{tree.na_hai.pk}": "120", f"cultural-{tree.na_hai.pk}": "100",
                                 f"recognised-{tree.na_hai.pk}": "on", f"total-{tree.na_lan.pk}": "1.000",
                                 f"cultural-{tree.na_lan.pk}": "500", "exemplary": "on"})
    assert response.status_code == 302
    page = client.get(url)
    assert page.context["table"].totals["rate"] == pytest.approx(100 * 600 / 1120)
    assert AreaTitle.objects.get(unit=tree.na_lan).total_families == 1000


def test_import_reports_every_bad_row_and_writes_nothing(dong_phuc_officer, tree):
    content = xlsx([services.TEMPLATE_HEADER,
                    ["01", "Thôn Nà Hai", 120, 130, "x"],
                    ["99", "Thôn không có", 10, 5, ""],
                    ["02", "Thôn Nà Làn", "chín mươi", 5, ""],
                    ["01", "Thôn Nà Hai", 120, 100, "có lẽ"]])
    with pytest.raises(services.UploadError) as exc:
        services.import_titles(dong_phuc_officer, tree.dong_phuc, 2025, "danh-hieu.xlsx", content)
    errors = exc.value.errors
    assert "Dòng 2 (Thôn Nà Hai): số gia đình văn hóa (130) lớn hơn tổng số hộ gia đình (120)." in errors
    assert any(e.startswith("Dòng 3, cột “Mã khu dân cư”") for e in errors)
    assert any(e.startswith("Dòng 4 (Thôn Nà Làn), cột “Tổng số hộ gia đình”") for e in errors)
    assert any(e.startswith("Dòng 5: khu dân cư Thôn Nà Hai đã có ở dòng 2") for e in errors)
    assert not AreaTitle.objects.exists()


def test_import_of_good_rows_and_of_the_downloaded_template(client_for, dong_phuc_officer, tree):
    content = xlsx([services.TEMPLATE_HEADER, [1, "Thôn Nà Hai", 120, 100, "x"], ["02", "Thôn Nà Làn", 90, 45, ""],
                    [None, None, None, None, None]])
    assert services.import_titles(dong_phuc_officer, tree.dong_phuc, 2025, "a.xlsx", content)["created"] == 2
    client = client_for(dong_phuc_officer)
    template = client.get(reverse("recognition:titles_template", args=[tree.dong_phuc.pk, 2025]))
    rows = list(openpyxl.load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("01", "Thôn Nà Hai", 120, 100, "x")
    upload = io.BytesIO(template.content)
    upload.name = "mau.xlsx"
    response = client.post(reverse("recognition:titles_import", args=[tree.dong_phuc.pk, 2026]), {"file": upload})
    assert response.status_code == 302
    assert AreaTitle.objects.filter(year=2026).count() == 2


def test_import_rejects_other_files(dong_phuc_officer, tree):
    with pytest.raises(services.UploadError, match="xlsx"):
        services.import_titles(dong_phuc_officer, tree.dong_phuc, 2025, "a.pdf", b"%PDF")
    with pytest.raises(services.UploadError, match="XLSX"):
        services.import_titles(dong_phuc_officer, tree.dong_phuc, 2025, "a.xlsx", b"not a zip")


def test_province_shares_are_recomputed_from_raw_rows_not_averaged(tree, dong_phuc_officer, other_officer):
    get_period("2025")  # the year exists before its titles are entered, so the spine derives them
    rng = random.Random(3)
    extra = [Unit(parent=tree.dong_phuc, level=Level.AREA, kind=Kind.VILLAGE, code=f"{i:02d}", name=f"Thôn {i}")
             for i in range(3, 12)]
    for u in extra:
        u.save()
    areas = [tree.na_hai, tree.na_lan, *extra]
    rows = {}
    for a in areas:
        total = rng.randint(0, 300)
        rows[a.pk] = (total, rng.randint(0, total), rng.random() < 0.5)
    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, rows)
    services.save_titles(other_officer, tree.bang_thanh, 2025, {tree.ban_bang.pk: (80, 10, False)})
    table = {r["unit"]: r for r in services.title_rows(tree.province, 2025)}
    dp = table[tree.dong_phuc]
    assert dp["total"] == sum(t for t, _, _ in rows.values())
    assert dp["cultural"] == sum(c for _, c, _ in rows.values())
    assert dp["rate"] == pytest.approx(100 * dp["cultural"] / dp["total"])
    assert dp["areas_recognised"] == sum(1 for *_, r in rows.values() if r)
    assert dp["reported"] == dp["areas"] == 11
    assert table[tree.ward]["total"] is None and table[tree.ward]["rate"] is None  # not entered: empty
    whole = services.title_table(tree.province, 2025, list(table.values()))
    raw = AreaTitle.objects.filter(year=2025)
    expected = 100 * sum(t.cultural_families for t in raw) / sum(t.total_families for t in raw)
    assert whole.totals["rate"] == pytest.approx(expected)
    averaged = (dp["rate"] + 100 * 10 / 80) / 2
    assert abs(whole.totals["rate"] - averaged) > 0.01 or dp["total"] == 80


def test_derived_measures_come_from_one_title_year(tree, dong_phuc_officer):
    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, {
        tree.na_hai.pk: (120, 100, True), tree.na_lan.pk: (90, 45, False)}, exemplary=True)
    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2024, {tree.na_hai.pk: (110, 50, False)})
    areas = [tree.na_hai, tree.na_lan, tree.ban_bang]
    y = get_period("2025")
    assert recompute("families_total", y, areas) == {(tree.na_hai.pk, None): 120, (tree.na_lan.pk, None): 90}
    assert recompute("cultural_families", y, areas) == {(tree.na_hai.pk, None): 100,
                                                              (tree.na_lan.pk, None): 45}
    assert recompute("cultural_area", y, areas) == {(tree.na_hai.pk, None): True,
                                                          (tree.na_lan.pk, None): False}
    # the share is not derived: the spine recomputes it from the parts at every level
    assert recompute("exemplary_communes", y, [tree.dong_phuc, tree.bang_thanh]) == {
        (tree.dong_phuc.pk, None): True}
    assert recompute("families_total", get_period("2021-2025"), areas)[(tree.na_hai.pk, None)] == 120
    assert recompute("families_total", get_period("2024-q4"), areas) == {(tree.na_hai.pk, None): 110}
    assert recompute("families_total", get_period("2026-h1"), areas) == {}


def test_a_leader_and_an_area_head_cannot_save_titles(tree, leader, na_hai_head):
    with pytest.raises(PermissionDenied):
        services.save_titles(leader, tree.dong_phuc, 2025, {tree.na_hai.pk: (1, 1, False)})
    from django.http import Http404

    with pytest.raises(Http404):
        services.save_titles(na_hai_head, tree.dong_phuc, 2025, {tree.na_hai.pk: (1, 1, False)})


def test_the_database_itself_refuses_more_cultural_families_than_families(tree, dong_phuc_officer):
    from django.db import IntegrityError, transaction

    from recognition.integrity import checks

    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, {tree.na_hai.pk: (120, 100, True)})
    assert all(f is None for _, f in checks())
    with pytest.raises(IntegrityError), transaction.atomic():
        AreaTitle.objects.filter(unit=tree.na_hai).update(cultural_families=121)


def test_the_spine_rolls_titles_up_and_recomputes_the_share(tree, dong_phuc_officer, other_officer):
    from indicators.models import Measure
    from indicators.queries import reading

    year = get_period("2025")
    from indicators.rollup import invalidate_caches

    invalidate_caches()  # other tests in this worker may have re-synced measures (catalogue only)
    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, {
        tree.na_hai.pk: (120, 100, True), tree.na_lan.pk: (90, 45, False)}, exemplary=True)
    services.save_titles(other_officer, tree.bang_thanh, 2025, {tree.ban_bang.pk: (80, 8, False)})
    rate, cultural, areas, exemplary = (Measure.objects.get(code=c) for c in (
        "cultural_families_rate", "cultural_families", "cultural_area", "exemplary_communes"))
    assert rate.source == "register" and rate.denominator.code == "families_total"
    assert reading(cultural, tree.province, year).value == 153
    assert float(reading(rate, tree.dong_phuc, year).value) == pytest.approx(100 * 145 / 210, abs=0.01)
    assert float(reading(rate, tree.province, year).value) == pytest.approx(100 * 153 / 290, abs=0.01)
    assert reading(areas, tree.province, year).value == 1
    assert reading(exemplary, tree.province, year).value == 1
    # a correction flows up at once
    services.save_titles(dong_phuc_officer, tree.dong_phuc, 2025, {tree.na_lan.pk: (90, 90, True)})
    assert reading(cultural, tree.province, year).value == 198
    assert reading(areas, tree.province, year).value == 2


def test_the_year_picker_goes_to_the_chosen_year(client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    response = client.get(reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025]) + "?nam=2024")
    assert response.status_code == 302 and response.url.endswith("/danh-hieu/2024/")
    assert client.get(reverse("recognition:titles", args=[tree.dong_phuc.pk, 1])).status_code == 404


def test_the_household_count_starts_from_what_doanket_knows_and_an_untouched_row_stays_unreported(
        client_for, dong_phuc_officer, tree):
    client = client_for(dong_phuc_officer)
    url = reverse("recognition:titles", args=[tree.dong_phuc.pk, 2025])
    page = client.get(url).content.decode()
    assert f'id="t{tree.na_hai.pk}" name="total-{tree.na_hai.pk}" inputmode="numeric"' in page
    assert f'name="total-{tree.na_hai.pk}"' in page and 'value="120"' in page and 'value="90"' in page
    # Only Nà Hai's families are entered: its count is kept, Nà Làn (pre-filled, untouched) stays unreported.
    response = client.post(url, {f"total-{tree.na_hai.pk}": "120", f"known-{tree.na_hai.pk}": "120",
                                 f"cultural-{tree.na_hai.pk}": "100", f"total-{tree.na_lan.pk}": "90",
                                 f"known-{tree.na_lan.pk}": "90", f"cultural-{tree.na_lan.pk}": ""})
    assert response.status_code == 302
    assert AreaTitle.objects.get(unit=tree.na_hai, year=2025).total_families == 120
    assert not AreaTitle.objects.filter(unit=tree.na_lan).exists()
