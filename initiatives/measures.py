"""The initiatives register in the spine: the measures it derives (claiming the catalogue's codes)."""

from indicators.registers import MeasureDef, Register, register

from . import derived

NTM, DTVM = "ntm-xa-2026-2030", "dtvm-2022"


@register
class InitiativesRegister(Register):
    code = "initiatives"
    name = "Sổ mô hình, công trình, phần việc"
    measures = [
        MeasureDef("money_mobilised", "Tổng số tiền vận động (tiền và hiện vật quy ra tiền)", "money", "any", "sum",
                   "đồng", 1, by_organisation=True, order=17),
        MeasureDef("workdays_mobilised", "Số ngày công lao động Nhân dân đóng góp", "number", "any", "sum",
                   "ngày công", 1, order=18),
        MeasureDef("land_donated_m2", "Diện tích đất Nhân dân hiến", "number", "any", "sum", "m²", 1, ((NTM, 2),),
                   order=19),
        MeasureDef("pilot_models", "Số mô hình điểm (do chính cấp này xây dựng)", "count", "any", "sum", "mô hình", 1,
                   by_organisation=True, order=20),
        MeasureDef("pilot_models_province_level", "Số mô hình điểm cấp tỉnh do MTTQ tỉnh xây dựng", "count",
                   "province", "sum", "mô hình", 1, order=21),
        MeasureDef("pilot_models_welfare", "Số mô hình điểm về an sinh cộng đồng", "count", "any", "sum", "mô hình", 1,
                   ((NTM, 6),), by_organisation=True, order=22),
        MeasureDef("poverty_help_models", "Số mô hình giúp nhau giảm nghèo", "count", "any", "sum", "mô hình", 1,
                   ((NTM, 6),), by_organisation=True, order=23),
        MeasureDef("self_managed_models", "Số mô hình hoạt động tự quản tại cộng đồng", "count", "area", "sum",
                   "mô hình", 3, ((NTM, 8),), order=41),
        MeasureDef("community_works", "Số công trình, mô hình, phần việc thiết thực phục vụ cộng đồng", "count", "area",
                   "sum", "công trình", 3, ((NTM, 2), (NTM, 8)), order=42),
        MeasureDef("pilot_models_green_clean", "Số mô hình điểm khu dân cư tự quản “Sáng – Xanh – Sạch – Đẹp”",
                   "count", "any", "sum", "mô hình", 3, ((NTM, 8), (DTVM, 3)), order=43),
        MeasureDef("pilot_models_drugs_new", "Số mô hình điểm mới về phòng chống ma túy", "count", "any", "sum",
                   "mô hình", 4, ((NTM, 10), (DTVM, 4)), order=52),
        MeasureDef("security_self_managed_models", "Số mô hình tự quản về an ninh trật tự", "count", "area", "sum",
                   "mô hình", 4, ((NTM, 10), (DTVM, 4)), order=53),
    ]

    def compute(self, measure_code, period, units):
        values = derived.COMPUTE[measure_code](period, units)
        definition = next(d for d in self.measures if d.code == measure_code)
        if not definition.by_organisation:
            values = {k: v for k, v in values.items() if k[1] is None}
        return values
