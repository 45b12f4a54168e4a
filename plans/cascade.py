"""From an issued plan of the level above to a unit's own plan, in one step (see cascade_plan)."""

from units.models import Level

LEVEL_WORD = {Level.PROVINCE: "tỉnh", Level.DISTRICT: "huyện", Level.COMMUNE: "xã"}


def level_word(unit) -> str:
    """'tỉnh', 'thành phố', 'xã', 'phường', 'đặc khu' … as the unit calls itself."""
    name = unit.name
    for word in ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu", "Thị trấn", "Huyện", "Quận", "Thị xã"):
        if name.startswith(word + " "):
            return word.lower()
    return LEVEL_WORD.get(unit.level, "")


def bodies_for(unit) -> tuple[str, str, str]:
    """(parent body for the header, issuer as written in a sentence, place) for the unit's MTTQ."""
    word = level_word(unit)
    short = unit.short_name
    parent_body = f"ỦY BAN MTTQ VIỆT NAM {word.upper()} {short.upper()}".replace("  ", " ")
    if unit.level == Level.PROVINCE:
        issuer = f"Ban Thường trực Ủy ban MTTQ {word}"
    else:
        issuer = f"Ban Thường trực Ủy ban MTTQ {word} {short}"
    return parent_body, issuer, short
