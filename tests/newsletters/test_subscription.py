"""Double opt-in, unsubscribe (one-click too), tampered and expired links, rate limit, no enumeration."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from newsletters import tokens
from newsletters.models import Subscriber, SubscriberErasure
from tests.newsletters.factories import PendingSubscriberFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE_URL = "/en/newsletters/subscribe/"
# Per-request values that legitimately differ: the CSRF token and the CSP nonce.
CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"')


def subscribe(client, email="new.reader@example.org", language="de", consent=True, **extra):
    data = {"email": email, "language": language, **extra}
    if consent:
        data["consent"] = "on"
    return client.post(SUBSCRIBE_URL, data)


def link_in(message, kind):
    match = re.search(rf"https?://\S+/newsletters/{kind}/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def tamper(token, at=-10):
    """Change one character of the token (by default inside the signature)."""
    index = at % len(token)
    replacement = "A" if token[index] != "A" else "B"
    return token[:index] + replacement + token[index + 1 :]


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_subscribe_page_has_labelled_fields_and_defaults_to_current_language(client, archive):
    response = client.get("/en/newsletters/subscribe/")
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("email", "language", "consent"):
        assert f'for="id_{field}"' in html
    assert '<option value="en" selected>' in html
    assert html.count("<h1") == 1


def test_double_opt_in_sends_a_confirmation_link_and_confirms_only_on_post(client, archive, committed):
    response = committed(subscribe, client)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get(email="new.reader@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.language == "de"
    assert len(mail.outbox) == 1
    confirm_url = link_in(mail.outbox[0], "confirm")
    assert confirm_url.startswith("http://127.0.0.1:8000/")  # settings.BASE_URL, not the request host

    # Opening the link (or a mail scanner fetching it) confirms nothing.
    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    assert b"Confirm my subscription" in page.content
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    done = client.post(path_of(confirm_url))
    assert b"your subscription is confirmed" in done.content
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_confirming_again_says_so(client, archive):
    subscriber = PendingSubscriberFactory()
    path = f"/en/newsletters/confirm/{tokens.make_token(subscriber, tokens.CONFIRM)}/"
    client.post(path)
    again = client.post(path)
    assert again.status_code == 200
    assert b"already confirmed" in again.content


def test_tampered_confirmation_link_is_refused_with_a_clear_message(client, archive):
    subscriber = PendingSubscriberFactory()
    token = tokens.make_token(subscriber, tokens.CONFIRM)
    response = client.post(f"/en/newsletters/confirm/{tamper(token)}/")
    assert response.status_code == 400
    assert b"This confirmation link is not valid" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_unsubscribe_token_cannot_confirm(client, archive):
    subscriber = PendingSubscriberFactory()
    response = client.post(f"/en/newsletters/confirm/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_expired_confirmation_link_is_refused_with_a_clear_message(client, archive, settings):
    settings.NEWSLETTER_TOKEN_MAX_AGE = {"confirm": 3600, "unsubscribe": 86400}
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC), tick=False):
        subscriber = PendingSubscriberFactory()
        token = tokens.make_token(subscriber, tokens.CONFIRM)
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, 59, tzinfo=datetime.UTC), tick=False):
        assert client.get(f"/en/newsletters/confirm/{token}/").status_code == 200
    with time_machine.travel(datetime.datetime(2026, 3, 1, 13, 1, tzinfo=datetime.UTC), tick=False):
        response = client.post(f"/en/newsletters/confirm/{token}/")
    assert response.status_code == 400
    assert b"This confirmation link has expired" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_consent_is_required(client, archive, committed):
    response = committed(subscribe, client, consent=False)
    assert response.status_code == 400
    assert b"Please give your consent" in response.content
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_honeypot_submission_gets_the_same_page_but_nothing_is_stored(client, archive, committed):
    real = committed(subscribe, client, email="person@example.org")
    bot = committed(subscribe, client, email="bot@example.org", website="http://spam.example")
    assert CSRF_RE.sub(b"", bot.content) == CSRF_RE.sub(b"", real.content)
    assert not Subscriber.objects.filter(email="bot@example.org").exists()


def test_responses_are_identical_for_new_pending_and_confirmed_addresses(archive, committed):
    PendingSubscriberFactory(email="pending@example.org")
    SubscriberFactory(email="confirmed@example.org")
    bodies = []
    for email in ("brand.new@example.org", "pending@example.org", "confirmed@example.org", "CONFIRMED@example.org"):
        response = committed(subscribe, Client(), email=email)
        bodies.append((response.status_code, CSRF_RE.sub(b"", response.content)))
    assert len(set(bodies)) == 1
    # The owner of the confirmed address is told, nobody else.
    notice = [m for m in mail.outbox if m.to == ["confirmed@example.org"]]
    assert len(notice) == 2 and "already subscribed" in notice[0].subject
    assert Subscriber.objects.get(email="confirmed@example.org").status == Subscriber.Status.CONFIRMED


def test_subscribing_again_does_not_change_a_confirmed_subscribers_language(client, archive, committed):
    SubscriberFactory(email="reader@example.org", language="fr")
    committed(subscribe, client, email="reader@example.org", language="it")
    assert Subscriber.objects.get(email="reader@example.org").language == "fr"


def test_subscribing_is_rate_limited_per_ip(client, archive, settings, committed):
    settings.NEWSLETTER_SUBSCRIBE_RATE = "3/h"
    statuses = [committed(subscribe, client, email=f"r{n}@example.org").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert Subscriber.objects.count() == 3
    other_ip = committed(subscribe, Client(REMOTE_ADDR="192.0.2.44"), email="other@example.org")
    assert other_ip.status_code == 200


def test_one_address_gets_at_most_three_subscription_emails_a_day(archive, committed):
    for n in range(5):
        committed(subscribe, Client(REMOTE_ADDR=f"192.0.2.{n}"), email="victim@example.org")
    assert len(mail.outbox) == 3


def test_unsubscribe_link_erases_the_address_and_keeps_an_anonymous_count(client, archive):
    subscriber = SubscriberFactory(email="leaving@example.org", language="fr")
    path = f"/en/newsletters/unsubscribe/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/"
    assert b"Unsubscribe" in client.get(path).content
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()  # GET changes nothing

    response = client.post(path)
    assert b"You are unsubscribed" in response.content
    assert not Subscriber.objects.filter(email="leaving@example.org").exists()
    erasure = SubscriberErasure.objects.get()
    assert (erasure.language, erasure.reason, erasure.count) == ("fr", "unsubscribed", 1)
    assert "leaving" not in str(list(SubscriberErasure.objects.values()))

    again = client.post(path)
    assert again.status_code == 200
    assert b"You are already unsubscribed" in again.content


def test_tampered_unsubscribe_link_is_refused(client, archive):
    subscriber = SubscriberFactory()
    token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
    response = client.post(f"/en/newsletters/unsubscribe/{tamper(token, at=5)}/")
    assert response.status_code == 400
    assert b"This unsubscribe link is not valid" in response.content
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_expired_unsubscribe_link_is_refused(client, archive, settings):
    settings.NEWSLETTER_TOKEN_MAX_AGE = {"confirm": 3600, "unsubscribe": 30 * 86400}
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), tick=False):
        subscriber = SubscriberFactory()
        token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
    with time_machine.travel(datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC), tick=False):
        response = client.post(f"/en/newsletters/unsubscribe/{token}/")
    assert response.status_code == 400
    assert b"This unsubscribe link has expired" in response.content
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_one_click_unsubscribe_works_without_csrf_token(archive):
    subscriber = SubscriberFactory()
    client = Client(enforce_csrf_checks=True)
    url = f"/newsletters/one-click-unsubscribe/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/"
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_one_click_endpoint_refuses_a_tampered_token(archive):
    subscriber = SubscriberFactory()
    token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
    response = Client(enforce_csrf_checks=True).post(f"/newsletters/one-click-unsubscribe/{tamper(token)}/")
    assert response.status_code == 400
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_csrf_is_still_enforced_on_the_page_forms(archive):
    subscriber = SubscriberFactory()
    path = f"/en/newsletters/unsubscribe/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/"
    response = Client(enforce_csrf_checks=True).post(path)
    assert response.status_code == 403
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_deleting_a_subscriber_keeps_only_a_count(archive):
    SubscriberFactory(email="a@example.org", language="de")
    SubscriberFactory(email="b@example.org", language="de")
    Subscriber.objects.all().delete()
    erasure = SubscriberErasure.objects.get()
    assert (erasure.language, erasure.reason, erasure.count) == ("de", "deleted", 2)


def test_unconfirmed_requests_are_purged_after_the_link_expires(archive, settings):
    from newsletters.subscriptions import purge_unconfirmed

    settings.NEWSLETTER_TOKEN_MAX_AGE = {"confirm": 3600, "unsubscribe": 86400}
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), tick=False):
        PendingSubscriberFactory(email="never@example.org")
        SubscriberFactory(email="kept@example.org")
    with time_machine.travel(datetime.datetime(2026, 1, 1, 2, 0, tzinfo=datetime.UTC), tick=False):
        assert purge_unconfirmed() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.org"]
    assert SubscriberErasure.objects.get().reason == "expired"
