"""Committees: set up with members, renewed keeping history, members typed one a line with errors by line."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from committees import integrity, services
from committees.models import Committee, Member, Term

D = datetime.date


def test_establishing_makes_the_first_term_with_its_members(committee):
    term = committee.current_term
    assert (term.number, term.is_renewal, term.started_on) == (1, False, D(2025, 1, 20))
    assert [m.position for m in term.members.all()] == ["Trưởng ban", "Phó Trưởng ban", "Thành viên"]
    assert committee.name == "Ban vận động Quỹ “Vì người nghèo”"


def test_one_committee_of_a_kind_per_unit(dong_phuc_officer, tree, committee, poor_kind):
    with pytest.raises(ValidationError) as e:
        services.establish(dong_phuc_officer, tree.dong_phuc, poor_kind, decided_on=D(2026, 1, 1),
                           members="A; Trưởng ban; X")
    assert "kiện toàn" in e.value.message_dict["kind"][0]


def test_renewal_ends_the_old_term_and_keeps_its_history(dong_phuc_officer, committee):
    old = committee.current_term
    keep = [m.pk for m in old.members.exclude(full_name="Hà Văn Tuấn")]
    term = services.renew(dong_phuc_officer, committee, committee.version, decided_on=D(2026, 2, 10),
                          decision_number="08/QĐ-MTTQ-BTT", keep=keep,
                          members="Lý Văn Đông; Phó Trưởng ban; Phó Chủ tịch UBND xã")
    old.refresh_from_db()
    assert old.ended_on == D(2026, 2, 9)
    assert set(old.members.values_list("ended_on", flat=True)) == {D(2026, 2, 9)}
    assert (term.number, term.is_renewal) == (2, True)
    assert [m.full_name for m in term.members.all()] == ["Ma Thị Lan", "Nông Văn Bình", "Lý Văn Đông"]
    assert Member.objects.filter(term__committee=committee).count() == 6  # nothing deleted
    assert all(failure is None for _, failure in integrity.checks())


def test_a_renewal_before_the_current_term_is_refused_and_nothing_changes(dong_phuc_officer, committee):
    with pytest.raises(ValidationError) as e:
        services.renew(dong_phuc_officer, committee, None, decided_on=D(2024, 5, 1), members="A; Trưởng ban; X")
    assert "started_on" in e.value.message_dict
    assert Term.objects.filter(committee=committee, ended_on__isnull=True).count() == 1
    assert Term.objects.count() == 1


def test_a_stale_renewal_form_is_refused(dong_phuc_officer, committee):
    seen = committee.version
    services.renew(dong_phuc_officer, committee, seen, decided_on=D(2026, 2, 10), members="A; Trưởng ban; X")
    stale = Committee.objects.get(pk=committee.pk)
    stale.version = seen
    with pytest.raises(ValidationError):
        services.renew(dong_phuc_officer, stale, seen, decided_on=D(2026, 3, 10), members="B; Trưởng ban; Y")
    assert Term.objects.filter(committee=committee).count() == 2


def test_members_are_typed_one_a_line_with_errors_by_line():
    assert services.parse_members("Nguyễn Văn An | Trưởng ban | Chủ tịch\n\nLê B;Thành viên") == [
        {"full_name": "Nguyễn Văn An", "position": "Trưởng ban", "office": "Chủ tịch"},
        {"full_name": "Lê B", "position": "Thành viên", "office": ""}]
    with pytest.raises(ValidationError) as e:
        services.parse_members("Nguyễn Văn An\n; Trưởng ban; X\nA;B;C;D")
    assert e.value.message_dict["members"] == [
        "Dòng 1, phần “Chức danh trong ban”: chưa ghi.", "Dòng 2, phần “Họ và tên”: chưa ghi.",
        "Dòng 3: có 4 phần; chỉ ghi 3 phần (Họ và tên; Chức danh trong ban; Chức vụ, cơ quan)."]


def test_a_member_leaves_during_the_term(dong_phuc_officer, committee):
    member = committee.current_term.members.get(full_name="Nông Văn Bình")
    services.update_member(dong_phuc_officer, member, member.version, full_name=member.full_name,
                           position=member.position, office=member.office, ended_on=D(2025, 9, 1))
    assert Member.objects.get(pk=member.pk).ended_on == D(2025, 9, 1)
    with pytest.raises(ValidationError):
        services.update_member(dong_phuc_officer, member, None, full_name="X", position="Y",
                               ended_on=D(2024, 1, 1))


def test_another_communes_officer_cannot_renew(other_officer, committee):
    with pytest.raises(Http404):
        services.renew(other_officer, committee, None, decided_on=D(2026, 1, 1), members="A; Trưởng ban; X")


def test_integrity_finds_two_open_terms(committee):
    Term.objects.create(committee=committee, number=2, decided_on=D(2026, 1, 1), started_on=D(2026, 1, 1),
                        ended_on=D(2026, 1, 2))
    failures = {name: failure for name, failure in integrity.checks()}
    assert failures["Các lần thành lập, kiện toàn của một ban nối tiếp nhau"]
