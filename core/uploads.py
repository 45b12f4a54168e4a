"""Every file a user uploads is read here, and only here.

    UploadError             the one error of every reader: a list of Vietnamese messages naming the file problem
                            or the row and column (a ValidationError, so forms and services show it as they are)
    read_bytes(upload)      the bytes of an upload, refused by its size before it is read into memory
    read_table(name, data)  rows of an XLSX or CSV sheet, bounded in rows, columns, cell length and unzipped size
    prepare_image(upload)   a photo or a scan decoded by Pillow and re-encoded as JPEG under a random name
    check_attachment(...)   a PDF, DOCX or image attachment: what its bytes say it is, within size limits
    check_plan_document()   a .docx/.pdf/.txt plan before text extraction: unzipped size, parts, pages
    serve(fieldfile, …)     a stored upload sent back with a fixed type, Content-Disposition and nosniff
    stage / staged          what a user reviews between upload and save, kept server-side (core.StagedUpload)

Nothing here trusts the file's name beyond choosing which reader to try; stored files get random names.
"""

import csv
import datetime
import io
import os
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

TABLE_MAX_BYTES = 5 * 1024 * 1024
TABLE_MAX_ROWS = 10_000
TABLE_MAX_COLUMNS = 40
CELL_MAX_CHARS = 2_000
XLSX_MAX_UNZIPPED = 30 * 1024 * 1024  # all parts together
XLSX_MAX_SHEET = 15 * 1024 * 1024  # the first sheet's XML
ZIP_MAX_PARTS = 500

IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 60_000_000  # refused before decoding (decompression bombs)
PHOTO_LONGEST_SIDE = 1600
SCAN_LONGEST_SIDE = 2480  # an A4 page at 300 dpi stays readable
JPEG_QUALITY = 82

DOCX_MAX_UNZIPPED = 30 * 1024 * 1024
DOCX_MAX_DOCUMENT_XML = 3 * 1024 * 1024  # a long plan is < 1 MB; 45 MB of XML took minutes to parse
PDF_MAX_PAGES = 100
PLAN_MAX_TEXT_CHARS = 200_000  # the longest real plan is ~30,000; parsing costs ~60 µs a character

_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}


class UploadError(ValidationError):
    """A file that cannot be taken, with every reason in Vietnamese. Nothing has been written."""

    def __init__(self, errors, field=None):
        errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__({field: errors} if field else errors)
        self.errors = errors

    def __str__(self):
        return " ".join(self.errors)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    return size


def _mb(size: int) -> str:
    """Megabytes the Vietnamese way: "10 MB", "5,3 MB"."""
    text = f"{size / 1024 / 1024:.1f}".removesuffix(".0")
    return text.replace(".", ",") + " MB"


# --- spreadsheets -------------------------------------------------------------------------------------------

def read_bytes(upload, max_bytes: int = TABLE_MAX_BYTES) -> bytes:
    """The upload's bytes, refused by its size before anything is read into memory."""
    size = _size(upload)
    if size > max_bytes:
        raise UploadError(f"Tệp quá lớn ({_mb(size)}); chỉ nhận tệp tối đa {_mb(max_bytes)}.")
    upload.seek(0)
    return upload.read()


def read_table(filename: str, content: bytes, *, typed: bool = False, allowed=(".xlsx", ".csv"),
               max_rows: int = TABLE_MAX_ROWS, max_columns: int = TABLE_MAX_COLUMNS) -> list[list]:
    """The first sheet of an XLSX, or a CSV, as rows of cells (trailing blank rows and cells dropped).

    Cells are NFC text (stripped; whole floats written without ".0"; dates as dd/mm/yyyy). With `typed`, XLSX
    numbers and dates keep their type and only text is cleaned. Bounded: at most `max_rows` rows and `max_columns`
    columns with data, CELL_MAX_CHARS per cell; a NUL anywhere is refused with its row and column.
    """
    ext = os.path.splitext(filename or "")[1].lower()
    kinds = " hoặc ".join(allowed)
    if ext not in allowed:
        raise UploadError(f"Sai loại tệp: chỉ nhận {kinds} (hãy dùng tệp mẫu tải về từ doanket).")
    if not content:
        raise UploadError("Tệp rỗng, không có dòng nào.")
    if len(content) > TABLE_MAX_BYTES:
        raise UploadError(f"Tệp quá lớn ({_mb(len(content))}); chỉ nhận tệp tối đa {_mb(TABLE_MAX_BYTES)}.")
    if ext == ".xlsx":
        raw = _xlsx_rows(content, max_rows, max_columns)
    else:
        raw = _csv_rows(content, max_rows, max_columns)
    rows = []
    for number, row in enumerate(raw, start=1):
        cells = [_cell(value, number, index, typed) for index, value in enumerate(row)]
        while cells and cells[-1] in ("", None):
            cells.pop()
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows  # possibly empty: each importer says which header row it expected


def _cell(value, row: int, column: int, typed: bool):
    where = f"Dòng {row}, cột {column_letter(column)}"
    if value is None:
        return None if typed else ""
    if isinstance(value, bool):
        value = "có" if value else "không"
    if isinstance(value, (int, float)):
        if typed:
            return value
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value if typed else value.strftime("%d/%m/%Y")
    text = str(value)
    if "\x00" in text:
        raise UploadError(f"{where}: ô chứa ký tự rỗng (NUL), không phải chữ; hãy gõ lại ô này.")
    if len(text) > CELL_MAX_CHARS:
        raise UploadError(f"{where}: ô dài {len(text)} ký tự, vượt quá {CELL_MAX_CHARS} ký tự cho phép.")
    text = "".join(c for c in text if c not in _CONTROL)
    return unicodedata.normalize("NFC", text).strip()


def check_zip(content: bytes, label: str, max_unzipped: int, limits: dict | None = None) -> zipfile.ZipFile:
    """An opened zip (XLSX, DOCX) after checking its declared sizes; `limits` caps single parts by name."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UploadError(f"Không đọc được tệp {label}: tệp hỏng hoặc không đúng định dạng {label} (không giải nén "
                          "được).")
    if len(infos) > ZIP_MAX_PARTS:
        raise UploadError(f"Tệp {label} có {len(infos)} phần bên trong, quá nhiều (tối đa {ZIP_MAX_PARTS}).")
    total = sum(i.file_size for i in infos)
    if total > max_unzipped:
        raise UploadError(f"Tệp {label} giải nén ra {_mb(total)}, vượt quá {_mb(max_unzipped)}: tệp có thể bị "
                          "hỏng hoặc độc hại.")
    for info in infos:
        limit = (limits or {}).get(info.filename)
        if limit and info.file_size > limit:
            raise UploadError(f"Tệp {label} có phần nội dung giải nén ra {_mb(info.file_size)}, vượt quá "
                              f"{_mb(limit)}: tệp có thể bị hỏng hoặc độc hại.")
    return archive


def _xlsx_rows(content: bytes, max_rows: int, max_columns: int):
    import openpyxl

    archive = check_zip(content, "XLSX", XLSX_MAX_UNZIPPED)
    sheets = [i for i in archive.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
    if any(i.file_size > XLSX_MAX_SHEET for i in sheets):
        raise UploadError(f"Trang tính trong tệp XLSX quá lớn (hơn {_mb(XLSX_MAX_SHEET)} khi giải nén).")
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        # The declared <dimension> is the file's claim, not a fact: A1:XFD1048576 would make openpyxl pad
        # a million rows of 16,384 cells. Forget it and read only the cells that are there.
        sheet.reset_dimensions()
        rows = []
        blank_run = 0
        # One column past the limit is read, to say so when a row goes on; cells further right are never built.
        for number, row in enumerate(sheet.iter_rows(max_col=max_columns + 1, values_only=True), start=1):
            data = list(row[:max_columns])
            if any(c not in (None, "") for c in row[max_columns:]):
                raise UploadError(f"Dòng {number}: có dữ liệu ở cột {column_letter(max_columns)} trở đi; mẫu chỉ có "
                                  f"tối đa {max_columns} cột.")
            if not any(c not in (None, "") for c in data):
                blank_run += 1
                if blank_run > max_rows:
                    break  # a million formatted blank rows: the data has ended
                rows.append([])
                continue
            blank_run = 0
            if number > max_rows + 1:
                raise UploadError(f"Tệp có hơn {max_rows:,} dòng dữ liệu (dòng {number}); hãy chia thành nhiều "
                                  "tệp nhỏ hơn.".replace(",", "."))
            rows.append(data)
        book.close()
        return rows
    except UploadError:
        raise
    except Exception:  # openpyxl raises many kinds for broken packages (KeyError, XML errors, TypeError…)
        raise UploadError("Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel (.xlsx).")


def decode_text(content: bytes, label: str = "CSV") -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM or CP1258 (Vietnamese Windows); anything else refused."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if content.startswith(bom):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError:
                raise UploadError(f"Tệp {label} ghi bảng mã {encoding.upper()} nhưng nội dung bị hỏng; hãy lưu lại "
                                  "với bảng mã UTF-8.")
    if b"\x00" in content and content.count(b"\x00") <= max(4, len(content) // 1000):
        try:
            return content.decode("utf-8")  # a few stray NULs in text: the cell check names row and column
        except UnicodeDecodeError:
            pass
    if b"\x00" in content:
        line = content[:content.index(b"\x00")].count(b"\n") + 1
        raise UploadError(f"Dòng {line}: tệp {label} chứa ký tự rỗng (NUL) — có thể là tệp nhị phân hoặc UTF-16 "
                          "không có BOM. Hãy lưu lại với bảng mã UTF-8.")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1258")
    except UnicodeDecodeError:
        raise UploadError(f"Không đọc được tệp {label}: bảng mã không phải UTF-8, UTF-16 hay Windows-1258. Hãy "
                          "lưu lại với bảng mã UTF-8 (Excel: Lưu thành → CSV UTF-8).")
    # Binary garbage also decodes as CP1258: real text has few control characters.
    if sum(1 for c in text if c in _CONTROL) > max(2, len(text) // 100):
        raise UploadError(f"Tệp {label} không phải văn bản (có nhiều ký tự điều khiển); hãy xuất lại từ Excel "
                          "dạng CSV UTF-8.")
    return text


def _csv_rows(content: bytes, max_rows: int, max_columns: int):
    text = decode_text(content)
    first = next((line for line in text.splitlines() if line.strip()), "")
    # The header line decides: one column has no delimiter at all (csv.Sniffer raised on that).
    delimiter = max((";", "\t", ","), key=lambda d: (first.count(d), d == ","))
    rows = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, row in enumerate(reader, start=1):
            if number > max_rows + 1 and any(c.strip() for c in row):
                raise UploadError(f"Tệp có hơn {max_rows:,} dòng dữ liệu (dòng {number}); hãy chia thành nhiều tệp "
                                  "nhỏ hơn.".replace(",", "."))
            if len(row) > max_columns and any(c.strip() for c in row[max_columns:]):
                raise UploadError(f"Dòng {number}: có dữ liệu ở cột {column_letter(max_columns)} trở đi; mẫu chỉ có "
                                  f"tối đa {max_columns} cột.")
            rows.append(row[:max_columns])
    except csv.Error as exc:
        raise UploadError(f"Dòng {reader.line_num}: tệp CSV sai cấu trúc ({exc}); hãy xuất lại từ Excel.")
    return rows


# --- images ---------------------------------------------------------------------------------------------

def prepare_image(upload, *, longest_side: int = PHOTO_LONGEST_SIDE, max_bytes: int = IMAGE_MAX_BYTES,
                  field: str | None = None, label: str = "Ảnh") -> ContentFile:
    """Decode with Pillow, turn upright, shrink and re-encode as JPEG under a random name.

    Whatever else the bytes held (a script after a JPEG header, EXIF, a second image) is gone: only pixels are kept.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = getattr(upload, "name", "") or "ảnh"
    size = _size(upload)
    if size > max_bytes:
        raise UploadError(f"{label} “{name}” nặng {_mb(size)}, vượt quá {_mb(max_bytes)} cho phép. Hãy chụp lại "
                          "với chất lượng thấp hơn hoặc chọn ảnh khác.", field)
    if size == 0:
        raise UploadError(f"Tệp “{name}” rỗng.", field)
    upload.seek(0)
    previous = Image.MAX_IMAGE_PIXELS
    try:
        Image.MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS
        with Image.open(upload) as probe:
            if probe.width * probe.height > IMAGE_MAX_PIXELS:
                raise UploadError(f"{label} “{name}” quá lớn ({probe.width}×{probe.height} điểm ảnh).", field)
            if probe.format not in ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "MPO"):
                raise UnidentifiedImageError(probe.format)
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            image = image.convert("RGB")
            image.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError,
            EOFError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError(f"Tệp “{name}” không phải ảnh đọc được (chỉ nhận ảnh JPEG, PNG, WebP).", field)
    finally:
        Image.MAX_IMAGE_PIXELS = previous
        upload.seek(0)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


# --- attachments (minutes, signed scans) ----------------------------------------------------------------

@dataclass
class Checked:
    """An accepted attachment: the file to store (random name) and the type to serve it with."""

    file: ContentFile
    content_type: str
    extension: str


PDF, DOCX, IMAGE = "pdf", "docx", "image"
_LABELS = {PDF: "PDF", DOCX: "DOCX", IMAGE: "ảnh (JPG, PNG)"}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def check_attachment(upload, *, kinds=(PDF, IMAGE), max_bytes: int = 5 * 1024 * 1024, field: str | None = None,
                     label: str = "Tệp") -> Checked:
    """Accept a PDF, a DOCX or an image by its bytes (not its name). Images are re-encoded (see prepare_image);
    PDF and DOCX are checked for structure and stored as they are, under a random name."""
    name = getattr(upload, "name", "") or "tệp"
    size = _size(upload)
    labels = [_LABELS[k] for k in kinds]
    wanted = ", ".join(labels[:-1]) + " hoặc " + labels[-1] if len(labels) > 1 else labels[0]
    if size == 0:
        raise UploadError(f"{label} “{name}” rỗng.", field)
    if size > max_bytes:
        raise UploadError(f"{label} “{name}” nặng {_mb(size)}, quá giới hạn {_mb(max_bytes)}.", field)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if IMAGE in kinds and (head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n")):
        image = prepare_image(upload, longest_side=SCAN_LONGEST_SIDE, max_bytes=max_bytes, field=field, label=label)
        return Checked(image, "image/jpeg", ".jpg")
    content = upload.read()
    upload.seek(0)
    if PDF in kinds and head.startswith(b"%PDF-"):
        if b"%%EOF" not in content[-2048:]:
            raise UploadError(f"{label} “{name}” là PDF bị cắt dở (thiếu phần kết thúc tệp); hãy tải lên lại.", field)
        return Checked(ContentFile(content, name=f"{uuid.uuid4().hex}.pdf"), "application/pdf", ".pdf")
    if DOCX in kinds and head.startswith(b"PK\x03\x04"):
        archive = check_zip(content, "DOCX", DOCX_MAX_UNZIPPED, {"word/document.xml": DOCX_MAX_DOCUMENT_XML})
        if "word/document.xml" not in archive.namelist():
            raise UploadError(f"{label} “{name}” là tệp nén nhưng không phải văn bản Word (.docx).", field)
        return Checked(ContentFile(content, name=f"{uuid.uuid4().hex}.docx"), DOCX_TYPE, ".docx")
    raise UploadError(f"{label} “{name}” không phải {wanted} (nội dung tệp không đúng định dạng).", field)


# --- plan documents (text extracted by plans.importer) ----------------------------------------------------

def check_plan_document(path: str) -> None:
    """Refuse, before any parsing, a .docx or .pdf whose size would make text extraction run for minutes."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        with open(path, "rb") as fh:
            archive = check_zip(fh.read(), "DOCX", DOCX_MAX_UNZIPPED, {"word/document.xml": DOCX_MAX_DOCUMENT_XML})
        archive.close()
    elif head.startswith(b"%PDF"):
        try:
            from pypdf import PdfReader

            pages = len(PdfReader(path).pages)
        except Exception:
            raise UploadError("Tệp PDF bị hỏng, không đọc được nội dung.")
        if pages > PDF_MAX_PAGES:
            raise UploadError(f"Tệp PDF có {pages} trang, quá {PDF_MAX_PAGES} trang: không phải một văn bản kế hoạch.")


def check_plan_text(text: str) -> str:
    if "\x00" in text:
        raise UploadError("Văn bản chứa ký tự rỗng (NUL): tệp không phải văn bản thuần đọc được.")
    if len(text) > PLAN_MAX_TEXT_CHARS:
        raise UploadError(f"Văn bản dài {len(text):,} ký tự, quá dài cho một kế hoạch (tối đa "
                          f"{PLAN_MAX_TEXT_CHARS:,}).".replace(",", "."))
    return text


# --- serving --------------------------------------------------------------------------------------------

def serve(fieldfile, content_type: str, filename: str = "", inline: bool = True):
    """A stored upload as a response whose type never comes from the file's name or bytes."""
    from django.http import FileResponse, Http404

    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Không tìm thấy tệp.")
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline,
                            filename=filename or os.path.basename(fieldfile.name))
    if inline and "Content-Disposition" not in response:
        response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- staging (what a user reviews between upload and save) ------------------------------------------------

STAGED_KEEP = datetime.timedelta(days=1)


def stage(user, kind: str, name: str, text: str, data: dict) -> str:
    """Keep a file's text and extraction server-side for its owner; returns the random token for the next URL.
    The owner's older stagings of the same kind, and anyone's older than a day, are dropped."""
    import secrets

    from django.utils import timezone

    from .models import StagedUpload

    StagedUpload.objects.filter(owner=user, kind=kind).delete()
    StagedUpload.objects.filter(created_at__lt=timezone.now() - STAGED_KEEP).delete()
    token = secrets.token_urlsafe(24)
    StagedUpload.objects.create(token=token, owner=user, kind=kind, name=name[:255], text=text, data=data)
    return token


def staged(user, kind: str, token: str):
    """The owner's staging with this token, or None (expired, saved, someone else's)."""
    from django.utils import timezone

    from .models import StagedUpload

    if not token or not user.is_authenticated:
        return None
    return StagedUpload.objects.filter(owner=user, kind=kind, token=token[:43],
                                       created_at__gte=timezone.now() - STAGED_KEEP).first()
