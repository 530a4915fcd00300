"""The append-only security audit trail.

Rows are only ever inserted through ``referrals.audit.record_event``. On
PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE, so not even
a bug or a database user of the application can rewrite history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .append_only import AppendOnlyModel


class AuditAction(models.TextChoices):
    LOGIN_SUCCEEDED = "login.succeeded", _("Sign-in succeeded")
    LOGIN_FAILED = "login.failed", _("Sign-in failed")
    LOGOUT = "logout", _("Signed out")
    MFA_FAILED = "mfa.failed", _("Second factor code rejected")
    MFA_ACTIVATED = "mfa.activated", _("Second factor set up")
    MFA_DEACTIVATED = "mfa.deactivated", _("Second factor removed")
    MFA_RECOVERY_CODES_GENERATED = "mfa.recovery_codes", _("Recovery codes generated")
    MFA_RESET = "mfa.reset", _("Second factor reset")
    PASSWORD_CHANGED = "password.changed", _("Password changed")
    PASSWORD_RESET = "password.reset", _("Password reset")
    SESSIONS_ENDED = "sessions.ended", _("Other sessions ended")
    ACCESS_REQUESTED = "access.requested", _("Access requested")
    ACCESS_APPROVED = "access.approved", _("Access request approved")
    ACCESS_REJECTED = "access.rejected", _("Access request rejected")
    ACCESS_INFO_REQUESTED = "access.info_requested", _("More information requested")
    ROLE_GRANTED = "role.granted", _("Role granted")
    ROLE_REVOKED = "role.revoked", _("Role revoked")
    GUEST_EXTENDED = "guest.extended", _("Guest access extended")
    GUEST_EXPIRED = "guest.expired", _("Guest access expired")
    USER_DEACTIVATED = "user.deactivated", _("Account deactivated")
    REFERRAL_SUBMITTED = "referral.submitted", _("Referral request confirmed by the clinician")
    REFERRAL_ACCEPTED = "referral.accepted", _("Referral request accepted")
    REFERRAL_REJECTED = "referral.rejected", _("Referral request rejected")
    REFERRAL_INFO_REQUESTED = "referral.info_requested", _("More information requested about a referral")
    REFERRAL_INFO_ANSWERED = "referral.info_answered", _("Referring clinician answered")
    REFERRAL_ASSIGNED = "referral.assigned", _("Referral request assigned")
    # Clinical cases (issue 7)
    PATIENT_ENROLLED = "patient.enrolled", _("Patient enrolled")
    PATIENT_UPDATED = "patient.updated", _("Patient details changed")
    CONSENT_RECORDED = "consent.recorded", _("Consent recorded")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("Consent withdrawn")
    CASE_CREATED = "case.created", _("Case created")
    CASE_UPDATED = "case.updated", _("Case changed")
    CASE_SUBMITTED = "case.submitted", _("Case submitted")
    CASE_REVIEW_STARTED = "case.review_started", _("Case review started")
    CASE_OUTCOME_DRAFTED = "case.outcome_drafted", _("Case outcome drafted")
    CASE_OUTCOME_ISSUED = "case.outcome_issued", _("Case outcome issued")
    CASE_CLOSED = "case.closed", _("Case closed")
    CASE_ARCHIVED = "case.archived", _("Case archived")
    CASE_REOPENED = "case.reopened", _("Case reopened")
    CASE_WITHDRAWN = "case.withdrawn", _("Case withdrawn")
    CASE_REJECTED = "case.rejected", _("Case rejected")
    DOCUMENT_ADDED = "document.added", _("Document added to a case")
    DOCUMENT_REFUSED = "document.refused", _("Upload refused")
    DOCUMENT_DELETED = "document.deleted", _("Document removed from a case")
    PANEL_INVITED = "panel.invited", _("Expert invited to a panel")
    PANEL_ACCEPTED = "panel.accepted", _("Panel invitation accepted")
    PANEL_DECLINED = "panel.declined", _("Panel invitation declined")
    PANEL_LEAD_ASSIGNED = "panel.lead_assigned", _("Panel lead assigned")
    PANEL_MEMBER_REMOVED = "panel.removed", _("Expert removed from a panel")
    PANEL_REMINDERS_SENT = "panel.reminders_sent", _("Panel reminders sent")
    CONTRIBUTION_POSTED = "contribution.posted", _("Contribution posted")
    CONTRIBUTION_EDITED = "contribution.edited", _("Contribution edited")
    INFORMATION_REQUESTED = "information.requested", _("More information requested from the owner")
    INFORMATION_ANSWERED = "information.answered", _("Request for information answered")


# Nobody is signed in when these happen: the actor may be missing.
ANONYMOUS_ACTIONS = frozenset(
    # Outside clinicians act through signed e-mail links, without an account.
    {AuditAction.LOGIN_FAILED, AuditAction.REFERRAL_SUBMITTED, AuditAction.REFERRAL_INFO_ANSWERED}
)
# The system (a scheduled task) acts on its own.
SYSTEM_ACTIONS = frozenset({AuditAction.GUEST_EXPIRED, AuditAction.PANEL_REMINDERS_SENT})


class AuditEvent(AppendOnlyModel):
    append_only_message = "Audit events are append-only."

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    # Snapshot: the log must still say who acted after the account is gone.
    actor_email = models.CharField(_("actor"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time (UTC)"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_email}"
