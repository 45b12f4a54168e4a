"""The Front's fund books: every level keeps its own book per fund (QĐ 1198/QĐ-MTTW-ĐCT; relief under
ND 93/2021, one fund per relief campaign).

A book's entries are IMMUTABLE: an entry is never changed or deleted; a mistake is corrected by a reversing
entry (same kind, opposite sign, pointing at the entry it reverses). Amounts are signed integer đồng:
money in is positive, money out negative, so the balance is the plain sum of a book's entries. The balance a
book starts with (carried over from the previous year's book kept on paper or elsewhere) is one `opening` entry on
the day the book opens: part of the opening balance, never a receipt. `Fund.balance`
is that sum, kept under a row lock (select_for_update) so that concurrent disbursements cannot overdraw.
"""

import datetime

from django.conf import settings
from django.db import models


class FundKind(models.TextChoices):
    POOR = "poor", "Quỹ “Vì người nghèo”"
    RELIEF = "relief", "Quỹ cứu trợ"
    GRATITUDE = "gratitude", "Quỹ “Đền ơn đáp nghĩa”"
    OTHER = "other", "Quỹ khác"


class Fund(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="funds", verbose_name="đơn vị")
    kind = models.CharField("loại quỹ", max_length=10, choices=FundKind.choices)
    name = models.CharField("tên quỹ", max_length=200)
    relief_campaign = models.CharField("đợt vận động cứu trợ", max_length=200, blank=True,
                                       help_text="Với quỹ cứu trợ: mỗi đợt vận động một quỹ (NĐ 93/2021).")
    opened_on = models.DateField("ngày mở sổ")
    balance = models.BigIntegerField("số dư hiện tại", default=0, editable=False)

    class Meta:
        verbose_name = "sổ quỹ"
        verbose_name_plural = "sổ quỹ"
        ordering = ["unit__sort_key", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "name"], name="fund_unique_in_unit"),
            models.CheckConstraint(condition=models.Q(balance__gte=0), name="fund_balance_not_negative"),
        ]

    def __str__(self):
        return f"{self.name} · {self.unit}"


class EntryKind(models.TextChoices):
    OPENING = "opening", "Số dư chuyển sang"  # the balance a book starts with: never a receipt
    RECEIPT = "receipt", "Thu"
    DISBURSEMENT = "disbursement", "Chi"
    TRANSFER_IN = "transfer_in", "Nhận chuyển từ cấp khác"
    TRANSFER_OUT = "transfer_out", "Chuyển cho cấp khác"


class DonorType(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    BUSINESS = "business", "Doanh nghiệp"
    ORGANISATION = "organisation", "Cơ quan, tổ chức"
    MEMBER_ORGANISATION = "member_org", "Tổ chức thành viên"
    OVERSEAS = "overseas", "Người Việt Nam ở nước ngoài"
    OTHER = "other", "Khác"


class Category(models.TextChoices):
    """What money is spent on (QĐ 1198): the spending categories of a disclosure."""

    HOUSE_NEW = "house_new", "Xây mới nhà Đại đoàn kết"
    HOUSE_REPAIR = "house_repair", "Sửa chữa nhà Đại đoàn kết"
    LIVELIHOOD = "livelihood", "Hỗ trợ sinh kế"
    SCHOLARSHIP = "scholarship", "Học bổng, hỗ trợ học tập"
    HEALTH = "health", "Khám chữa bệnh, BHYT"
    GIFT = "gift", "Thăm hỏi, tặng quà (Tết, lễ)"
    RELIEF = "relief", "Cứu trợ đột xuất"
    OTHER = "other", "Chi khác"


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Bút toán sổ quỹ không sửa được; hãy ghi bút toán đảo.")

    def delete(self):
        raise TypeError("Bút toán sổ quỹ không xóa được; hãy ghi bút toán đảo.")


class Entry(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries", verbose_name="sổ quỹ")
    kind = models.CharField("loại", max_length=12, choices=EntryKind.choices)
    date = models.DateField("ngày")
    amount = models.BigIntegerField("số tiền (đồng)", help_text="thu dương, chi âm")
    description = models.CharField("nội dung", max_length=300, blank=True)
    # Receipts
    donor_name = models.CharField("người/đơn vị ủng hộ", max_length=200, blank=True)
    donor_type = models.CharField("loại người ủng hộ", max_length=12, choices=DonorType.choices, blank=True)
    receipt_number = models.CharField("số biên lai", max_length=40, blank=True)
    in_kind = models.BooleanField("hiện vật (quy ra tiền)", default=False)
    in_kind_description = models.CharField("hiện vật gồm", max_length=200, blank=True)
    # Disbursements
    category = models.CharField("khoản chi", max_length=12, choices=Category.choices, blank=True)
    support_record = models.ForeignKey("welfare.SupportRecord", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="disbursements", verbose_name="hỗ trợ")
    household = models.ForeignKey("welfare.Household", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="disbursements", verbose_name="hộ nhận")
    approval_ref = models.CharField("quyết định / biên bản phê duyệt", max_length=120, blank=True)
    # Transfers: a transfer_in entry points at the transfer_out entry in the sending book (one link, written
    # once, so neither side is ever updated)
    counterpart = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="counterpart_of", verbose_name="bút toán đối ứng")
    # Corrections
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="reversed_by", verbose_name="đảo bút toán")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "bút toán"
        verbose_name_plural = "bút toán"
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["fund", "date"]), models.Index(fields=["kind", "date"])]
        # a receipt number is used once per book: checked under the book's row lock (services.record_receipt),
        # not by a unique index, because a reversed receipt's number is written again on the corrected entry
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="entry_amount_not_zero")]

    def __str__(self):
        return f"{self.get_kind_display()} {abs(self.amount):,} đ ngày {self.date:%d/%m/%Y}".replace(",", ".")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Bút toán sổ quỹ không sửa được; hãy ghi bút toán đảo.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Bút toán sổ quỹ không xóa được; hãy ghi bút toán đảo.")

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def label(self) -> str:
        text = self.get_kind_display()
        if self.is_reversal:
            text = f"Đảo bút toán {text.lower()}"
        return text


def peak_month(year: int) -> tuple[datetime.date, datetime.date]:
    """"Tháng cao điểm vì người nghèo": 17/10 to 18/11 of the year."""
    return datetime.date(year, 10, 17), datetime.date(year, 11, 18)
