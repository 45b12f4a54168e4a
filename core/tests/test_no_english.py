"""No English a user can see: every GET page of the resolver (the permission table's URLs, ids from a small
fixture tree with one row of every register) as every role, and every form page posted empty (Django's own
error messages), searched for English UI words in visible text and in placeholders, titles and labels."""

import re
from html.parser import HTMLParser

import pytest

from accounts import permissions
from accounts.tests.test_permissions import full_paths, rows  # noqa: F401  (the fixture)

# Words Django, browsers' defaults or a forgotten template would show in English.
ENGLISH = ["Select", "Submit", "Save", "Cancel", "Delete", "Search", "Next", "Previous", "Page", "of", "Yes",
           "No", "None", "Unknown", "required", "This field", "Enter a valid", "Ensure this value", "Choose",
           "Clear", "Currently", "Change", "Upload", "Download", "Login", "Log in", "Logout", "Password",
           "Username", "Error", "Invalid", "invalid", "Please", "Filter", "Edit", "Add", "Back", "Home",
           "Loading", "Close", "Open", "Show", "Hide", "Total", "Name", "Date", "Status", "Action", "Actions",
           "Select an option", "Forbidden", "Not Found", "Server Error", "True", "False", "null", "undefined",
           "NaN", "January", "February", "March", "April", "June", "July", "August", "September", "October",
           "November", "December", "Monday", "Sunday", "midnight", "noon", "a.m.", "p.m."]
PATTERN = re.compile(r"(?<![\w/.#@-])(" + "|".join(re.escape(w) for w in sorted(ENGLISH, key=len, reverse=True))
                     + r")(?![\w/@-])")
ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
# Pages that are not doanket's own UI: the API's interactive documentation is for programmers (ninja's own page).
NOT_UI = {"api-1.0.0:openapi-view", "api-1.0.0:openapi-json"}


class Visible(HTMLParser):
    """Text a person sees: element text outside script/style/code, and the attributes read out or shown."""

    SKIP = {"script", "style", "code", "pre", "kbd", "samp", "template"}

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        attrs = dict(attrs)
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.parts.append(data)


def english_in(html: str) -> list[str]:
    parser = Visible()
    parser.feed(html)
    found = []
    for part in parser.parts:
        for match in PATTERN.finditer(part):
            found.append(f"“{match.group(1)}” in “{part.strip()[:80]}”")
    return found


def test_the_word_list_catches_django_defaults_and_not_vietnamese():
    assert english_in("<select><option>- Select an option -</option></select>")
    assert english_in('<input placeholder="Search">') and english_in("<p>Page 1 of 3</p>")
    assert english_in("<li>This field is required.</li>") and english_in("<td>None</td>")
    assert not english_in("<p>Trang 1/3 · Tìm kiếm · Lưu · Hủy · Có · Không · Không rõ</p>")
    assert not english_in('<a href="/api/docs">API</a><code>None</code><script>var x = null;</script>')


def _pages(rows):  # noqa: F811
    return {name: path for name, path in full_paths(rows).items() if name not in NOT_UI and name != "logout"}


def _reachable(client, rows, officer):  # noqa: F811
    """The permission test's paths, with the unit swapped where a page wants another level (a dashboard of the
    commune, an area's page): the first variant the province officer can open."""
    t = rows.tree
    pages = {}
    for name, path in _pages(rows).items():
        variants = [path, path.replace("/1/", f"/{t.dong_phuc.pk}/", 1),
                    path.replace(f"/{t.dong_phuc.pk}/", f"/{t.na_hai.pk}/", 1),
                    path.replace(f"/{t.dong_phuc.pk}/", f"/{t.province.pk}/", 1),
                    path.replace("/1/", f"/{t.province.pk}/", 1)]
        pages[name] = path
        if permissions.TABLE[name].public:
            client.logout()
        else:
            client.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")
        for variant in dict.fromkeys(variants):
            if client.get(variant).status_code not in (404, 405):
                pages[name] = variant
                break
    return pages


def _html(response):
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


@pytest.mark.django_db
def test_no_page_shows_english_to_any_role(client, rows, tree, dong_phuc_officer, na_hai_head,  # noqa: F811
                                           org_officer, leader, province_admin, province_officer):
    people = [None, province_officer, dong_phuc_officer, na_hai_head, org_officer, leader, province_admin]
    pages = _reachable(client, rows, province_officer)
    leaks, seen = [], 0
    for person in people:
        client.logout()
        if person is not None:
            client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        role = person.role if person else "khách"
        for name, path in pages.items():
            rule = permissions.TABLE[name]
            if person is None and not rule.public or person is not None and person.role not in rule.read:
                continue
            response = client.get(path)
            if not _html(response):
                continue
            seen += 1
            for leak in english_in(response.content.decode()):
                leaks.append(f"{role} GET {path} ({name}): {leak}")
    print(f"{seen} pages read")
    assert seen > 300
    assert not leaks, "\n".join(sorted(set(leaks)))


@pytest.mark.django_db
def test_form_errors_are_vietnamese(client, rows, tree, dong_phuc_officer, province_admin):  # noqa: F811
    """Every form page posted empty, then with nonsense in every box: Django's messages come back Vietnamese."""
    pages = _pages(rows)
    leaks, refused = [], 0
    for person in (dong_phuc_officer, province_admin):
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        for name, path in pages.items():
            rule = permissions.TABLE[name]
            if rule.read != rule.write or person.role not in rule.write or rule.public:
                continue  # only form pages (read == write): action buttons may really do something
            for data in ({}, {"nonsense": "1"}):
                response = client.post(path, data)
                if _html(response):
                    html = response.content.decode()
                    refused += "Trường này là bắt buộc." in html
                    for leak in english_in(html):
                        leaks.append(f"{person.role} POST {path} ({name}): {leak}")
    assert refused > 20  # the forms really were refused, with Django's message in Vietnamese
    assert not leaks, "\n".join(sorted(set(leaks)))
