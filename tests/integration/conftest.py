"""Fixtures of the integration tests: real PostgreSQL and Redis, a test process that enqueues to the broker.

Skipped without the services; a failure instead when REQUIRE_SERVICES=1 (CI).
"""

import os

import pytest


def _services_missing():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL is not PostgreSQL"
    if not os.environ.get("CELERY_BROKER_URL"):
        return "CELERY_BROKER_URL is not set"
    return None


@pytest.fixture
def services():
    missing = _services_missing()
    if missing:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {missing}")
        pytest.skip(missing)


@pytest.fixture
def broker_queue_empty(services):
    """Leftovers from an earlier run must not reach this worker: purge our own Redis database."""
    import redis

    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).flushdb()
    yield


@pytest.fixture
def real_celery(monkeypatch):
    """This test process enqueues to the broker instead of running tasks in-process."""
    from portal.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", False)
