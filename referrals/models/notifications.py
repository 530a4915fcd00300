"""In-app notifications: one row per recipient and event, read or unread.

A notification stores the event and the case, never a text: what it says is
rendered from the event in the reader's language, and like the e-mails it
names only the case reference and the patient's pseudonym.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case


class CaseEvent(models.TextChoices):
    """Everything that happens to a case that somebody should hear about. The label is what they read."""

    SUBMITTED = "submitted", _("A case was submitted to the network and waits for a panel.")
    REVIEW_STARTED = "review_started", _("The expert panel has started to review your case.")
    REJECTED = "rejected", _("The network could not accept your case. The reason is on the case page.")
    WITHDRAWN = "withdrawn", _("The referring clinician withdrew the case.")
    OUTCOME_ISSUED = "outcome_issued", _("The panel issued its outcome report for your case.")
    CLOSED = "closed", _("The case was closed.")
    REOPENED = "reopened", _("The case was reopened for follow-up and needs the panel again.")
    CARE_CONSENT_WITHDRAWN = (
        "care_consent_withdrawn",
        _("The patient withdrew consent to share this case. You no longer have access to it."),
    )
    PANEL_INVITATION = "panel_invitation", _("You are invited to join the expert panel of a case.")
    INVITATION_ACCEPTED = "invitation_accepted", _("An expert accepted the invitation to the panel.")
    INVITATION_DECLINED = "invitation_declined", _("An expert declined the invitation to the panel.")
    PANEL_LEAD_ASSIGNED = "panel_lead_assigned", _("You are now the lead of the expert panel of a case.")
    REMOVED_FROM_PANEL = "removed_from_panel", _("You are no longer on the expert panel of a case.")
    CONTRIBUTION_POSTED = "contribution_posted", _("An expert contributed to the panel's discussion.")
    INFORMATION_REQUESTED = "information_requested", _("The expert panel asks you for more information.")
    INFORMATION_ANSWERED = "information_answered", _("The referring clinician answered the panel's request.")
    DOCUMENT_ADDED = "document_added", _("New documents or imaging were added to a case.")
    PANEL_REMINDER = "panel_reminder", _("Reminder: a case is waiting for your answer or contribution.")
    PANEL_REMINDER_LEAD = "panel_reminder_lead", _("Experts on a panel you lead were reminded to answer or contribute.")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(max_length=30, choices=CaseEvent.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]

    def __str__(self):
        return f"{self.recipient_id} {self.event} {self.case_id}"

    @property
    def message(self):
        return CaseEvent(self.event).label

    @property
    def is_unread(self):
        return self.read_at is None
