"""Test settings: fast and deterministic. PostgreSQL/Redis when the environment provides them."""

import os

from .base import *  # noqa: F403
from .base import CACHE_URL, CACHES, env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DEMO_DATA_ALLOWED = True

# Argon2 is deliberately slow; tests use a fast hasher (production keeps Argon2).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S105

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Parallel test workers must not share one Redis cache database: every test
# clears the cache, which would wipe another worker's rate-limit counters and
# newsletter hand-over records. Each xdist worker gets its own database number,
# exported so the Celery worker an integration test starts uses the same one.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if CACHE_URL and _xdist_worker.startswith("gw"):
    _cache_url = CACHE_URL.rsplit("/", 1)[0] + f"/{10 + int(_xdist_worker[2:]) % 6}"
    CACHES = {"default": {**CACHES["default"], "LOCATION": _cache_url}}
    os.environ["REDIS_URL"] = _cache_url
    os.environ.pop("CACHE_URL", None)

# Nor one broker: two integration tests running side by side would each start a
# Celery worker on the same queue, and one worker would take the other test's
# tasks to its own database. Each xdist worker gets its own broker database too,
# exported for the worker it starts.
from .base import CELERY_BROKER_URL  # noqa: E402

if CELERY_BROKER_URL and _xdist_worker.startswith("gw") and CELERY_BROKER_URL.startswith("redis"):
    CELERY_BROKER_URL = CELERY_BROKER_URL.rsplit("/", 1)[0] + f"/{2 + int(_xdist_worker[2:]) % 6}"
    os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL

# Unit tests run tasks in-process; integration tests start a real worker and
# override this with their own settings.
CELERY_TASK_ALWAYS_EAGER = env("CELERY_TEST_EAGER", "1") == "1"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
