"""Query parameters read one way everywhere: a bad value is a 4xx with a Vietnamese message, never a 500.

    to_pk(value)                 an object id, or Http404 (ids that cannot exist are simply "not found")
    query_pk(request, name)      the same for ?name=…; None when absent
    query_int(request, name, …)  an integer in [minimum, maximum], the default when absent, BadRequest otherwise
    query_year(request, …)       a year in 1900–2100
    query_text(request, name)    free text (search boxes): NFC, trimmed, capped; control characters dropped

`RejectControlCharactersMiddleware` refuses, with 400, any query parameter holding NUL or another control
character (PostgreSQL refuses NUL in text and raises DataError), so a view that reads `request.GET` directly
cannot be made to fail that way either.
"""

import unicodedata

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponseBadRequest

MAX_PK = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1900, 2100
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}


def to_pk(value) -> int:
    """`value` as a database id; Http404 when it cannot be one (text, negative, too large)."""
    value = getattr(value, "pk", value)  # a model instance stands for its id
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not text.isascii() or not text.isdigit():
            raise Http404("Không tìm thấy: mã không hợp lệ.")
        number = int(text)
    if not 1 <= number <= MAX_PK:
        raise Http404("Không tìm thấy: mã không hợp lệ.")
    return number


def query_pk(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return to_pk(value) if value.strip() else None


def query_int(request, name: str, default=None, minimum: int = 0, maximum: int = 2**31 - 1, label: str = ""):
    value = request.GET.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.lstrip("-").isdigit()) or len(value) > 12:
        raise BadRequest(f"Tham số “{label or name}” phải là một số nguyên.")
    number = int(value)
    if not minimum <= number <= maximum:
        raise BadRequest(f"Tham số “{label or name}” phải trong khoảng {minimum}–{maximum}.")
    return number


def query_year(request, name: str = "nam", default=None) -> int | None:
    return query_int(request, name, default, MIN_YEAR, MAX_YEAR, label="năm")


def clean_text(value: str, max_length: int = 200) -> str:
    text = "".join(c for c in unicodedata.normalize("NFC", value or "") if c not in _CONTROL)
    return text.strip()[:max_length]


def query_text(request, name: str = "q", max_length: int = 200) -> str:
    return clean_text(request.GET.get(name, ""), max_length)


def has_control_characters(text: str) -> bool:
    return any(c in _CONTROL for c in text)


class RejectControlCharactersMiddleware:
    """400 for a query string carrying NUL or another control character in a name or a value."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if has_control_characters(key) or any(has_control_characters(v) for v in values):
                return HttpResponseBadRequest("Tham số trên địa chỉ chứa ký tự điều khiển không hợp lệ.",
                                              content_type="text/plain; charset=utf-8")
        return self.get_response(request)
