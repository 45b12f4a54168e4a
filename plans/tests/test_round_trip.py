"""An exported plan imported again (plans.importer.parse_file) gives the same structure."""

import datetime
import unicodedata

import pytest

from documents.nd30 import render_docx, render_pdf
from plans import services
from plans.cascade import cascade_plan
from plans.export import build_document
from plans.from_import import proposal
from plans.importer import extract_text, parse_file, parse_text

SEED = "plans/tests/fixtures/seeds/ke-hoach-thai-nguyen-2026.txt"


@pytest.fixture
def imported_plan(tree, province_officer):
    from campaign.periods import get_period

    text = unicodedata.normalize("NFC", extract_text(SEED))
    data = proposal(parse_text(text), text, tree.province)
    header = dict(data["header"], number="59", symbol="KH-MTTQ-BTT", issued_on=datetime.date(2026, 3, 16),
                  period=get_period("2026"))
    reports = [dict(r, period=get_period(r["period"]), due_date=datetime.date.fromisoformat(r["due_date"]))
               for r in data["reports"]]
    plan = services.create_imported_plan(province_officer, tree.province, header, sections=data["sections"],
                                         references=data["references"], contents=data["contents"],
                                         tasks=data["tasks"], reports=reports, targets=data["targets"])
    return services.issue_plan(province_officer, plan)


def _flat(nodes, out=None):
    out = [] if out is None else out
    for node in nodes:
        out.append((node["label"], node["title"]))
        _flat(node["children"], out)
    return out


def _reimport(plan, render, suffix, tmp_path):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(render(build_document(plan)))
    return parse_file(path)


def _same_structure(plan, result, sections=True):
    assert result["number"] == plan.number_symbol
    assert result["date"] == plan.issued_on.isoformat()
    assert result["doc_type"] == plan.doc_type
    assert result["title"] == " ".join(plan.title.split())
    assert result["signer"] == {"authority": plan.signer_authority, "title": plan.signer_title,
                                "name": plan.signer_name}
    assert result["recipients"] == [r.text for r in plan.recipients.all()] + [f"Lưu: {plan.archive}"]
    expected = [(s.label, " ".join(s.title.split())) for s in plan.sections.all()]
    got = _flat(result["sections"])
    assert [label for label, _ in got] == [label for label, _ in expected]
    if sections:
        assert got == expected


def test_province_plan_round_trips_through_docx(imported_plan, tmp_path):
    result = _reimport(imported_plan, render_docx, ".docx", tmp_path)
    _same_structure(imported_plan, result)
    groups = sorted({t.group for t in imported_plan.targets.all()})
    # one target per clause, each knowing the numbered item it came from
    assert len({t["item"] for t in result["targets"]}) == len(groups) == 6
    assert len(result["targets"]) == imported_plan.targets.count()
    assert [t["value"] for t in result["targets"]][:2] == [200, 100]
    assert [r["number"] for r in result["references"]] == [r.number for r in imported_plan.references.filter(
        kind="basis")]
    assert [d["date"] for d in result["deadlines"]] == ["2026-06-10", "2026-11-15"]


def test_province_plan_round_trips_through_pdf(imported_plan, tmp_path):
    # PDF text loses paragraph boundaries at page and line ends; labels, header and Nơi nhận survive
    _same_structure(imported_plan, _reimport(imported_plan, render_pdf, ".pdf", tmp_path), sections=False)


def test_cascaded_commune_plan_round_trips(imported_plan, dong_phuc_officer, tree, tmp_path):
    plan = cascade_plan(dong_phuc_officer, imported_plan, tree.dong_phuc)
    services.update_plan(dong_phuc_officer, plan, {"number": "12", "issued_on": datetime.date(2026, 3, 25),
                                                   "signer_title": "CHỦ TỊCH", "signer_name": "Hoàng Văn Dũng"})
    services.issue_plan(dong_phuc_officer, plan)
    result = _reimport(plan, render_docx, ".docx", tmp_path)
    _same_structure(plan, result)
    assert result["place"] == "Đồng Phúc"
    assert result["references"][0]["number"] == "59/KH-MTTQ-BTT"
