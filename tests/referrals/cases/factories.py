"""Builders for the case tests: patients with sentinel identity, cases in any state, consent, panels."""

import datetime

from django.utils import timezone

from referrals.models import Case, CaseStatus, ConsentPurpose, ConsentRecord, PanelMembership, Patient, Role
from referrals.models.cases import Sex, age_band_for
from tests.referrals.factories import make_area, make_centre, make_user

# Values that must never reach anyone outside the patient's centre, a log line or an e-mail.
SENTINEL_NAME = "Zebulon Quixwright-Sentinel"
SENTINEL_NATIONAL_ID = "NID-SENTINEL-7741"
SENTINEL_RECORD_NUMBER = "MRN-SENTINEL-0042"
SENTINEL_BIRTH_DATE = datetime.date(2011, 4, 23)


def make_patient(*, centre, by, full_name=SENTINEL_NAME, national_id=SENTINEL_NATIONAL_ID, **fields):
    fields.setdefault("date_of_birth", SENTINEL_BIRTH_DATE)
    fields.setdefault("sex", Sex.FEMALE)
    fields.setdefault("local_record_number", SENTINEL_RECORD_NUMBER)
    fields.setdefault("age_band", age_band_for(fields["date_of_birth"]))
    return Patient.objects.create(
        owner_centre=centre, created_by=by, full_name=full_name, national_id=national_id, **fields
    )


def give_consent(patient, *, by, purpose=ConsentPurpose.CARE, given_on=None):
    return ConsentRecord.objects.create(
        patient=patient,
        purpose=purpose,
        form_language="en",
        form_version="3.0",
        given_on=given_on or timezone.localdate() - datetime.timedelta(days=3),
        recorded_by=by,
    )


def make_case(*, patient, owner, area, status=CaseStatus.DRAFT, **fields):
    fields.setdefault("title", "Recurrent stricture after hypospadias repair")
    fields.setdefault("icd10_code", "Q54.9")
    fields.setdefault("question", "Which reconstruction would the panel advise?")
    fields.setdefault("clinical_summary", "<p>Three failed repairs.</p>")
    return Case.objects.create(patient=patient, owner=owner, expertise_area=area, status=status, **fields)


def add_panel_member(case, user, *, status=PanelMembership.Status.ACCEPTED, role=PanelMembership.Role.MEMBER):
    return PanelMembership.objects.create(case=case, user=user, status=status, role=role)


class World:
    """Everyone the access rules distinguish, around one case in review at centre A."""

    def __init__(self, status=CaseStatus.IN_REVIEW):
        self.area = make_area("Hypospadias")
        self.centre_a = make_centre("Centre A University Hospital", "Leiden", "NL", areas=[self.area])
        self.centre_b = make_centre("Centre B University Hospital", "Lyon", "FR", areas=[self.area])
        self.centre_c = make_centre("Centre C University Hospital", "Turin", "IT", areas=[self.area])
        self.owner = make_user(Role.MEMBER_CLINICIAN, centre=self.centre_a, email="owner@example.org")
        self.colleague = make_user(Role.MEMBER_CLINICIAN, centre=self.centre_a, email="colleague@example.org")
        self.panel_member = make_user(Role.MEMBER_CLINICIAN, centre=self.centre_b, email="panel@example.org")
        self.panel_lead = make_user(Role.MEMBER_CLINICIAN, centre=self.centre_b, email="lead@example.org")
        self.invited = make_user(Role.MEMBER_CLINICIAN, centre=self.centre_b, email="invited@example.org")
        self.unrelated = make_user(Role.MEMBER_CLINICIAN, centre=self.centre_c, email="unrelated@example.org")
        self.coordinator = make_user(Role.COORDINATOR, email="coordinator@example.org")
        self.expired_guest = make_user(Role.GUEST_CLINICIAN, guest_days=-1, email="expired-guest@example.org")
        self.patient = make_patient(centre=self.centre_a, by=self.owner)
        self.care_consent = give_consent(self.patient, by=self.owner)
        self.case = make_case(patient=self.patient, owner=self.owner, area=self.area, status=status)
        add_panel_member(self.case, self.panel_member)
        add_panel_member(self.case, self.panel_lead, role=PanelMembership.Role.LEAD)
        add_panel_member(self.case, self.invited, status=PanelMembership.Status.INVITED)
        # An expired guest who had been on the panel: the expiry alone must shut them out.
        add_panel_member(self.case, self.expired_guest)
