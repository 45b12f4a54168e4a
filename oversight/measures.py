"""The oversight register in the spine: supervisions, social critiques and recommendations (content 5)."""

from indicators.catalogue import DTVM, NTM
from indicators.registers import MeasureDef, Register, register

from . import derived

CONTENT = 5


@register
class OversightRegister(Register):
    code = "oversight"
    name = "Sổ giám sát, phản biện và kiến nghị"
    measures = [
        MeasureDef("supervisions_held", "Số cuộc giám sát", "count", "any", "sum", "cuộc", CONTENT,
                   ((NTM, 9), (DTVM, 9)), order=60,
                   description="Cuộc giám sát (mọi hình thức trừ phản biện) bắt đầu trong kỳ."),
        MeasureDef("social_critiques_held", "Số hoạt động phản biện xã hội", "count", "any", "sum", "hoạt động",
                   CONTENT, ((NTM, 9),), order=61),
        MeasureDef("recommendations_made", "Số kiến nghị sau giám sát", "count", "any", "sum", "kiến nghị", CONTENT,
                   order=62, description="Kiến nghị gửi trong kỳ."),
        MeasureDef("recommendations_answered_on_time", "Số kiến nghị được trả lời đúng hạn", "count", "any", "sum",
                   "kiến nghị", CONTENT, order=63,
                   description="Trong số kiến nghị gửi trong kỳ, số đã được trả lời không muộn hơn hạn."),
        MeasureDef("recommendations_answered_rate", "Tỷ lệ kiến nghị được trả lời đúng hạn", "ratio", "any",
                   "ratio", "%", CONTENT, numerator="recommendations_answered_on_time",
                   denominator="recommendations_made", scale=100, order=64),
        MeasureDef("recommendations_overdue", "Số kiến nghị quá hạn chưa được trả lời", "count", "any", "sum",
                   "kiến nghị", CONTENT, order=64,
                   description="Kiến nghị đã qua hạn mà chưa được trả lời, tính đến cuối kỳ (hoặc hôm nay nếu kỳ "
                               "chưa kết thúc)."),
    ]

    def compute(self, measure_code, period, units):
        return derived.compute(measure_code, period, units)
