"""The lists a migration seeds and administrators keep; the menu entries."""

from budget.models import FundingSource, SpendingItem
from committees.models import CommitteeKind
from core.registry import nav_group_of


def test_the_migrations_seed_the_tt121_items_the_sources_and_the_committee_kinds(db):
    assert SpendingItem.objects.filter(basis="Thông tư 121/2017/TT-BTC").count() >= 10
    assert set(FundingSource.objects.values_list("kind", flat=True)) == {"state", "socialised", "other"}
    names = set(CommitteeKind.objects.values_list("name", flat=True))
    assert {"Ban vận động Quỹ “Vì người nghèo”", "Ban vận động cứu trợ"} <= names
    assert any(n.startswith("Ban Chỉ đạo Cuộc vận động") for n in names)


def test_menu_entries_sit_in_their_groups_and_not_for_an_area_head(dong_phuc_officer, na_hai_head, tree):
    from budget.links import nav as budget_nav
    from committees.links import nav as committees_nav

    (label, url), = budget_nav(dong_phuc_officer)
    assert label == "Kinh phí" and nav_group_of(url) == "Quỹ & an sinh"
    (label, url), = committees_nav(dong_phuc_officer)
    assert nav_group_of(url) == "Sổ theo dõi"
    assert budget_nav(na_hai_head) == [] and committees_nav(na_hai_head) == []
