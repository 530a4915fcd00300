"""Access requests (issue 5 §4): a user asks, a coordinator decides, the user is told by e-mail.

Each step is one function that checks permission, changes state in a
transaction, writes the audit entry and queues the e-mail after commit.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..models import AccessRequest, AuditAction, Role
from ..models.accounts import GRANTABLE_ROLES
from .roles import grant_role, profile_for


def _notify(access_request, event):
    from ..tasks import send_access_request_email

    send_access_request_email.delay_on_commit(access_request.pk, event)


def open_request_for(user):
    return AccessRequest.objects.filter(user=user, status__in=AccessRequest.OPEN_STATUSES).first()


@transaction.atomic
def submit_access_request(user, *, data, expertise_areas=(), language="en", request=None):
    """Create the user's request, or update their open one (answering a request for more information)."""
    if not user.has_perm("referrals.request_access"):
        raise PermissionDenied
    access_request = open_request_for(user) or AccessRequest(user=user)
    for field, value in data.items():
        setattr(access_request, field, value)
    access_request.status = AccessRequest.Status.PENDING
    access_request.language = language
    access_request.save()
    access_request.expertise_areas.set(expertise_areas)
    record_event(AuditAction.ACCESS_REQUESTED, actor=user, target=access_request, request=request)
    _notify(access_request, "submitted")
    return access_request


def _check_decidable(access_request, by):
    if not by.has_perm("referrals.decide_access_requests"):
        raise PermissionDenied
    if not access_request.is_open:
        raise ValidationError(_("This request has already been decided."))


@transaction.atomic
def approve_access_request(access_request, *, by, role, guest_expires_on=None, request=None):
    _check_decidable(access_request, by)
    role = Role(role)
    if role not in GRANTABLE_ROLES:
        raise ValidationError(_("This role cannot be granted through an access request."))
    if role == Role.GUEST_CLINICIAN and (guest_expires_on is None or guest_expires_on <= timezone.localdate()):
        raise ValidationError(_("A guest account needs an expiry date in the future."))
    applicant = access_request.user
    profile = profile_for(applicant)
    profile.member_centre = None if access_request.outside_network else access_request.member_centre
    profile.profession = access_request.profession
    profile.specialty = access_request.specialty
    profile.registration_number = access_request.registration_number
    profile.guest_expires_on = guest_expires_on if role == Role.GUEST_CLINICIAN else None
    profile.guest_reminder_sent_for = None
    profile.save()
    profile.expertise_areas.set(access_request.expertise_areas.all())
    if not applicant.is_active:
        applicant.is_active = True
        applicant.save(update_fields=["is_active"])
    grant_role(applicant, role, by=by, request=request)

    access_request.status = AccessRequest.Status.APPROVED
    access_request.granted_role = role
    access_request.guest_expires_on = profile.guest_expires_on
    access_request.decided_by = by
    access_request.decided_at = timezone.now()
    access_request.decision_message = ""
    access_request.save()
    record_event(
        AuditAction.ACCESS_APPROVED,
        actor=by,
        target=access_request,
        request=request,
        role=role.value,
        guest_expires_on=guest_expires_on.isoformat() if guest_expires_on else None,
    )
    _notify(access_request, "approved")
    return access_request


@transaction.atomic
def reject_access_request(access_request, *, by, reason, request=None):
    _check_decidable(access_request, by)
    if not reason.strip():
        raise ValidationError(_("Give the applicant a reason."))
    access_request.status = AccessRequest.Status.REJECTED
    access_request.decision_message = reason.strip()
    access_request.decided_by = by
    access_request.decided_at = timezone.now()
    access_request.save()
    record_event(AuditAction.ACCESS_REJECTED, actor=by, target=access_request, request=request)
    _notify(access_request, "rejected")
    return access_request


@transaction.atomic
def request_more_information(access_request, *, by, message, request=None):
    _check_decidable(access_request, by)
    if not message.strip():
        raise ValidationError(_("Say what information is missing."))
    access_request.status = AccessRequest.Status.INFO_REQUESTED
    access_request.decision_message = message.strip()
    access_request.decided_by = by
    access_request.save()
    record_event(AuditAction.ACCESS_INFO_REQUESTED, actor=by, target=access_request, request=request)
    _notify(access_request, "info_requested")
    return access_request
