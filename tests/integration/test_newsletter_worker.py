"""
A real Celery worker (prefork, Redis broker) sends an issue to 2,000
subscribers through SMTP to a local aiosmtpd sink: exactly 2,000 messages
arrive. Then, for a second issue, the worker is killed with SIGKILL mid-send
and restarted: still exactly 2,000 messages, one per subscriber, no duplicates.

Needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL); skipped without
them, a failure instead when REQUIRE_SERVICES=1 (CI).
"""

import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from newsletters import sending
from newsletters.models import Delivery, Send, Subscriber
from newsletters.smtp_sink import SmtpSink
from tests.factories import HomePageFactory
from tests.integration.worker import Worker, free_port, wait_for
from tests.newsletters.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory

pytestmark = pytest.mark.integration

SUBSCRIBERS = 2000
BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


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
    # The hand-over journal must outlive the worker: NEWSLETTER_* make batches small and claims short.
    worker = Worker(port, NEWSLETTER_BATCH_SIZE="50", NEWSLETTER_CLAIM_TIMEOUT="5")
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
