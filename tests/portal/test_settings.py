"""Settings switch on the environment: embedded defaults, real services, production guards."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

PROJECT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from portal.celery import app
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "email": settings.EMAIL_BACKEND,
    "cache": settings.CACHES["default"]["BACKEND"],
    "debug": settings.DEBUG,
    "hsts": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "samesite": settings.SESSION_COOKIE_SAMESITE,
}))
"""

KEYS = {"MFA_ENCRYPTION_KEYS": Fernet.generate_key().decode(), "PATIENT_DATA_KEYS": Fernet.generate_key().decode()}

SERVICE_VARIABLES = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests in this process; never in a deployment
    "MFA_ENCRYPTION_KEYS",
    "PATIENT_DATA_KEYS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
)


def run_python(code, settings_module, **extra_env):
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(extra_env)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600
    )


def probe(settings_module, **extra_env):
    result = run_python(PROBE, settings_module, **extra_env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_defaults_without_environment():
    values = probe("portal.settings.dev")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("db.sqlite3")
    assert values["eager"] is True
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["cache"].endswith("LocMemCache")


def test_real_services_from_environment():
    values = probe(
        "portal.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ern_portal",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        REDIS_URL="redis://127.0.0.1:6379/1",
        EMAIL_URL="smtp://mailer:secret@mail.example.org:2525",
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "ern_portal"
    assert values["eager"] is False
    assert values["broker"] == "redis://127.0.0.1:6379/0"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("missing", "env"),
    [
        ("SECRET_KEY", {"ALLOWED_HOSTS": "portal.example.org", **KEYS}),
        ("ALLOWED_HOSTS", {"SECRET_KEY": "x" * 60, **KEYS}),
        ("MFA_ENCRYPTION_KEYS", {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "p.example.org", "PATIENT_DATA_KEYS": "k"}),
        ("PATIENT_DATA_KEYS", {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "p.example.org", "MFA_ENCRYPTION_KEYS": "k"}),
    ],
)
def test_production_refuses_to_start_without(missing, env):
    result = run_python("import django; django.setup()", "portal.settings.production", **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_hardening():
    values = probe("portal.settings.production", SECRET_KEY="k" * 60, ALLOWED_HOSTS="portal.example.org", **KEYS)
    assert values["debug"] is False
    assert values["hsts"] >= 31_536_000
    assert values["session_secure"] and values["csrf_secure"] and values["session_httponly"]
    assert values["samesite"] in {"Lax", "Strict"}


def test_production_check_deploy_passes_with_dummy_environment():
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-dummy-secret-key-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="portal.example.org",
        **KEYS,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
