"""The installable phone app of a residential-area head: the service worker, served from the site's root so that
it may control the area head's pages (a worker under /static/ could only control /static/).

The worker (template `core/sw.js`) loads Workbox from `static/vendor/workbox/` (copied there from the npm
registry's packages by `bin/setup`; never from a CDN), precaches the shell (styles, scripts, icons) and keeps the
last copy of the area head's pages (`OFFLINE_PAGES`) for when there is no signal. Without the Workbox files (npm
absent at set-up) there is no worker (404) and the pages work online only.
"""

import hashlib
import json

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse, HttpResponseNotFound
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

WORKBOX = "vendor/workbox/"
SHELL = ["css/doanket.css", "js/doanket.js", "js/outbox.js", "django_htmx/htmx-2.min.js", "img/logo.svg",
         "initiatives/registers.css", "initiatives/draft.js", "core/money-input.js", "pwa/manifest.webmanifest", "pwa/icon-192.png",
         "pwa/icon-512.png"]


def offline_prefixes() -> list[str]:
    """Where the area head works (URL prefixes): the worker keeps the last copy of these pages, network first."""
    def cut(url):
        return url[: url.rindex("/0/") + 1]

    return [reverse("activities:area_home"), cut(reverse("activities:add", args=["ngay_hoi", 0])),
            cut(reverse("activities:covenant_add", args=[0])), cut(reverse("initiatives:add", args=[0]))]


# Pages kept too, matched by pattern: an activity's page (to add photos to this year's Great Unity Day).
OFFLINE_PATTERNS = [r"^/hoat-dong/\d+/$"]


def offline_pages(user, unit, great_unity_day=None) -> list[str]:
    """The pages of one residential area that the phone keeps for offline use."""
    home = reverse("activities:area_home") if user.role == "area_head" else \
        reverse("activities:area_home_for", args=[unit.pk])
    pages = [home, reverse("activities:add", args=["ngay_hoi", unit.pk]),
             reverse("activities:covenant_add", args=[unit.pk]), reverse("initiatives:add", args=[unit.pk])]
    if great_unity_day is not None:
        pages.append(reverse("activities:detail", args=[great_unity_day.pk]))
    return pages


def _precache() -> tuple[str, str]:
    """(manifest JSON for Workbox, version) — a file's revision is a hash of its content."""
    entries, digest = [], hashlib.sha256()
    for path in SHELL:
        found = finders.find(path)
        revision = hashlib.sha256(open(found, "rb").read()).hexdigest()[:16] if found else None
        entries.append({"url": static(path), "revision": revision})
        digest.update(f"{path}:{revision}".encode())
    return json.dumps(entries), digest.hexdigest()[:12]


def available() -> bool:
    return finders.find(WORKBOX + "workbox-sw.js") is not None


@login_not_required  # the same script for everyone; the pages it keeps are fetched signed in
def service_worker(request):
    if not available():
        return HttpResponseNotFound("Chưa cài thư viện chạy khi mất mạng (npm).", content_type="text/plain")
    precache, version = _precache()
    body = render_to_string("core/sw.js", {
        "workbox": static(WORKBOX), "precache": precache, "version": version,
        "pages": json.dumps(offline_prefixes()), "patterns": json.dumps(OFFLINE_PATTERNS),
        "static_url": static(""),
    })
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # the browser checks for a new worker on every visit
    return response
