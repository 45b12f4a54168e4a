"""The recognition register in the spine: cultural titles (ND 86/2023) and commendations."""

from indicators.catalogue import DTVM, NTM
from indicators.registers import MeasureDef, Register, register

from . import derived


@register
class RecognitionRegister(Register):
    code = "recognition"
    name = "Sổ danh hiệu văn hóa và khen thưởng"
    measures = [
        MeasureDef("families_total", "Tổng số hộ gia đình được bình xét danh hiệu Gia đình văn hóa", "count", "area",
                   "sum", "hộ", 2, order=30,
                   description="Từ danh hiệu văn hóa xã nhập theo khu dân cư; năm danh hiệu là năm có ngày 31/12 "
                               "trong kỳ."),
        MeasureDef("cultural_families", "Số hộ đạt danh hiệu Gia đình văn hóa", "count", "area", "sum", "hộ", 2,
                   ((NTM, 5),), order=31),
        MeasureDef("cultural_families_rate", "Tỷ lệ hộ đạt danh hiệu Gia đình văn hóa", "ratio", "area", "ratio",
                   "%", 2, ((NTM, 5),), numerator="cultural_families", denominator="families_total", scale=100,
                   order=32),
        MeasureDef("cultural_area", "Khu dân cư đạt danh hiệu Thôn, Tổ dân phố văn hóa", "bool", "area",
                   "count_yes", "khu dân cư", 2, ((NTM, 5), (DTVM, 7)), order=33),
        MeasureDef("exemplary_communes", "Xã, phường đạt danh hiệu tiêu biểu", "bool", "commune", "count_yes", "xã",
                   2, order=33),
        MeasureDef("awards_decided", "Số tập thể, cá nhân được khen thưởng trong Cuộc vận động", "count", "any",
                   "sum", "lượt", 2, order=37),
    ]

    def compute(self, measure_code, period, units):
        return derived.compute(measure_code, period, units)
