"""
A real Celery worker (prefork, Redis broker) sends an issue to 2,000
subscribers through SMTP to a local aiosmtpd sink: exactly 2,000 messages
arrive. Then, for a second issue, the worker is killed with SIGKILL mid-send
and restarted: still exactly 2,000 messages, one per subscriber, no duplicates.

Needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL); skipped without
them, a failure instead when REQUIRE_SERVICES=1 (CI).
"""

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
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from newsletters import sending
from newsletters.models import Delivery, Send, Subscriber
from newsletters.smtp_sink import SmtpSink
from tests.factories import HomePageFactory
from tests.newsletters.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory

pytestmark = pytest.mark.integration

SUBSCRIBERS = 2000
BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Worker:
    """A `celery worker` subprocess in its own process group, so SIGKILL takes its pool children too."""

    def __init__(self, smtp_port):
        broker = os.environ["CELERY_BROKER_URL"]
        db_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
            "CELERY_TEST_EAGER": "0",
            "DATABASE_URL": db_url,
            "CELERY_BROKER_URL": broker,
            # The hand-over journal must outlive the worker: a shared Redis cache.
            "REDIS_URL": os.environ.get("REDIS_URL") or broker,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "BASE_URL": "https://portal.example.org",
            "NEWSLETTER_BATCH_SIZE": "50",
            "NEWSLETTER_CLAIM_TIMEOUT": "5",
            "LOG_LEVEL": "WARNING",
        }
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed command line, our own venv
            [str(CELERY), "-A", "portal", "worker", "--pool=prefork", "-c", "2", "--loglevel=WARNING",
             "-n", f"newsletter-test-{uuid.uuid4().hex[:8]}@%h", "--without-gossip", "--without-mingle"],
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


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(message)


def messages_for(handler, send_id):
    prefix = f"<newsletter.{send_id}."
    return [(recipient, mid) for recipient, mid in handler.snapshot() if mid.startswith(prefix)]


def assert_exactly_once(handler, send_id, emails):
    received = messages_for(handler, send_id)
    assert len(received) == SUBSCRIBERS, f"{len(received)} messages for send {send_id}"
    assert len({recipient for recipient, _mid in received}) == SUBSCRIBERS
    assert len({mid for _recipient, mid in received}) == SUBSCRIBERS
    assert {recipient for recipient, _mid in received} == emails
    assert set(Delivery.objects.filter(send_id=send_id).values_list("status", flat=True)) == {"sent"}


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


@pytest.fixture
def site_home(transactional_db):
    """root → home → Site, also on a database built without migrations (--nomigrations has no root page)."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=english))
    Site.objects.all().delete()
    root.get_children().delete()
    home = HomePageFactory(parent=root)
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def test_real_worker_sends_exactly_once_even_when_killed_mid_send(services, broker_queue_empty, real_celery, site_home):
    archive = NewsletterIndexPageFactory(parent=site_home)
    first_issue = NewsletterIssuePageFactory(parent=archive, title="First issue")
    second_issue = NewsletterIssuePageFactory(parent=archive, title="Second issue")
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"clinician{n:04d}@example.org", language=("en", "de", "fr", "pt")[n % 4],
                   status=Subscriber.Status.CONFIRMED, consented_at=now, confirmed_at=now)
        for n in range(SUBSCRIBERS)
    )  # fmt: skip
    emails = set(Subscriber.objects.values_list("email", flat=True))

    port = free_port()
    worker = Worker(port)
    with SmtpSink(port) as handler:
        try:
            worker.start()

            # 1. An undisturbed send: exactly 2,000 messages.
            first, added = sending.queue_send(first_issue)
            assert added == SUBSCRIBERS
            wait_for(
                lambda: Send.objects.filter(pk=first.pk, finished_at__isnull=False).exists(),
                timeout=90, message="the first send did not finish",
            )  # fmt: skip
            time.sleep(1)  # anything late would still arrive
            assert_exactly_once(handler, first.pk, emails)

            # 2. Kill the worker (and its pool) mid-send, then start a new one.
            second, _added = sending.queue_send(second_issue)
            wait_for(lambda: len(messages_for(handler, second.pk)) >= 400, timeout=60,
                     message="the second send did not start")  # fmt: skip
            worker.kill()
            at_kill = len(messages_for(handler, second.pk))
            assert at_kill < SUBSCRIBERS, "the send finished before the kill: nothing was tested"
            stuck = Delivery.objects.filter(send=second, status__in=["queued", "sending"]).count()
            assert stuck > 0

            worker.start()
            wait_for(
                lambda: Send.objects.filter(pk=second.pk, finished_at__isnull=False).exists(),
                timeout=120, message="the send did not finish after the restart",
            )  # fmt: skip
            time.sleep(2)
            assert_exactly_once(handler, second.pk, emails)
            assert len(handler.snapshot()) == 2 * SUBSCRIBERS
        finally:
            worker.stop()
