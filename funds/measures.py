"""The fund books on the spine: Quỹ “Vì người nghèo” receipts, spending and peak-month receipts per unit that
keeps a book (province, commune), summed up the tree."""

from indicators.registers import MeasureDef, Register, register

from . import derived


@register
class FundsRegister(Register):
    code = "funds"
    name = "Sổ quỹ"
    measures = [MeasureDef(code=code, name=name, value_type="money", level="any", aggregation="sum",
                           unit_label="đồng", content=1, order=40 + i)
                for i, (code, (name, _fn)) in enumerate(derived.MEASURES.items())]

    def compute(self, measure_code, period, units):
        return derived.MEASURES[measure_code][1](period, units)
