"""Task follow-up in a browser: the province gives a task to a commune, the commune updates it on a phone with a
photo as evidence."""

import datetime
import io

import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_commune_updates_its_task_on_a_phone(page_for, province_plan, province_officer, dong_phuc_officer, tree,
                                               tmp_path):
    from PIL import Image

    from plans import services

    plan = services.issue_plan(province_officer, province_plan)
    task = plan.tasks.get()

    province = page_for(province_officer)
    province.goto(f"{province.base_url}/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/")
    province.select_option("#id_assigned_unit", str(tree.dong_phuc.pk))
    province.fill("#id_deadline", "2026-04-20")
    province.click("button:has-text('Lưu giao việc')")
    province.wait_for_load_state("networkidle")
    assert "Đã giao nhiệm vụ" in province.content()

    photo = tmp_path / "bien-ban.jpg"
    Image.new("RGB", (800, 600), (200, 220, 240)).save(photo, "JPEG")
    commune = page_for(dong_phuc_officer, phone=True)
    commune.goto(f"{commune.base_url}/ke-hoach/nhiem-vu-duoc-giao/?loc=qua-han")
    commune.click(f"text={task.text[:30]}")
    commune.wait_for_load_state("networkidle")
    commune.select_option("#id_status", "done")
    commune.fill("#id_progress_note", "Đã ban hành kế hoạch số 12/KH-MTTQ-BTT ngày 25/3/2026.")
    commune.fill("#id_done_on", "2026-03-25")
    commune.set_input_files("#id_evidence", str(photo))
    screenshot(commune, "plans-task-phone")
    commune.click("button:has-text('Lưu tiến độ')")
    commune.wait_for_load_state("networkidle")
    assert "Đã cập nhật tiến độ" in commune.content() and "bien-ban.jpg" in commune.content()
    task.refresh_from_db()
    assert task.status == "done" and task.done_on == datetime.date(2026, 3, 25) and task.evidence_type == "image/jpeg"
