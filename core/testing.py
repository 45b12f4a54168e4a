"""Helpers shared by the tests of two people editing the same thing (stale pages, double submits)."""

import re

from django.test import Client


def hidden(response, name):
    """The value of a form's hidden field (a version, a once-token) on a page."""
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"biểu mẫu thiếu trường ẩn {name}"
    return match.group(1)


def two(first, second):
    """Two browsers, signed in as these two users."""
    a, b = Client(), Client()
    a.force_login(first, backend="django.contrib.auth.backends.ModelBackend")
    b.force_login(second, backend="django.contrib.auth.backends.ModelBackend")
    return a, b
