"""Enrolling pseudonymised patients (issue 7 §1). Identity is entered and seen by the patient's keepers only.

A member clinician enrols a patient for their member centre, whose clinicians then keep
the record together. An accepted guest (an outside referrer) has no centre: the patient is
enrolled without one and the guest alone keeps the record, while their access lasts.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..audit import record_event
from ..models import AuditAction, Patient
from ..models.cases import age_band_for
from ..rules import is_member_clinician


@transaction.atomic
def enrol_patient(*, by, request=None, full_name, date_of_birth, sex, national_id="", local_record_number=""):
    """Create a patient at ``by``'s member centre (none for a guest) with a fresh random pseudonym."""
    if not by.has_perm("referrals.enrol_patient"):
        raise PermissionDenied
    patient = Patient.objects.create(
        owner_centre_id=by.clinician_profile.member_centre_id if is_member_clinician(by) else None,
        created_by=by,
        full_name=full_name.strip(),
        date_of_birth=date_of_birth,
        sex=sex,
        age_band=age_band_for(date_of_birth),
        national_id=national_id.strip(),
        local_record_number=local_record_number.strip(),
    )
    # The audit entry names the pseudonym only (str(patient)).
    record_event(AuditAction.PATIENT_ENROLLED, actor=by, target=patient, request=request)
    return patient
