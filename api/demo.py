"""Demo: a throwaway CA and a signer certificate (PKCS#12) for signing in the demo, the province plan
59/KH-MTTQ-BTT signed with it (so the validation page has a signed PDF that validates), and an API token of the
province officer for the example in docs/api.md (printed once, when it is made)."""

from pathlib import Path

from django.conf import settings

from accounts.models import User
from units.models import Level, Unit

ORDER = 95
DEMO_P12_PASSWORD = b"doanket-demo"


def ensure_demo_certificates(log, signer_name="Nguyễn Văn Thái") -> bool:
    """Make the throwaway CA and signer at the configured (demo default) paths, once. False when signing is
    configured otherwise (a real certificate or a remote service): then the demo does not touch it."""
    from . import throwaway_ca

    p12 = Path(settings.SIGNING_PKCS12_FILE or "")
    roots = [Path(p) for p in settings.SIGNING_TRUST_ROOTS]
    if settings.SIGNING_METHOD != "pkcs12" or not p12.name or "ky-so-demo" not in str(p12):
        return False
    if p12.exists():
        return True
    p12.parent.mkdir(parents=True, exist_ok=True)
    ca, ca_key = throwaway_ca.make_ca("CA thử nghiệm doanket (demo)")
    cert, key = throwaway_ca.issue_signer(ca, ca_key, signer_name, "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên")
    p12.write_bytes(throwaway_ca.pkcs12_bytes(cert, key, ca, (settings.SIGNING_PKCS12_PASSWORD or "").encode()
                                              or DEMO_P12_PASSWORD))
    for root in roots:
        if "ky-so-demo" in str(root):
            root.write_bytes(throwaway_ca.pem(ca))
    log(f"Chứng thư số thử nghiệm (CA tạm của demo): {p12}")
    return True


def load(log):
    from plans.models import Plan

    from . import signing, tokens
    from .models import ApiToken, SignedDocument

    province = Unit.objects.filter(level=Level.PROVINCE, code="19").first()
    officer = User.objects.filter(username="tinh.thainguyen").first()
    if province is None or officer is None:
        return
    plan = Plan.objects.filter(unit=province, number="59", status=Plan.Status.ISSUED).first()
    # the demo certificate is the plan's signer's (whose name the document carries)
    if ensure_demo_certificates(log, (plan.signer_name if plan else "") or "Nguyễn Văn Thái"):
        if plan and not SignedDocument.objects.filter(kind=SignedDocument.Kind.PLAN, object_id=plan.pk).exists():
            if not plan.signer_name:
                log(f"{plan}: chưa có họ tên người ký, bỏ qua ký số.")
            else:
                record = signing.sign_document(officer, signing.plan_signable(plan))
                log(f"Đã ký số {record.title} ({record.file.name}).")
    if not ApiToken.objects.filter(user=officer, name="Ví dụ trong docs/api.md").exists():
        _, secret = tokens.issue(None, user=officer, unit=province, permissions=["read", "write"],
                                 name="Ví dụ trong docs/api.md", enforce_actor=False)
        log(f"Mã truy cập API của tinh.thainguyen (chỉ hiện lần này): {secret}")
