"""The "Gia hạn cho đơn vị sửa đến ngày" box is a dd/mm/yyyy text box read by core.forms.DateField."""

import datetime

from django.urls import reverse
from django.utils import timezone


def test_an_exception_date_is_typed_dd_mm_yyyy(client_for, province_officer, dong_phuc_sub):
    dong_phuc_sub.round.lock_on = timezone.localdate() - datetime.timedelta(days=1)
    dong_phuc_sub.round.save(update_fields=["lock_on"])
    client = client_for(province_officer)
    html = client.get(reverse("reporting:submission", args=[dong_phuc_sub.pk])).content.decode()
    assert 'name="until"' in html and 'placeholder="dd/mm/yyyy"' in html and 'type="date"' not in html
    until = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(reverse("reporting:review", args=[dong_phuc_sub.pk]),
                           {"action": "exception", "until": until.strftime("%d/%m/%Y")}, follow=True)
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.unlocked_until == until
    assert f"sửa đến ngày {until:%d/%m/%Y}" in response.content.decode()


def test_a_bad_exception_date_names_the_box(client_for, province_officer, dong_phuc_sub):
    response = client_for(province_officer).post(reverse("reporting:review", args=[dong_phuc_sub.pk]),
                                                 {"action": "exception", "until": "31/02/2026"}, follow=True)
    assert "Ngày gia hạn: “31/02/2026” không phải ngày hợp lệ" in response.content.decode()
    dong_phuc_sub.refresh_from_db()
    assert dong_phuc_sub.unlocked_until is None
