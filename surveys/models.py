"""Residents' satisfaction surveys (lấy ý kiến sự hài lòng của người dân, HD 90/HD-MTTW-BTT).

Anonymity is built into the tables, not promised by the pages:

- `Respondent` is a household on a survey's roll (who may answer, with a one-time code for the online form).
- `Receipt` says that a household has answered (one per household: a OneToOne, enforced by the database).
- `Ballot` and `Answer` hold what was answered, with the residential area only. A ballot has a random id and
  no time stamp, so nothing stored links it to a receipt or a household. Both rows are written in the
  same transaction, and no audit event carries a ballot's answers.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models

from core.concurrency import Versioned

from campaign.models import CriteriaSet, Criterion
from units.models import Unit

CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no 0/O, 1/I, 2/Z, 5/S, 8/B: read aloud and typed on a phone
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Survey(Versioned):
    class Subject(models.TextChoices):
        NEW_RURAL = "ntm", "Xã nông thôn mới"
        NEW_RURAL_ADVANCED = "ntm_nc", "Xã nông thôn mới nâng cao"
        NEW_RURAL_MODEL = "ntm_km", "Xã nông thôn mới kiểu mẫu"
        CIVILISED_URBAN = "dtvm", "Phường đạt chuẩn đô thị văn minh"
        CUSTOM = "custom", "Nội dung khác"

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang chuẩn bị"
        OPEN = "open", "Đang lấy ý kiến"
        CLOSED = "closed", "Đã kết thúc"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="surveys",
                             verbose_name="Ủy ban MTTQ tổ chức (xã, phường)")
    title = models.CharField("tên đợt lấy ý kiến", max_length=300)
    subject = models.CharField("đối tượng công nhận", max_length=10, choices=Subject.choices)
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="surveys", verbose_name="bộ tiêu chí")
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    threshold = models.DecimalField("ngưỡng hài lòng (%)", max_digits=5, decimal_places=2, default=90)
    min_coverage = models.DecimalField("tỷ lệ hộ được lấy ý kiến tối thiểu (%)", max_digits=5, decimal_places=2,
                                       default=70)
    every_question = models.BooleanField("mọi câu hỏi đều phải đạt ngưỡng", default=False,
                                         help_text="Không chọn: chỉ xét câu hỏi chung (đánh giá tổng thể).")
    intro = models.TextField("lời giới thiệu trên phiếu", blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published = models.BooleanField("công khai kết quả", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đợt lấy ý kiến"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="survey_ends_after_start"),
            models.CheckConstraint(condition=models.Q(threshold__gte=0, threshold__lte=100,
                                                      min_coverage__gte=0, min_coverage__lte=100),
                                   name="survey_rates_are_percentages"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def results_visible(self):
        """Satisfaction figures appear once collection has ended: while it runs, comparing two views of the
        figures around one household's receipt would reveal that household's answers."""
        return self.status == self.Status.CLOSED


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField("số thứ tự")
    text = models.TextField("câu hỏi")
    criterion = models.ForeignKey(Criterion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name="tiêu chí")
    is_overall = models.BooleanField("câu hỏi chung", default=False)

    class Meta:
        verbose_name = "câu hỏi"
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="question_number_unique"),
            models.UniqueConstraint(fields=["survey"], condition=models.Q(is_overall=True),
                                    name="one_overall_question"),
        ]

    def __str__(self):
        return f"Câu {self.number}"


class Respondent(models.Model):
    """A household on the survey's roll (one representative answers for it)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    area = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="khu dân cư")
    code = models.CharField("mã hộ", max_length=30)
    head_name = models.CharField("chủ hộ", max_length=150, blank=True)
    card_code = models.CharField("mã phiếu trực tuyến", max_length=12, unique=True, default=new_code)

    class Meta:
        verbose_name = "hộ được lấy ý kiến"
        ordering = ["area__code", "code"]
        constraints = [models.UniqueConstraint(fields=["survey", "area", "code"], name="respondent_code_unique")]

    def __str__(self):
        return f"Hộ {self.code}" + (f" ({self.head_name})" if self.head_name else "")


class Receipt(models.Model):
    """A household has answered. One per household: the database refuses a second."""

    class Channel(models.TextChoices):
        PAPER = "paper", "Phiếu giấy"
        ONLINE = "online", "Trực tuyến"

    respondent = models.OneToOneField(Respondent, on_delete=models.CASCADE, related_name="receipt")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts")
    area = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField("hình thức", max_length=10, choices=Channel.choices)
    on = models.DateField("ngày")  # a day, not a moment: a time would help line receipts up with ballots
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "hộ đã trả lời"


class Ballot(models.Model):
    """One household's answers, with no link back to the household: a random id, the area, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="ballots")
    area = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField("ý kiến khác", blank=True)

    class Meta:
        verbose_name = "phiếu"


class PendingBallot(models.Model):
    """A ballot waiting to be written among others (see services.flush_ballots): written in its own transaction
    after the receipt's, with a random id and no time, and deleted when the batch is written in shuffled order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pending_ballots")
    area = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=dict)  # {question id: satisfied}
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = "phiếu chờ ghi"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    satisfied = models.BooleanField("hài lòng")

    class Meta:
        verbose_name = "câu trả lời"
        constraints = [models.UniqueConstraint(fields=["ballot", "question"], name="answer_once_per_question")]
