"""Consistency of the initiatives register."""

from django.db.models import F, Q

from .models import Initiative, Submission


def checks():
    orphans = Initiative.objects.filter(status=Initiative.Status.REPLICATED, copies__isnull=True)
    yield "Mô hình “đã nhân rộng” có ít nhất một bản nhân rộng", (
        f"{orphans.count()} mô hình, ví dụ #{orphans.first().pk}" if orphans.exists() else None)
    self_copy = Initiative.objects.filter(replicated_from__isnull=False).filter(
        Q(replicated_from_id=F("pk")) | Q(replicated_from__unit_id=F("unit_id")))
    yield "Bản nhân rộng trỏ tới mô hình gốc ở địa bàn khác", (
        f"{self_copy.count()} bản nhân rộng sai" if self_copy.exists() else None)
    bad_dates = Initiative.objects.filter(stopped_on__lt=F("started_on"))
    yield "Ngày dừng không trước ngày bắt đầu", (f"{bad_dates.count()} mô hình" if bad_dates.exists() else None)
    stopped = Initiative.objects.filter(Q(status=Initiative.Status.STOPPED, stopped_on__isnull=True)
                                        | Q(status=Initiative.Status.EVALUATED, rating=""))
    yield "Tình trạng khớp ngày dừng và kết quả đánh giá", (f"{stopped.count()} mô hình" if stopped.exists() else None)
    outside = Initiative.objects.filter(organisation__isnull=False).exclude(
        unit__path__startswith=F("organisation__unit__path"))
    yield "Mô hình của tổ chức thành viên nằm trong địa bàn của tổ chức", (
        f"{outside.count()} mô hình" if outside.exists() else None)
    wrong_org = Submission.objects.exclude(organisation__unit_id=F("drive__unit_id"))
    yield "Danh sách đăng ký thuộc tổ chức của đơn vị mở đợt", (
        f"{wrong_org.count()} danh sách" if wrong_org.exists() else None)
    negative = Initiative.objects.filter(money__lt=0)
    yield "Kinh phí huy động không âm", (f"{negative.count()} mô hình" if negative.exists() else None)
