"""The activities register in the spine: the measures it derives (claiming the catalogue's codes)."""

from indicators.registers import MeasureDef, Register, register

from . import derived

NTM, DTVM = "ntm-xa-2026-2030", "dtvm-2022"


@register
class ActivitiesRegister(Register):
    code = "activities"
    name = "Sổ hoạt động"
    measures = [
        MeasureDef("great_unity_day_held", "Khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc", "bool", "area",
                   "count_yes", "khu dân cư", 2, ((NTM, 5),), order=34),
        MeasureDef("great_unity_day_participants", "Số người tham dự Ngày hội Đại đoàn kết toàn dân tộc", "count",
                   "area", "sum", "người", 2, order=35),
        MeasureDef("festivals", "Số hoạt động liên hoan văn hóa, thể thao có tính cộng đồng", "count", "any", "sum",
                   "hoạt động", 2, ((NTM, 5), (DTVM, 7)), order=36),
        MeasureDef("commendation_events", "Số hoạt động biểu dương, khen thưởng mô hình tự quản của Nhân dân", "count",
                   "any", "sum", "hoạt động", 2, order=37),
        MeasureDef("covenant_civilised_rules", "Khu dân cư có mô hình nếp sống văn minh (việc cưới, việc tang, môi "
                   "trường) được đưa vào hương ước, quy ước", "bool", "area", "count_yes", "khu dân cư", 4,
                   ((NTM, 10), (DTVM, 4)), order=50),
        MeasureDef("propaganda_integrated", "Ban Công tác Mặt trận lồng ghép tuyên truyền môi trường, phòng chống tội "
                   "phạm, tệ nạn xã hội, nếp sống văn minh vào sinh hoạt khu dân cư", "bool", "area", "count_yes",
                   "khu dân cư", 4, ((NTM, 10),), order=51),
    ]

    def compute(self, measure_code, period, units):
        values = derived.COMPUTE[measure_code](period, units)
        definition = next(d for d in self.measures if d.code == measure_code)
        if not definition.by_organisation:
            values = {k: v for k, v in values.items() if k[1] is None}
        return values
