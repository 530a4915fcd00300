"""Sending an issue: language fallback, e-mail parts and headers, idempotence, crash recovery, query counts."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletters import sending
from newsletters.models import Delivery, Send
from tests.newsletters.factories import PendingSubscriberFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def send(issue, committed):
    return committed(sending.queue_send, issue)


def test_each_subscriber_gets_their_language_or_english(issue, german_issue, committed):
    SubscriberFactory(email="de@example.org", language="de")
    SubscriberFactory(email="pt@example.org", language="pt")
    SubscriberFactory(email="en@example.org", language="en")
    send(issue, committed)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "Unterzeichnete Ergebnisberichte" in subjects["de@example.org"]
    assert "Signed outcome reports" in subjects["pt@example.org"]
    assert "Signed outcome reports" in subjects["en@example.org"]
    german = next(m for m in mail.outbox if m.to == ["de@example.org"])
    assert german.extra_headers["Content-Language"] == "de"
    assert "/de/newsletters/" in german.body


def test_sending_the_translation_is_the_same_send_as_the_source(issue, german_issue, committed):
    SubscriberFactory(language="de")
    send(german_issue, committed)
    send(issue, committed)
    assert Send.objects.count() == 1
    assert len(mail.outbox) == 1


def test_message_has_html_and_text_parts_absolute_links_and_unsubscribe_headers(issue, committed, settings):
    settings.BASE_URL = "https://portal.example.org"
    issue.body = [("paragraph", '<p>See <a href="/en/faq/">the FAQ</a>.</p>')]
    issue.save_revision().publish()
    subscriber = SubscriberFactory()
    send(issue, committed)
    [message] = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://portal.example.org/en/faq/"' in html
    assert 'href="/' not in html and 'src="/' not in html
    assert "the FAQ <https://portal.example.org/en/faq/>" in message.body
    assert "Signed outcome reports" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://portal.example.org/newsletters/one-click-unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Message-ID"].startswith("<newsletter.")
    assert "https://portal.example.org/en/newsletters/unsubscribe/" in message.body
    assert "https://portal.example.org/en/newsletters/unsubscribe/" in html
    assert subscriber.email not in message.extra_headers["List-Unsubscribe"]


def test_images_in_the_body_point_to_our_own_host(issue, committed, settings):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    settings.BASE_URL = "https://portal.example.org"
    image = Image.objects.create(title="Diagram", file=get_test_image_file())
    issue.body = [("image", {"image": image, "alt_text": "A diagram", "caption": ""})]
    issue.save_revision().publish()
    SubscriberFactory()
    send(issue, committed)
    html = mail.outbox[0].alternatives[0][0]
    assert 'src="https://portal.example.org/media/images/' in html
    assert "[A diagram]" in mail.outbox[0].body


def test_pending_subscribers_receive_nothing(issue, committed):
    PendingSubscriberFactory(email="pending@example.org")
    SubscriberFactory(email="confirmed@example.org")
    send(issue, committed)
    assert [m.to for m in mail.outbox] == [["confirmed@example.org"]]


def test_pressing_send_twice_mails_nobody_twice_but_adds_new_confirmations(issue, committed):
    SubscriberFactory.create_batch(3)
    first, added = send(issue, committed)
    assert added == 3
    second, added_again = send(issue, committed)
    assert (second.pk, added_again) == (first.pk, 0)
    assert len(mail.outbox) == 3
    SubscriberFactory(email="late@example.org")
    _send, added_late = send(issue, committed)
    assert added_late == 1
    assert sorted(m.to[0] for m in mail.outbox).count("late@example.org") == 1
    assert len(mail.outbox) == 4
    assert Delivery.objects.filter(status="sent").count() == 4
    assert Send.objects.get().finished_at is not None


def test_every_confirmed_subscriber_is_mailed_across_many_batches(issue, committed, settings):
    settings.NEWSLETTER_BATCH_SIZE = 7
    SubscriberFactory.create_batch(30)
    send(issue, committed)
    assert len(mail.outbox) == 30
    assert len({m.to[0] for m in mail.outbox}) == 30


def test_a_dead_workers_rows_are_resolved_from_the_journal_without_duplicates(issue, settings):
    """Simulate a worker killed mid-batch: rows stuck 'sending', some already handed to SMTP."""
    settings.NEWSLETTER_CLAIM_TIMEOUT = 60
    subscribers = SubscriberFactory.create_batch(4)
    the_send, _added = sending.queue_send(issue)  # tasks run on commit, which tests never do
    claimed = sending.claim_batch(the_send.pk)
    assert len(claimed) == 4
    Delivery.objects.filter(pk__in=claimed).update(claimed_at=timezone.now() - timedelta(minutes=5))
    handed_over, not_handed_over = claimed[:2], claimed[2:]
    for pk in handed_over:
        cache.set(sending._journal_key(pk), 1)

    sending.process_next_batch(the_send.pk)  # a restarted worker

    statuses = dict(Delivery.objects.values_list("pk", "status"))
    assert all(statuses[pk] == "sent" for pk in claimed)
    mailed = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(Delivery.objects.filter(pk__in=not_handed_over).values_list("subscriber__email", flat=True))
    assert mailed == expected  # only the two that never reached the SMTP server
    assert len(subscribers) == 4


def test_fresh_claims_of_a_live_worker_are_left_alone(issue, settings):
    settings.NEWSLETTER_CLAIM_TIMEOUT = 600
    SubscriberFactory.create_batch(2)
    the_send, _added = sending.queue_send(issue)
    claimed = sending.claim_batch(the_send.pk)
    sending.process_next_batch(the_send.pk)
    assert mail.outbox == []
    assert set(Delivery.objects.filter(pk__in=claimed).values_list("status", flat=True)) == {"sending"}


def test_smtp_failure_requeues_the_rest_of_the_batch_for_a_retry(issue, settings, monkeypatch):
    SubscriberFactory.create_batch(3)
    the_send, _added = sending.queue_send(issue)
    calls = {"n": 0}
    original = mail.backends.locmem.EmailBackend.send_messages

    def flaky(self, messages):
        calls["n"] += 1
        if calls["n"] == 2:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return original(self, messages)

    monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", flaky)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        sending.process_next_batch(the_send.pk)
    assert _status_counts() == {"sent": 1, "queued": 2}
    sending.process_next_batch(the_send.pk)
    assert _status_counts() == {"sent": 3}
    assert len(mail.outbox) == 3


def test_permanent_refusal_marks_only_that_delivery_failed(issue, monkeypatch):
    SubscriberFactory(email="bad@example.org")
    SubscriberFactory(email="good@example.org")
    the_send, _added = sending.queue_send(issue)
    original = mail.backends.locmem.EmailBackend.send_messages

    def refuse_bad(self, messages):
        if messages[0].to == ["bad@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"bad@example.org": (550, b"no such user")})
        return original(self, messages)

    monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", refuse_bad)
    sending.process_next_batch(the_send.pk)
    assert _status_counts() == {"sent": 1, "failed": 1}
    failed = Delivery.objects.get(status="failed")
    assert "bad@example.org" not in failed.error


def test_database_work_per_batch_does_not_grow_with_the_batch(issue, settings):
    def queries_for_batch(size):
        settings.NEWSLETTER_BATCH_SIZE = size
        Send.objects.all().delete()
        SubscriberFactory.create_batch(size)
        the_send, _added = sending.queue_send(issue)
        sending.EditionCache(Send.objects.get(pk=the_send.pk)).edition_for("en")  # warm Wagtail's caches
        with CaptureQueriesContext(connection) as captured:
            result = sending.process_next_batch(the_send.pk)
        assert result.sent == size
        return len(captured)

    small = queries_for_batch(5)
    large = queries_for_batch(60)
    assert small == large
    assert large < 25


def _status_counts():
    counts = {}
    for status in Delivery.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_real_smtp_hand_over_delivers_each_message_once_with_both_parts(issue, settings):
    """The hand-over protocol against a real SMTP server (aiosmtpd), not the in-memory backend."""
    import email
    import socket

    from newsletters.smtp_sink import SmtpSink

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.NEWSLETTER_BATCH_SIZE = 4
    SubscriberFactory.create_batch(10)
    the_send, _added = sending.queue_send(issue)
    with SmtpSink(port) as sink:
        while sending.process_next_batch(the_send.pk).did_work:
            pass
        stats = sink.stats()
        received = email.message_from_bytes(sink.last_content)
    assert stats == {"total": 10, "unique_recipients": 10, "unique_message_ids": 10}
    assert _status_counts() == {"sent": 10}
    assert received.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in received.get_payload()] == ["text/plain", "text/html"]
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["List-Unsubscribe"].strip().startswith("<http")  # long headers are folded
    # Nothing of the batch is left in the hand-over journal once statuses are written.
    assert cache.get_many([sending._journal_key(pk) for pk in Delivery.objects.values_list("pk", flat=True)]) == {}
