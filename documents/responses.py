"""Django responses for generated files, with Vietnamese file names that every browser keeps."""

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"


def ascii_filename(filename: str) -> str:
    """'Kế hoạch 2026.docx' -> 'Ke_hoach_2026.docx' (the fallback for old clients)."""
    text = unicodedata.normalize("NFD", filename.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_")
    return text or "tai-lieu"


def content_disposition(filename: str, inline: bool = False) -> str:
    """RFC 6266/5987: an ASCII filename= fallback and the real UTF-8 name in filename*=."""
    filename = unicodedata.normalize("NFC", filename).replace("\r", " ").replace("\n", " ")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(content: bytes, filename: str, content_type: str, extension: str = "", inline: bool = False):
    if extension and not filename.lower().endswith(extension):
        filename += extension
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline)
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def docx_response(doc, filename: str):
    """An ND 30 document (documents.nd30.OfficialDocument) as a .docx download."""
    from documents.nd30 import render_docx

    return file_response(render_docx(doc), filename, DOCX_CONTENT_TYPE, ".docx")


def pdf_response(doc, filename: str, inline: bool = True):
    """The same document as PDF; shown in the browser by default (inline)."""
    from documents.nd30 import render_pdf

    return file_response(render_pdf(doc), filename, PDF_CONTENT_TYPE, ".pdf", inline=inline)
