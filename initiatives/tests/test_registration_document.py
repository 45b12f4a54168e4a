"""The registration list as a signed document: its narrow columns never break a word ("ST T", "01/06/2 026")
and it carries none of the upload's instructions ("cách nhau bởi dấu ;")."""

import datetime
import io
import unicodedata

import docx
import pytest
from django.urls import reverse

from initiatives.models import RegistrationDrive

from .helpers import make

D = datetime.date
# Times New Roman advance widths (em), enough to measure the longest unbreakable word of a cell.
NARROW = {"i": .278, "l": .278, "j": .278, "t": .278, "f": .333, "r": .333, "s": .389, "/": .278, ".": .25,
          ",": .25, ":": .278, ";": .278, "(": .333, ")": .333, "-": .333, "–": .5, "²": .3, "I": .333, "J": .389}
WIDE = {"m": .778, "w": .722, "M": .889, "W": .944, "N": .722, "D": .722, "H": .722, "Đ": .722, "G": .722}


def em_width(word: str) -> float:
    total = 0.0
    for ch in word:
        base = unicodedata.normalize("NFD", ch)[0]
        if base in NARROW:
            total += NARROW[base]
        elif base in WIDE:
            total += WIDE[base]
        elif base.isdigit():
            total += .5
        elif base.isupper():
            total += .667
        else:
            total += .5
    return total


@pytest.fixture
def drive_with_rows(tree):
    drive = RegistrationDrive.objects.create(unit=tree.dong_phuc, year=2026, deadline=D(2026, 2, 15))
    make(tree.na_hai, title="Tổ hợp tác chè an toàn", organisation=tree.hnd_dong_phuc, status="registered",
         started=D(2026, 6, 1), money=1_234_567_890, topics=["giam-ngheo"], drive=drive, workdays=12_345)
    return drive


def _document(client, drive, org):
    response = client.get(reverse("initiatives:drive_download", args=[drive.pk, org.pk, "docx"]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return docx.Document(io.BytesIO(content))


def test_no_word_of_the_list_is_broken_across_lines(client_for, dong_phuc_officer, tree, drive_with_rows):
    from documents.nd30 import CELL_PADDING_MM

    document = _document(client_for(dong_phuc_officer), drive_with_rows, tree.hnd_dong_phuc)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    widths_mm = [c.width.mm for c in table.rows[0].cells]
    assert sum(widths_mm) <= 253  # the landscape annex between its margins
    too_narrow = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    size_mm = (run.font.size.pt if run.font.size else 12) * 25.4 / 72
                    factor = 1.06 if run.bold or r == 0 else 1.0
                    for word in run.text.split():
                        need = em_width(word) * size_mm * factor + 2 * CELL_PADDING_MM
                        if need > widths_mm[c]:
                            too_narrow.append(f"row {r} col {c}: “{word}” needs {need:.1f} mm, has {widths_mm[c]:.1f}")
    assert not too_narrow, "\n".join(too_narrow)
    cells = [c.text for row in table.rows for c in row.cells]
    assert "01/06/2026" in cells and "1.234.567.890" in cells


def test_the_document_has_no_upload_instructions(client_for, dong_phuc_officer, tree, drive_with_rows):
    document = _document(client_for(dong_phuc_officer), drive_with_rows, tree.hnd_dong_phuc)
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for wording in ("cách nhau bởi", "dấu ;", "(x)", "để trống khi thêm mới", "(1–5)", "Mã số doanket"):
        assert wording not in text
    assert "Chủ đề" in text and "Mô hình điểm" in text
