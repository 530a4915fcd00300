"""
Signed, expiring tokens for the links in e-mails (confirm, unsubscribe).

A token carries the subscriber's random ``token_id`` (never the database id or
the address) and is signed with a per-purpose salt, so a confirmation token
cannot be used to unsubscribe and vice versa. Lifetimes are settings.
"""

import base64
import binascii
import uuid
from enum import Enum

from django.conf import settings
from django.core import signing

CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"

DEFAULT_MAX_AGE = {
    CONFIRM: 3 * 24 * 60 * 60,
    # Issues go out two or three times a year; the link in the last one must still work.
    UNSUBSCRIBE: 400 * 24 * 60 * 60,
}


class TokenState(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


def max_age(purpose):
    configured = getattr(settings, "NEWSLETTER_TOKEN_MAX_AGE", {}) or {}
    return int(configured.get(purpose, DEFAULT_MAX_AGE[purpose]))


def _signer(purpose):
    return signing.TimestampSigner(salt=f"newsletters.{purpose}")


def make_token(subscriber, purpose):
    signed = _signer(purpose).sign(subscriber.token_id.hex)
    # Wagtail routes only path segments made of [\w-], and the signer uses ":":
    # wrap the signed value in URL-safe base64 without padding.
    return base64.urlsafe_b64encode(signed.encode()).rstrip(b"=").decode()


def read_token(token, purpose):
    """Return (state, token_id or None). Never raises on bad input."""
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, ValueError):
        return TokenState.INVALID, None
    try:
        value = _signer(purpose).unsign(signed, max_age=max_age(purpose))
    except signing.SignatureExpired:
        return TokenState.EXPIRED, None
    except signing.BadSignature:
        return TokenState.INVALID, None
    try:
        return TokenState.VALID, uuid.UUID(value)
    except ValueError:
        return TokenState.INVALID, None
