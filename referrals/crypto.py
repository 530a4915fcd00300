"""Encryption at rest for patient identity (issue 7 §1).

Identifying data (name, date of birth, national identifier, local record
number) is stored as Fernet tokens. ``PATIENT_DATA_KEYS`` holds the keys,
comma-separated, newest first: ``MultiFernet`` encrypts with the first and
decrypts with any, so operators rotate by putting a new key first, running
``manage.py rotate_patient_keys`` and then removing the old key.

Fernet tokens are randomised, so these columns cannot be searched or
compared in SQL; nothing in the portal needs to.
"""

import base64
import datetime
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


def _keys():
    keys = [key.strip() for key in getattr(settings, "PATIENT_DATA_KEYS", []) if key and key.strip()]
    if keys:
        return [Fernet(key.encode()) for key in keys]
    if not getattr(settings, "PATIENT_DATA_KEYS_DERIVED_ALLOWED", True):
        raise ImproperlyConfigured("PATIENT_DATA_KEYS must be set.")
    # Development and tests only: derive a key from SECRET_KEY so a fresh
    # checkout works. Production refuses to start without PATIENT_DATA_KEYS,
    # because rotating SECRET_KEY must never make patient data unreadable.
    digest = hashlib.sha256(b"ern-portal-patient-data:" + settings.SECRET_KEY.encode()).digest()
    return [Fernet(base64.urlsafe_b64encode(digest))]


def patient_cipher():
    # Built per call (cheap) so changed settings, e.g. during a rotation test, apply at once.
    return MultiFernet(_keys())


def encrypt_text(value):
    return patient_cipher().encrypt(value.encode()).decode()


def decrypt_text(token):
    try:
        return patient_cipher().decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Never include the token or a value in the message: it may end up in logs.
        raise ImproperlyConfigured("Patient data cannot be decrypted with the configured PATIENT_DATA_KEYS.") from error


def rotate_token(token):
    """The token re-encrypted with the current (first) key."""
    return patient_cipher().rotate(token.encode()).decode()


class EncryptedTextField(models.TextField):
    """A text value stored as a Fernet token; Python code only ever sees plain text.

    Empty values are stored as empty strings (so "not recorded" needs no key).
    """

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return self.from_plain_text(decrypt_text(value))

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        value = models.Field.get_prep_value(self, value)
        if value in (None, ""):
            return value
        return encrypt_text(str(self.to_plain_text(value)))

    def to_plain_text(self, value):
        return value

    def from_plain_text(self, value):
        return value


class EncryptedDateField(EncryptedTextField):
    """A date stored as the Fernet token of its ISO form."""

    def to_plain_text(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def from_plain_text(self, value):
        return datetime.date.fromisoformat(value)

    def to_python(self, value):
        if isinstance(value, str) and value:
            return datetime.date.fromisoformat(value)
        return value

    def formfield(self, **kwargs):
        from django import forms

        return models.Field.formfield(self, form_class=forms.DateField, **kwargs)
