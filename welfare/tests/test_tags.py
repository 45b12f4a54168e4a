from django.urls import reverse

from accounts.models import AuditEvent
from welfare.models import CircumstanceTag


def test_an_administrator_adds_a_circumstance(client_for, province_admin):
    client = client_for(province_admin)
    response = client.post(reverse("welfare:tags"), {"name": "Hộ có người  nghiện ma túy", "is_sensitive": "1"})
    assert response.status_code == 302
    tag = CircumstanceTag.objects.get(name="Hộ có người nghiện ma túy")
    assert tag.is_sensitive
    assert AuditEvent.objects.filter(object_type="welfare.circumstancetag", object_id=str(tag.pk)).exists()
    response = client.post(reverse("welfare:tags"), {"name": "hộ có người nghiện ma túy"})
    assert "Đã có hoàn cảnh" in response.content.decode()


def test_others_read_the_list_but_cannot_add(client_for, dong_phuc_officer):
    client = client_for(dong_phuc_officer)
    html = client.get(reverse("welfare:tags")).content.decode()
    assert "Thiếu đất sản xuất" in html and "Có người mắc bệnh hiểm nghèo" not in html  # sensitive: hidden
    assert client.post(reverse("welfare:tags"), {"name": "Mới"}).status_code == 403
