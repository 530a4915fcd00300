"""Pseudonymised patients, their consent records, cases, panel memberships and the case access log.

Patient identity lives only in encrypted columns of ``Patient``; everything a
panel sees (pseudonym, age band, sex, the case itself) is non-identifying.
Who may see what is decided in one place, ``Case.objects.visible_to(user)``
plus the predicates in ``referrals/rules.py``.
"""

import os
import secrets
import uuid

import nh3
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from home.network import ExpertiseArea, MemberCentre

from ..crypto import EncryptedDateField, EncryptedTextField
from .append_only import AppendOnlyModel

# --- Private file storage ---------------------------------------------------------


@deconstructible
class PrivateMediaStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT``, which no URL serves.

    It has no base URL on purpose: ``.url()`` fails, so a template cannot link
    to a clinical file except through a permission-checked view. The location
    is read from settings on every use so tests can point it elsewhere.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return os.fspath(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


def _private_s3_storage():
    from storages.backends.s3 import S3Storage

    class PrivateS3Storage(S3Storage):
        """Clinical files in the bucket under ``private/``: private ACL, no public URL either."""

        default_acl = "private"
        querystring_auth = True
        file_overwrite = False
        location = settings.AWS_PRIVATE_LOCATION

        def url(self, name, *args, **kwargs):
            raise ValueError("Private files have no URL; serve them through a permission-checked view.")

    return PrivateS3Storage()


_private_storages = {}


def get_private_storage():
    """The storage for clinical files: object storage when a bucket is configured, else PRIVATE_MEDIA_ROOT.

    A callable, so the choice follows the environment and migrations do not depend on it.
    """
    kind = "s3" if settings.AWS_STORAGE_BUCKET_NAME else "local"
    if kind not in _private_storages:
        _private_storages[kind] = _private_s3_storage() if kind == "s3" else PrivateMediaStorage()
    return _private_storages[kind]


# --- Patients ----------------------------------------------------------------------

# No 0/O or 1/I: pseudonyms are read aloud and copied by hand.
PSEUDONYM_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PSEUDONYM_PREFIX = "EUG"


def generate_pseudonym():
    """A random pseudonym such as ``EUG-7F3K-92``; never derived from identity."""
    body = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(6))
    return f"{PSEUDONYM_PREFIX}-{body[:4]}-{body[4:]}"


class AgeBand(models.TextChoices):
    INFANT = "0-1", _("Under 2 years")
    CHILD_YOUNG = "2-5", _("2–5 years")
    CHILD = "6-11", _("6–11 years")
    ADOLESCENT = "12-17", _("12–17 years")
    YOUNG_ADULT = "18-25", _("18–25 years")
    ADULT = "26-64", _("26–64 years")
    OLDER_ADULT = "65+", _("65 years or older")


def age_band_for(date_of_birth, today=None):
    today = today or timezone.localdate()
    years = today.year - date_of_birth.year - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))
    for upper, band in ((1, AgeBand.INFANT), (5, AgeBand.CHILD_YOUNG), (11, AgeBand.CHILD), (17, AgeBand.ADOLESCENT),
                        (25, AgeBand.YOUNG_ADULT), (64, AgeBand.ADULT)):  # fmt: skip
        if years <= upper:
            return band
    return AgeBand.OLDER_ADULT


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    INTERSEX = "intersex", _("Intersex / variation of sex characteristics")
    UNKNOWN = "unknown", _("Not known or not stated")


PATIENT_IDENTITY_FIELDS = ("full_name", "date_of_birth", "national_id", "local_record_number")


class Patient(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pseudonym = models.CharField(_("pseudonym"), max_length=20, unique=True, editable=False)
    # Empty for a patient enrolled by a guest clinician, who then keeps the record alone (rules.keeps_patient).
    owner_centre = models.ForeignKey(
        MemberCentre,
        verbose_name=_("owner centre"),
        on_delete=models.PROTECT,
        related_name="patients",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Non-identifying: what the panel sees.
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices)
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices)
    # Identifying: encrypted at rest, shown only to the owner's centre.
    full_name = EncryptedTextField(_("full name"))
    date_of_birth = EncryptedDateField(_("date of birth"))
    national_id = EncryptedTextField(_("national identifier"), blank=True)
    local_record_number = EncryptedTextField(_("local record number"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("patient")
        verbose_name_plural = _("patients")

    def __str__(self):
        # Only ever the pseudonym: str() ends up in audit entries and logs.
        return self.pseudonym

    def save(self, *args, **kwargs):
        if not self.pseudonym:
            self.pseudonym = self._unused_pseudonym()
        super().save(*args, **kwargs)

    @staticmethod
    def _unused_pseudonym():
        # 32^6 ≈ 10^9 values: a clash is rare, but the unique index must never fire.
        while True:
            candidate = generate_pseudonym()
            if not Patient.objects.filter(pseudonym=candidate).exists():
                return candidate


# --- Consent -----------------------------------------------------------------------


class ConsentPurpose(models.TextChoices):
    CARE = "care", _("Sharing with the expert panel for care")
    REGISTRIES = "registries", _("Inclusion in the network's registries")
    RESEARCH_CONTACT = "research_contact", _("Being contacted for research")


def consent_form_upload_to(instance, filename):
    # The client's file name is never used: it may hold the patient's name.
    extension = os.path.splitext(filename)[1].lower()
    return f"consent/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class ConsentRecord(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="consent_records")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    form_language = models.CharField(_("consent form language"), max_length=8, choices=settings.LANGUAGES)
    form_version = models.CharField(_("consent form version"), max_length=20)
    consent_form = models.ForeignKey(
        "guides.ConsentFormDocument",
        verbose_name=_("consent form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    given_on = models.DateField(_("date consent was given"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    signed_form = models.FileField(
        _("signed consent form"), storage=get_private_storage, upload_to=consent_form_upload_to, blank=True
    )
    signed_form_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    signed_form_content_type = models.CharField(max_length=40, blank=True, editable=False)
    signed_form_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["purpose", "-given_on", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "purpose"],
                condition=Q(withdrawn_on__isnull=True),
                name="referrals_one_active_consent_per_purpose",
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.given_on:%Y-%m-%d})"

    @property
    def is_active(self):
        return self.withdrawn_on is None


def active_care_consent():
    """An Exists() over the case's patient having care consent that is not withdrawn."""
    return Exists(
        ConsentRecord.objects.filter(
            patient_id=OuterRef("patient_id"), purpose=ConsentPurpose.CARE, withdrawn_on__isnull=True
        )
    )


# --- Cases --------------------------------------------------------------------------

orphacode_validator = RegexValidator(r"^ORPHA:\d{1,7}$", _("Enter an ORPHAcode such as ORPHA:93929."))
icd10_validator = RegexValidator(
    r"^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$", _("Enter an ICD-10 code such as Q64.1 or N35.9.")
)

# A small tag set: structure and emphasis, nothing that loads or runs anything.
SUMMARY_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "blockquote"}


def sanitise_summary(html):
    return nh3.clean(html or "", tags=SUMMARY_TAGS, attributes={}, strip_comments=True).strip()


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    OUTCOME_DRAFTED = "outcome_drafted", _("Outcome drafted")
    OUTCOME_ISSUED = "outcome_issued", _("Outcome issued")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")


# States in which an accepted panel member works on the case.
PANEL_STATUSES = (
    CaseStatus.IN_REVIEW,
    CaseStatus.OUTCOME_DRAFTED,
    CaseStatus.OUTCOME_ISSUED,
    CaseStatus.CLOSED,
)


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The cases ``user`` may open: the one rule that lists and detail pages share.

        - the owner, and member clinicians at the patient's centre: always (a patient a
          guest enrolled has no centre: the guest's own cases only);
        - accepted panel members: while the case is with the panel and the
          patient's care consent stands (checked on every request);
        - coordinators: every case once it has been submitted.
        Everyone else, expired guests included, sees nothing.
        """
        from ..rules import has_workspace_role, is_coordinator, is_member_clinician

        if not has_workspace_role(user):
            return self.none()
        condition = Q(owner=user)
        centre_id = _member_centre_id(user) if is_member_clinician(user) else None
        if centre_id is not None:
            condition |= Q(patient__owner_centre_id=centre_id)
        accepted = PanelMembership.objects.filter(
            case_id=OuterRef("pk"), user=user, status=PanelMembership.Status.ACCEPTED
        )
        condition |= Q(Exists(accepted), active_care_consent(), status__in=PANEL_STATUSES)
        if is_coordinator(user):
            condition |= ~Q(status=CaseStatus.DRAFT)
        return self.filter(condition)

    def for_list(self):
        # Lists never show identity: leave it encrypted in the database rather than decrypt it for nothing.
        return self.select_related("patient", "owner", "expertise_area__workstream").defer(
            *(f"patient__{name}" for name in PATIENT_IDENTITY_FIELDS)
        )


def _member_centre_id(user):
    try:
        return user.clinician_profile.member_centre_id
    except AttributeError:
        return None


class Case(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, verbose_name=_("patient"), on_delete=models.PROTECT, related_name="cases")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owned_cases"
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("A short description without anything that identifies the patient."),
    )
    expertise_area = models.ForeignKey(
        ExpertiseArea, verbose_name=_("expertise area"), on_delete=models.PROTECT, related_name="+"
    )
    orphacode = models.CharField(_("ORPHAcode"), max_length=16, blank=True, validators=[orphacode_validator])
    icd10_code = models.CharField(_("ICD-10 code"), max_length=10, blank=True, validators=[icd10_validator])
    clinical_summary = models.TextField(_("clinical summary"), blank=True)
    question = models.TextField(_("question for the panel"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    no_documents = models.BooleanField(
        _("no documents to share"),
        default=False,
        help_text=_("Tick if the panel can answer without documents or imaging."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFT, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.clinical_summary = sanitise_summary(self.clinical_summary)
        super().save(*args, **kwargs)

    @property
    def reference(self):
        """A short, non-identifying reference for e-mails and lists."""
        return f"CASE-{self.uuid.hex[:8].upper()}"

    @property
    def workstream(self):
        return self.expertise_area.workstream

    @property
    def clinical_summary_html(self):
        # Sanitised when saved; cleaned again here so a row written any other way is safe too.
        return mark_safe(sanitise_summary(self.clinical_summary))  # noqa: S308 - nh3-cleaned just above

    def has_documents(self):
        return self.documents.exists()


class PanelMembership(models.Model):
    """An expert invited to a case's panel. Only accepted members see the case."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Panel lead")
        MEMBER = "member", _("Panel member")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REMOVED = "removed", _("Removed from the panel")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="panel_memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now, editable=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    # Routine invitations are e-mailed in the daily digest; urgent ones at once.
    invitation_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last reminder to answer or to contribute, so one goes out per reminder period.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["case", "role", "invited_at"]
        verbose_name = _("panel membership")
        verbose_name_plural = _("panel memberships")
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="referrals_one_membership_per_case"),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(role="lead") & ~Q(status__in=["declined", "removed"]),
                name="referrals_one_panel_lead_per_case",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.user.email} ({self.get_status_display()})"


# --- Read audit ----------------------------------------------------------------------


class CaseAccessAction(models.TextChoices):
    VIEW_CASE = "case.view", _("Viewed the case")
    VIEW_PATIENT = "patient.view", _("Viewed the patient")
    EDIT_FORM = "case.edit_form", _("Opened the case for editing")
    VIEW_CONSENT = "consent.view", _("Viewed the consent records")
    DOWNLOAD_CONSENT_FORM = "consent.download", _("Downloaded a signed consent form")
    VIEW_ACCESS_LOG = "access_log.view", _("Viewed the access log")
    VIEW_DOCUMENT = "document.view", _("Viewed a document")
    DOWNLOAD_DOCUMENT = "document.download", _("Downloaded a document")
    PREVIEW_DOCUMENT = "document.preview", _("Viewed a document preview")
    UPLOAD_FORM = "document.upload_form", _("Opened the upload page")
    VIEW_PANEL = "panel.view", _("Viewed the panel")
    VIEW_INVITATION = "invitation.view", _("Viewed a panel invitation")
    VIEW_CONTRIBUTION_HISTORY = "contribution.history", _("Viewed the edit history of a contribution")
    EDIT_CONTRIBUTION_FORM = "contribution.edit_form", _("Opened a contribution for editing")
    NEW_CONTRIBUTION_FORM = "contribution.new_form", _("Opened the form for a new contribution")
    NEW_INFORMATION_REQUEST_FORM = "information_request.new_form", _("Opened the form for a request for information")
    VIEW_INFORMATION_REQUEST = "information_request.view", _("Viewed a request for information")
    EXPORT_CASE = "case.export", _("Exported the case summary")


class CaseAccessLog(AppendOnlyModel):
    """Who read which case, patient or file, when and from where. Append-only (a trigger on PostgreSQL)."""

    append_only_message = "The case access log is append-only."

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_email = models.CharField(_("actor"), max_length=254)
    # No database constraint: deleting a case must never need to delete its history.
    case = models.ForeignKey(
        Case, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="access_logs"
    )
    patient = models.ForeignKey(
        Patient, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="access_logs"
    )
    action = models.CharField(_("action"), max_length=30, choices=CaseAccessAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    created_at = models.DateTimeField(_("time (UTC)"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("case access log entry")
        verbose_name_plural = _("case access log")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_email}"
