"""Signed PDFs: a throwaway CA, a PKCS#12 signer and a remote hash-signing service faked in the test; checked
with pyHanko's validator; a tampered PDF is reported as changed."""

import base64
import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, utils
from django.core.exceptions import ValidationError

from api import signing, throwaway_ca
from api.models import SignedDocument
from plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ca():
    cert, key = throwaway_ca.make_ca()
    return cert, key


@pytest.fixture(scope="module")
def ca_root(ca):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(ca[0].public_bytes(serialization.Encoding.DER))


@pytest.fixture
def p12_signer(ca, tmp_path):
    cert, key = throwaway_ca.issue_signer(*ca, "Nguyễn Văn Thái")
    path = tmp_path / "signer.p12"
    path.write_bytes(throwaway_ca.pkcs12_bytes(cert, key, ca[0], b"mat-khau"))
    return signing.Pkcs12Signer(path, b"mat-khau")


@pytest.fixture
def plan(tree):
    return Plan.objects.create(
        unit=tree.province, parent_body="ỦY BAN MTTQ VIỆT NAM TỈNH THÁI NGUYÊN", issuing_body="BAN THƯỜNG TRỰC",
        number="59", symbol="KH-MTTQ-BTT", place="Thái Nguyên", issued_on=datetime.date(2026, 3, 16),
        title="Thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” năm 2026",
        signer_authority="TM. BAN THƯỜNG TRỰC", signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn Thái",
        status=Plan.Status.ISSUED)


def test_an_issued_plan_signed_with_a_pkcs12_file_validates_and_names_its_signer(plan, province_officer,
                                                                                 p12_signer, ca_root):
    record = signing.sign_document(province_officer, signing.plan_signable(plan), p12_signer)
    assert record.kind == "plan" and record.method == "pkcs12" and record.signer_name == "Nguyễn Văn Thái"
    signed = record.file.read()
    report = signing.validate(signed, roots=[ca_root])
    sig = report.signatures[0]
    assert sig.signer == "Nguyễn Văn Thái" and sig.intact and sig.valid and sig.trusted and not sig.changed_after
    assert sig.coverage == "ENTIRE_FILE" and not report.changed
    assert sig.verdict == "Chữ ký hợp lệ, văn bản không bị thay đổi sau khi ký."


def test_the_visible_signature_sits_in_the_signature_block_between_title_and_name(plan, p12_signer):
    from pypdf import PdfReader
    import io

    doc = signing.plan_signable(plan)
    place = signing.find_placement(doc.pdf, doc.signer_name, doc.position)
    signed = signing.sign_pdf(doc.pdf, p12_signer, signer_name=doc.signer_name, position=doc.position, body=doc.body)
    reader = PdfReader(io.BytesIO(signed))
    page = reader.pages[place.page]
    widgets = [a.get_object() for a in page.get("/Annots", []) if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1
    x1, y1, x2, y2 = [float(v) for v in widgets[0]["/Rect"]]
    width = float(page.mediabox.width)
    assert x1 > width * 0.45  # the right-hand column, where ND 30 puts the signature
    names, titles = [], []
    page.extract_text(visitor_text=lambda t, cm, tm, fd, fs: (names if t.strip() == "Nguyễn Văn Thái" else
                                                              titles if t.strip() == "CHỦ TỊCH" else []).append(tm[5] * cm[3] + cm[5]))
    assert names and titles and names[-1] < (y1 + y2) / 2 < titles[-1]  # centred in the gap (the seal overlaps)


def test_a_tampered_signed_pdf_is_reported_as_changed(plan, province_officer, p12_signer, ca_root):
    signed = signing.sign_document(province_officer, signing.plan_signable(plan), p12_signer).file.read()
    position = signed.find(b"stream") + 200  # inside the first page's content, covered by the signature
    tampered = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1:]
    report = signing.validate(tampered, roots=[ca_root])
    assert report.changed
    assert report.signatures[0].verdict.startswith("Chữ ký không hợp lệ")


def test_content_added_after_signing_is_reported(plan, province_officer, p12_signer, ca_root):
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = signing.sign_document(province_officer, signing.plan_signable(plan), p12_signer).file.read()
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[generic.NameObject("/Rotate")] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    report = signing.validate(out.getvalue(), roots=[ca_root])
    assert report.signatures[0].intact and report.changed
    assert "thêm sau khi ký" in report.signatures[0].verdict


def test_an_unknown_ca_is_reported_as_untrusted(plan, province_officer, p12_signer):
    signed = signing.sign_document(province_officer, signing.plan_signable(plan), p12_signer).file.read()
    sig = signing.validate(signed, roots=[]).signatures[0]
    assert sig.intact and not sig.trusted and "tin cậy" in sig.verdict


def test_not_a_pdf_and_an_unsigned_pdf_get_vietnamese_messages(plan):
    with pytest.raises(ValidationError, match="không phải PDF"):
        signing.validate(b"hello")
    with pytest.raises(ValidationError, match="không có chữ ký số"):
        signing.validate(signing.plan_signable(plan).pdf)


def test_only_issued_plans_with_a_signer_are_signed_and_only_by_the_issuers_officers(plan, other_officer,
                                                                                     leader, p12_signer):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(Http404):
        signing.sign_document(other_officer, signing.plan_signable(plan), p12_signer)
    with pytest.raises(PermissionDenied):
        signing.sign_document(leader, signing.plan_signable(plan), p12_signer)
    plan.status = Plan.Status.DRAFT
    with pytest.raises(ValidationError):
        signing.plan_signable(plan)
    assert SignedDocument.objects.count() == 0


class FakeRemoteSigningService:
    """A CA's remote hash-signing service: certificates, a sign request that waits for the signer's approval
    (the first status poll answers 'pending'), and the raw RSA signature of the hash."""

    def __init__(self, ca, approve=True):
        self.cert, self.key = throwaway_ca.issue_signer(*ca, "Nguyễn Văn Thái")
        self.chain = [self.cert, ca[0]]
        self.approve, self.requests, self.polls = approve, {}, 0
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path.startswith("/certificates"):
                    return self._send({"certificates": [base64.b64encode(c.public_bytes(serialization.Encoding.DER))
                                                        .decode() for c in service.chain]})
                txn = self.path.rsplit("/", 1)[-1]
                service.polls += 1
                if service.polls < 2:
                    return self._send({"status": "pending"})
                if not service.approve:
                    return self._send({"status": "rejected"})
                digest = service.requests[txn]
                sig = service.key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
                return self._send({"status": "signed", "signature": base64.b64encode(sig).decode()})

            def do_POST(self):
                data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                assert data["algorithm"] == "sha256" and data["account"] == "thai@example.vn"
                txn = f"t{len(service.requests) + 1}"
                service.requests[txn] = base64.b64decode(data["hash"])
                return self._send({"transaction_id": txn})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_a_remote_hash_signing_service_signs_after_the_signers_approval(plan, province_officer, ca, ca_root):
    service = FakeRemoteSigningService(ca)
    try:
        signer = signing.RemoteHashSigner(signing.HttpRemoteSigningClient(service.url), "thai@example.vn",
                                          poll_seconds=0.05, wait_seconds=10)
        record = signing.sign_document(province_officer, signing.plan_signable(plan), signer)
    finally:
        service.close()
    assert record.method == "remote" and service.polls >= 2 and len(service.requests) == 1
    sig = signing.validate(record.file.read(), roots=[ca_root]).signatures[0]
    assert sig.intact and sig.valid and sig.trusted and sig.signer == "Nguyễn Văn Thái"


def test_a_refusal_on_the_phone_signs_nothing(plan, province_officer, ca):
    service = FakeRemoteSigningService(ca, approve=False)
    try:
        signer = signing.RemoteHashSigner(signing.HttpRemoteSigningClient(service.url), "thai@example.vn",
                                          poll_seconds=0.05, wait_seconds=10)
        with pytest.raises(signing.SigningFailed, match="từ chối"):
            signing.sign_document(province_officer, signing.plan_signable(plan), signer)
    finally:
        service.close()
    assert SignedDocument.objects.count() == 0


def test_officers_sign_from_the_signing_page_and_anyone_in_scope_checks_a_file(plan, client_for, province_officer,
                                                                             other_officer, p12_signer, ca, tmp_path,
                                                                             settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.SIGNING_PKCS12_FILE, settings.SIGNING_PKCS12_PASSWORD = p12_signer.path, "mat-khau"
    roots = tmp_path / "ca.pem"
    roots.write_bytes(throwaway_ca.pem(ca[0]))
    settings.SIGNING_TRUST_ROOTS = [str(roots)]
    c = client_for(province_officer)
    page = c.get(reverse("signing:home")).content.decode()
    assert "59/KH-MTTQ-BTT" in page and "Ký số" in page
    c.post(reverse("signing:sign_plan", args=[plan.pk]))
    record = SignedDocument.objects.get()
    r = c.get(reverse("signing:download", args=[record.pk]))
    signed = b"".join(r.streaming_content)
    assert signed.startswith(b"%PDF")
    assert client_for(other_officer).get(reverse("signing:download", args=[record.pk])).status_code == 404
    checked = c.post(reverse("signing:check"), {"file": SimpleUploadedFile("kh.pdf", signed)}).content.decode()
    assert "Nguyễn Văn Thái" in checked and "Chữ ký hợp lệ, văn bản không bị thay đổi sau khi ký." in checked
    at = signed.find(b"stream") + 200
    bad = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1:]
    checked = c.post(reverse("signing:check"), {"file": SimpleUploadedFile("kh.pdf", bad)}).content.decode()
    assert "Văn bản đã bị thay đổi sau khi ký" in checked


def test_a_consolidated_report_is_signed_with_the_signing_officers_name(tree, province_officer, dong_phuc_officer,
                                                                        p12_signer, ca_root):
    from campaign.periods import get_period
    from django.core.exceptions import PermissionDenied

    from reporting.models import ReportingRound

    rnd = ReportingRound.objects.create(issuer=tree.province, period=get_period("2026-h1"),
                                        name="Báo cáo 6 tháng đầu năm 2026", cut_off=datetime.date(2026, 6, 14),
                                        due_date=datetime.date(2026, 6, 20), reporters="commune")
    province_officer.position = "Phó Chủ tịch"
    with pytest.raises(PermissionDenied):
        signing.round_signable(dong_phuc_officer, rnd)
    record = signing.sign_document(province_officer, signing.round_signable(province_officer, rnd), p12_signer)
    assert record.kind == "report" and record.signer_name == "Nguyễn Thị Hạnh"
    assert record.signer_position == "PHÓ CHỦ TỊCH"  # the document's own signature block
    assert not signing.validate(record.file.read(), roots=[ca_root]).changed


def test_a_funds_public_statement_is_signed_and_a_bad_period_is_refused(tree, province_officer, p12_signer,
                                                                        ca_root):
    from funds.models import Fund

    fund = Fund.objects.create(unit=tree.province, kind="poor", name="Quỹ “Vì người nghèo”",
                               opened_on=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        signing.fund_signable(province_officer, fund, "nam-nay")
    record = signing.sign_document(province_officer, signing.fund_signable(province_officer, fund, "2026"),
                                   p12_signer)
    assert record.kind == "fund" and "năm 2026" in record.title
    assert signing.validate(record.file.read(), roots=[ca_root]).signatures[0].intact


def test_integrity_check_notices_a_signed_file_changed_on_disk(plan, province_officer, p12_signer):
    from api.integrity import checks

    record = signing.sign_document(province_officer, signing.plan_signable(plan), p12_signer)
    assert all(failure is None for _, failure in checks())
    with open(record.file.path, "ab") as f:
        f.write(b"%")
    assert any(failure and "bị thay đổi" in failure for _, failure in checks())
