"""
Referral requests from outside clinicians: submission, e-mail verification,
and the coordinator's triage decisions. One function per step; views, tasks
and tests call these and nothing else changes a request's status.
"""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ..audit import record_event
from ..models import AuditAction, Role
from ..models.referral_requests import ReferralRequest
from ..referral_tasks import send_referral_email
from .roles import grant_role, profile_for

VERIFY_SALT = "referrals.verify-email"
ANSWER_SALT = "referrals.answer-info-request"


def _max_age(name, default_days):
    return getattr(settings, name, default_days * 24 * 3600)


def make_token(referral, salt):
    return signing.TimestampSigner(salt=salt).sign_object({"uuid": str(referral.uuid)})


class InvalidToken(Exception):
    """The link was tampered with or points nowhere."""


class ExpiredToken(Exception):
    """The link was genuine but is too old."""


def referral_for_token(token, salt, max_age):
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ExpiredToken from exc
    except signing.BadSignature as exc:
        raise InvalidToken from exc
    try:
        return ReferralRequest.objects.get(uuid=payload["uuid"])
    except (ReferralRequest.DoesNotExist, KeyError, ValueError, TypeError) as exc:
        raise InvalidToken from exc


def default_locale_area(area):
    """Requests point at the default-language row of an expertise area, whatever language the visitor used."""
    if area is None:
        return None
    return area.get_translation_or_none(Locale.get_default()) or area


@transaction.atomic
def submit_referral_request(form, *, area, condition_unsure, outcome, language, verify_url_for):
    """Store the request as unverified and send the confirmation link.

    ``verify_url_for(token)`` builds the absolute confirmation URL on the page
    the visitor used, so the link opens in their language.
    """
    referral = form.save(commit=False)
    referral.expertise_area = default_locale_area(area)
    referral.workstream = referral.expertise_area.workstream if referral.expertise_area else None
    referral.condition_unsure = condition_unsure
    referral.eligibility_outcome = outcome
    referral.language = language
    referral.status = ReferralRequest.Status.UNVERIFIED
    referral.save()
    link = verify_url_for(make_token(referral, VERIFY_SALT))
    send_referral_email.delay_on_commit(referral.pk, "verify", link)
    return referral


@transaction.atomic
def verify_referral_request(token):
    """Confirm the e-mail address: the request enters the coordinator's queue.

    Returns (referral, newly_verified). A second click on the same link is
    harmless and says so.
    """
    referral = referral_for_token(token, VERIFY_SALT, _max_age("REFERRAL_VERIFY_MAX_AGE", 3))
    referral = ReferralRequest.objects.select_for_update().get(pk=referral.pk)
    if referral.status != ReferralRequest.Status.UNVERIFIED:
        return referral, False
    referral.status = ReferralRequest.Status.NEW
    referral.verified_at = timezone.now()
    referral.save(update_fields=["status", "verified_at", "updated_at"])
    record_event(AuditAction.REFERRAL_SUBMITTED, actor=None, target=referral, outcome=referral.eligibility_outcome)
    send_referral_email.delay_on_commit(referral.pk, "received")
    return referral, True


# --- triage by the coordinator ------------------------------------------------


class TriageError(Exception):
    """The request cannot take this decision (already decided, or not yet verified)."""


def _check_triage(referral, by):
    if not by.has_perm("referrals.triage_referrals"):
        raise PermissionDenied
    if not referral.is_open:
        raise TriageError(_("This request has already been decided."))


def _decide(referral, status, *, by, message=""):
    referral.status = status
    referral.decision_message = message
    if status in (ReferralRequest.Status.ACCEPTED, ReferralRequest.Status.REJECTED):
        referral.decided_at = timezone.now()
    referral.save()


def invitation_link(user):
    """An allauth 'set your password' link for an invited guest (valid PASSWORD_RESET_TIMEOUT)."""
    uid = user_pk_to_url_str(user)
    key = f"{uid}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}).replace("UID-KEY", key)
    return settings.BASE_URL.rstrip("/") + path


def _guest_account_for(referral):
    """The clinician's existing account (by e-mail) or a new one without a usable password."""
    User = get_user_model()
    address = EmailAddress.objects.filter(email__iexact=referral.email).select_related("user").first()
    user = address.user if address else User.objects.filter(email__iexact=referral.email).first()
    if user is None:
        first, _sep, last = referral.clinician_name.partition(" ")
        user = User(username=f"guest-{referral.uuid.hex[:12]}", email=referral.email, first_name=first[:150])
        user.last_name = last[:150]
        user.set_unusable_password()
        user.save()
    # The address was proven when the clinician confirmed the request.
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=referral.email, defaults={"email": referral.email, "verified": True, "primary": True}
    )
    return user


@transaction.atomic
def accept_referral(referral, *, by, guest_expires_on, message="", request=None):
    """Accept: the clinician gets (or keeps) an account as guest clinician until ``guest_expires_on``."""
    _check_triage(referral, by)
    if guest_expires_on <= timezone.localdate():
        raise TriageError(_("The guest account must expire in the future."))
    user = _guest_account_for(referral)
    user.is_active = True
    user.save(update_fields=["is_active"])
    grant_role(user, Role.GUEST_CLINICIAN, by=by, request=request)
    profile = profile_for(user)
    profile.guest_expires_on = max(filter(None, [profile.guest_expires_on, guest_expires_on]))
    profile.specialty = profile.specialty or referral.specialty
    profile.save()
    referral.guest_user = user
    _decide(referral, ReferralRequest.Status.ACCEPTED, by=by, message=message)
    record_event(AuditAction.REFERRAL_ACCEPTED, actor=by, target=referral, request=request, guest=user.email)
    with translation.override(referral.language):
        link = invitation_link(user) if not user.has_usable_password() else settings.BASE_URL.rstrip("/") + "/"
    send_referral_email.delay_on_commit(referral.pk, "accepted", link)
    return user


@transaction.atomic
def reject_referral(referral, *, by, reason, request=None):
    _check_triage(referral, by)
    if not reason.strip():
        raise TriageError(_("Please give the reason that will be sent to the clinician."))
    _decide(referral, ReferralRequest.Status.REJECTED, by=by, message=reason.strip())
    record_event(AuditAction.REFERRAL_REJECTED, actor=by, target=referral, request=request)
    send_referral_email.delay_on_commit(referral.pk, "rejected")


@transaction.atomic
def request_referral_information(referral, *, by, message, answer_url_for, request=None):
    _check_triage(referral, by)
    if not message.strip():
        raise TriageError(_("Please say what information you need."))
    referral.info_response = ""
    _decide(referral, ReferralRequest.Status.INFO_REQUESTED, by=by, message=message.strip())
    record_event(AuditAction.REFERRAL_INFO_REQUESTED, actor=by, target=referral, request=request)
    link = answer_url_for(make_token(referral, ANSWER_SALT))
    send_referral_email.delay_on_commit(referral.pk, "info_requested", link)


@transaction.atomic
def assign_referral(referral, *, by, assignee, request=None):
    _check_triage(referral, by)
    referral.assigned_to = assignee
    _decide(referral, ReferralRequest.Status.ASSIGNED, by=by, message=referral.decision_message)
    record_event(AuditAction.REFERRAL_ASSIGNED, actor=by, target=referral, request=request, assignee=assignee.email)
    send_referral_email.delay_on_commit(referral.pk, "assigned")


@transaction.atomic
def answer_information_request(token, *, answer):
    """The clinician answers through the signed link; the request returns to the queue."""
    referral = referral_for_token(token, ANSWER_SALT, _max_age("REFERRAL_ANSWER_MAX_AGE", 30))
    referral = ReferralRequest.objects.select_for_update().get(pk=referral.pk)
    if referral.status != ReferralRequest.Status.INFO_REQUESTED:
        raise TriageError(_("This request is no longer waiting for information."))
    referral.info_response = answer.strip()
    referral.status = ReferralRequest.Status.NEW
    referral.save(update_fields=["info_response", "status", "updated_at"])
    record_event(AuditAction.REFERRAL_INFO_ANSWERED, actor=None, target=referral)
    return referral
