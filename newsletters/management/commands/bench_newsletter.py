"""
Benchmark the newsletter send path: N subscribers, one issue, SMTP to a local sink.

Run it through `make bench-newsletter`, which uses a throwaway database. It
refuses to run unless DEMO_DATA_ALLOWED is set (never on production data).
The sink runs in its own process (python -m newsletters.smtp_sink) so it
does not compete with the sender for the GIL; the sender is this process,
doing exactly what one Celery worker process does: process_next_batch() in a
loop. Reports messages per second and database queries per batch.
"""

import datetime
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from newsletters import sending
from newsletters.models import Delivery, NewsletterIndexPage, NewsletterIssuePage, Send, Subscriber

BENCH_DOMAIN = "bench.invalid"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Command(BaseCommand):
    help = "Measure newsletter sending throughput (messages/second) to a local SMTP sink."

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=int, default=10_000)
        parser.add_argument("--batch-size", type=int, default=settings.NEWSLETTER_BATCH_SIZE)

    def handle(self, *args, subscribers, batch_size, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "bench_newsletter writes test data: run it with throwaway settings (make bench-newsletter)."
            )
        issue = self._issue()
        self._subscribers(subscribers)
        port = free_port()
        sink = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
            [sys.executable, "-m", "newsletters.smtp_sink", "--port", str(port)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            sink.stdout.readline()  # "listening"
            with override_settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_USE_TLS=False, EMAIL_USE_SSL=False,
                EMAIL_HOST_USER="", EMAIL_HOST_PASSWORD="", NEWSLETTER_BATCH_SIZE=batch_size,
            ):  # fmt: skip
                self._run(issue, subscribers, batch_size)
        finally:
            sink.terminate()
            stats = sink.communicate(timeout=30)[0].strip().splitlines()[-1]
        self.stdout.write(f"sink received: {stats}")

    def _run(self, issue, subscribers, batch_size):
        the_send, added = sending.queue_send(issue, dispatch=False)
        batches = 0
        queries = []
        started = time.perf_counter()
        while True:
            with CaptureQueriesContext(connection) as captured:
                result = sending.process_next_batch(the_send.pk)
            if not result.did_work:
                break
            batches += 1
            queries.append(len(captured))
        elapsed = time.perf_counter() - started
        sent = Delivery.objects.filter(send=the_send, status=Delivery.Status.SENT).count()
        self.stdout.write(
            f"{sent} of {added} messages sent in {elapsed:.1f} s: {sent / elapsed:.0f} messages/second "
            f"(batch size {batch_size}, {batches} batches, database queries per batch: "
            f"min {min(queries)}, max {max(queries)}; {connection.vendor})"
        )

    def _issue(self):
        english = Locale.objects.get_or_create(language_code="en")[0]
        home = HomePage.objects.filter(locale=english).first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(title="Home", slug="bench-home", locale=english))
            Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
        archive = NewsletterIndexPage.objects.filter(locale=english).first()
        if archive is None:
            archive = home.add_child(instance=NewsletterIndexPage(title="Newsletter", slug="newsletters"))
            archive.save_revision().publish()
        issue = NewsletterIssuePage.objects.filter(slug="benchmark-issue").first()
        if issue is None:
            issue = archive.add_child(
                instance=NewsletterIssuePage(
                    title="Benchmark issue", slug="benchmark-issue", number=999,
                    publication_date=datetime.date.today(), summary="A realistic body for the benchmark.",
                    body=[("paragraph", "<p>" + "The panel discussed the case and issued its advice. " * 40 + "</p>")],
                )
            )  # fmt: skip
            issue.save_revision().publish()
        Send.objects.filter(translation_key=issue.translation_key).delete()
        return issue

    def _subscribers(self, count):
        # A raw delete: the benchmark's own rows, in a throwaway database, need no erasure counts.
        Subscriber.objects.filter(email__endswith=f"@{BENCH_DOMAIN}")._raw_delete(connection.alias)
        now = timezone.now()
        Subscriber.objects.bulk_create(
            (Subscriber(email=f"reader{n:06d}@{BENCH_DOMAIN}", language=("en", "de", "fr", "it", "es")[n % 5],
                        status=Subscriber.Status.CONFIRMED, consented_at=now, confirmed_at=now)
             for n in range(count)),
            batch_size=2000,
        )  # fmt: skip
