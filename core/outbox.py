"""The phone's outbox: create forms that a residential-area head may fill with no signal.

`static/js/outbox.js` keeps such a form's fields in IndexedDB with its one-time key (`once`, see
`core.concurrency`) and posts them when the connection returns, with the header `X-Doanket-Outbox: 1`. The view
answers that post in JSON instead of a page:

- ``{"ok": true, "message": …, "url": …}``: the row was created (HTTP 201);
- ``{"ok": true, "duplicate": true, …}``: the same item came again (a resend after a lost answer): the row made
  by the first send is the answer, nothing new is created (HTTP 200);
- ``{"ok": false, "message": …, "errors": {field: [messages]}}``: refused, in Vietnamese, naming the field
  (HTTP 400); nothing was written.
"""

from django.contrib import messages
from django.http import JsonResponse

from .concurrency import AlreadySubmitted

HEADER = "X-Doanket-Outbox"


def wanted(request) -> bool:
    return request.method == "POST" and request.headers.get(HEADER) == "1"


def accepted(request, message: str, url: str) -> JsonResponse:
    messages.success(request, message)  # shown on the page the form goes to next
    return JsonResponse({"ok": True, "duplicate": False, "message": message, "url": url}, status=201)


def duplicate(request, exc: AlreadySubmitted, url: str) -> JsonResponse:
    obj = exc.object
    message = "Mục này đã được nhận trước đó" + (f" ({obj})" if obj is not None else "") + \
        "; không tạo thêm bản ghi."
    return JsonResponse({"ok": True, "duplicate": True, "message": message, "url": url})


def refused(form) -> JsonResponse:
    """A form the server refused: every message names its field (the label the person saw)."""
    errors, lines = {}, []
    for name, field_errors in form.errors.items():
        texts = [str(e) for e in field_errors]
        errors[name] = texts
        label = form.fields[name].label if name in form.fields else ""
        lines += [f"{label}: {t}" if label else t for t in texts]
    message = "Máy chủ từ chối: " + " ".join(lines) if lines else "Máy chủ từ chối mục này."
    return JsonResponse({"ok": False, "message": message, "errors": errors}, status=400)
