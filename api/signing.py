"""Signing documents as PAdES PDFs (pyHanko), with pluggable signers, and checking signed PDFs.

Signers:
- `Pkcs12Signer`: a PKCS#12 file (.p12/.pfx) on the server (tests, small units).
- `RemoteHashSigner`: a remote hash-signing service of a CA (the signer approves each request on their
  phone): doanket sends only the hash, waits for the approval, and embeds the returned signature. A service is
  reached through a `RemoteSigningClient`; `HttpRemoteSigningClient` speaks a small JSON protocol
  (certificate, sign request, status), the shape the commercial "remote signing" services share.
Which one is used is configured by settings (SIGNING_METHOD …); `configured_signer(user)` builds it.
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import hashlib
import io
import time
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts import audit

from .appearance import signature_image
from .models import SignedDocument

FIELD_NAME = "ChuKySo"


class SigningFailed(Exception):
    """The signer refused, timed out or could not be reached (a Vietnamese message)."""


# --- signers ------------------------------------------------------------------------------------------


class DocumentSigner(Protocol):
    method: str

    def pyhanko_signer(self):  # -> pyhanko.sign.signers.Signer
        ...


class Pkcs12Signer:
    method = "pkcs12"

    def __init__(self, path, passphrase: bytes | None):
        self.path, self.passphrase = str(path), passphrase

    def pyhanko_signer(self):
        from pyhanko.sign import signers

        signer = signers.SimpleSigner.load_pkcs12(self.path, passphrase=self.passphrase)
        if signer is None:
            raise SigningFailed("Không mở được tệp chứng thư số PKCS#12 (sai mật khẩu hoặc tệp hỏng).")
        return signer


class RemoteSigningClient(Protocol):
    def certificates(self, account: str) -> list[bytes]:
        """DER certificates: the signer's first, then its issuers."""

    def request_signature(self, account: str, digest: bytes, digest_algorithm: str, description: str) -> str:
        """Ask the service to sign `digest`; returns a transaction id (the signer is notified on their phone)."""

    def signature_status(self, transaction_id: str) -> tuple[str, bytes | None]:
        """('pending' | 'signed' | 'rejected' | 'expired', the raw signature once signed)."""


class HttpRemoteSigningClient:
    """JSON over HTTPS:
    GET  {base}/certificates?account=…            -> {"certificates": [base64 DER, …]}
    POST {base}/sign {account, hash, algorithm, description} -> {"transaction_id": "…"}
    GET  {base}/sign/{transaction_id}             -> {"status": "pending|signed|rejected|expired", "signature": base64}
    Authenticated with a client id and secret (HTTP Basic)."""

    def __init__(self, base_url: str, client_id: str = "", secret: str = "", timeout: float = 15):
        self.base, self.auth, self.timeout = base_url.rstrip("/"), (client_id, secret), timeout

    def _call(self, method, path, **kw):
        import requests

        try:
            r = requests.request(method, self.base + path, auth=self.auth, timeout=self.timeout, **kw)
        except requests.RequestException:
            raise SigningFailed("Không kết nối được dịch vụ ký số từ xa.") from None
        if r.status_code >= 400:
            raise SigningFailed(f"Dịch vụ ký số từ xa từ chối yêu cầu (mã {r.status_code}).")
        return r.json()

    def certificates(self, account):
        return [base64.b64decode(c) for c in self._call("GET", "/certificates", params={"account": account})
                ["certificates"]]

    def request_signature(self, account, digest, digest_algorithm, description):
        return self._call("POST", "/sign", json={"account": account, "hash": base64.b64encode(digest).decode(),
                                                 "algorithm": digest_algorithm, "description": description}
                          )["transaction_id"]

    def signature_status(self, transaction_id):
        data = self._call("GET", f"/sign/{transaction_id}")
        sig = data.get("signature")
        return data.get("status", ""), base64.b64decode(sig) if sig else None


class RemoteHashSigner:
    """Signs through a remote hash-signing service: waits (polling) until the signer approves on their phone."""

    method = "remote"

    def __init__(self, client: RemoteSigningClient, account: str, *, wait_seconds: float = 120,
                 poll_seconds: float = 2, description: str = "doanket"):
        self.client, self.account = client, account
        self.wait_seconds, self.poll_seconds, self.description = wait_seconds, poll_seconds, description

    def pyhanko_signer(self):
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        ders = self.client.certificates(self.account)
        if not ders:
            raise SigningFailed("Dịch vụ ký số từ xa không trả về chứng thư số của người ký.")
        certs = [asn1_x509.Certificate.load(d) for d in ders]
        outer = self

        class _Remote(signers.Signer):
            async def async_sign_raw(self, data, digest_algorithm, dry_run=False):
                key_bytes = certs[0].public_key.bit_size // 8
                if dry_run:
                    return bytes(key_bytes)
                digest = hashlib.new(digest_algorithm, data).digest()
                return await asyncio.to_thread(outer._sign_digest, digest, digest_algorithm)

        return _Remote(signing_cert=certs[0], cert_registry=SimpleCertificateStore.from_certs(certs))

    def _sign_digest(self, digest: bytes, algorithm: str) -> bytes:
        txn = self.client.request_signature(self.account, digest, algorithm, self.description)
        deadline = time.monotonic() + self.wait_seconds
        while True:
            status, signature = self.client.signature_status(txn)
            if status == "signed" and signature:
                return signature
            if status == "rejected":
                raise SigningFailed("Người ký đã từ chối yêu cầu ký trên điện thoại.")
            if status == "expired" or time.monotonic() > deadline:
                raise SigningFailed("Hết thời gian chờ người ký xác nhận trên điện thoại.")
            time.sleep(self.poll_seconds)


def configured_signer(user) -> DocumentSigner:
    method = settings.SIGNING_METHOD
    if method == "pkcs12":
        path = settings.SIGNING_PKCS12_FILE
        if not path or not __import__("os").path.exists(path):
            raise SigningFailed("Chưa cấu hình chứng thư số (SIGNING_PKCS12_FILE).")
        password = settings.SIGNING_PKCS12_PASSWORD
        return Pkcs12Signer(path, password.encode() if password else None)
    if method == "remote":
        if not settings.SIGNING_REMOTE_URL:
            raise SigningFailed("Chưa cấu hình dịch vụ ký số từ xa (SIGNING_REMOTE_URL).")
        client = HttpRemoteSigningClient(settings.SIGNING_REMOTE_URL, settings.SIGNING_REMOTE_CLIENT_ID,
                                         settings.SIGNING_REMOTE_SECRET)
        return RemoteHashSigner(client, user.email or user.username, wait_seconds=settings.SIGNING_REMOTE_WAIT)
    raise ImproperlyConfigured(f"SIGNING_METHOD={method!r}: dùng pkcs12 hoặc remote.")


# --- where the signature goes -------------------------------------------------------------------------


@dataclass
class Placement:
    page: int  # 0-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in points


def find_placement(pdf: bytes, signer_name: str, position: str) -> Placement:
    """ND 30 puts the signature between the signer's position (title) and their name, in the signature block
    at the end of the document: found by reading the text positions of the last page that holds the name."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    name = " ".join(signer_name.split())
    title = " ".join(position.split()).upper()
    for index in reversed(range(len(reader.pages))):
        page = reader.pages[index]
        found = {"name": None, "title": None}

        def visit(text, cm, tm, font_dict, font_size):
            t = " ".join(text.split())
            if not t:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if name and t == name:
                found["name"] = (x, y)
            elif title and t.upper() == title:
                found["title"] = (x, y)

        page.extract_text(visitor_text=visit)
        if found["name"]:
            width = float(page.mediabox.width)
            nx, ny = found["name"]
            top = found["title"][1] if found["title"] and found["title"][1] > ny else ny + 70
            # the signature block is the right-hand column: centre the box on it, in the gap between the
            # title and the name; the seal is stamped at its real size (~33 mm), over both like ink on paper
            centre = (width * 0.5 + (width - 56)) / 2 if nx > width * 0.4 else nx + 60
            middle = (top + ny + 12) / 2
            w, h = 240, 95
            return Placement(index, (centre - w / 2, middle - h / 2, centre + w / 2, middle + h / 2))
    last = len(reader.pages) - 1
    width = float(reader.pages[last].mediabox.width)
    return Placement(last, (width - 290, 60, width - 60, 140))


# --- signing -----------------------------------------------------------------------------------------


def sign_pdf(pdf: bytes, signer: DocumentSigner, *, signer_name: str, position: str, body: str,
             reason: str = "Ban hành văn bản", location: str = "") -> bytes:
    """The PDF with a PAdES signature (incremental update) and its visible appearance."""
    from pyhanko import stamp
    from pyhanko.pdf_utils import images
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    place = find_placement(pdf, signer_name, position)
    x1, y1, x2, y2 = place.box
    now = timezone.localtime()
    image = signature_image(x2 - x1, y2 - y1, body=body, signer=signer_name, position=position,
                            signed_at_text=now.isoformat(timespec="seconds"))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    style = stamp.StaticStampStyle(background=images.PdfImage(image), background_opacity=1.0, border_width=0)
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, name=signer_name, reason=reason,
                                        location=location or None, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    pdf_signer = signers.PdfSigner(meta, signer=signer.pyhanko_signer(), stamp_style=style,
                                   new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=place.page, box=place.box))
    try:
        out = pdf_signer.sign_pdf(writer)
    except SigningFailed:
        raise
    except Exception as exc:  # pyHanko / the CA: report in Vietnamese, keep the cause for the log
        raise SigningFailed(f"Không ký được văn bản: {exc.__class__.__name__}.") from exc
    return out.getvalue()


@dataclass
class Signable:
    kind: str
    object_id: int
    unit: object
    title: str
    pdf: bytes
    signer_name: str
    position: str
    body: str
    file_name: str


def plan_signable(plan) -> Signable:
    from documents.nd30 import render_pdf
    from plans import export

    if not plan.is_issued:
        raise ValidationError("Chỉ ký số kế hoạch đã ban hành.")
    if not plan.signer_name:
        raise ValidationError("Kế hoạch chưa có họ tên người ký.")
    return Signable(SignedDocument.Kind.PLAN, plan.pk, plan.unit, str(plan)[:300],
                    render_pdf(export.build_document(plan)), plan.signer_name,
                    (plan.signer_title or plan.signer_authority).strip(),
                    " ".join(plan.issuing_body.split()) + (" " + plan.unit.short_name if plan.unit_id else ""),
                    export.file_name(plan))


def _official_signable(kind, obj, unit, title, document, file_name, actor) -> Signable:
    """A Signable from an ND 30 OfficialDocument whose signer name is written at signing time (consolidated
    reports, survey reports): the signing officer's name goes into the document before it is rendered."""
    from dataclasses import replace

    from documents.nd30 import Signer, render_pdf

    signer = document.signer or Signer("TM. BAN THƯỜNG TRỰC", "", "")
    name = signer.name or actor.full_name or actor.username
    position = (signer.title or actor.position or "").strip()
    document = replace(document, signer=replace(signer, name=name, title=position or signer.title))
    body = " ".join(document.issuing_body.split()) + " " + unit.short_name
    return Signable(kind, obj.pk, unit, title[:300], render_pdf(document), name, position, body, file_name)


def round_signable(actor, rnd) -> Signable:
    """The consolidated report of a reporting round, signed by an officer of the issuing unit."""
    from reporting import consolidation, services as reporting_services

    if not reporting_services.is_receiver(actor, rnd):
        raise PermissionDenied("Chỉ cán bộ Mặt trận của đơn vị nhận báo cáo ký số báo cáo tổng hợp.")
    document = consolidation.document(consolidation.build(rnd))
    return _official_signable(SignedDocument.Kind.REPORT, rnd, rnd.issuer, f"Báo cáo tổng hợp: {rnd.name}",
                              document, f"Báo cáo tổng hợp {rnd.period.code} {rnd.issuer.short_name}", actor)


def survey_signable(actor, survey) -> Signable:
    """The results report of a finished satisfaction survey."""
    from surveys import access as survey_access, results as survey_results
    from surveys.report import results_report

    if not survey.results_visible:
        raise ValidationError("Báo cáo kết quả lập được khi đã kết thúc lấy ý kiến.")
    res = survey_results.compute(survey, survey_access.areas(actor, survey))
    return _official_signable(SignedDocument.Kind.SURVEY_REPORT, survey, survey.unit,
                              f"Báo cáo kết quả lấy ý kiến: {survey.title}", results_report(res),
                              f"Báo cáo kết quả lấy ý kiến {survey.unit.short_name}", actor)


def fund_signable(actor, fund, period_code: str) -> Signable:
    """The public statement (thông báo công khai) of a fund for a year, half, quarter or month."""
    from funds import disclosure

    try:
        st = disclosure.statement(fund, period_code)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    return _official_signable(SignedDocument.Kind.FUND_STATEMENT, fund, fund.unit,
                              f"Công khai {fund.name} {st.period_name.lower()}", disclosure.document(st),
                              f"Công khai {fund.name} {fund.unit.short_name} {period_code}", actor)


def sign_document(actor, doc: Signable, signer: DocumentSigner | None = None) -> SignedDocument:
    """Sign and keep the signed PDF (audited). Only a Front officer who may write for the issuing unit signs."""
    from accounts import scope

    scope.require_write(actor, doc.unit)
    if scope.organisation_filter(actor) is not None:
        raise PermissionDenied("Chỉ cán bộ Mặt trận của đơn vị ban hành ký số văn bản.")
    signer = signer or configured_signer(actor)
    signed = sign_pdf(doc.pdf, signer, signer_name=doc.signer_name, position=doc.position, body=doc.body)
    report = validate(signed)
    subject = report.signatures[0].subject if report.signatures else ""
    with transaction.atomic():
        record = SignedDocument(kind=doc.kind, object_id=doc.object_id, unit=doc.unit, title=doc.title,
                                sha256=hashlib.sha256(signed).hexdigest(), signer_name=doc.signer_name,
                                signer_position=doc.position, certificate_subject=subject[:300],
                                method=signer.method, signed_by=actor)
        record.file.save(f"{doc.file_name} (ky so).pdf".replace("/", "-"), ContentFile(signed), save=False)
        record.save()
        audit.created(actor, record, verb="Ký số văn bản")
    return record


# --- validation ---------------------------------------------------------------------------------------


@dataclass
class SignatureReport:
    field: str
    signer: str
    subject: str
    signed_at: datetime.datetime | None
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks out
    trusted: bool  # the certificate chains to a configured trust root
    changed_after: bool  # something other than signatures was added after signing
    coverage: str

    @property
    def verdict(self) -> str:
        if not self.intact or not self.valid:
            return "Chữ ký không hợp lệ: văn bản đã bị sửa sau khi ký."
        if self.changed_after:
            return "Chữ ký hợp lệ cho phần đã ký, nhưng văn bản có nội dung được thêm sau khi ký."
        if not self.trusted:
            return "Văn bản không bị thay đổi, nhưng chứng thư số không thuộc tổ chức cung cấp dịch vụ tin cậy đã cấu hình."
        return "Chữ ký hợp lệ, văn bản không bị thay đổi sau khi ký."

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.changed_after


@dataclass
class ValidationReport:
    signatures: list[SignatureReport]

    @property
    def changed(self) -> bool:
        return any(not s.intact or not s.valid or s.changed_after for s in self.signatures)


def trust_roots():
    from asn1crypto import pem, x509 as asn1_x509

    roots = []
    for path in settings.SIGNING_TRUST_ROOTS:
        try:
            data = open(path, "rb").read()
        except OSError:
            continue
        blobs = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        roots += [asn1_x509.Certificate.load(b) for b in blobs]
    return roots


def validate(pdf: bytes, roots=None) -> ValidationReport:
    """Every signature of the PDF: who signed, when, whether the document was changed. Raises ValidationError
    (Vietnamese) for a file that is not a readable PDF or has no signature."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        raise ValidationError("Không đọc được tệp: tệp hỏng hoặc không phải PDF.") from None
    if not embedded:
        raise ValidationError("Tệp PDF không có chữ ký số.")
    context = ValidationContext(trust_roots=roots if roots is not None else trust_roots(), allow_fetching=False)
    reports = []
    for sig in embedded:
        try:
            status = validate_pdf_signature(sig, context)
        except (SignatureValidationError, ValueError, KeyError) as exc:
            reports.append(SignatureReport(sig.field_name, "", "", None, False, False, False, True, str(exc)[:100]))
            continue
        cert = status.signing_cert
        cn = cert.subject.native.get("common_name", "") if cert else ""
        level = status.modification_level
        allowed = {ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING}
        changed_after = level is not None and level not in allowed
        reports.append(SignatureReport(
            field=sig.field_name, signer=cn, subject=cert.subject.human_friendly if cert else "",
            signed_at=status.signer_reported_dt, intact=bool(status.intact), valid=bool(status.valid),
            trusted=bool(status.trusted), changed_after=changed_after,
            coverage=status.coverage.name if status.coverage else ""))
    return ValidationReport(reports)
