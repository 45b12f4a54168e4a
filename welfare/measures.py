"""The welfare register on the spine: what the household list and the support records derive, per residential
area and period (see welfare/derived.py for the rules: distinct households, rate from its parts, not reported
is a missing key). Catalogue measures are claimed with the catalogue's own wording and criteria."""

from dataclasses import replace

from indicators.catalogue import MEASURES as CATALOGUE
from indicators.registers import MeasureDef, Register, register

from . import derived

_CATALOGUE = {d.code: d for d in CATALOGUE}


def _def(code, value_type="count", order=1000, **kw):
    if code in _CATALOGUE:  # claim it; captured per residential area, where the households are
        return replace(_CATALOGUE[code], level="area")
    name, unit_label, aggregation, _fn = derived.MEASURES[code]
    return MeasureDef(code=code, name=name, value_type=value_type, level="area", aggregation=aggregation,
                      unit_label=unit_label, content=1, order=order, **kw)


@register
class WelfareRegister(Register):
    code = "welfare"
    name = "Sổ hộ nghèo và hỗ trợ"
    measures = [
        _def("poor_households"),
        _def("poor_households_gifted"),
        _def("poor_households_gifted_rate"),
        _def("households_livelihood_supported"),
        _def("great_unity_houses_built"),
        _def("great_unity_houses_repaired"),
        _def("support_amount", "money", 20),
        _def("support_amount_from_funds", "money", 21),
        _def("support_amount_from_sponsors", "money", 22),
        _def("support_amount_from_organisations", "money", 23, by_organisation=True),
        _def("support_amount_houses", "money", 24),
        _def("support_amount_livelihood", "money", 25),
        _def("support_amount_gifts", "money", 26),
    ]

    def compute(self, measure_code, period, units):
        return derived.compute(measure_code, period, units)
