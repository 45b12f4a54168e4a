"""Consistency of the committees register, for `python manage.py check_integrity`:

- a committee has at most one open term, and the terms follow each other (each ends before the next starts);
- members of an ended term are end-dated within it; every member's dates lie inside their term.
"""

from django.db.models import Count, F, Q

from .models import Committee, Member, Term


def _examples(items, n=5):
    items = list(items)
    return ", ".join(str(i) for i in items[:n]) + (f" … ({len(items)} mục)" if len(items) > n else "")


def open_terms():
    return [str(c) for c in Committee.objects.annotate(
        n=Count("terms", filter=Q(terms__ended_on__isnull=True))).exclude(n=1).select_related("unit")]


def overlapping_terms():
    bad, last = [], {}
    for t in Term.objects.order_by("committee_id", "number").select_related("committee"):
        prev = last.get(t.committee_id)
        if prev is not None and (prev.ended_on is None or prev.ended_on >= t.started_on):
            bad.append(str(t))
        last[t.committee_id] = t
    return bad


def members_outside_term():
    ended_open = Member.objects.filter(term__ended_on__isnull=False, ended_on__isnull=True)
    before = Member.objects.filter(started_on__lt=F("term__started_on"))
    after = Member.objects.filter(term__ended_on__isnull=False, ended_on__gt=F("term__ended_on"))
    return [f"{m} (lần {m.term.number})" for m in (ended_open | before | after).distinct().select_related("term")]


def checks():
    for name, finder in (
        ("Mỗi ban có đúng một lần đang hiệu lực", open_terms),
        ("Các lần thành lập, kiện toàn của một ban nối tiếp nhau", overlapping_terms),
        ("Thành viên của mỗi lần có ngày trong thời gian của lần đó", members_outside_term),
    ):
        found = finder()
        yield name, (_examples(found) if found else None)
