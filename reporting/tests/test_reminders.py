import datetime

from django.core.management import call_command

from reporting import reminders, services
from reporting.models import Reminder

from .conftest import NARRATIVES


def test_daily_run_reminds_before_the_due_date_once(h1_round, dong_phuc_officer, other_officer, province_officer,
                                                    mailoutbox):
    services.submit(dong_phuc_officer, h1_round.submissions.get(unit=dong_phuc_officer.unit), 0,
                    narratives=NARRATIVES)
    early = h1_round.due_date - datetime.timedelta(days=h1_round.remind_days_before + 1)
    assert reminders.due_reminders(early) == []
    on = h1_round.due_date - datetime.timedelta(days=2)
    call_command("send_reminders", date=on.isoformat())
    reminded = [m for m in mailoutbox if "Nhắc gửi" in m.subject]
    assert [m.to for m in reminded] == [[other_officer.email]]  # Đồng Phúc sent; the ward has no users
    assert "còn 2 ngày nữa đến hạn" in reminded[0].body
    digests = [m for m in mailoutbox if "Tổng hợp hằng ngày" in m.subject]
    assert [m.to for m in digests] == [[province_officer.email]]
    assert "đã gửi: 1" in digests[0].body and "Xã Đồng Phúc" in digests[0].body
    count = len(mailoutbox)
    call_command("send_reminders", date=on.isoformat())
    call_command("send_reminders", date=(on + datetime.timedelta(days=1)).isoformat())
    assert not [m for m in mailoutbox[count:] if "Nhắc gửi" in m.subject]  # before-due is sent once


def test_overdue_reminders_repeat_every_few_days(h1_round, other_officer, mailoutbox):
    due = h1_round.due_date
    for offset in range(1, 8):
        call_command("send_reminders", date=(due + datetime.timedelta(days=offset)).isoformat())
    days = sorted(Reminder.objects.filter(kind="overdue", submission__unit=other_officer.unit)
                  .values_list("sent_on", flat=True))
    assert days == [due + datetime.timedelta(days=d) for d in (1, 4, 7)]
    assert any("đã quá hạn 1 ngày" in m.body for m in mailoutbox)
