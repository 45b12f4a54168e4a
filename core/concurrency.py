"""Two people, one record: optimistic versions on edit forms and one-time keys on create forms.

- `Versioned` gives a model a `version`; an edit form carries the version it was opened with (hidden field
  `version`), and the service calls `claim_version(instance, version)` inside its transaction. The row's
  version moves on only if it is still the one the form saw; otherwise `StaleEdit` says, in Vietnamese, who
  changed what since (read from the audit trail). The later save never overwrites the earlier one.
- `create_once(actor, key, create)` runs a create form's service at most once per one-time key (hidden field
  `once`, new for every rendered form): a double click, a resent POST or two tabs posting the same page make
  one row; the second answer is `AlreadySubmitted`, naming the row made by the first.
"""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone


class Versioned(models.Model):
    version = models.PositiveIntegerField("phiên bản", default=0, editable=False)

    class Meta:
        abstract = True


QUIET = {"version", "created_at", "updated_at", "created_by", "updated_by"}


class StaleEdit(ValidationError):
    """Someone saved this record after the form was opened."""

    def __init__(self, instance, trail=None):
        """`trail`: the record (or its (object_type, object_id) in the audit trail) that tells who changed what,
        when the change is audited elsewhere than on the versioned row (a target's allocation is audited on its
        plan, a commune's batch of cultural titles under the commune's id)."""
        from accounts.models import AuditEvent

        self.instance = instance
        about = trail if trail is not None else instance
        object_type, object_id = about if isinstance(about, tuple) else (about._meta.label_lower, about.pk)
        event = (AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id))
                 .select_related("actor").order_by("-at", "-id").first())
        if event is None:
            detail = "Bản ghi vừa được người khác sửa."
        else:
            who = event.actor.full_name or event.actor.username if event.actor else "người khác"
            at = timezone.localtime(event.at).strftime("%H:%M %d/%m/%Y")
            shown = [(k, v) for k, v in event.changes.items()
                     if k not in QUIET and isinstance(v, list) and len(v) == 2][:6]
            changes = "; ".join(f"{_label(instance, k)}: “{_show(v[0])}” → “{_show(v[1])}”" for k, v in shown)
            detail = f"Bản ghi vừa được {who} sửa lúc {at}" + (f" ({changes})." if changes else ".")
        super().__init__(detail + " Thay đổi của bạn chưa được lưu: hãy xem nội dung hiện có rồi sửa lại.",
                         code="stale")


def _label(instance, name):
    try:
        return str(instance._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _show(value):
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def claim_version(instance, version, trail=None) -> None:
    """Move the row's version on if it is still `version` (call inside the service's transaction, before
    saving). `version=None` (a service called from code, not a form) only moves it on."""
    model = type(instance)
    rows = model.objects.filter(pk=instance.pk)
    if version is not None:
        rows = rows.filter(version=int(version))
    if not rows.update(version=F("version") + 1):
        raise StaleEdit(instance, trail)
    instance.version = model.objects.filter(pk=instance.pk).values_list("version", flat=True).get()


class SubmittedForm(models.Model):
    """One one-time key of a create form, claimed in the transaction that creates the row."""

    key = models.CharField(max_length=64, unique=True)
    actor = models.ForeignKey("accounts.User", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)

    class Meta:
        app_label = "core"
        verbose_name = "biểu mẫu đã gửi"


class AlreadySubmitted(Exception):
    def __init__(self, submitted: SubmittedForm):
        self.submitted = submitted
        super().__init__("Biểu mẫu này đã được gửi rồi; không tạo thêm bản ghi.")

    @property
    def object(self):
        from django.apps import apps

        if not self.submitted.object_type or not self.submitted.object_id:
            return None
        model = apps.get_model(self.submitted.object_type)
        return model.objects.filter(pk=self.submitted.object_id).first()


def version_of(data: dict):
    return data.get("version")


def create_once(actor, key, create):
    """Run `create()` (a service that creates and returns one row) at most once for this form key."""
    if not key:
        return create()
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = SubmittedForm.objects.create(key=str(key)[:64],
                                                     actor=actor if getattr(actor, "pk", None) else None)
        except IntegrityError:
            raise AlreadySubmitted(SubmittedForm.objects.get(key=str(key)[:64])) from None
        obj = create()
        if isinstance(obj, models.Model):
            claim.object_type, claim.object_id = obj._meta.label_lower, str(obj.pk)
            claim.save(update_fields=["object_type", "object_id"])
        return obj


def claimed(key) -> AlreadySubmitted | None:
    """The answer for a create form whose key was used already (checked before the form is validated, when
    the first submit would make the second one invalid, e.g. a code that must be unique)."""
    submitted = SubmittedForm.objects.filter(key=str(key)[:64]).first() if key else None
    return AlreadySubmitted(submitted) if submitted is not None else None


def already_submitted(request, exc: AlreadySubmitted, detail_url: str, kwarg: str = "pk"):
    """The answer to a repeated create form: go to the row the first submit made."""
    from django.contrib import messages
    from django.shortcuts import redirect

    messages.info(request, str(exc))
    obj = exc.object
    return redirect(detail_url, **{kwarg: obj.pk}) if obj is not None else redirect("home")


def new_key() -> str:
    return secrets.token_urlsafe(24)


class GuardedForm:
    """Mixin for create and edit forms: adds the hidden `once` key (create) or `version` (edit).
    Templates render them with {% include "core/form_guard.html" %}. A `StaleEdit` added to the form moves
    its hidden version to the current one: the person sees the other change and saves again knowingly."""

    def add_error(self, field, error):
        if isinstance(error, StaleEdit) and self.is_bound and "version" in self.fields:
            current = type(error.instance).objects.filter(pk=error.instance.pk).values_list("version", flat=True)
            self.data = self.data.copy()
            self.data["version"] = str(current.first() or 0)
        return super().add_error(field, error)

    def __init__(self, *args, **kwargs):
        if not isinstance(self, forms.BaseModelForm):  # a plain form is told its row (None to create)
            self.instance = kwargs.pop("instance", getattr(self, "instance", None))
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and hasattr(instance, "version"):
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False,
                                                        initial=instance.version)
        elif instance is None or not instance.pk:
            self.fields["once"] = forms.CharField(widget=forms.HiddenInput, required=False, initial=new_key)


def service_atomic(func):
    """`transaction.atomic` for a write service, without a savepoint of its own when it runs inside a caller's
    transaction (a service calling services: an initiative saved then started): a savepoint there is two extra
    statements per call and buys nothing, because a service's error always leaves the caller's block too, so the
    whole transaction rolls back. A caller that wants to catch a service's error and carry on must open its own
    `transaction.atomic()` around the call. Called alone, it is the outermost block as before; inside a test
    case's own blocks only, it keeps its savepoint (a test may catch the error and query on)."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        connection = transaction.get_connection()
        nested = connection.in_atomic_block and any(not getattr(block, "_from_testcase", False)
                                                    for block in connection.atomic_blocks)
        with transaction.atomic(savepoint=not nested):
            return func(*args, **kwargs)

    return wrapper
