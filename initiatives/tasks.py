"""Background work of the registration drive, through Django's tasks interface (in-process in the demo)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task

from core.formatting import format_date


@task
def send_reminder(drive_id: int, organisation_id: int, emails: list[str]) -> int:
    from units.models import MemberOrganisation

    from .models import RegistrationDrive

    drive = RegistrationDrive.objects.select_related("unit").get(pk=drive_id)
    org = MemberOrganisation.objects.get(pk=organisation_id)
    subject = f"Nhắc đăng ký công trình, mô hình, phần việc năm {drive.year}"
    body = (f"Kính gửi {org.name},\n\n"
            f"Ban Thường trực Ủy ban MTTQ {drive.unit.name} đề nghị quý tổ chức đăng ký danh sách các công trình, "
            f"mô hình, phần việc tham gia xây dựng nông thôn mới, đô thị văn minh năm {drive.year} trên doanket "
            f"trước ngày {format_date(drive.deadline)}.\n\n"
            "Đăng nhập doanket, mở mục “Mô hình” → “Đăng ký năm”, thêm từng dòng hoặc tải lên tệp Excel theo mẫu, "
            "rồi bấm “Gửi danh sách”.\n\nTrân trọng.")
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
