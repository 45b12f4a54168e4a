"""Plans (kế hoạch) as structured data: header, basis, sections, contents, targets, tasks, reporting regime.

A plan is issued by one unit. Issued plans are read-only (plans.services refuses to change them).
"""

from django.conf import settings
from django.db import models

from core.concurrency import Versioned
from units.models import Level


class DocType(models.TextChoices):
    KH = "KH", "Kế hoạch"
    BC = "BC", "Báo cáo"
    HD = "HD", "Hướng dẫn"
    CTR = "CTr", "Chương trình"
    CTRPH = "CTrPH", "Chương trình phối hợp"
    KHPH = "KHPH", "Kế hoạch phối hợp"
    TB = "TB", "Thông báo"
    QD = "QĐ", "Quyết định"
    NQ = "NQ", "Nghị quyết"
    DA = "ĐA", "Đề án"
    CV = "CV", "Công văn"


TYPE_NAMES = {  # the type name printed in capitals under the header
    "KH": "KẾ HOẠCH", "BC": "BÁO CÁO", "HD": "HƯỚNG DẪN", "CTr": "CHƯƠNG TRÌNH", "CTrPH": "CHƯƠNG TRÌNH PHỐI HỢP",
    "KHPH": "KẾ HOẠCH PHỐI HỢP", "TB": "THÔNG BÁO", "QĐ": "QUYẾT ĐỊNH", "NQ": "NGHỊ QUYẾT", "ĐA": "ĐỀ ÁN", "CV": "",
}


class Plan(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Đã ban hành"

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="plans",
                             verbose_name="đơn vị ban hành")
    parent_body = models.CharField("cơ quan chủ quản", max_length=200, blank=True,
                                   help_text="Ví dụ: ỦY BAN MTTQ VIỆT NAM TỈNH THÁI NGUYÊN")
    issuing_body = models.CharField("cơ quan ban hành", max_length=200, default="BAN THƯỜNG TRỰC",
                                    help_text="Ví dụ: BAN THƯỜNG TRỰC")
    issuer_in_text = models.CharField("tên cơ quan ban hành trong câu", max_length=200, blank=True,
                                      help_text="Ví dụ: Ban Thường trực Ủy ban MTTQ tỉnh")
    doc_type = models.CharField("loại văn bản", max_length=8, choices=DocType.choices, default=DocType.KH)
    number = models.CharField("số", max_length=20, blank=True)
    symbol = models.CharField("ký hiệu", max_length=60, blank=True, help_text="Ví dụ: KH-MTTQ-BTT")
    place = models.CharField("địa danh", max_length=100, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu")
    period = models.ForeignKey("campaign.Period", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="plans", verbose_name="năm hoặc giai đoạn")
    parent_plan = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="children", verbose_name="kế hoạch cấp trên (căn cứ)")
    intro = models.TextField("đoạn mở đầu", blank=True,
                             help_text="Đoạn “Căn cứ …, Ban Thường trực … ban hành Kế hoạch … như sau:”")
    funding = models.TextField("nguồn kinh phí", blank=True)
    signer_authority = models.CharField("thẩm quyền ký", max_length=100, blank=True,
                                        help_text="TM. BAN THƯỜNG TRỰC, KT. CHỦ TỊCH …")
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("họ và tên người ký", max_length=100, blank=True)
    archive = models.CharField("lưu", max_length=100, default="VT", help_text="Dòng “Lưu: VT, …”")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    issued_at = models.DateTimeField("thời điểm ban hành trong hệ thống", null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="người ban hành")
    # the reporting regime's contact person (Thái Nguyên 2026 §IV: "Cán bộ phụ trách theo dõi, tổng hợp: …")
    contact_name = models.CharField("cán bộ phụ trách theo dõi, tổng hợp", max_length=100, blank=True)
    contact_phone = models.CharField("điện thoại", max_length=20, blank=True)
    contact_email = models.EmailField("thư điện tử", max_length=150, blank=True)
    # "Trước 15/02 hằng năm, đăng ký danh sách các công trình, mô hình, phần việc …" (Bắc Kạn 2017 §III.4),
    # read by the importer: offered as the year's registration drive (initiatives.RegistrationDrive)
    registration_deadline = models.DateField("hạn đăng ký công trình, mô hình, phần việc", null=True, blank=True)
    registration_recurring = models.BooleanField("hạn đăng ký lặp lại hằng năm", default=False)
    source_name = models.CharField("tệp gốc", max_length=255, blank=True)
    source_text = models.TextField("văn bản gốc", blank=True)
    import_warnings = models.JSONField("cảnh báo khi nhập", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self):
        return f"{self.get_doc_type_display()} {self.number_symbol}".strip() if self.number else self.short_title

    @property
    def number_symbol(self) -> str:
        """'59/KH-MTTQ-BTT' (or '/KH-MTTQ-BTT' before a number is given)."""
        if not self.symbol:
            return self.number
        return f"{self.number}/{self.symbol}"

    @property
    def short_title(self) -> str:
        title = " ".join(self.title.split())
        return title if len(title) <= 120 else title[:117].rsplit(" ", 1)[0] + " …"

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.doc_type, self.get_doc_type_display().upper())

    @property
    def contact_label(self) -> str:
        """'Nguyễn Thị Lê · 0977713613 · le@…' (empty when the plan names no one)."""
        if not self.contact_name:
            return ""
        return " · ".join(x for x in [self.contact_name, self.contact_phone, self.contact_email] if x)

    @property
    def signer_label(self) -> str:
        return " · ".join(x for x in [self.signer_authority, self.signer_title, self.signer_name] if x)


class Reference(models.Model):
    """A document the plan is based on ("Căn cứ", "Thực hiện") or cites; linked when it is in doanket."""

    class Kind(models.TextChoices):
        BASIS = "basis", "Căn cứ"
        CITATION = "citation", "Trích dẫn"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="references", verbose_name="kế hoạch")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.BASIS)
    number = models.CharField("số, ký hiệu", max_length=80, blank=True)
    date = models.DateField("ngày", null=True, blank=True)
    text = models.TextField("trích dẫn")
    linked_plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="cited_by", verbose_name="văn bản trong doanket")
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "văn bản căn cứ"
        ordering = ["plan", "kind", "order", "pk"]

    def __str__(self):
        return self.number or self.text[:60]


def label_depth(label: str) -> int:
    """I. → 1, 1. → 2, 1.1. → 3, 1.1.1. → 4, a) → 4, - / + → 5."""
    import re

    label = (label or "").strip()
    if re.fullmatch(r"[IVXLC]+[.)]?", label):
        return 1
    if re.fullmatch(r"\d+[.)]?", label):
        return 2
    if m := re.fullmatch(r"\d+((?:\.\d+)+)\.?", label):
        return 2 + m[1].count(".")
    if re.fullmatch(r"[a-zđ][.)]", label):
        return 4
    return 5


class Section(models.Model):
    """One node of the plan's outline: 'II.' 'MỘT SỐ CHỈ TIÊU CỤ THỂ', '1.' …, '-' items."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name="kế hoạch")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    label = models.CharField("số mục", max_length=20, blank=True)
    title = models.TextField("tiêu đề / nội dung")
    body = models.TextField("nội dung thêm", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    depth = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = "mục"
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return f"{self.label} {self.title[:60]}".strip()

    @property
    def is_bullet(self):
        return self.label.strip() in {"-", "+", "–", "•"}


class PlanContent(models.Model):
    """One of the campaign's five contents as the plan takes it up, with the criteria it serves."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contents", verbose_name="kế hoạch")
    content = models.ForeignKey("campaign.Content", on_delete=models.PROTECT, related_name="+",
                                verbose_name="nội dung")
    text = models.TextField("cách kế hoạch nêu nội dung", blank=True)
    criteria = models.ManyToManyField("campaign.Criterion", blank=True, related_name="+", verbose_name="tiêu chí")

    class Meta:
        verbose_name = "nội dung của kế hoạch"
        ordering = ["plan", "content__number"]
        constraints = [models.UniqueConstraint(fields=["plan", "content"], name="plan_content_unique")]

    def __str__(self):
        return str(self.content)


class Recipient(models.Model):
    """One 'Nơi nhận' line ('Ủy ban nhân dân tỉnh (để phối hợp)')."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients", verbose_name="kế hoạch")
    text = models.CharField("nơi nhận", max_length=300)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "nơi nhận"
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.text


class TaskStatus(models.TextChoices):
    TODO = "todo", "Chưa làm"
    DOING = "doing", "Đang làm"
    DONE = "done", "Xong"


class Task(models.Model):
    """A task: what, for whom (member-organisation kinds and/or units of a level), by when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name="kế hoạch")
    text = models.TextField("nhiệm vụ")
    assignee = models.CharField("giao cho (như văn bản ghi)", max_length=300, blank=True)
    organisation_kinds = models.ManyToManyField("units.OrganisationKind", blank=True, related_name="+",
                                                verbose_name="tổ chức thành viên")
    unit_level = models.CharField("đơn vị cấp", max_length=10, choices=Level.choices, blank=True,
                                  help_text="Giao cho mọi đơn vị cấp này thuộc đơn vị ban hành")
    deadline = models.DateField("thời hạn", null=True, blank=True)
    content = models.ForeignKey("campaign.Content", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="nội dung")
    order = models.PositiveIntegerField("thứ tự", default=0)
    # follow-up of an issued plan's task: who does it (one unit or one member organisation), how far it is
    assigned_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="plan_tasks", verbose_name="đơn vị thực hiện")
    assigned_organisation = models.ForeignKey("units.MemberOrganisation", on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="plan_tasks",
                                              verbose_name="tổ chức thành viên thực hiện")
    status = models.CharField("tình trạng", max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO)
    progress_note = models.TextField("tiến độ, kết quả", blank=True)
    evidence = models.FileField("minh chứng", upload_to="plans/tasks/%Y/", max_length=300, blank=True)
    evidence_name = models.CharField("tên tệp minh chứng", max_length=200, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField("cập nhật", null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="người cập nhật")

    class Meta:
        verbose_name = "nhiệm vụ"
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def unit(self):  # for the audit trail
        return self.plan.unit

    @property
    def assigned_to(self):
        return self.assigned_organisation or self.assigned_unit

    def is_overdue(self, today=None) -> bool:
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.status != TaskStatus.DONE and self.deadline is not None and self.deadline < today

    def follow_up_status(self, today=None) -> str:
        """Chưa làm / Đang làm / Xong, or Quá hạn (computed: not done and past its deadline)."""
        return "Quá hạn" if self.is_overdue(today) else self.get_status_display()


class ReportRequirement(models.Model):
    """One report the plan requires (chế độ báo cáo): 'Báo cáo 6 tháng' for 2026-h1, due 10/6/2026.

    Who reports: every unit of `reporter_level` under the plan's unit, and/or the member organisations of
    `reporter_organisation_kinds` at the plan's unit. To whom: the plan's issuing unit (`recipient_unit`).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_requirements",
                             verbose_name="kế hoạch")
    name = models.CharField("tên báo cáo", max_length=150)
    period = models.ForeignKey("campaign.Period", on_delete=models.PROTECT, related_name="report_requirements",
                               verbose_name="kỳ báo cáo")
    cutoff_date = models.DateField("chốt số liệu đến ngày", null=True, blank=True)
    due_date = models.DateField("hạn gửi")
    reporter_level = models.CharField("cấp báo cáo", max_length=10, blank=True,
                                      choices=[(Level.COMMUNE.value, "Xã, phường, đặc khu"),
                                               (Level.AREA.value, "Khu dân cư")])
    reporter_organisation_kinds = models.ManyToManyField("units.OrganisationKind", blank=True, related_name="+",
                                                         verbose_name="tổ chức thành viên báo cáo")
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "yêu cầu báo cáo"
        verbose_name_plural = "chế độ báo cáo"
        ordering = ["plan", "due_date", "order"]

    def __str__(self):
        return f"{self.name} ({self.period})"

    @property
    def recipient_unit(self):
        return self.plan.unit

    def reporting_units(self):
        """The units that must send this report (queryset)."""
        from units.models import Unit

        if not self.reporter_level:
            return Unit.objects.none()
        return Unit.objects.subtree(self.plan.unit, include_self=False).filter(level=self.reporter_level,
                                                                               is_active=True)

    def reporting_organisations(self):
        from units.models import MemberOrganisation

        return MemberOrganisation.objects.filter(unit=self.plan.unit, is_active=True,
                                                 kind__in=self.reporter_organisation_kinds.all())


class Comparator(models.TextChoices):
    GTE = ">=", "≥ (ít nhất)"
    GT = ">", "> (trên)"
    LTE = "<=", "≤ (tối đa)"
    LT = "<", "< (dưới)"
    EQ = "=", "= (đúng bằng)"


class TargetScope(models.TextChoices):
    TOTAL = "total", "Tổng trên địa bàn"
    EACH_UNIT = "each_unit", "Từng đơn vị đạt"
    SHARE_OF_UNITS = "share_of_units", "Tỷ lệ đơn vị đạt"


class Target(Versioned):
    """A quantitative target (chỉ tiêu) in the spine's grammar (docs/spine.md, TargetSpec):
    measure × scope × comparator × threshold, over the issuer's tree, in a period, optionally for one member
    organisation. Progress is computed by indicators.targets.evaluate, never entered."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets", verbose_name="kế hoạch")
    group = models.CharField("thuộc chỉ tiêu số", max_length=10, blank=True, help_text="“1.” của mục Chỉ tiêu")
    text = models.TextField("chỉ tiêu (như văn bản)")
    content = models.ForeignKey("campaign.Content", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="nội dung")
    measure = models.ForeignKey("indicators.Measure", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="plan_targets", verbose_name="chỉ số")
    scope = models.CharField("phạm vi", max_length=20, choices=TargetScope.choices, default=TargetScope.TOTAL)
    level = models.CharField("cấp đơn vị", max_length=10, blank=True,
                             choices=[(Level.COMMUNE.value, "Xã, phường, đặc khu"), (Level.AREA.value, "Khu dân cư"),
                                      (Level.PROVINCE.value, "Tỉnh, thành phố")])
    comparator = models.CharField("so sánh", max_length=2, choices=Comparator.choices, default=Comparator.GTE)
    threshold = models.DecimalField("ngưỡng", max_digits=16, decimal_places=2, null=True, blank=True)
    unit_comparator = models.CharField("mỗi đơn vị: so sánh", max_length=2, choices=Comparator.choices, blank=True)
    unit_threshold = models.DecimalField("mỗi đơn vị: ngưỡng", max_digits=16, decimal_places=2, null=True,
                                         blank=True)
    period = models.ForeignKey("campaign.Period", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="plan_targets", verbose_name="kỳ")
    org_kind = models.ForeignKey("units.OrganisationKind", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="tổ chức thành viên")
    allocated_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="allocated_to", verbose_name="phân bổ từ chỉ tiêu")
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def issuer(self):
        return self.plan.unit

    @property
    def is_evaluable(self) -> bool:
        return self.measure_id is not None and self.threshold is not None and self.period_id is not None

    @property
    def allocation_map(self) -> dict:
        """{unit id: allocated share} (read by indicators.targets to say who is behind their share)."""
        return {unit_id: value for unit_id, value in self.allocations.values_list("unit_id", "value")}

    @property
    def can_be_allocated(self) -> bool:
        """A count total of the plan's own tree ("ít nhất 200 hộ") can be split among the units below."""
        return (self.scope == TargetScope.TOTAL and self.measure_id is not None and not self.measure.is_ratio
                and self.measure.level != "province")

    @property
    def rule_label(self) -> str:
        """'Từng xã ≥ 3', 'Tỷ lệ khu dân cư đạt (≥ 1) ≥ 100%', 'Tổng ≥ 200'."""
        from core.formatting import format_number

        def num(v):
            return format_number(v, 0 if v == int(v) else 2) if v is not None else "?"

        sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
        level = {"commune": "xã", "area": "khu dân cư", "province": "tỉnh"}.get(self.level, "đơn vị")
        if self.scope == TargetScope.EACH_UNIT:
            text = f"Từng {level} {sign[self.comparator]} {num(self.threshold)}"
        elif self.scope == TargetScope.SHARE_OF_UNITS:
            text = (f"Tỷ lệ {level} đạt ({sign.get(self.unit_comparator or '>=')} {num(self.unit_threshold)}) "
                    f"{sign[self.comparator]} {num(self.threshold)}%")
        elif self.measure_id and self.measure.is_ratio:
            text = f"Tỷ lệ {sign[self.comparator]} {num(self.threshold)}%"
        else:
            text = f"Tổng {sign[self.comparator]} {num(self.threshold)}"
        return text + (f" · {self.org_kind}" if self.org_kind_id else "")


class Allocation(models.Model):
    """A province total split among communes: 'hỗ trợ sinh kế 200 hộ' → Đồng Phúc 5, Bằng Thành 3 …
    A commune's plan made by cascade takes its number as its own target (Target.allocated_from)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="allocations",
                               verbose_name="chỉ tiêu")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="target_allocations",
                             verbose_name="đơn vị")
    value = models.DecimalField("giao", max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = "phân bổ chỉ tiêu"
        ordering = ["target", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["target", "unit"], name="allocation_unique")]

    def __str__(self):
        return f"{self.unit}: {self.value}"
