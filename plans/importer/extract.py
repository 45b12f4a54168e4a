"""Text from .docx, .pdf and .txt files. Nothing in a file is ever executed: we only read text."""

import os
import zipfile

MAX_FILE_SIZE = 20 * 1024 * 1024
_MAX_UNZIPPED = 200 * 1024 * 1024


class PlanImportError(Exception):
    """The file cannot be read as a document. The message is Vietnamese, for the user."""


def extract_text(path) -> str:
    path = os.fspath(path)
    if not os.path.exists(path):
        raise PlanImportError(f"Không tìm thấy tệp “{path}”.")
    if os.path.isdir(path):
        raise PlanImportError(f"“{path}” là thư mục, không phải tệp văn bản.")
    size = os.path.getsize(path)
    if size > MAX_FILE_SIZE:
        raise PlanImportError(
            f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB). Chỉ nhận tệp tối đa 20 MB."
        )
    if size == 0:
        raise PlanImportError("Tệp rỗng, không có nội dung để nhập.")
    with open(path, "rb") as fh:
        head = fh.read(8)
    ext = os.path.splitext(path)[1].lower()
    if head.startswith(b"%PDF"):
        return pdf_text(path)
    if head.startswith(b"PK\x03\x04"):
        return docx_text(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanImportError(
            "Tệp Word cũ (.doc) chưa được hỗ trợ. Vui lòng mở bằng Word và lưu lại dưới dạng .docx."
        )
    if ext in (".pdf", ".docx", ".docm", ".dotx"):
        raise PlanImportError(f"Tệp có đuôi {ext} nhưng nội dung bị hỏng hoặc không đúng định dạng.")
    with open(path, "rb") as fh:
        return decode_text(fh.read())


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise PlanImportError("Tệp không phải văn bản thuần (.txt) đọc được.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Windows Vietnamese first; latin-1 never fails, so it comes last.
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# --- .docx -----------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def docx_text(path: str) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > _MAX_UNZIPPED:
                raise PlanImportError("Tệp .docx giải nén quá lớn, có thể bị hỏng hoặc độc hại.")
            if "word/document.xml" not in zf.namelist():
                raise PlanImportError("Tệp nén này không phải tài liệu Word (.docx).")
    except zipfile.BadZipFile as exc:
        raise PlanImportError("Tệp .docx bị hỏng, không mở được.") from exc
    import docx  # python-docx; its XML parser does not resolve external entities

    try:
        document = docx.Document(path)
    except Exception as exc:  # python-docx raises several kinds for broken packages
        raise PlanImportError("Tệp .docx bị hỏng hoặc không đúng định dạng Word.") from exc
    lines: list[str] = []
    _block_lines(document.element.body, lines)
    return "\n".join(lines)


def _block_lines(parent, lines: list[str]) -> None:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            boxes: list[str] = []
            lines.append(_paragraph_text(child, boxes))
            lines.extend(boxes)
        elif tag == _W + "tbl":
            _table_lines(child, lines)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                _block_lines(content, lines)
        elif tag in (_W + "customXml",):
            _block_lines(child, lines)


def _table_lines(tbl, lines: list[str]) -> None:
    rows = tbl.findall(_W + "tr")
    ncols = max((len(r.findall(_W + "tc")) for r in rows), default=0)
    for row in rows:
        cells = row.findall(_W + "tc")
        if ncols >= 3:
            # a data table: one line per row keeps each record together
            texts = []
            for tc in cells:
                sub: list[str] = []
                _block_lines(tc, sub)
                texts.append(" ".join(x.strip() for x in sub if x.strip()))
            if any(texts):
                lines.append(" | ".join(texts))
        else:
            # a layout table (ND 30 header, signature block): cell after cell
            for tc in cells:
                _block_lines(tc, lines)
                lines.append("")


def _paragraph_text(p, boxes: list[str]) -> str:
    parts: list[str] = []
    _run_text(p, parts, boxes)
    return "".join(parts)


def _run_text(el, parts: list[str], boxes: list[str]) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in (_W + "del", _W + "moveFrom", _W + "instrText", _W + "delText", _MC + "Fallback"):
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "tab":
            parts.append("    ")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "txbxContent":
            sub: list[str] = []
            _block_lines(child, sub)
            boxes.extend(sub)
        else:
            _run_text(child, parts, boxes)


# --- .pdf ------------------------------------------------------------------


def pdf_text(path: str) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise PlanImportError("Tệp PDF được đặt mật khẩu, không đọc được.")
            except PlanImportError:
                raise
            except Exception as exc:
                raise PlanImportError("Tệp PDF được mã hóa, không đọc được.") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except PlanImportError:
        raise
    except Exception as exc:
        raise PlanImportError("Tệp PDF bị hỏng, không đọc được nội dung.") from exc
    text = "\n".join(pages)
    if sum(1 for c in text if c.isalpha()) < 20:
        raise PlanImportError(
            "Tệp PDF không có lớp văn bản (có thể là bản quét/ảnh chụp). "
            "Vui lòng dùng bản PDF xuất từ Word hoặc nhận dạng chữ (OCR) trước khi nhập."
        )
    return text
