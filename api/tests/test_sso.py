"""Single sign-on against a small OpenID Connect provider started inside the test (no outside service)."""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

pytestmark = pytest.mark.django_db


class TinyOIDCProvider:
    """Token, userinfo and JWKS endpoints of an identity provider. `approve(claims, nonce)` plays the person who
    logs in at the provider: it returns the authorization code the provider would send back to doanket."""

    def __init__(self, client_id="doanket", secret="bi-mat"):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.client_id, self.secret, self.codes, self.tokens = client_id, secret, {}, {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    return self._json({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]})
                if self.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.tokens:
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(provider.tokens[token])
                self._json({}, 404)

            def do_POST(self):
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                code = form.get("code", [""])[0]
                if (form.get("client_id") != [provider.client_id] or form.get("client_secret") != [provider.secret]
                        or code not in provider.codes):
                    return self._json({"error": "invalid_grant"}, 400)
                claims, nonce = provider.codes.pop(code)
                now = int(time.time())
                id_token = jwt.encode({"iss": provider.url, "aud": provider.client_id, "sub": claims["sub"],
                                       "iat": now, "exp": now + 300, "nonce": nonce}, provider.key,
                                      algorithm="RS256", headers={"kid": "k1"})
                access = uuid.uuid4().hex
                provider.tokens[access] = claims
                self._json({"access_token": access, "id_token": id_token, "token_type": "Bearer"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def approve(self, claims, nonce):
        code = uuid.uuid4().hex
        self.codes[code] = ({"sub": uuid.uuid4().hex, **claims}, nonce)
        return code

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings):
    p = TinyOIDCProvider()
    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "Mặt trận số"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = p.client_id, p.secret
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = p.url + "/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = p.url + "/token"
    settings.OIDC_OP_USER_ENDPOINT = p.url + "/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = p.url + "/jwks"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "api.oidc.DoanketOIDCBackend"]
    yield p
    p.close()


def sign_in(client, provider, claims):
    """Follow the code flow as a browser would; returns the response of doanket's callback."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == ["doanket"] and "openid" in query["scope"][0]
    code = provider.approve(claims, query["nonce"][0])
    return client.get(reverse("oidc_authentication_callback"), {"code": code, "state": query["state"][0]})


def test_a_provider_account_with_the_same_user_name_signs_in_and_keeps_its_doanket_scope(client, provider,
                                                                                         dong_phuc_officer):
    r = sign_in(client, provider, {"preferred_username": "dongphuc", "email": "khac@idp.vn"})
    assert r.status_code == 302 and "that-bai" not in r["Location"]
    units = client.get("/api/v1/units").json()
    assert units["count"] == 3 and units["items"][0]["name"] == "Xã Đồng Phúc"
    from accounts.models import AuditEvent, User

    assert User.objects.get(pk=dong_phuc_officer.pk).role == "officer"
    assert AuditEvent.objects.filter(verb__startswith="Đăng nhập một lần", actor=dong_phuc_officer).exists()


def test_a_verified_email_matches_when_the_user_name_does_not(client, provider, province_officer):
    r = sign_in(client, provider, {"preferred_username": "nguyen.hanh", "email": "TINH@example.vn",
                                   "email_verified": True})
    assert "that-bai" not in r["Location"]
    assert client.get("/api/v1/units").json()["items"][0]["name"] == "Tỉnh Thái Nguyên"


def test_an_unknown_or_inactive_person_is_not_signed_in_and_no_user_is_created(client, provider, tree,
                                                                              dong_phuc_officer):
    from accounts.models import User

    count = User.objects.count()
    r = sign_in(client, provider, {"preferred_username": "nguoi.la", "email": "la@idp.vn"})
    assert "that-bai" in r["Location"] and User.objects.count() == count
    page = client.get(r["Location"]).content.decode()
    assert "Không đăng nhập được bằng Mặt trận số" in page
    dong_phuc_officer.is_active = False
    dong_phuc_officer.save()
    r = sign_in(client, provider, {"preferred_username": "dongphuc"})
    assert "that-bai" in r["Location"]
    assert client.get("/api/v1/units").status_code == 401


def test_an_unverified_email_is_not_enough(client, provider, province_officer):
    r = sign_in(client, provider, {"preferred_username": "x", "email": "tinh@example.vn", "email_verified": False})
    assert "that-bai" in r["Location"]


def test_sso_is_off_by_default(client, tree):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert "Đăng nhập bằng" not in client.get("/dang-nhap/").content.decode()


def test_the_login_page_offers_the_provider_when_sso_is_on(client, provider):
    assert "Đăng nhập bằng Mặt trận số" in client.get("/dang-nhap/").content.decode()
