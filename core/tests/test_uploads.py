"""core.uploads: the one reader of every uploaded file (issue 13 items 1, 2, 10, 11)."""

import io
import time
import tracemalloc

import openpyxl  # noqa: F401  (imported before tracemalloc starts, so only reading is measured)
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads
from core.uploads import UploadError, read_table

from . import corpus

ROWS = [["Mã khu dân cư", "Tên khu dân cư"], ["01", "Thôn Nà Hai"], ["02", "Xóm Khau Piềng"]]


def _refused(name, content, **kw) -> str:
    with pytest.raises(UploadError) as exc:
        read_table(name, content, **kw)
    return str(exc.value)


def test_the_dimension_bomb_is_read_as_the_one_row_it_holds_in_little_time_and_memory():
    started = time.monotonic()
    read_table("ds.xlsx", corpus.dimension_bomb())
    elapsed = time.monotonic() - started
    tracemalloc.start()
    rows = read_table("ds.xlsx", corpus.dimension_bomb())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert rows == [["Mã khu dân cư"]]
    assert elapsed < 5 and peak < 50 * 1024 * 1024


def test_a_cell_a_million_rows_down_is_not_padded_into_a_million_rows():
    tracemalloc.start()
    rows = read_table("ds.xlsx", corpus.far_row_bomb())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert rows == [["Mã"]] and peak < 50 * 1024 * 1024


def test_an_xlsx_that_unzips_to_too_much_is_refused_before_it_is_parsed():
    assert "giải nén" in _refused("ds.xlsx", corpus.zip_bomb_xlsx())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_csv_is_read_in_every_encoding_vietnamese_windows_writes(encoding):
    text = corpus.csv_text(ROWS)
    content = corpus.cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    assert read_table("ds.csv", content) == ROWS


def test_nfd_text_comes_out_nfc():
    assert read_table("ds.csv", corpus.csv_text([["Mã"], [corpus.NFD]]).encode())[1] == ["Thôn Nà Hai"]


def test_a_one_column_csv_is_read_without_guessing_a_dialect():
    assert read_table("ds.csv", "Mã khu dân cư\r\n01\r\n02\r\n".encode()) == [["Mã khu dân cư"], ["01"], ["02"]]


def test_a_semicolon_csv_from_a_european_excel_is_split_on_semicolons():
    assert read_table("ds.csv", corpus.csv_text(ROWS, ";").encode()) == ROWS


def test_a_nul_in_a_cell_is_refused_naming_the_row_and_column():
    content = corpus.csv_text([["Mã", "Tên"], ["01", "Thôn\x00 Nà Hai"]]).encode()
    assert _refused("ds.csv", content).startswith("Dòng 2, cột B:")


def test_an_unknown_encoding_or_binary_gets_a_vietnamese_message():
    assert "bảng mã" in _refused("ds.csv", "コード,名前\r\n".encode("shift_jis"))
    assert "NUL" in _refused("ds.csv", bytes(range(256)) * 8)


def test_rows_and_columns_are_bounded():
    many = corpus.csv_text([["Mã"]] + [[str(i)] for i in range(30)]).encode()
    assert "hơn 20 dòng" in _refused("ds.csv", many, max_rows=20)
    wide = corpus.csv_text([["x"] * 50]).encode()
    assert "cột AO" in _refused("ds.csv", wide)


def test_the_file_name_decides_only_which_reader_is_tried():
    assert "Sai loại tệp" in _refused("ds.html", b"<script>")
    assert "XLSX" in _refused("ds.xlsx", corpus.csv_text(ROWS).encode())


def test_a_script_behind_a_jpeg_signature_is_not_an_image():
    upload = SimpleUploadedFile("anh.html", b"\xff\xd8\xff<html><script>alert(1)</script></html>")
    with pytest.raises(UploadError, match="không phải ảnh"):
        uploads.prepare_image(upload)


def test_a_real_image_is_re_encoded_as_jpeg_under_a_random_name():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (3000, 1000), (255, 0, 0, 128)).save(buffer, "PNG")
    stored = uploads.prepare_image(SimpleUploadedFile("anh.html", buffer.getvalue()))
    assert stored.name.endswith(".jpg") and "anh" not in stored.name
    with Image.open(io.BytesIO(stored.read())) as image:
        assert image.format == "JPEG" and max(image.size) == uploads.PHOTO_LONGEST_SIDE


def test_a_pixel_bomb_is_refused():
    with pytest.raises(UploadError):
        uploads.prepare_image(SimpleUploadedFile("anh.png", corpus._pixel_bomb()))


def test_the_docx_bomb_is_refused_before_text_extraction(tmp_path):
    path = tmp_path / "kh.docx"
    path.write_bytes(corpus.docx_bomb(45))
    started = time.monotonic()
    with pytest.raises(UploadError, match="giải nén"):
        uploads.check_plan_document(str(path))
    assert time.monotonic() - started < 2
    path.write_bytes(corpus.docx_bomb(4))  # under the total, over the limit of document.xml
    with pytest.raises(UploadError, match="giải nén"):
        uploads.check_plan_document(str(path))


@pytest.mark.parametrize("label, name, content", corpus.documents())
def test_every_bad_attachment_is_refused_with_a_vietnamese_message(label, name, content):
    with pytest.raises(UploadError) as exc:
        uploads.check_attachment(SimpleUploadedFile(name, content), kinds=(uploads.PDF, uploads.DOCX, uploads.IMAGE))
    assert "tệp" in str(exc.value).lower()


def test_an_oversized_upload_is_refused_by_its_size_before_it_is_read():
    class Huge(io.BytesIO):
        size = 6 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("read before the size was checked")

    with pytest.raises(UploadError, match="quá lớn"):
        uploads.read_bytes(Huge(b""))
