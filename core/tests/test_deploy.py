"""Production settings: deploy/env.example passes Django's deployment checks, and PRODUCTION=1 alone turns
transport security on while the demo and the tests keep plain HTTP."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def env_example() -> dict[str, str]:
    env = {}
    for line in (ROOT / "deploy" / "env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip().strip('"')
    return env


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TEST_DB_SUFFIX")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def settings_under(env) -> dict:
    code = ("import json, django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'doanket.settings'); "
            "django.setup(); from django.conf import settings as s; print(json.dumps({k: getattr(s, k, None) for k "
            "in ['SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
            "'OTP_REQUIRED_FOR_ADMINS', 'SECURE_PROXY_SSL_HEADER']}))")
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**base, **env}, capture_output=True,
                         text=True, timeout=60, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_env_example_lists_every_production_setting_with_placeholders():
    env = env_example()
    for name in ("PRODUCTION", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "TASKS_BACKEND", "CACHE_URL",
                 "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_IDLE_MINUTES", "OTP_REQUIRED_FOR_ADMINS",
                 "SENTRY_DSN", "MEDIA_ROOT", "EMAIL_HOST"):
        assert name in env, name
    assert env["PRODUCTION"] == "1" and env["DEBUG"] == "0" and "change-me" in env["SECRET_KEY"]


def test_check_deploy_passes_with_the_env_example():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env_example())
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_transport_security():
    env = {**env_example(), "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0 and "W008" in result.stderr + result.stdout


def test_production_turns_transport_security_and_the_second_factor_on_by_default():
    got = settings_under({"PRODUCTION": "1", "SECRET_KEY": "x" * 60})
    assert got["SECURE_SSL_REDIRECT"] and got["SESSION_COOKIE_SECURE"] and got["CSRF_COOKIE_SECURE"]
    assert got["SECURE_HSTS_SECONDS"] >= 31536000 and got["OTP_REQUIRED_FOR_ADMINS"]
    assert got["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_demo_keeps_plain_http_and_each_setting_can_be_changed_alone():
    demo = settings_under({})
    assert not demo["SECURE_SSL_REDIRECT"] and not demo["SESSION_COOKIE_SECURE"] and demo["SECURE_HSTS_SECONDS"] == 0
    one_off = settings_under({"PRODUCTION": "1", "SECRET_KEY": "x" * 60, "SECURE_SSL_REDIRECT": "0"})
    assert not one_off["SECURE_SSL_REDIRECT"] and one_off["SESSION_COOKIE_SECURE"]
