"""Re-derive registers' measures for every unit, set-based (after adding a measure to a register, or to repair
what `check_integrity` names), then rebuild the aggregates of those periods."""

from django.core.management.base import BaseCommand, CommandError

from campaign.models import Period
from indicators.registers import all_registers
from indicators.services import derive_all


class Command(BaseCommand):
    help = "Tính lại các chỉ số của sổ theo dõi cho mọi đơn vị (mọi kỳ, hoặc một sổ/một kỳ)."

    def add_arguments(self, parser):
        parser.add_argument("--register", action="append", help="mã sổ (initiatives, welfare …); mặc định: mọi sổ")
        parser.add_argument("--period", action="append", help="mã kỳ (2026, 2026-h1 …); mặc định: mọi kỳ")

    def handle(self, *args, register=None, period=None, **options):
        known = all_registers()
        for code in register or []:
            if code not in known:
                raise CommandError(f"Không có sổ theo dõi “{code}” (có: {', '.join(sorted(known))}).")
        periods = None
        if period:
            periods = list(Period.objects.filter(code__in=period))
            missing = set(period) - {p.code for p in periods}
            if missing:
                raise CommandError(f"Không có kỳ: {', '.join(sorted(missing))}.")
        written = derive_all(register, periods)
        self.stdout.write(f"Đã tính lại: {written} giá trị thay đổi.")
