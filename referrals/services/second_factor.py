"""Resetting a user's second factor when they lost their phone and their recovery codes (issue 5 §2)."""

from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..audit import record_event
from ..models import AuditAction
from ..rules import is_coordinator
from .roles import profile_for
from .sessions import end_sessions


@transaction.atomic
def reset_second_factor(user, *, by, request=None):
    """Remove every authenticator of ``user`` and end their sessions.

    Without an authenticator the enforcement middleware sends the user to set
    up a new one at their next sign-in; the profile flag tells them why.
    """
    if not by.has_perm("referrals.reset_second_factor") or by.pk == user.pk:
        raise PermissionDenied
    # The helpdesk must not be a way to take over a coordinator's account.
    if is_coordinator(user) and not is_coordinator(by):
        raise PermissionDenied
    removed = sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    Authenticator.objects.filter(user=user).delete()
    profile = profile_for(user)
    profile.mfa_reset_required = True
    profile.save(update_fields=["mfa_reset_required"])
    ended = end_sessions(user)
    record_event(
        AuditAction.MFA_RESET, actor=by, target=profile, request=request, removed=removed, sessions_ended=ended
    )
    return profile
