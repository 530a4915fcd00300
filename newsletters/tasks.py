"""
Celery tasks of the newsletters app.

A send runs as a few parallel chains of ``send_newsletter_batches`` tasks
(NEWSLETTER_PARALLEL_TASKS). Each task mails batches for a bounded time and
then re-queues itself, so no task runs for long and a restarted worker picks
up where the chain stopped. If a worker dies, its task chain is lost
(Redis redelivers unacknowledged tasks only after the visibility timeout):
``resume_sends`` restarts the chains when a worker starts, and
``resume_stalled_sends`` (Celery beat) does it for sends without progress.
"""

import logging
import smtplib
import time

from celery import shared_task
from django.conf import settings

from . import emails, sending, subscriptions
from .models import Send, Subscriber

logger = logging.getLogger(__name__)

TASK_SLICE_SECONDS = 20
POLL_SECONDS = 5


def _eager():
    from portal.celery import app

    return bool(app.conf.task_always_eager)


def dispatch_send(send_id):
    """Start the task chains for one send."""
    if _eager():
        # One in-process loop does everything; an SMTP failure must not turn the
        # editor's confirmation into an error page: the rows stay queued and a
        # later press of "send" (or a worker) resumes them.
        try:
            send_newsletter_batches.delay(send_id)
        except (smtplib.SMTPException, OSError):
            logger.exception("Newsletter send %s stopped on a mail server error; deliveries stay queued", send_id)
        return
    for _chain in range(int(getattr(settings, "NEWSLETTER_PARALLEL_TASKS", 2))):
        send_newsletter_batches.delay(send_id)


@shared_task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def send_newsletter_batches(self, send_id):
    started = time.monotonic()
    eager = self.request.is_eager
    while True:
        result = sending.process_next_batch(send_id)
        if not result.did_work:
            break
        if not eager and time.monotonic() - started > TASK_SLICE_SECONDS:
            send_newsletter_batches.delay(send_id)
            return
    queued, in_flight = sending.remaining(send_id)
    if eager:
        sending.finish_if_done(send_id)
    elif queued:
        send_newsletter_batches.delay(send_id)
    elif in_flight:
        # Other workers' batches, or a dead worker's rows that recover_stale()
        # resolves once they are older than the claim timeout.
        send_newsletter_batches.apply_async((send_id,), countdown=POLL_SECONDS)
    else:
        sending.finish_if_done(send_id)


@shared_task
def resume_sends():
    """Restart the chains of every unfinished send (run when a worker starts)."""
    for send_id in Send.objects.filter(finished_at__isnull=True).values_list("pk", flat=True):
        dispatch_send(send_id)


@shared_task
def resume_stalled_sends():
    """Periodic safety net: restart sends that made no progress for a claim timeout."""
    for send_id in sending.stalled_send_ids():
        dispatch_send(send_id)


@shared_task(autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=True, max_retries=5)
def send_subscription_email(subscriber_id, kind):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    if kind == "confirm" and subscriber.status != Subscriber.Status.PENDING:
        return
    emails.subscription_message(subscriber, kind).send()


@shared_task
def purge_unconfirmed_subscribers():
    return subscriptions.purge_unconfirmed()
