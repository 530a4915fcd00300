"""Guest clinician accounts (issue 5 §5): expiry, extension and the reminder before expiry."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..models import AuditAction, ClinicianProfile, Role
from .sessions import end_sessions

REMINDER_DAYS_BEFORE_EXPIRY = 7


def expired_guests(today=None):
    today = today or timezone.localdate()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=Role.GUEST_CLINICIAN.value,
            clinician_profile__guest_expires_on__lt=today,
        )
        .distinct()
    )


@transaction.atomic
def expire_guest(user, *, request=None):
    """Deactivate an expired guest and end their sessions. The system acts: no actor."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = end_sessions(user)
    record_event(
        AuditAction.GUEST_EXPIRED,
        actor=None,
        target=user.clinician_profile,
        request=request,
        expired_on=user.clinician_profile.guest_expires_on.isoformat(),
        sessions_ended=ended,
    )


def deactivate_expired_guests(today=None):
    """The hourly beat task's work; returns how many guests were deactivated."""
    count = 0
    for user in expired_guests(today).select_related("clinician_profile"):
        expire_guest(user)
        count += 1
    return count


@transaction.atomic
def extend_guest(profile, *, until, by, request=None):
    if not by.has_perm("referrals.extend_guest"):
        raise PermissionDenied
    if not profile.user.groups.filter(name=Role.GUEST_CLINICIAN.value).exists():
        raise ValidationError(_("Only guest accounts can be extended."))
    if until <= timezone.localdate():
        raise ValidationError(_("The new expiry date must be in the future."))
    previous = profile.guest_expires_on
    profile.guest_expires_on = until
    profile.save(update_fields=["guest_expires_on"])
    if not profile.user.is_active:
        profile.user.is_active = True
        profile.user.save(update_fields=["is_active"])
    record_event(
        AuditAction.GUEST_EXTENDED,
        actor=by,
        target=profile,
        request=request,
        previous=previous.isoformat() if previous else None,
        until=until.isoformat(),
    )
    return profile


def guests_to_remind(today=None):
    """Active guests whose access ends in 7 days or less and who have not had a reminder for that date."""
    today = today or timezone.localdate()
    return (
        ClinicianProfile.objects.filter(
            user__is_active=True,
            user__groups__name=Role.GUEST_CLINICIAN.value,
            guest_expires_on__gte=today,
            guest_expires_on__lte=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE_EXPIRY),
        )
        .exclude(guest_reminder_sent_for=F("guest_expires_on"))
        .select_related("user")
        .distinct()
    )
