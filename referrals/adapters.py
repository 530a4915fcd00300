"""allauth adapters: TOTP secrets encrypted at rest, and the portal's own e-mail context.

allauth's default MFA adapter stores TOTP secrets in plain text (PITFALLS).
Ours encrypts them with Fernet; ``MultiFernet`` lets operators rotate keys:
put the new key first in ``MFA_ENCRYPTION_KEYS``, keep the old ones after it
until ``manage.py shell`` has re-encrypted the rows (``rotate_totp_secrets``).
"""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

from portal.request_context import client_ip


def _fernet_keys():
    keys = [key for key in getattr(settings, "MFA_ENCRYPTION_KEYS", []) if key]
    if keys:
        return [Fernet(key.encode()) for key in keys]
    # Development and tests only: without configured keys, derive one from
    # SECRET_KEY so a fresh checkout works. Production sets MFA_ENCRYPTION_KEYS
    # (Fernet.generate_key()) so that rotating SECRET_KEY does not lock every
    # user out of their second factor.
    digest = hashlib.sha256(b"ern-portal-mfa:" + settings.SECRET_KEY.encode()).digest()
    return [Fernet(base64.urlsafe_b64encode(digest))]


def totp_cipher():
    return MultiFernet(_fernet_keys())


class EncryptingMFAAdapter(DefaultMFAAdapter):
    """Encrypts the secrets allauth stores for TOTP devices."""

    def encrypt(self, text):
        return totp_cipher().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        return totp_cipher().decrypt(encrypted_text.encode()).decode()

    def get_totp_issuer(self):
        return settings.WAGTAIL_SITE_NAME


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Without ?next, each role lands where its work is; everyone else on the access request page."""
        from django.urls import reverse

        from .rules import has_workspace_role, is_coordination_staff

        user = request.user
        if has_workspace_role(user):
            return reverse("referrals:workspace")
        if is_coordination_staff(user):
            return reverse("referrals:coordination")
        if user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return reverse("referrals:access_request")

    def get_client_ip(self, request):
        # One definition of the client address for rate limits, sessions and audit.
        return client_ip(request) or "0.0.0.0"  # noqa: S104 - a placeholder value, not a bind address


def rotate_totp_secrets():
    """Re-encrypt every TOTP secret with the first key in MFA_ENCRYPTION_KEYS."""
    from allauth.mfa.models import Authenticator

    cipher = totp_cipher()
    for authenticator in Authenticator.objects.filter(type=Authenticator.Type.TOTP):
        authenticator.data["secret"] = cipher.rotate(authenticator.data["secret"].encode()).decode()
        authenticator.save(update_fields=["data"])


class AuditedUserSessionsAdapter(DefaultUserSessionsAdapter):
    """A user ending their other sessions from the sessions page is an audited security event."""

    def end_sessions(self, sessions):
        from allauth.core import context

        from .audit import record_event
        from .models import AuditAction

        sessions = list(sessions)
        super().end_sessions(sessions)
        request = context.request
        if sessions and request is not None and request.user.is_authenticated:
            record_event(AuditAction.SESSIONS_ENDED, actor=request.user, request=request, sessions_ended=len(sessions))
