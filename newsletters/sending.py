"""
Sending an issue: queueing, batches, and exactly-once delivery across crashes.

How a send works
----------------
1. ``queue_send`` (the admin's confirmation button) creates the issue's one
   ``Send`` row and, in bulk, one ``Delivery`` row per confirmed subscriber.
   The (send, subscriber) unique constraint and ``ignore_conflicts`` make
   pressing send twice harmless: it only adds people who confirmed since.
2. Celery tasks (tasks.py) call ``process_next_batch`` until nothing is left.
   A batch is claimed with ``SELECT ... FOR UPDATE SKIP LOCKED`` and marked
   ``sending`` in its own committed transaction, so two workers never take
   the same rows.
3. The batch is mailed over one SMTP connection (smtp_handover.py). Just
   before the "." that commits each message on the SMTP server, its delivery
   id is written to a hand-over journal in the shared cache (Redis). At the
   end of the batch the statuses are written with a few bulk UPDATEs:
   database work is constant per batch, not per recipient.

When a worker dies mid-batch
----------------------------
Its rows stay ``sending``. Once they are older than
``NEWSLETTER_CLAIM_TIMEOUT`` (longer than any batch can take), any worker
resolves them: rows in the journal may have reached the SMTP server and
become ``sent``; the others certainly did not and go back to ``queued``.

Exactly-once across a crash is impossible in general with SMTP; the choice
made here is where the unavoidable ambiguity sits. A first version journalled
*after* the server's "250 OK", and the integration test caught a duplicate:
the server counts a message before its reply reaches us, and a killed sender
spends much of its time waiting for exactly that reply. Journalling *before*
the "." moves the ambiguity to the few microseconds between the journal write
and the 5-byte "." write; a kill there counts a message as handed over that
the server never got (at most one per killed process, and logged by the
recovery as "handed over"). An SMTP error after the "." is treated the same
way: the message is not sent again.

Without a shared cache (the embedded locmem default) the journal lives in the
process; that set-up runs tasks in-process, so there is no separate worker
to crash and recover.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from . import emails, links, tokens
from .models import Delivery, NewsletterIndexPage, NewsletterIssuePage, Send, Subscriber
from .smtp_handover import hand_over

logger = logging.getLogger(__name__)

JOURNAL_TIMEOUT = 7 * 24 * 60 * 60
TOKEN_PLACEHOLDER = "TOKENPLACEHOLDER"  # noqa: S105 - a slot in a URL template, not a secret


def batch_size():
    return int(getattr(settings, "NEWSLETTER_BATCH_SIZE", 100))


def claim_timeout():
    return int(getattr(settings, "NEWSLETTER_CLAIM_TIMEOUT", 15 * 60))


def max_attempts():
    return int(getattr(settings, "NEWSLETTER_MAX_ATTEMPTS", 5))


def _journal_key(delivery_id):
    return f"newsletters:handed-over:{delivery_id}"


# --- What the editor sees before sending ----------------------------------------


def live_editions(translation_key):
    """{language code: live issue page} for one issue's translation family."""
    pages = NewsletterIssuePage.objects.filter(translation_key=translation_key).live().select_related("locale")
    return {page.locale.language_code: page for page in pages}


def edition_language_for(language, available):
    """The language a subscriber of ``language`` receives: their own, or English."""
    if language in available:
        return language
    if settings.LANGUAGE_CODE in available:
        return settings.LANGUAGE_CODE
    return next(iter(sorted(available)), None)


def recipient_summary(issue):
    """Confirmed subscribers per preferred language, and which edition each group gets.

    Also says how many of each group were already queued by an earlier press of
    "send" (they will not be mailed again).
    """
    available = live_editions(issue.translation_key)
    send = Send.objects.filter(translation_key=issue.translation_key).first()
    rows = (
        Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
        .values("language")
        .annotate(
            total=Count("id"),
            already=Count("deliveries", filter=Q(deliveries__send=send)) if send else Count("id", filter=Q(pk=None)),
        )
        .order_by("language")
    )
    names = dict(settings.LANGUAGES)
    summary = []
    for row in rows:
        edition = edition_language_for(row["language"], available)
        summary.append(
            {
                "language": row["language"],
                "language_name": names.get(row["language"], row["language"]),
                "edition_language": edition,
                "edition_language_name": names.get(edition, edition),
                "fallback": edition != row["language"],
                "total": row["total"],
                "already_queued": row["already"],
                "new": row["total"] - row["already"],
            }
        )
    return summary


# --- Queueing ---------------------------------------------------------------------


def queue_send(issue, *, by=None, dispatch=True):
    """Create (or find) the issue's Send and queue every confirmed subscriber not yet queued.

    Returns (send, number of deliveries added). Dispatches the workers after
    commit (the benchmark drives the batches itself: ``dispatch=False``).
    """
    from .tasks import dispatch_send

    if not issue.live:
        raise ValueError("Only a published issue can be sent.")
    with transaction.atomic():
        send, _created = Send.objects.get_or_create(
            translation_key=issue.translation_key,
            defaults={"issue": issue, "issue_title": issue.title, "created_by": by},
        )
        before = send.deliveries.count()
        recipients = (
            Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
            .exclude(deliveries__send=send)
            .values_list("pk", "language")
        )
        chunk = []
        for subscriber_id, language in recipients.iterator(chunk_size=2000):
            chunk.append(Delivery(send=send, subscriber_id=subscriber_id, language=language))
            if len(chunk) >= 2000:
                Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
                chunk = []
        if chunk:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
        added = send.deliveries.count() - before
        if added:
            Send.objects.filter(pk=send.pk).update(finished_at=None)
        if dispatch:
            transaction.on_commit(lambda: dispatch_send(send.pk))
    return send, added


# --- Progress -----------------------------------------------------------------------


def progress(send_ids=None):
    """{send id: {status: count, "total": n}} in one query."""
    rows = Delivery.objects.values("send_id", "status").annotate(n=Count("id")).order_by()
    if send_ids is not None:
        rows = rows.filter(send_id__in=send_ids)
    result = {}
    for row in rows:
        counts = result.setdefault(row["send_id"], {status: 0 for status in Delivery.Status.values} | {"total": 0})
        counts[row["status"]] = row["n"]
        counts["total"] += row["n"]
    return result


# --- The send path ------------------------------------------------------------------


@dataclass
class BatchResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    requeued: int = 0
    recovered: int = 0

    @property
    def did_work(self):
        return bool(self.claimed or self.recovered)


class EditionCache:
    """Rendered editions of one send, per language, for the duration of one batch."""

    def __init__(self, send):
        self.send = send
        self.available = live_editions(send.translation_key)
        self.archives = {
            archive.locale.language_code: archive
            for archive in NewsletterIndexPage.objects.live().select_related("locale")
        }
        self._rendered = {}
        self._unsubscribe_templates = {}
        self._one_click_template = None

    def archive(self, language):
        return self.archives.get(language) or self.archives.get(settings.LANGUAGE_CODE)

    def unsubscribe_url(self, language, token):
        """The archive's unsubscribe page for ``token``; URL reversing done once per language and batch."""
        if language not in self._unsubscribe_templates:
            archive = self.archive(language)
            self._unsubscribe_templates[language] = links.archive_route_url(
                archive, "unsubscribe", token=TOKEN_PLACEHOLDER
            )
        return self._unsubscribe_templates[language].replace(TOKEN_PLACEHOLDER, token)

    def one_click_url(self, token):
        if self._one_click_template is None:
            self._one_click_template = links.one_click_unsubscribe_url_for_token(TOKEN_PLACEHOLDER)
        return self._one_click_template.replace(TOKEN_PLACEHOLDER, token)

    def edition_for(self, language):
        edition_language = edition_language_for(language, self.available)
        if edition_language is None:
            return None
        if edition_language not in self._rendered:
            page = self.available[edition_language]
            self._rendered[edition_language] = emails.render_edition(page, self.archive(edition_language))
        return self._rendered[edition_language]


def recover_stale(send_id):
    """Resolve deliveries left ``sending`` by a worker that died (see the module docstring)."""
    cutoff = timezone.now() - timedelta(seconds=claim_timeout())
    recovered = 0
    while True:
        with transaction.atomic():
            stale = list(
                Delivery.objects.select_for_update(skip_locked=True)
                .filter(send_id=send_id, status=Delivery.Status.SENDING, claimed_at__lt=cutoff)
                .order_by("pk")
                .values_list("pk", flat=True)[: batch_size()]
            )
            if not stale:
                return recovered
            handed_over = cache.get_many([_journal_key(pk) for pk in stale])
            sent = [pk for pk in stale if _journal_key(pk) in handed_over]
            unsent = [pk for pk in stale if _journal_key(pk) not in handed_over]
            if sent:
                Delivery.objects.filter(pk__in=sent).update(status=Delivery.Status.SENT, sent_at=timezone.now())
            if unsent:
                Delivery.objects.filter(pk__in=unsent).update(status=Delivery.Status.QUEUED)
            logger.warning(
                "Newsletter send %s: recovered %d interrupted deliveries (%d already handed over, %d re-queued)",
                send_id, len(stale), len(sent), len(unsent),
            )  # fmt: skip
        cache.delete_many([_journal_key(pk) for pk in sent])
        recovered += len(stale)


def claim_batch(send_id):
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(send_id=send_id, status=Delivery.Status.QUEUED)
            .order_by("pk")
            .values_list("pk", flat=True)[: batch_size()]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
            )
    return ids


def message_id(delivery):
    domain = links.absolute("/").split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    return f"<newsletter.{delivery.send_id}.{delivery.pk}@{domain}>"


def _is_permanent(exc):
    """5xx replies about this one recipient or message: retrying will not help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return True
    code = getattr(exc, "smtp_code", None)
    return isinstance(exc, smtplib.SMTPResponseException) and code is not None and 500 <= code < 600


def process_next_batch(send_id):
    """Recover interrupted rows, then claim and mail one batch. Raises SMTP/network errors for a retry."""
    result = BatchResult(recovered=recover_stale(send_id))
    ids = claim_batch(send_id)
    if not ids:
        return result
    result.claimed = len(ids)
    deliveries = list(Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk"))
    send = Send.objects.get(pk=send_id)
    editions = EditionCache(send)
    sent, failed, untried = [], [], []
    handled = 0
    connection = get_connection()
    try:
        connection.open()
        for delivery in deliveries:
            _mail_one(delivery, editions, connection, sent, failed)
            handled += 1
    except BaseException:
        # Whatever was not handed over goes back to the queue (or fails after
        # too many attempts); the task is then retried with backoff.
        untried = [d for d in deliveries[handled:] if d not in sent and d not in failed]
        raise
    finally:
        _record_batch(sent, failed, untried)
        try:
            connection.close()
        except Exception:  # noqa: S110 - closing a broken connection must not hide the real error
            pass
        result.sent, result.failed, result.requeued = len(sent), len(failed), len(untried)
    return result


def _mail_one(delivery, editions, connection, sent, failed):
    subscriber = delivery.subscriber
    if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
        delivery.error = "subscriber erased before sending"
        failed.append(delivery)
        return
    edition = editions.edition_for(subscriber.language)
    if edition is None:
        delivery.error = "issue has no live edition"
        failed.append(delivery)
        return
    token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
    message = edition.message(
        to=subscriber.email,
        unsubscribe_url=editions.unsubscribe_url(edition.language, token),
        one_click_url=editions.one_click_url(token),
        message_id=message_id(delivery),
        connection=connection,
    )
    key = _journal_key(delivery.pk)
    committed = []

    def before_commit():
        cache.set(key, 1, timeout=JOURNAL_TIMEOUT)
        committed.append(True)

    def after_refusal():
        cache.delete(key)
        committed.clear()

    try:
        hand_over(message, connection, before_commit=before_commit, after_refusal=after_refusal)
    except (smtplib.SMTPException, OSError) as exc:
        if committed:
            # The server may have it (the "." went out): never send it again.
            sent.append(delivery)
            raise
        if not _is_permanent(exc):
            raise
        delivery.error = f"refused by the mail server ({getattr(exc, 'smtp_code', '')})"[:200]
        failed.append(delivery)
        return
    sent.append(delivery)


def _record_batch(sent, failed, untried):
    """Write the batch's outcome with a constant number of queries."""
    now = timezone.now()
    with transaction.atomic():
        if sent:
            Delivery.objects.filter(pk__in=[d.pk for d in sent]).update(
                status=Delivery.Status.SENT, sent_at=now, error=""
            )
        if failed:
            for delivery in failed:
                delivery.status = Delivery.Status.FAILED
            Delivery.objects.bulk_update(failed, ["status", "error"])
        if untried:
            ids = [d.pk for d in untried]
            Delivery.objects.filter(pk__in=ids, attempts__gte=max_attempts()).update(
                status=Delivery.Status.FAILED, error="gave up after repeated mail server errors"
            )
            Delivery.objects.filter(pk__in=ids, attempts__lt=max_attempts()).update(status=Delivery.Status.QUEUED)
    if sent:
        cache.delete_many([_journal_key(d.pk) for d in sent])


def remaining(send_id):
    """(queued, sending) counts, in one query."""
    counts = Delivery.objects.filter(send_id=send_id).aggregate(
        queued=Count("id", filter=Q(status=Delivery.Status.QUEUED)),
        sending=Count("id", filter=Q(status=Delivery.Status.SENDING)),
    )
    return counts["queued"], counts["sending"]


def finish_if_done(send_id):
    queued, sending = remaining(send_id)
    if queued or sending:
        return False
    Send.objects.filter(pk=send_id, finished_at__isnull=True).update(finished_at=timezone.now())
    return True


def stalled_send_ids():
    """Unfinished sends with no claim in the last claim timeout: their task chain was lost."""
    cutoff = timezone.now() - timedelta(seconds=claim_timeout())
    return list(
        Send.objects.filter(finished_at__isnull=True)
        .annotate(last_claim=Max("deliveries__claimed_at"))
        .filter(Q(last_claim__lt=cutoff) | Q(last_claim__isnull=True))
        .values_list("pk", flat=True)
    )
