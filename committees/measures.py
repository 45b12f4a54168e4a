"""The committees register in the spine (docs/registers.md): committees in force (a term running in the period)
and committees renewed (a renewal taking effect in the period), each committee counted once, at the unit that set
it up, rolled up the tree. Kinds are data, so the measures count every kind; a page splits by kind itself."""

from django.db.models import Q

from indicators.registers import CountDistinct, Derivation, During, Register, Running, register

from .models import Term

REGISTER = "committees"


@register
class CommitteesRegister(Register):
    code = REGISTER
    name = "Sổ các ban vận động"
    derivations = [
        Derivation("committees_in_force", model=Term, unit="committee__unit",
                   window=Running("started_on", "ended_on"), aggregate=CountDistinct("committee")),
        Derivation("committees_renewed", model=Term, unit="committee__unit", window=During("started_on"),
                   filter=Q(is_renewal=True), aggregate=CountDistinct("committee")),
    ]
