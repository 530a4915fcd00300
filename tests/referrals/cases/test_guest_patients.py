"""An accepted guest (an outside referrer) presents a patient's case too (issue 7, opening; DESIGN §5).

The guest has no member centre, so the patient is enrolled without one and the guest
alone keeps the record, identity included, while their access lasts. Nobody else
(not a member clinician, not another guest, not a member clinician who has no centre
either, not the coordinator) sees who the patient is.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Case, CaseStatus, Patient, Role
from referrals.services.panels import eligible_experts
from tests.referrals.factories import make_user

from .access_matrix import LOGIN, assert_answer
from .factories import SENTINEL_NAME, SENTINEL_NATIONAL_ID, add_panel_member, give_consent, make_case, make_patient

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(world):
    return make_user(Role.GUEST_CLINICIAN, guest_days=20, email="referrer@outside.example")


@pytest.fixture
def guest_case(world, guest):
    patient = make_patient(centre=None, by=guest)
    give_consent(patient, by=guest)
    return make_case(patient=patient, owner=guest, area=world.area)


def _patient_url(patient):
    return reverse("referrals:patient_detail", kwargs={"uuid": patient.uuid})


def _case_url(case, name="case_detail"):
    return reverse(f"referrals:{name}", kwargs={"uuid": case.uuid})


def test_guest_enrols_a_patient_without_a_centre_and_opens_a_case(world, guest, mfa_client):
    client = mfa_client(guest)
    assert reverse("referrals:patient_new") in client.get(reverse("referrals:workspace")).content.decode()
    page = client.get(reverse("referrals:patient_new")).content.decode()
    assert "only you ever see them, while your guest access lasts" in page
    response = client.post(
        reverse("referrals:patient_new"),
        {"full_name": SENTINEL_NAME, "date_of_birth": "1984-06-21", "sex": "female", "national_id": "HR-1"},
    )
    patient = Patient.objects.get(created_by=guest)
    assert response["Location"] == _patient_url(patient)
    assert patient.owner_centre is None
    detail = client.get(_patient_url(patient)).content.decode()
    assert SENTINEL_NAME in detail and "Identifying details are visible to you only." in detail
    assert "enrolled by a guest clinician" in detail
    form = {
        "title": "Recurrent fistula",
        "expertise_area": world.area.pk,
        "icd10_code": "N82.0",
        "clinical_summary": "<p>Two failed repairs.</p>",
        "question": "Which approach?",
        "urgency": "routine",
    }
    response = client.post(reverse("referrals:case_new") + f"?patient={patient.uuid}", form)
    case = Case.objects.get(patient=patient)
    assert response["Location"] == _case_url(case)
    assert case.owner == guest and case.status == CaseStatus.DRAFT
    assert client.get(_case_url(case, "case_consent")).status_code == 200
    assert client.get(_case_url(case, "case_submit")).status_code == 200


@pytest.mark.parametrize("who", ["other_guest", "centreless_member", "member", "coordinator"])
def test_nobody_but_the_guest_sees_a_guest_patient(world, guest_case, mfa_client, who):
    users = {
        "other_guest": lambda: make_user(Role.GUEST_CLINICIAN, email="other-guest@outside.example"),
        # No centre either: None must not match the patient's missing centre.
        "centreless_member": lambda: make_user(Role.MEMBER_CLINICIAN, centre=None, email="nocentre@example.org"),
        "member": lambda: world.colleague,
        "coordinator": lambda: world.coordinator,
    }
    user = users[who]()
    client = mfa_client(user)
    patient = guest_case.patient
    assert client.get(_patient_url(patient)).status_code == 404
    assert client.get(reverse("referrals:case_new") + f"?patient={patient.uuid}").status_code == 404
    # A draft is the guest's alone; the coordinator too sees it only once it is submitted.
    assert client.get(_case_url(guest_case)).status_code == 404
    assert not user.has_perm("referrals.view_patient_identity", patient)


def test_a_submitted_guest_case_reaches_the_panel_and_coordinator_without_identity(world, guest_case, mfa_client):
    guest_case.status = CaseStatus.IN_REVIEW
    guest_case.save()
    add_panel_member(guest_case, world.panel_member)
    for user in (world.panel_member, world.coordinator):
        response = mfa_client(user).get(_case_url(guest_case))
        content = response.content.decode()
        assert response.status_code == 200, user.email
        assert guest_case.patient.pseudonym in content
        assert SENTINEL_NAME not in content and SENTINEL_NATIONAL_ID not in content
    # The colleague at centre A is not on this case: a guest's patient belongs to no centre.
    assert mfa_client(world.colleague).get(_case_url(guest_case)).status_code == 404


def test_the_guest_loses_the_record_when_guest_access_ends(world, guest, guest_case, mfa_client):
    client = mfa_client(guest)
    assert client.get(_case_url(guest_case)).status_code == 200
    profile = guest.clinician_profile
    profile.guest_expires_on = timezone.localdate() - datetime.timedelta(days=1)
    profile.save()
    assert_answer(client.get(_patient_url(guest_case.patient)), LOGIN)
    assert_answer(client.get(_case_url(guest_case)), LOGIN)
    assert not guest.has_perm("referrals.view_patient", guest_case.patient)
    assert not guest.has_perm("referrals.enrol_patient")


def test_experts_of_every_centre_can_be_invited_to_a_guest_case(world, guest_case):
    # A member centre's case excludes that centre's experts; a guest's patient has no centre to exclude.
    eligible = set(eligible_experts(guest_case))
    assert {world.owner, world.colleague, world.panel_member, world.unrelated} <= eligible
