"""Writes to the committees register: setting a committee up, renewing it (kiện toàn), its members. Every write
is scoped, audited and transactional; edits carry the row's version (core.concurrency)."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.models import Role
from accounts import scope
from core.concurrency import claim_version
from core.formatting import format_date
from units.models import Level

from .models import Committee, CommitteeKind, Member, Term

COMMITTEE_LEVELS = (Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
MEMBER_COLUMNS = ("Họ và tên", "Chức danh trong ban", "Chức vụ, cơ quan")


def today():
    return timezone.localdate()


def can_keep(user, unit) -> bool:
    return scope.can_keep(user, unit, COMMITTEE_LEVELS)


def require_keep(user, unit):
    scope.require_keep(user, unit, COMMITTEE_LEVELS,
                       who="Chỉ cán bộ Mặt trận của đơn vị mới thành lập, kiện toàn các ban.",
                       where="Các ban được thành lập ở cấp xã trở lên.")


def parse_members(text: str, field: str = "members") -> list[dict]:
    """Members typed one a line: “Họ và tên; Chức danh trong ban; Chức vụ, cơ quan” (“;”, “|” or a tab between
    the parts). Errors name the line and the part; an empty text is no member."""
    errors, members = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in re.split(r"[;|\t]", raw)]
        parts = (parts + ["", "", ""])[:3] if len(parts) <= 3 else parts
        if len(parts) > 3:
            errors.append(f"Dòng {number}: có {len(parts)} phần; chỉ ghi {len(MEMBER_COLUMNS)} phần "
                          f"({'; '.join(MEMBER_COLUMNS)}).")
            continue
        name, position, office = parts
        for value, label, limit in ((name, MEMBER_COLUMNS[0], 120), (position, MEMBER_COLUMNS[1], 120),
                                    (office, MEMBER_COLUMNS[2], 200)):
            if label != MEMBER_COLUMNS[2] and not value:
                errors.append(f"Dòng {number}, phần “{label}”: chưa ghi.")
            elif len(value) > limit:
                errors.append(f"Dòng {number}, phần “{label}”: dài quá {limit} ký tự.")
        members.append({"full_name": " ".join(name.split()), "position": position, "office": office})
    if errors:
        raise ValidationError({field: errors})
    return members


def _dates(decided_on, started_on):
    if decided_on is None:
        raise ValidationError({"decided_on": "Ghi ngày quyết định."})
    started_on = started_on or decided_on
    if started_on < decided_on:
        raise ValidationError({"started_on": "Ngày hiệu lực không được trước ngày quyết định."})
    return decided_on, started_on


def _add_members(actor, term: Term, members: list[dict], start: datetime.date, order: int = 0) -> list[Member]:
    made = []
    for k, m in enumerate(members, start=order + 1):
        member = Member.objects.create(term=term, started_on=start, order=k, **m)
        audit.created(actor, member, unit=term.committee.unit)
        made.append(member)
    return made


@transaction.atomic
def establish(actor, unit, kind: CommitteeKind, *, decided_on, started_on=None, decision_number="", name="",
              members="", note="") -> Committee:
    """Set a committee up (quyết định thành lập): the committee, its first term and its members."""
    require_keep(actor, unit)
    if kind is None or not kind.is_active:
        raise ValidationError({"kind": "Chọn loại ban."})
    if Committee.objects.filter(unit=unit, kind=kind).exists():
        raise ValidationError({"kind": f"{unit.name} đã có {kind.name}; hãy kiện toàn ban đó."})
    decided_on, started_on = _dates(decided_on, started_on)
    people = parse_members(members) if isinstance(members, str) else list(members)
    if not people:
        raise ValidationError({"members": "Ghi ít nhất một thành viên (mỗi dòng một người)."})
    committee = Committee.objects.create(unit=unit, kind=kind, name=(name or "").strip() or kind.name)
    audit.created(actor, committee)
    term = Term.objects.create(committee=committee, number=1, decided_on=decided_on, started_on=started_on,
                               decision_number=decision_number.strip(), note=note.strip(), created_by=actor)
    audit.created(actor, term, unit=unit)
    _add_members(actor, term, people, started_on)
    _changed(unit, started_on)
    return committee


def _changed(unit, start):
    """Terms of this unit changed from `start` on (a term runs open-ended until the next renewal)."""
    from indicators.services import changed

    changed("committees", unit, start, None)


@transaction.atomic
def renew(actor, committee: Committee, version=None, *, decided_on, started_on=None, decision_number="",
          keep=(), members="", note="") -> Term:
    """Kiện toàn: close the current term the day before the new one starts, end-date its members, open a new
    term with the kept members (`keep`: ids of current members) and the new ones."""
    require_keep(actor, committee.unit)
    claim_version(committee, version)
    current = Term.objects.select_for_update().filter(committee=committee, ended_on__isnull=True).first()
    decided_on, started_on = _dates(decided_on, started_on)
    if current is not None and started_on <= current.started_on:
        raise ValidationError({"started_on": f"Ngày hiệu lực phải sau ngày bắt đầu lần trước "
                                             f"({format_date(current.started_on)})."})
    people = parse_members(members) if isinstance(members, str) else list(members)
    kept = []
    if current is not None:
        keep = {int(k) for k in keep}
        open_members = list(current.members.filter(ended_on__isnull=True))
        unknown = keep - {m.pk for m in open_members}
        if unknown:
            raise ValidationError({"keep": "Chỉ giữ lại được thành viên đang trong ban."})
        kept = [{"full_name": m.full_name, "position": m.position, "office": m.office}
                for m in open_members if m.pk in keep]
        end = started_on - datetime.timedelta(days=1)
        for m in open_members:
            before = audit.snapshot(m)
            m.ended_on = end
            m.save(update_fields=["ended_on"])
            audit.updated(actor, m, before, unit=committee.unit, verb="kết thúc khi kiện toàn")
        before = audit.snapshot(current)
        current.ended_on = end
        current.save(update_fields=["ended_on"])
        audit.updated(actor, current, before, unit=committee.unit, verb="kết thúc khi kiện toàn")
    if not kept and not people:
        raise ValidationError({"members": "Ban sau kiện toàn phải có ít nhất một thành viên."})
    number = (committee.terms.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    term = Term.objects.create(committee=committee, number=number, is_renewal=True, decided_on=decided_on,
                               started_on=started_on, decision_number=decision_number.strip(), note=note.strip(),
                               created_by=actor)
    audit.created(actor, term, unit=committee.unit)
    _add_members(actor, term, kept + people, started_on)
    _changed(committee.unit, current.ended_on if current is not None else started_on)
    return term


@transaction.atomic
def update_term(actor, term: Term, version=None, *, decision_number, decided_on, note="") -> Term:
    require_keep(actor, term.committee.unit)
    if decided_on is None:
        raise ValidationError({"decided_on": "Ghi ngày quyết định."})
    if decided_on > term.started_on:
        raise ValidationError({"decided_on": "Ngày quyết định không được sau ngày hiệu lực "
                                             f"({format_date(term.started_on)})."})
    before = audit.snapshot(term)
    claim_version(term, version)
    term.decision_number, term.decided_on, term.note = decision_number.strip(), decided_on, note.strip()
    term.save(update_fields=["decision_number", "decided_on", "note", "version"])
    audit.updated(actor, term, before, unit=term.committee.unit)
    return term


def _open_term(term: Term):
    if term.ended_on is not None:
        raise ValidationError("Lần này đã kết thúc; chỉ sửa thành viên của ban hiện tại.")


@transaction.atomic
def add_member(actor, term: Term, *, full_name, position, office="", started_on=None) -> Member:
    require_keep(actor, term.committee.unit)
    _open_term(term)
    errors = {}
    if not full_name.strip():
        errors["full_name"] = "Ghi họ và tên."
    if not position.strip():
        errors["position"] = "Ghi chức danh trong ban."
    started_on = started_on or today()
    if started_on < term.started_on:
        errors["started_on"] = f"Không được trước ngày hiệu lực của ban ({format_date(term.started_on)})."
    if errors:
        raise ValidationError(errors)
    order = (term.members.order_by("-order").values_list("order", flat=True).first() or 0)
    return _add_members(actor, term, [{"full_name": " ".join(full_name.split()), "position": position.strip(),
                                       "office": office.strip()}], started_on, order)[0]


@transaction.atomic
def update_member(actor, member: Member, version=None, *, full_name, position, office="", ended_on=None) -> Member:
    """Correct a member's details, or end their membership (ended_on: left the committee during the term)."""
    require_keep(actor, member.term.committee.unit)
    _open_term(member.term)
    errors = {}
    if not full_name.strip():
        errors["full_name"] = "Ghi họ và tên."
    if not position.strip():
        errors["position"] = "Ghi chức danh trong ban."
    if ended_on is not None and ended_on < member.started_on:
        errors["ended_on"] = f"Không được trước ngày bắt đầu ({format_date(member.started_on)})."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(member)
    claim_version(member, version)
    member.full_name, member.position, member.office = " ".join(full_name.split()), position.strip(), office.strip()
    member.ended_on = ended_on
    member.save()
    audit.updated(actor, member, before, unit=member.term.committee.unit)
    return member


# --- Kinds (administrators) ----------------------------------------------------------------------------------

def require_admin(user):
    if not (user.is_superuser or user.role == Role.ADMIN):
        raise PermissionDenied("Chỉ quản trị mới sửa danh mục các loại ban.")


@transaction.atomic
def save_kind(actor, kind: CommitteeKind, **data) -> CommitteeKind:
    require_admin(actor)
    code = (data.get("code") or "").strip()
    if CommitteeKind.objects.filter(code=code).exclude(pk=kind.pk).exists():
        raise ValidationError({"code": f"Mã “{code}” đã có."})
    before = audit.snapshot(kind) if kind.pk else None
    for name, value in data.items():
        setattr(kind, name, value.strip() if isinstance(value, str) else value)
    kind.full_clean()
    kind.save()
    if before is None:
        audit.created(actor, kind)
    else:
        audit.updated(actor, kind, before)
    return kind
