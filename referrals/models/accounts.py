"""Who may use the clinical workspace: roles, clinician profiles and access requests.

Roles are Django groups (DESIGN §5) so the Wagtail admin and ``rules`` can use
them; the profile holds what a group cannot: centre, profession, guest expiry.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.network import ExpertiseArea, MemberCentre


class Role(models.TextChoices):
    """The network-level roles; the value is the name of the Django group."""

    EDITOR = "Editors", _("Editor")
    COORDINATOR = "Coordinators", _("Coordinator")
    MEMBER_CLINICIAN = "Member clinicians", _("Member clinician")
    GUEST_CLINICIAN = "Guest clinicians", _("Guest clinician")
    HELPDESK = "Helpdesk", _("Helpdesk")


# Roles that open the clinical workspace (/cases/).
CLINICAL_ROLES = (Role.MEMBER_CLINICIAN, Role.GUEST_CLINICIAN)
# Roles a coordinator can grant when approving an access request.
GRANTABLE_ROLES = (Role.MEMBER_CLINICIAN, Role.GUEST_CLINICIAN, Role.HELPDESK)


class ClinicianProfile(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_profile")
    member_centre = models.ForeignKey(
        MemberCentre,
        verbose_name=_("member centre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clinicians",
        help_text=_("Empty for clinicians outside the network."),
    )
    profession = models.CharField(_("profession"), max_length=120, blank=True)
    specialty = models.CharField(_("specialty"), max_length=120, blank=True)
    registration_number = models.CharField(_("professional registration number"), max_length=64, blank=True)
    expertise_areas = models.ManyToManyField(ExpertiseArea, verbose_name=_("expertise areas"), blank=True)
    guest_expires_on = models.DateField(_("guest access expires on"), null=True, blank=True)
    guest_reminder_sent_for = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The expiry date the reminder e-mail was sent for, so it goes out once per expiry date.",
    )
    language = models.CharField(
        _("language for e-mails"),
        max_length=12,
        blank=True,
        editable=False,
        help_text="The language of the pages the user last signed in on; e-mails to them are written in it.",
    )
    mfa_reset_required = models.BooleanField(
        _("second factor must be set up again"),
        default=False,
        help_text=_("Set when the helpdesk or a coordinator reset the second factor."),
    )

    class Meta:
        verbose_name = _("clinician profile")
        verbose_name_plural = _("clinician profiles")

    def __str__(self):
        return self.user.email

    def guest_has_expired(self, today=None):
        if self.guest_expires_on is None:
            return False
        return self.guest_expires_on < (today or timezone.localdate())


class AccessRequestQuerySet(models.QuerySet):
    def for_queue(self):
        return self.select_related("user", "member_centre", "decided_by").prefetch_related("expertise_areas")


class AccessRequest(models.Model):
    """A signed-in user's request to be let into the workspace, decided by a coordinator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        INFO_REQUESTED = "info_requested", _("More information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    OPEN_STATUSES = (Status.PENDING, Status.INFO_REQUESTED)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_requests")
    member_centre = models.ForeignKey(
        MemberCentre,
        verbose_name=_("member centre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    outside_network = models.BooleanField(_("outside the network"), default=False)
    profession = models.CharField(_("profession"), max_length=120)
    specialty = models.CharField(_("specialty"), max_length=120)
    expertise_areas = models.ManyToManyField(ExpertiseArea, verbose_name=_("expertise areas"), blank=True)
    registration_number = models.CharField(_("professional registration number"), max_length=64)
    justification = models.TextField(_("justification"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    granted_role = models.CharField(_("granted role"), max_length=40, choices=Role.choices, blank=True)
    guest_expires_on = models.DateField(_("guest access expires on"), null=True, blank=True)
    decision_message = models.TextField(
        _("message to the applicant"),
        blank=True,
        help_text=_("The reason for a rejection or the information still needed."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # E-mails about the request go out in the language the applicant used.
    language = models.CharField(max_length=12, default=settings.LANGUAGE_CODE, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.user.email} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES
