"""Throttled sign-in, a password reset that reveals nothing, Argon2 and the password rules."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from referrals.models import AuditAction, AuditEvent, Role
from tests.referrals.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
TOO_MANY = b"Too many failed login attempts"


WRONG_PASSWORD = "wrong-password-123"


def attempt(client, email, password=WRONG_PASSWORD, ip="192.0.2.10"):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_failed_sign_ins_are_throttled_per_account_across_addresses(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    for n in range(5):
        assert TOO_MANY not in attempt(client, user.email, ip=f"192.0.2.{n + 1}").content
    # Sixth try from yet another address, with the right password: still refused.
    response = attempt(client, user.email, password=PASSWORD, ip="192.0.2.99")
    assert TOO_MANY in response.content
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_throttled_per_address_across_accounts(client):
    users = [make_user(Role.MEMBER_CLINICIAN) for _ in range(6)]
    for user in users[:5]:
        assert TOO_MANY not in attempt(client, user.email).content
    response = attempt(client, users[5].email, password=PASSWORD)
    assert TOO_MANY in response.content


def test_the_throttle_message_does_not_say_which_limit_was_hit():
    user = make_user(Role.MEMBER_CLINICIAN)
    by_account, by_address = Client(), Client()
    for n in range(5):
        attempt(by_account, user.email, ip=f"198.51.100.{n + 1}")
    account_limited = attempt(by_account, user.email, ip="198.51.100.50")
    others = [make_user() for _ in range(6)]
    for other in others[:5]:
        attempt(by_address, other.email, ip="203.0.113.7")
    address_limited = attempt(by_address, others[5].email, ip="203.0.113.7")

    def error_text(response):
        return re.findall(rb'class="[^"]*alert[^"]*"[^>]*>(.*?)</', response.content, re.S)

    assert TOO_MANY in account_limited.content and TOO_MANY in address_limited.content
    assert error_text(account_limited) == error_text(address_limited)
    assert account_limited.status_code == address_limited.status_code


def test_failed_sign_in_is_audited_with_address_and_request_id(client):
    user = make_user(Role.MEMBER_CLINICIAN)
    attempt(client, user.email, ip="192.0.2.44")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor is None
    assert event.target_id == str(user.clinician_profile.user.pk) or event.target_repr
    assert event.ip_address == "192.0.2.44"
    assert len(event.request_id) >= 8


def _normalised(response):
    """The page minus what differs on every request anyway: the CSRF token and the CSP nonce."""
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    return re.sub(rb'nonce="[^"]+"', b"", content)


def test_password_reset_responses_are_identical_for_known_and_unknown_addresses(mailoutbox):
    user = make_user(Role.MEMBER_CLINICIAN)
    responses = {}
    for label, email in [("known", user.email), ("unknown", "nobody-here@example.org")]:
        client = Client()
        client.get(reverse("account_reset_password"))
        posted = client.post(reverse("account_reset_password"), {"email": email}, REMOTE_ADDR="192.0.2.1")
        followed = client.get(posted["Location"])
        responses[label] = (posted.status_code, posted["Location"], followed.status_code, _normalised(followed))
    assert responses["known"] == responses["unknown"]
    assert len(mailoutbox) == 2  # one reset link, one "no account here" note: the page cannot tell


def test_argon2_hashes_passwords_outside_tests():
    from importlib import import_module

    base = import_module("portal.settings.base")
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.password_validation.CommonPasswordValidator" in {
        v["NAME"] for v in django_settings.AUTH_PASSWORD_VALIDATORS
    }


@pytest.mark.parametrize("password", ["password1234", "qwertyuiop123", "123456789012", "short"])
def test_common_short_or_numeric_passwords_are_rejected(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_passphrase_is_accepted():
    validate_password("violet-kidney-harbour-2026")


def test_the_throttle_lifts_after_five_minutes(client):
    import time_machine

    user = make_user(Role.MEMBER_CLINICIAN)
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        for n in range(5):
            attempt(client, user.email, ip=f"192.0.2.{n + 1}")
        assert TOO_MANY in attempt(client, user.email, password=PASSWORD, ip="192.0.2.77").content
        clock.shift(4 * 60)
        assert TOO_MANY in attempt(client, user.email, password=PASSWORD, ip="192.0.2.78").content
        clock.shift(60 + 1)
        response = attempt(client, user.email, password=PASSWORD, ip="192.0.2.79")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
