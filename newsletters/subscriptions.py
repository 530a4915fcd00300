"""
Subscription services: double opt-in, confirmation, unsubscription, erasure.

Views, the one-click endpoint, the admin and tests call these; nothing else
changes a subscriber's status. Responses never depend on whether an address
was already known (no enumeration): the difference only shows in the e-mail,
which reaches the owner of the address and nobody else.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal import ratelimit

from . import tokens
from .models import Subscriber, SubscriberErasure
from .outcomes import Outcome

logger = logging.getLogger(__name__)

# At most this many subscription e-mails per address per day, so the form
# cannot be used to flood someone's inbox.
MAILS_PER_ADDRESS_PER_DAY = 3


def normalise_email(email):
    return email.strip().lower()


def _may_mail_address(email):
    # portal.ratelimit hashes the key, so the cache never holds the address itself.
    return ratelimit.allow("newsletter-mails-to", email, f"{MAILS_PER_ADDRESS_PER_DAY}/d")


def request_subscription(email, language):
    """Record the request and queue the right e-mail. Returns nothing the caller could leak."""
    from .tasks import send_subscription_email

    email = normalise_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, language=language, consented_at=now)
            except IntegrityError:  # a concurrent request created it first
                subscriber = Subscriber.objects.get(email=email)
            kind = "confirm" if subscriber.status == Subscriber.Status.PENDING else "already_subscribed"
        elif subscriber.status == Subscriber.Status.PENDING:
            # Asking again renews consent and the language choice, and re-sends the link.
            subscriber.language = language
            subscriber.consented_at = now
            subscriber.save(update_fields=["language", "consented_at"])
            kind = "confirm"
        else:
            # Already confirmed: changing anything needs the owner, so only tell them.
            kind = "already_subscribed"
        if _may_mail_address(email):
            send_subscription_email.delay_on_commit(subscriber.pk, kind)


def _subscriber_for(token, purpose):
    state, token_id = tokens.read_token(token, purpose)
    if state is tokens.TokenState.EXPIRED:
        return Outcome.EXPIRED, None
    if state is tokens.TokenState.INVALID:
        return Outcome.INVALID, None
    return None, Subscriber.objects.filter(token_id=token_id).first()


def check_confirmation(token):
    """What confirming with this token would do, without doing it (for the GET page)."""
    problem, subscriber = _subscriber_for(token, tokens.CONFIRM)
    if problem:
        return problem
    if subscriber is None:
        return Outcome.INVALID
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return Outcome.ALREADY_CONFIRMED
    return None


def confirm(token):
    problem, subscriber = _subscriber_for(token, tokens.CONFIRM)
    if problem:
        return problem
    if subscriber is None:
        return Outcome.INVALID
    updated = Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
        status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    return Outcome.CONFIRMED if updated else Outcome.ALREADY_CONFIRMED


def check_unsubscription(token):
    problem, subscriber = _subscriber_for(token, tokens.UNSUBSCRIBE)
    if problem:
        return problem
    return None if subscriber is not None else Outcome.ALREADY_UNSUBSCRIBED


def unsubscribe(token):
    """Leaving erases the address at once (GDPR: no purpose in keeping it); a count remains."""
    problem, subscriber = _subscriber_for(token, tokens.UNSUBSCRIBE)
    if problem:
        return problem
    if subscriber is None:
        return Outcome.ALREADY_UNSUBSCRIBED
    erase(subscriber, SubscriberErasure.Reason.UNSUBSCRIBED)
    return Outcome.UNSUBSCRIBED


def erase(subscriber, reason):
    """Delete the subscriber; the post_delete signal counts it under ``reason``."""
    subscriber._erasure_reason = reason
    subscriber.delete()


def count_erasure(language, reason, when=None):
    month = (when or timezone.now()).date().replace(day=1)
    bucket, _created = SubscriberErasure.objects.get_or_create(month=month, language=language, reason=reason)
    SubscriberErasure.objects.filter(pk=bucket.pk).update(count=F("count") + 1)


def purge_unconfirmed(older_than=None):
    """Erase requests that were never confirmed once their link has expired."""
    cutoff = timezone.now() - timedelta(seconds=older_than or tokens.max_age(tokens.CONFIRM))
    stale = Subscriber.objects.filter(status=Subscriber.Status.PENDING, consented_at__lt=cutoff)
    count = 0
    for subscriber in stale.iterator():
        erase(subscriber, SubscriberErasure.Reason.EXPIRED)
        count += 1
    return count
