"""A real Celery worker for the integration tests: a `celery worker` subprocess on this test's database."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(message)


class Worker:
    """A `celery worker` subprocess in its own process group, so SIGKILL takes its pool children too.

    It uses tests.integration.worker_settings (the test settings, real SMTP to ``smtp_port``, no eager
    tasks) and the test's own database; ``extra_env`` adds settings for one test.
    """

    def __init__(self, smtp_port, **extra_env):
        broker = os.environ["CELERY_BROKER_URL"]
        db_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
            "CELERY_TEST_EAGER": "0",
            "DATABASE_URL": db_url,
            "CELERY_BROKER_URL": broker,
            # State that must outlive a worker (the newsletter hand-over journal) lives in a shared Redis cache.
            "REDIS_URL": os.environ.get("REDIS_URL") or broker,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "BASE_URL": "https://portal.example.org",
            "LOG_LEVEL": "WARNING",
            **extra_env,
        }
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed command line, our own venv
            [str(CELERY), "-A", "portal", "worker", "--pool=prefork", "-c", "2", "--loglevel=WARNING",
             "-n", f"test-{uuid.uuid4().hex[:8]}@%h", "--without-gossip", "--without-mingle"],
            cwd=BASE_DIR, env=self.env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def kill(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
