"""Consent records per purpose, with an optional signed form kept in private storage (issue 7 §2).

Withdrawing care consent needs no further step to cut the panel off: the
access rule (``Case.objects.visible_to``) checks for active care consent on
every request. The owner's centre keeps access and every record stays.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..models import AuditAction, Case, CaseEvent, ConsentPurpose, ConsentRecord, PanelMembership
from ..models.cases import PANEL_STATUSES
from .notifications import notify

# Magic bytes → (content type, extension). The client's name and type are never trusted.
SIGNED_FORM_TYPES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)


def inspect_signed_form(upload):
    """Check an uploaded signed consent form by content and size; return (content type, extension, sha256, size).

    Raises ValidationError with a message for the clinician.
    """
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.CONSENT_FORM_MAX_UPLOAD_SIZE:
        limit = settings.CONSENT_FORM_MAX_UPLOAD_SIZE // (1024 * 1024)
        raise ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit}, code="too_large")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    detected = next(((kind, ext) for magic, kind, ext in SIGNED_FORM_TYPES if head.startswith(magic)), None)
    if detected is None:
        raise ValidationError(_("Upload the signed form as a PDF, JPEG or PNG file."), code="type")
    content_type, extension = detected
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, extension, digest.hexdigest(), size


def _matching_consent_form(language, version):
    from guides.consent import current_consent_form

    current = current_consent_form(language)
    if current is None:
        return None, version
    if not version or version == current.version:
        return current, current.version
    return None, version


@transaction.atomic
def record_consent(patient, *, by, request=None, purpose, given_on, form_language, form_version="", signed_form=None):
    if not by.has_perm("referrals.manage_consent", patient):
        raise PermissionDenied
    purpose = ConsentPurpose(purpose)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    consent_form, form_version = _matching_consent_form(form_language, (form_version or "").strip())
    if not form_version:
        raise ValidationError(
            {"form_version": _("There is no current consent form in this language: enter the version signed.")}
        )
    if (
        ConsentRecord.objects.select_for_update()
        .filter(patient=patient, purpose=purpose, withdrawn_on__isnull=True)
        .exists()
    ):
        raise ValidationError(_("Consent for this purpose is already recorded. Withdraw it first to record a new one."))
    record = ConsentRecord(
        patient=patient,
        purpose=purpose,
        form_language=form_language,
        form_version=form_version,
        consent_form=consent_form,
        given_on=given_on,
        recorded_by=by,
    )
    if signed_form is not None:
        try:
            content_type, extension, sha256, size = inspect_signed_form(signed_form)
        except ValidationError as error:
            raise ValidationError({"signed_form": error.messages}) from error
        record.signed_form_content_type = content_type
        record.signed_form_sha256 = sha256
        record.signed_form_size = size
        # The stored name comes from the server (see consent_form_upload_to); only the checked extension is kept.
        record.signed_form.save(f"signed{extension}", File(signed_form), save=False)
    record.save()
    record_event(AuditAction.CONSENT_RECORDED, actor=by, target=patient, request=request, purpose=purpose.value)
    return record


@transaction.atomic
def withdraw_consent(record, *, by, request=None, withdrawn_on=None):
    if not by.has_perm("referrals.manage_consent", record.patient):
        raise PermissionDenied
    record = ConsentRecord.objects.select_for_update().get(pk=record.pk)
    if record.withdrawn_on is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    withdrawn_on = withdrawn_on or timezone.localdate()
    if withdrawn_on > timezone.localdate() or withdrawn_on < record.given_on:
        raise ValidationError({"withdrawn_on": _("Enter a date between the date consent was given and today.")})
    record.withdrawn_on = withdrawn_on
    record.withdrawn_by = by
    record.withdrawn_at = timezone.now()
    record.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawn_at"])
    record_event(
        AuditAction.CONSENT_WITHDRAWN, actor=by, target=record.patient, request=request, purpose=record.purpose
    )
    if record.purpose == ConsentPurpose.CARE:
        affected = Case.objects.filter(
            patient_id=record.patient_id,
            status__in=PANEL_STATUSES,
            panel_memberships__status=PanelMembership.Status.ACCEPTED,
        ).distinct()
        for case in affected:
            notify(case, CaseEvent.CARE_CONSENT_WITHDRAWN, actor=by)
    return record
