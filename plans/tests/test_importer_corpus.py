"""The importer on 18 real documents (15 openings in ../shared/corpus, the 3 seeds), field by field against
our own gold annotations (plans/tests/gold/*.json). The floors only go up: raise them when the score rises."""

import copy

import pytest

from plans import importer_score
from plans.importer import parse_file

# overall / corpus / seeds scores measured on text files (bench/RESULTS.md); never lower these
FLOOR_OVERALL = 0.99
FLOOR_CORPUS = 0.99
FLOOR_SEEDS = 0.99
FLOOR_PDF = 0.99  # the same documents as PDFs made from their Word layout

SHARED = importer_score.shared_dir()
needs_corpus = pytest.mark.skipif(SHARED is None, reason="the shared corpus (../shared/corpus and seeds) is not here")


@pytest.fixture(scope="module")
def text_score():
    return importer_score.run(parse_file, shared=SHARED)


def test_every_gold_file_names_a_document_and_every_field():
    golds = importer_score.load_gold()
    assert len(golds) == 18
    for gold in golds:
        assert gold["source"].startswith(("corpus/", "seeds/"))
        assert set(importer_score.FIELDS) <= set(gold)


@needs_corpus
def test_every_gold_file_has_its_document_in_the_shared_directory():
    for gold in importer_score.load_gold():
        assert (SHARED / gold["source"]).is_file(), gold["source"]


@needs_corpus
def test_the_corpus_score_on_text_files_is_not_below_the_floor(text_score):
    report = importer_score.format_report(text_score)
    assert text_score["overall"] >= FLOOR_OVERALL, report
    assert text_score["corpus"] >= FLOOR_CORPUS, report
    assert text_score["seeds"] >= FLOOR_SEEDS, report


@needs_corpus
def test_a_wrong_field_costs_points_and_is_listed_as_a_miss():
    gold = importer_score.load_gold()[0]
    result = parse_file(SHARED / gold["source"])
    perfect = importer_score.score_document(gold, result).score
    spoiled = copy.deepcopy(result)
    spoiled["number"] = "1/XX"
    spoiled["references"] = []
    scored = importer_score.score_document(gold, spoiled)
    assert scored.score < perfect
    assert {"number", "references"} <= {name for name, *_ in scored.misses}


def test_target_clauses_are_matched_on_every_attribute():
    gold = [{"value": 100, "comparator": ">=", "is_percent": True, "scope": "share_of_areas", "organisation": None,
             "measure": "great_unity_day_held", "item": "II.4."}]
    same = [dict(gold[0], text="100% khu dân cư tổ chức Ngày hội")]
    other_scope = [dict(gold[0], scope="total")]
    assert importer_score.score_targets(gold, same) == 1
    assert importer_score.score_targets(gold, other_scope) == pytest.approx(6 / 7)
    assert importer_score.score_targets(gold, same + same) == 0.5  # an invented clause halves it
    assert importer_score.score_targets([], []) == 1


def test_issuers_compare_with_abbreviations_expanded():
    assert importer_score.norm("UBND xã Tam Phước") == importer_score.norm("Ủy ban nhân dân xã Tam Phước")
    assert importer_score.norm("Ban Thường trực Uỷ ban MTTQ") == importer_score.norm("Ban Thường trực Ủy ban Mặt trận Tổ quốc")


# --- real files: the same documents as Word files (header in a two-column table) and as PDFs with a text layer


@needs_corpus
def test_the_same_score_on_word_files_with_the_header_in_a_table(tmp_path):
    result = importer_score.run(importer_score.file_reader("docx", tmp_path), shared=SHARED)
    assert result["overall"] >= FLOOR_OVERALL, importer_score.format_report(result)


@needs_corpus
def test_the_same_score_on_pdfs_with_a_text_layer(tmp_path):
    from documents.nd30 import find_pdf_fonts

    if not find_pdf_fonts():
        pytest.skip("no font with Vietnamese letters to make the PDFs")
    result = importer_score.run(importer_score.file_reader("pdf", tmp_path), shared=SHARED)
    assert result["overall"] >= FLOOR_PDF, importer_score.format_report(result)


def test_a_scanned_pdf_gets_a_clear_vietnamese_message(tmp_path):
    from plans import importer_files
    from plans.importer import PlanImportError

    path = importer_files.scanned_pdf(tmp_path / "ban-quet.pdf")
    with pytest.raises(PlanImportError) as exc:
        parse_file(path)
    assert "không có lớp văn bản" in str(exc.value) and "OCR" in str(exc.value)


def test_a_30_page_word_plan_imports_in_under_3_seconds_and_300_mb(tmp_path):
    import time
    import tracemalloc

    from plans import importer_files

    path = importer_files.long_docx(tmp_path / "ke-hoach-30-trang.docx", pages=30)
    start = time.perf_counter()
    result = parse_file(path)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    parse_file(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result["number"] == "59/KH-MTTQ-BTT" and len(result["targets"]) == 12
    assert elapsed < 3.0, f"{elapsed:.2f} s"
    assert peak < 300 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"
