"""Errors as RFC 9457 problem documents (application/problem+json), with a Vietnamese message per field."""

import json

from django.http import HttpResponse

PROBLEM_TYPE = "https://doanket.vn/problems/"  # a stable name for the kind of problem, not fetched by anyone

TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Chưa xác thực",
    403: "Không có quyền",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    409: "Xung đột dữ liệu",
    413: "Dữ liệu quá lớn",
    422: "Dữ liệu không hợp lệ",
    429: "Gọi quá nhiều lần",
    500: "Lỗi máy chủ",
}
SLUGS = {400: "bad-request", 401: "unauthenticated", 403: "forbidden", 404: "not-found", 405: "method",
         409: "conflict", 413: "too-large", 422: "invalid", 429: "rate-limited", 500: "server-error"}

# pydantic's error types -> what a Vietnamese officer reads
PYDANTIC_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_parsing": "Phải là số.",
    "float_type": "Phải là số.",
    "decimal_parsing": "Phải là số.",
    "decimal_type": "Phải là số.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_long": "Dài quá mức cho phép.",
    "string_too_short": "Không được để trống.",
    "list_type": "Phải là một danh sách.",
    "too_long": "Danh sách dài quá mức cho phép.",
    "too_short": "Danh sách không được rỗng.",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "model_type": "Phải là một đối tượng JSON.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "date_parsing": "Phải là ngày dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Phải là ngày dạng YYYY-MM-DD.",
    "extra_forbidden": "Trường này không có trong định dạng.",
    "literal_error": "Giá trị không thuộc các giá trị cho phép.",
    "enum": "Giá trị không thuộc các giá trị cho phép.",
    "json_invalid": "Nội dung không phải JSON hợp lệ.",
    "greater_than_equal": "Giá trị nhỏ quá mức cho phép.",
    "less_than_equal": "Giá trị lớn quá mức cho phép.",
}


def field_path(loc) -> str:
    """('body', 'payload', 'values', 3, 'value') -> 'values[3].value' (where the client must look)."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "form", "cookie"):
        where = parts.pop(0)
        if where == "body" and parts and parts[0] == "payload":
            parts.pop(0)
        elif where != "body" and len(parts) > 1:
            parts.pop(0)  # the name of the parameter model
    text = ""
    for p in parts:
        text += f"[{p}]" if isinstance(p, int) else (f".{p}" if text else str(p))
    return text or "body"


def from_pydantic(errors) -> list[dict]:
    return [{"field": field_path(e.get("loc", ())),
             "message": PYDANTIC_MESSAGES.get(e.get("type", ""), "Giá trị không hợp lệ.")} for e in errors]


def response(status: int, detail: str, errors: list[dict] | None = None, **extra) -> HttpResponse:
    body = {"type": PROBLEM_TYPE + SLUGS.get(status, "error"), "title": TITLES.get(status, "Lỗi"),
            "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    body.update(extra)
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                        content_type="application/problem+json; charset=utf-8")
