"""The example script of docs/api.md, run as it is against a live server with a token."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db(transaction=True)


def example_script() -> str:
    text = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text()
    section = text.split("### Example", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S)[1]


def test_the_documented_script_reads_province_progress_and_writes_a_communes_values(
        live_server, tree, province_officer, api_measures, year, issue_token, tmp_path):
    from indicators.queries import reading
    from plans.models import Plan, Target

    plan = Plan.objects.create(unit=tree.province, title="Thực hiện Cuộc vận động năm 2026", number="59",
                               symbol="KH-MTTQ-BTT", status=Plan.Status.ISSUED, period=year)
    Target.objects.create(plan=plan, text="Trồng ít nhất 100 cây xanh", measure=api_measures["trees"],
                          scope="total", comparator=">=", threshold=100, period=year)
    script = tmp_path / "vi_du_api.py"
    script.write_text(example_script())
    env = {**os.environ, "DOANKET_URL": live_server.url, "DOANKET_TOKEN": issue_token(province_officer),
           "MEASURE": "api_trees_planted"}
    run = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "59/KH-MTTQ-BTT" in run.stdout and "[Chưa có số liệu]" in run.stdout
    assert "Xã Đồng Phúc: 2 giá trị gửi, 2 thay đổi" in run.stdout
    assert reading(api_measures["trees"], tree.dong_phuc, year).value == 21  # 10 + 11
    again = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert "[Chưa đạt]" in again.stdout and "2 giá trị gửi, 0 thay đổi" in again.stdout
