"""doanket settings: one module, driven by environment variables.

DATABASE_URL     postgres://user@host:5432/name (production) or sqlite:///path (default: db.sqlite3)
PRODUCTION       1 in production: SECRET_KEY becomes required, static files get hashed names
SECRET_KEY       required in production (a fixed development key otherwise)
DEBUG            1/0 (default 0)
ALLOWED_HOSTS    comma-separated (default: localhost,127.0.0.1)
Production security (every one on by default when PRODUCTION=1, settable one by one): SECURE_SSL_REDIRECT,
SECURE_COOKIES, SECURE_HSTS_SECONDS, SECURE_HSTS_PRELOAD, SECURE_PROXY_SSL_HEADER, OTP_REQUIRED_FOR_ADMINS;
SESSION_IDLE_MINUTES (idle sign-out, default 30), SESSION_MAX_HOURS (absolute lifetime, default 12).
CACHE_URL / REDIS_URL  redis://… for the shared cache (throttles); default: the database cache table.
TASKS_BACKEND    django_tasks_db.DatabaseBackend in production (a `db_worker` runs the tasks)
SENTRY_DSN       optional: report errors to a Sentry-compatible service
See deploy/env.example for a complete production environment.
Mail: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
DEFAULT_FROM_EMAIL; without EMAIL_HOST mail goes to the console.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default=False):
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = envbool("PRODUCTION")
DEBUG = envbool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set when PRODUCTION=1")
    SECRET_KEY = "doanket-insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "ninja",  # the API's interactive docs from its own static files (without it ninja's docs use a CDN)
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    # doanket, in the order of the spine
    "core",
    "units",
    "accounts",
    "campaign",
    "indicators",
    "surveys",
    "documents",
    "plans",
    "initiatives",
    "activities",
    "welfare",
    "funds",
    "budget",
    "committees",
    "oversight",
    "recognition",
    "reporting",
    "api",
    "dashboards",
    "jobs",
]

MIDDLEWARE = [
    "core.middleware.RequestLogMiddleware",
    "core.middleware.DatabaseDownMiddleware",
    "core.replica.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.params.RejectControlCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.permissions.PermissionMiddleware",
    "accounts.otp.AdminSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.SessionIdleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "doanket.urls"
WSGI_APPLICATION = "doanket.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.shell",
            ],
            "builtins": ["core.templatetags.vn"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; a generous busy timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
# A streaming replica for the reads of pages (core/replica.py); tests mirror it onto the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {**DATABASES["default"], **dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=envint("DB_CONN_MAX_AGE", 0)), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["core.replica.ReplicaRouter"]
REPLICA_STICKY_SECONDS = envint("REPLICA_STICKY_SECONDS", 10)
API_CALL_RETENTION_DAYS = envint("API_CALL_RETENTION_DAYS", 180)  # the API call log is pruned daily
# Parallel runs (several checkouts on one machine) keep their test databases apart.
if os.environ.get("TEST_DB_SUFFIX"):
    DATABASES["default"]["TEST"] = {"NAME": f"test_doanket_{os.environ['TEST_DB_SUFFIX']}"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, never memory: the browser tests' live server answers several requests at once (the phone app's
    # service worker fetches its assets in parallel), and an in-memory test database is one connection shared by
    # those threads ("bad parameter or other API misuse").
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test_doanket_sqlite")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed logins (django-axes).
# Kept in the database (shared by every process), keyed on the account *and* the address: one person mistyping
# behind a carrier NAT locks only that account from that address.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Behind the reverse proxy (deploy/nginx.conf) every request comes from 127.0.0.1: the client's address is the
# last entry of X-Forwarded-For, which the proxy appends. Throttles and the login lock read it from there.
BEHIND_PROXY = envbool("BEHIND_PROXY", PRODUCTION)
AXES_CLIENT_IP_CALLABLE = "core.throttle.client_address"
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["core.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads: keep big files on disk, refuse absurd ones early (each form checks its own limit too).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

if os.environ.get("EMAIL_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {
        "host": os.environ["EMAIL_HOST"],
        "port": envint("EMAIL_PORT", 587),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": envbool("EMAIL_USE_TLS", default=True),
    }}}
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "doanket <khong-tra-loi@doanket.local>")

# Background work goes through Django's tasks interface: in-process by default, a database-backed worker
# (`manage.py db_worker`, see deploy/) in production.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")}}
# A worker whose heartbeat is older than this is dead: its running jobs are run again (or failed) by the reaper.
JOBS_WORKER_STALE_SECONDS = envint("JOBS_WORKER_STALE_SECONDS", 90)

# Shared cache (throttles, the worker heartbeat): one for every process. Redis when configured, otherwise the
# database table `doanket_cache` (created by core's migration 0003_cache_table).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or ""
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    # the dashboards' cached spine reads (indicators.generation) are many small entries: room for them
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "doanket_cache",
                          "OPTIONS": {"MAX_ENTRIES": 20000}}}

# Transport security: on by default in production, off for the demo and tests (plain HTTP on localhost).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health probe speaks plain HTTP to the app
if envbool("SECURE_PROXY_SSL_HEADER", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("SESSION_MAX_HOURS", 12) * 3600
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_MINUTES", 30) * 60

# Content Security Policy: scripts only from our own static files (no inline script, no eval). Inline style
# attributes stay allowed (templates and server-drawn SVG use them); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Second factor (TOTP, django-otp) for administrators; on by default in production.
OTP_REQUIRED_FOR_ADMINS = envbool("OTP_REQUIRED_FOR_ADMINS", PRODUCTION)
OTP_TOTP_ISSUER = "doanket"

# Throttles (shared cache): password reset per address and per e-mail, public survey codes per address.
PASSWORD_RESET_PER_HOUR = envint("PASSWORD_RESET_PER_HOUR", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # One line per request (core.middleware.RequestLogMiddleware): INFO in production, quiet in the demo.
    "loggers": {"doanket.request": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")}},
}

# API (app `api`): calls per minute and token (cache-based; a shared cache in production)
API_RATE_LIMIT_PER_MINUTE = envint("API_RATE_LIMIT_PER_MINUTE", 120)

# Digital signatures (app `api`): SIGNING_METHOD "pkcs12" (a .p12 file on the server) or "remote" (a CA's
# remote hash-signing service: SIGNING_REMOTE_URL, _CLIENT_ID, _SECRET; the signer approves on their phone).
# Outside production the demo's throwaway CA and signer (made by `manage.py demo`) are the defaults.
_DEMO_SIGNING = MEDIA_ROOT / "ky-so-demo"
SIGNING_METHOD = os.environ.get("SIGNING_METHOD", "pkcs12")
SIGNING_PKCS12_FILE = os.environ.get("SIGNING_PKCS12_FILE", "" if PRODUCTION else str(_DEMO_SIGNING / "nguoi-ky.p12"))
SIGNING_PKCS12_PASSWORD = os.environ.get("SIGNING_PKCS12_PASSWORD", "" if PRODUCTION else "doanket-demo")
SIGNING_REMOTE_URL = os.environ.get("SIGNING_REMOTE_URL", "")
SIGNING_REMOTE_CLIENT_ID = os.environ.get("SIGNING_REMOTE_CLIENT_ID", "")
SIGNING_REMOTE_SECRET = os.environ.get("SIGNING_REMOTE_SECRET", "")
SIGNING_REMOTE_WAIT = envint("SIGNING_REMOTE_WAIT", 120)  # seconds to wait for the signer's approval
# PEM/DER certificates of the CAs whose signatures the validation page trusts (comma-separated paths)
SIGNING_TRUST_ROOTS = envlist("SIGNING_TRUST_ROOTS") or ([] if PRODUCTION else [str(_DEMO_SIGNING / "ca.pem")])

# Single sign-on with OpenID Connect (app `api`), off by default. A user of the identity provider whose user name
# (preferred_username) or verified e-mail matches an active doanket user signs in as that user; roles and scope
# stay doanket's and no account is created.
OIDC_ENABLED = envbool("OIDC_ENABLED")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "tài khoản định danh")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = envbool("OIDC_USE_PKCE", default=True)
OIDC_CREATE_USER = False
LOGIN_REDIRECT_URL_FAILURE = "/dang-nhap/?sso=that-bai"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "api.oidc.DoanketOIDCBackend"]
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
                    traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
                    send_default_pii=False)
